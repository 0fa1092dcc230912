package main

import (
	"bytes"
	"encoding/json"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/zhkb/zhkb/internal/sitetest"
)

func TestBuildCommand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	var stdout, stderr bytes.Buffer
	code := run([]string{"build", "-s", "../..", "-o", out}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr.String())
	}
	summary := regexp.MustCompile(`^built \d+ articles in 2 variants, \d+ pages in all, in \d+\.\d\ds → .+/\n$`)
	if !summary.MatchString(stdout.String()) {
		t.Errorf("summary line = %q", stdout.String())
	}
	if _, err := os.Stat(filepath.Join(out, "zh-hant", "index.html")); err != nil {
		t.Error(err)
	}
}

func TestBuildCommandFails(t *testing.T) {
	site := t.TempDir()
	os.WriteFile(filepath.Join(site, "config.toml"), []byte("titel = \"x\"\n"), 0o644)
	var stdout, stderr bytes.Buffer
	code := run([]string{"build", "-s", site, "-o", filepath.Join(t.TempDir(), "out")}, &stdout, &stderr)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if !strings.Contains(stderr.String(), `config.toml:1: unknown key "titel"`) || !strings.Contains(stderr.String(), "previous output was left as it was") {
		t.Errorf("stderr = %q", stderr.String())
	}
	if stdout.Len() != 0 {
		t.Errorf("stdout = %q", stdout.String())
	}
}

func TestUsage(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run(nil, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), "zhkb build") {
		t.Errorf("no args: exit %d, stderr %q", code, stderr.String())
	}
	stderr.Reset()
	if code := run([]string{"biuld"}, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), `unknown command "biuld"`) {
		t.Errorf("typo: exit %d, stderr %q", code, stderr.String())
	}
	stderr.Reset()
	if code := run([]string{"build", "-nope"}, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), "-nope") {
		t.Errorf("bad flag: exit %d, stderr %q", code, stderr.String())
	}
}

func TestBundleCommand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "dist")
	var stdout, stderr bytes.Buffer
	code := run([]string{"bundle", "-s", "../..", "-o", out, "-name", "kb"}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr.String())
	}
	for _, name := range []string{"kb-offline.zip", "kb-zh-hans.html", "kb-zh-hant.html"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Error(err)
		}
		if !strings.Contains(stdout.String(), name) {
			t.Errorf("output does not list %s:\n%s", name, stdout.String())
		}
	}
	stderr.Reset()
	if code := run([]string{"bundle", "-s", "../..", "-o", out, "-name", "../x"}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), `bundle name "../x"`) {
		t.Errorf("bad name: exit %d, stderr %q", code, stderr.String())
	}
}

func TestBuildBaseURLFlag(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "-s", "../..", "-o", out, "-base-url", "https://kb.example.org/guide"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr.String())
	}
	if strings.Contains(stderr.String(), "warning") {
		t.Errorf("warned with a base URL: %s", stderr.String())
	}
	data, err := os.ReadFile(filepath.Join(out, "sitemap.xml"))
	if err != nil || !strings.Contains(string(data), "<loc>https://kb.example.org/guide/zh-hans/</loc>") {
		t.Errorf("sitemap.xml: %v\n%.300s", err, data)
	}
	stderr.Reset()
	if code := run([]string{"build", "-s", "../..", "-o", out, "-base-url", "kb.example.org"}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), `"kb.example.org" is not an absolute`) {
		t.Errorf("bad base URL: exit %d, stderr %q", code, stderr.String())
	}
}

