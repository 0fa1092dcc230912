package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestBuildCommand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	var stdout, stderr bytes.Buffer
	code := run([]string{"build", "-s", "../..", "-o", out}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr.String())
	}
	summary := regexp.MustCompile(`^built \d+ articles × 2 variants = \d+ pages in \d+\.\d\ds → .+/\n$`)
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