// TestEditorCommands runs new, import and check as an editor would, on a
// copy of the test site.
func TestEditorCommands(t *testing.T) {
	root := sitetest.Fixture(t, "../..")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"new", "-s", root, "guide/report-to-police"}, &stdout, &stderr); code != 0 || !strings.Contains(stdout.String(), "report-to-police.md") {
		t.Fatalf("new: exit %d, %s%s", code, stdout.String(), stderr.String())
	}
	if code := run([]string{"new", "-s", root, "guide/report-to-police"}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "does not overwrite") {
		t.Errorf("new twice: exit %d, %s", code, stderr.String())
	}
	scraped := filepath.Join(t.TempDir(), "wangdai.txt")
	data, _ := os.ReadFile("../../internal/importer/testdata/scraped.txt")
	os.WriteFile(scraped, data, 0o644)
	stdout.Reset()
	if code := run([]string{"import", "-s", root, "-o", filepath.Join(root, "content", "guide"), scraped}, &stdout, &stderr); code != 0 || !strings.Contains(stdout.String(), "removed 5 pinyin annotation(s)") {
		t.Fatalf("import: exit %d, %s%s", code, stdout.String(), stderr.String())
	}
	draft, err := os.ReadFile(filepath.Join(root, "content", "guide", "wangdai.md"))
	if err != nil || !strings.Contains(string(draft), "随着网络借贷的普及") {
		t.Errorf("imported draft: %v\n%s", err, draft)
	}

	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"check", "-s", root}, &stdout, &stderr); code != 0 {
		t.Errorf("check: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	if strings.Contains(stdout.String(), "wangdai.md") || !strings.Contains(stdout.String(), "report-to-police.md:3: warning: no description") {
		t.Errorf("check output:\n%s", stdout.String())
	}
	os.WriteFile(filepath.Join(root, "content", "guide", "bad.md"), []byte("+++\ntitle = \"坏\"\n+++\n\n[链接](nope.md)\n"), 0o644)
	stdout.Reset()
	if code := run([]string{"check", "-s", root, "-format", "json"}, &stdout, &stderr); code != 1 {
		t.Errorf("check with an error: exit %d", code)
	}
	var findings []struct {
		File, Severity, Message string
		Line                    int
	}
	if err := json.Unmarshal(stdout.Bytes(), &findings); err != nil {
		t.Fatalf("check -format json: %v\n%s", err, stdout.String())
	}
	found := false
	for _, f := range findings {
		found = found || (f.File == "content/guide/bad.md" && f.Line == 5 && f.Severity == "error" && strings.Contains(f.Message, "nope.md"))
	}
	if !found {
		t.Errorf("json findings lack the broken link: %+v", findings)
	}
}

// TestProgressInLogs checks that a long build writing to a log (not a
// terminal) prints a plain progress line every 10 seconds, and none with -q.
func TestProgressInLogs(t *testing.T) {
	var log bytes.Buffer
	p := newProgress(&log, false)
	p.update(10, 100) // the first 10 seconds: nothing
	p.start = p.start.Add(-11 * time.Second)
	p.update(20, 100)
	p.update(30, 100) // within 10 s of the last line
	p.clear()
	if log.String() != "rendering 20/100 pages (11 s)\n" {
		t.Errorf("log = %q", log.String())
	}
	var quiet bytes.Buffer
	q := newProgress(&quiet, true)
	q.start = q.start.Add(-time.Minute)
	q.update(1, 2)
	if quiet.Len() != 0 {
		t.Errorf("-q printed %q", quiet.String())
	}
}

// TestInitWorkflowInstallsItself: the deploy workflow zhkb init writes
// installs the module and version the binary's build information names
// (go version -m), or, where that cannot be pinned, fails with a comment.
func TestInitWorkflowInstallsItself(t *testing.T) {
	bin := binary(t)
	out, err := exec.Command("go", "version", "-m", bin).Output()
	if err != nil {
		t.Skipf("go version -m: %v", err)
	}
	var module, version string
	for _, line := range strings.Split(string(out), "\n") {
		if f := strings.Fields(line); len(f) >= 3 && f[0] == "mod" {
			module, version = f[1], f[2]
		}
	}
	if module != "github.com/zhkb/zhkb" {
		t.Fatalf("go version -m names module %q:\n%s", module, out)
	}
	dir := filepath.Join(t.TempDir(), "site")
	if _, stderr, code := runBinary(t, "", "init", dir); code != 0 {
		t.Fatalf("zhkb init: exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(dir, ".github", "workflows", "pages.yml"))
	if err != nil {
		t.Fatal(err)
	}
	wf := string(b)
	goVersion := strings.Split(strings.TrimPrefix(strings.Fields(string(out))[1], "go"), ".")
	if line := goVersion[0] + "." + goVersion[1] + ".x"; !strings.Contains(wf, `go-version: "`+line+`"`) {
		t.Errorf("workflow does not set up Go %s, the line of the Go that built the binary:\n%s", line, wf)
	}
	revision := ""
	if m := regexp.MustCompile(`(?m)^\s*build\s+vcs\.revision=([0-9a-f]{12})`).FindStringSubmatch(string(out)); m != nil && strings.Contains(string(out), "vcs.modified=false") {
		revision = m[1]
	}
	switch {
	case strings.HasPrefix(version, "v") && !strings.Contains(version, "+"):
		if !strings.Contains(wf, "run: go install "+module+"/cmd/zhkb@"+version+"\n") {
			t.Errorf("built as %s %s, the workflow installs something else:\n%s", module, version, wf)
		}
	case revision != "":
		if !strings.Contains(wf, "run: go install "+module+"/cmd/zhkb@"+revision+"\n") {
			t.Errorf("built from commit %s, the workflow installs something else:\n%s", revision, wf)
		}
	default:
		if !strings.Contains(wf, "exit 1") || strings.Contains(wf, "go install "+module) && !strings.Contains(wf, "#   run: go install") {
			t.Errorf("built as %s %s, which cannot be pinned, the workflow does not stop with a comment:\n%s", module, version, wf)
		}
	}
	if strings.Contains(wf, "@latest") {
		t.Error("the workflow installs @latest")
	}
}

// TestCLIHabits: help for each command on stdout with exit 0, suggestions
// for mistyped commands and flags, zhkb version, and -q that silences
// warnings.
func TestCLIHabits(t *testing.T) {
	for _, tt := range []struct {
		args       []string
		code       int
		out, err   string
		notOut     string
		notErrText string
	}{
		{args: []string{"help", "build"}, code: 0, out: "-base-url"},
		{args: []string{"build", "-h"}, code: 0, out: "-base-url"},
		{args: []string{"serve", "-help"}, code: 0, out: "-addr"},
		{args: []string{"convert", "-h"}, code: 0, out: "usage: zhkb convert"},
		{args: []string{"init", "-h"}, code: 0, out: "usage: zhkb init"},
		{args: []string{"help"}, code: 0, out: "zhkb help COMMAND"},
		{args: []string{"help", "biuld"}, code: 2, err: "did you mean zhkb help build?"},
		{args: []string{"biuld"}, code: 2, err: "did you mean zhkb build?"},
		{args: []string{"sevre"}, code: 2, err: "did you mean zhkb serve?"},
		{args: []string{"xyzzy"}, code: 2, err: `unknown command "xyzzy"`, notErrText: "did you mean"},
		{args: []string{"build", "-draft"}, code: 2, err: "flag provided but not defined: -draft; did you mean -drafts?"},
		{args: []string{"serve", "-adr", "x"}, code: 2, err: "did you mean -addr?"},
		{args: []string{"version"}, code: 0, out: "zhkb github.com/zhkb/zhkb"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(tt.args, &stdout, &stderr)
		if code != tt.code || !strings.Contains(stdout.String(), tt.out) || !strings.Contains(stderr.String(), tt.err) ||
			(tt.notErrText != "" && strings.Contains(stderr.String(), tt.notErrText)) {
			t.Errorf("zhkb %s: exit %d (want %d)\nstdout %q (want %q)\nstderr %q (want %q)", strings.Join(tt.args, " "), code, tt.code, stdout.String(), tt.out, stderr.String(), tt.err)
		}
	}
	// -q: no warning (the test site has no baseURL), no summary.
	var stdout, stderr bytes.Buffer
	site := sitetest.Fixture(t, "../..")
	if code := run([]string{"build", "-q", "-s", site, "-o", filepath.Join(t.TempDir(), "p")}, &stdout, &stderr); code != 0 || stdout.Len()+stderr.Len() != 0 {
		t.Errorf("build -q: exit %d, printed %q %q", code, stdout.String(), stderr.String())
	}
	stdout.Reset()
	if code := run([]string{"build", "-s", site, "-o", filepath.Join(t.TempDir(), "p")}, &stdout, &stderr); code != 0 || !strings.Contains(stderr.String(), "baseURL is not set") {
		t.Errorf("build without -q: exit %d, stderr %q (want the baseURL warning)", code, stderr.String())
	}
	// Outside a site, the message says where zhkb looked and what to do.
	stderr.Reset()
	empty := t.TempDir()
	if code := run([]string{"build", "-s", empty}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "is not a zhkb site") || !strings.Contains(stderr.String(), "zhkb init") || !strings.Contains(stderr.String(), "-s DIR") {
		t.Errorf("outside a site: exit %d, stderr %q", code, stderr.String())
	}
}

// TestServeBusyPort: a taken port is named, with what to do.
func TestServeBusyPort(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	var stdout, stderr bytes.Buffer
	code := run([]string{"serve", "-s", "../..", "-addr", l.Addr().String()}, &stdout, &stderr)
	if code != 1 || !strings.Contains(stderr.String(), l.Addr().String()+" is taken") || !strings.Contains(stderr.String(), "-addr 127.0.0.1:") {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
}
