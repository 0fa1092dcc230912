package main

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/zhkb/zhkb/internal/sitetest"
)

// tree lists the files below dir with their sizes ("" for a missing dir).
func tree(t *testing.T, dir string) string {
	t.Helper()
	var lines []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if !d.IsDir() {
			info, _ := d.Info()
			rel, _ := filepath.Rel(dir, p)
			lines = append(lines, fmt.Sprintf("%s %d", rel, info.Size()))
		}
		return nil
	})
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// TestBuildRefusesForeignOutput runs the real command with -o pointing at
// things a build must never replace: the repository's .git, a source
// folder, a config file, a folder of someone else's files. Each exits 1,
// says why, and leaves every file as it was.
func TestBuildRefusesForeignOutput(t *testing.T) {
	site := sitetest.Fixture(t, "../..")
	mk := func(rel string, files ...string) string {
		for _, f := range files {
			p := filepath.Join(site, rel, f)
			os.MkdirAll(filepath.Dir(p), 0o755)
			os.WriteFile(p, []byte("keep me"), 0o644)
		}
		return filepath.Join(site, rel)
	}
	for _, out := range []string{
		mk(".git", "HEAD", "refs/heads/main"),
		mk("internal", "site/site.go"),
		filepath.Join(site, "config.toml"),
		mk("../elsewhere", "notes.txt", "photos/a.jpg"),
	} {
		before := tree(t, filepath.Dir(site))
		_, stderr, code := runBinary(t, "", "build", "-q", "-s", site, "-o", out)
		if code != 1 || !strings.Contains(stderr, "nothing was written or removed") || !strings.Contains(stderr, filepath.Base(out)) {
			t.Errorf("-o %s: exit %d, stderr:\n%s", out, code, stderr)
		}
		if after := tree(t, filepath.Dir(site)); after != before {
			t.Errorf("-o %s changed files", out)
		}
	}
}

// TestBuildKeepsAddedFiles runs the real command into its own earlier
// output after files were added to it (a Pages checkout's .git, CNAME,
// .well-known/), and into a folder holding an older zhkb's search script
// beside photos: each build exits 1 naming what it would have deleted and
// leaves every file as it was.
func TestBuildKeepsAddedFiles(t *testing.T) {
	site := sitetest.Fixture(t, "../..")
	for _, tc := range []struct {
		name  string
		built bool
		add   []string
		want  string
	}{
		{"pages checkout", true, []string{".git/HEAD", ".git/refs/heads/gh-pages"}, ".git/"},
		{"cname", true, []string{"CNAME"}, "CNAME"},
		{"well-known", true, []string{".well-known/security.txt"}, ".well-known/"},
		{"older zhkb's script beside photos", false, []string{"js/zhkb-search.js", "photos/a.jpg"}, "older zhkb"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "mine")
			if tc.built {
				if _, stderr, code := runBinary(t, "", "build", "-q", "-s", site, "-o", out); code != 0 {
					t.Fatal(stderr)
				}
			}
			for _, f := range tc.add {
				p := filepath.Join(out, filepath.FromSlash(f))
				os.MkdirAll(filepath.Dir(p), 0o755)
				os.WriteFile(p, []byte("keep me"), 0o644)
			}
			before := tree(t, filepath.Dir(out))
			_, stderr, code := runBinary(t, "", "build", "-q", "-s", site, "-o", out)
			if code != 1 || !strings.Contains(stderr, tc.want) || !strings.Contains(stderr, "nothing was written or removed") {
				t.Errorf("exit %d, stderr:\n%s", code, stderr)
			}
			if after := tree(t, filepath.Dir(out)); after != before {
				t.Error("the build changed files")
			}
		})
	}
}

// TestConcurrentBuilds runs two builds of one site into one output at
// once: both succeed, and the output is one whole build, not a mix.
func TestConcurrentBuilds(t *testing.T) {
	site := sitetest.Fixture(t, "../..")
	ref := filepath.Join(t.TempDir(), "ref")
	if _, stderr, code := runBinary(t, "", "build", "-q", "-s", site, "-o", ref); code != 0 {
		t.Fatal(stderr)
	}
	want := tree(t, ref)
	out := filepath.Join(t.TempDir(), "public")
	for round := 0; round < 3; round++ {
		cmds := make([]*exec.Cmd, 3)
		logs := make([]strings.Builder, 3)
		for i := range cmds {
			cmds[i] = exec.Command(binary(t), "build", "-q", "-s", site, "-o", out)
			cmds[i].Stderr = &logs[i]
			if err := cmds[i].Start(); err != nil {
				t.Fatal(err)
			}
		}
		for i, c := range cmds {
			if err := c.Wait(); err != nil {
				t.Errorf("round %d, build %d: %v\n%s", round, i, err, logs[i].String())
			}
		}
		if got := tree(t, out); got != want {
			t.Fatalf("round %d: the output is not one whole build", round)
		}
	}
}

// TestKilledBuilds kills the real command at random moments while it
// replaces an earlier output: at every moment the output is the earlier
// build whole, or the new one whole, or (killed between the swap's two
// renames) missing with the earlier one beside it; and the next build
// always ends with a whole output.
func TestKilledBuilds(t *testing.T) {
	site := sitetest.Fixture(t, "../..")
	out := filepath.Join(t.TempDir(), "public")
	if _, stderr, code := runBinary(t, "", "build", "-q", "-s", site, "-o", out); code != 0 {
		t.Fatal(stderr)
	}
	whole := tree(t, out)
	start := time.Now()
	if _, _, code := runBinary(t, "", "build", "-q", "-s", site, "-o", out); code != 0 {
		t.Fatal("second build failed")
	}
	took := time.Since(start)
	rng := rand.New(rand.NewSource(1))
	kills := 0
	for i := 0; i < 8; i++ {
		cmd := exec.Command(binary(t), "build", "-q", "-s", site, "-o", out)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.Int63n(int64(took) + 1)))
		if cmd.Process.Signal(syscall.SIGKILL) == nil {
			kills++
		}
		cmd.Wait()
		got := tree(t, out)
		old := tree(t, filepath.Join(filepath.Dir(out), ".public.zhkb-old"))
		if got != whole && !(got == "" && old == whole) {
			t.Fatalf("kill %d: the output is neither whole nor recoverable", i)
		}
		if _, stderr, code := runBinary(t, "", "build", "-q", "-s", site, "-o", out); code != 0 || tree(t, out) != whole {
			t.Fatalf("kill %d: the next build: exit %d\n%s", i, code, stderr)
		}
	}
	t.Logf("%d builds killed at random moments in %v", kills, took)

	// Killed between the swap's two renames (a hook in the output package):
	// no output, the earlier one beside it, and the next build puts it back
	// before anything else — even when that build then fails.
	cmd := exec.Command(binary(t), "build", "-q", "-s", site, "-o", out)
	cmd.Env = append(os.Environ(), "ZHKB_TEST_KILL_IN_SWAP=1")
	if err := cmd.Run(); err == nil {
		t.Fatal("the build with the kill hook ended normally")
	}
	if got, old := tree(t, out), tree(t, filepath.Join(filepath.Dir(out), ".public.zhkb-old")); got != "" || old != whole {
		t.Fatalf("killed inside the swap: output %d bytes of listing, aside %v", len(got), old == whole)
	}
	bad := filepath.Join(site, "content", "guide", "bad.md")
	os.WriteFile(bad, []byte("+++\ntitle = 1\n+++\n"), 0o644)
	if _, _, code := runBinary(t, "", "build", "-q", "-s", site, "-o", out); code != 1 || tree(t, out) != whole {
		t.Fatalf("a failing build after the kill: exit %d, output whole %v", code, tree(t, out) == whole)
	}
	os.Remove(bad)
	if _, stderr, code := runBinary(t, "", "build", "-q", "-s", site, "-o", out); code != 0 || tree(t, out) != whole {
		t.Fatalf("the build after: exit %d\n%s", code, stderr)
	}
}

// TestInitThenBuild walks the README's own-site steps with the real
// command: init, new, check, build, bundle, theme -export — each exits 0 and
// does what it says.
func TestInitThenBuild(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "mysite")
	if out, stderr, code := runBinary(t, "", "init", dir); code != 0 || !strings.Contains(out, "zhkb serve -drafts") {
		t.Fatalf("init: exit %d\n%s%s", code, out, stderr)
	}
	if _, stderr, code := runBinary(t, "", "init", dir); code != 1 || !strings.Contains(stderr, "is not empty") {
		t.Errorf("init into a used directory: exit %d\n%s", code, stderr)
	}
	cmd := exec.Command(binary(t), "new", "guide/my-topic")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("new: %v\n%s", err, out)
	}
	for _, args := range [][]string{
		{"check", "-s", dir},
		{"build", "-s", dir},
		{"bundle", "-s", dir},
		{"theme", "-export", dir},
	} {
		if out, stderr, code := runBinary(t, "", args...); code != 0 {
			t.Fatalf("%s: exit %d\n%s%s", args[0], code, out, stderr)
		}
	}
	for _, f := range []string{"public/zh-hant/guide/glossary/index.html", "public/.zhkb-output", "dist/my-knowledge-base-offline.zip",
		"layouts/base.html", "static/css/zhkb.css", "content/guide/my-topic.md", ".github/workflows/pages.yml"} {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(f))); err != nil {
			t.Errorf("after the steps: %v", err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "public/zh-hans/guide/my-topic/index.html")); err == nil {
		t.Error("the draft was published")
	}
	// With the whole theme exported, the site builds as before.
	if _, stderr, code := runBinary(t, "", "build", "-s", dir); code != 0 {
		t.Fatalf("build with the exported theme: exit %d\n%s", code, stderr)
	}
}

// TestReproducibleBuild builds the bundled site twice, as different
// processes in different time zones, and wants the same bytes in every
// file, the output marker, bundles and feeds included; dates in the feed
// are the site's (Asia/Shanghai) days.
func TestReproducibleBuild(t *testing.T) {
	var trees [2]map[string][]byte
	for i, tz := range []string{"UTC", "America/Los_Angeles"} {
		out := filepath.Join(t.TempDir(), "public")
		cmd := exec.Command(binary(t), "build", "-q", "-s", "../..", "-o", out, "-base-url", "https://example.org/kb/")
		cmd.Env = append(os.Environ(), "TZ="+tz)
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("TZ=%s: %v\n%s", tz, err, msg)
		}
		trees[i] = map[string][]byte{}
		err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(p)
			rel, _ := filepath.Rel(out, p)
			trees[i][rel] = b
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(trees[0]) != len(trees[1]) {
		t.Errorf("%d files, then %d", len(trees[0]), len(trees[1]))
	}
	differ := 0
	for name, b := range trees[0] {
		if !bytes.Equal(b, trees[1][name]) {
			if differ++; differ <= 5 {
				t.Errorf("%s differs between the builds", name)
			}
		}
	}
	if _, ok := trees[0][".zhkb-output"]; !ok {
		t.Error("no .zhkb-output marker was compared")
	}
	feed := string(trees[0][filepath.Join("zh-hans", "atom.xml")])
	if !strings.Contains(feed, "<published>2026-11-23T00:00:00+08:00</published>") {
		t.Errorf("the feed does not date pipl.md (date = 2026-11-23) in the site's zone: %.600s", feed)
	}
}

// TestNamedPipesRefused: a named pipe where zhkb reads a file (config,
// glossary, synonyms, a layout) is an error naming it, not a build that
// waits for ever.
func TestNamedPipesRefused(t *testing.T) {
	for _, pipe := range []string{"config.toml", "glossary.toml", "synonyms.toml", "layouts/page.html"} {
		site := t.TempDir()
		files := map[string]string{
			"config.toml":          "title = \"测试\"\n[conversion]\nglossary = \"glossary.toml\"\n[search]\nsynonyms = \"synonyms.toml\"\n",
			"glossary.toml":        "",
			"synonyms.toml":        "",
			"content/guide/a.md":   "+++\ntitle = \"文章\"\n+++\n\n正文。\n",
			"layouts/.placeholder": "",
		}
		for name, text := range files {
			p := filepath.Join(site, filepath.FromSlash(name))
			os.MkdirAll(filepath.Dir(p), 0o755)
			if name == pipe {
				continue
			}
			if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := syscall.Mkfifo(filepath.Join(site, filepath.FromSlash(pipe)), 0o644); err != nil {
			t.Skipf("mkfifo: %v", err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		cmd := exec.CommandContext(ctx, binary(t), "build", "-q", "-s", site, "-o", filepath.Join(t.TempDir(), "out"))
		msg, err := cmd.CombinedOutput()
		hung := ctx.Err() == context.DeadlineExceeded
		cancel()
		if hung {
			t.Errorf("%s as a named pipe: the build hung", pipe)
			continue
		}
		if err == nil || !strings.Contains(string(msg), "named pipe") || !strings.Contains(string(msg), path.Base(pipe)) {
			t.Errorf("%s as a named pipe: %v\n%s", pipe, err, msg)
		}
	}
}

// TestInterruptCleansUp: Ctrl-C (SIGINT) or SIGTERM during a build or a
// bundle leaves no scratch copy of the site in TMPDIR and the previous
// output as it was; the command says it was interrupted (exit 130).
func TestInterruptCleansUp(t *testing.T) {
	interrupted := 0
	// Each command with each signal, at moments through a build's phases.
	runs := []struct {
		delay   time.Duration
		command string
		sig     os.Signal
	}{
		{100, "build", os.Interrupt}, {250, "bundle", syscall.SIGTERM}, {400, "build", syscall.SIGTERM},
		{600, "bundle", os.Interrupt}, {900, "build", os.Interrupt},
	}
	for _, r := range runs {
		delay, sig := r.delay, r.sig
		tmp := t.TempDir()
		out := filepath.Join(t.TempDir(), "public")
		args := []string{r.command, "-q", "-s", "../..", "-o", out}
		cmd := exec.Command(binary(t), args...)
		cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay * time.Millisecond)
		cmd.Process.Signal(sig)
		err := cmd.Wait()
		if x, ok := err.(*exec.ExitError); ok && x.ExitCode() == 130 {
			interrupted++
			if !strings.Contains(stderr.String(), "interrupted") {
				t.Errorf("%s, %v after %d ms: stderr %q", args[0], sig, delay, stderr.String())
			}
			if _, err := os.Stat(out); args[0] == "build" && err == nil {
				t.Errorf("%s, %v after %d ms: an interrupted first build left %s", args[0], sig, delay, out)
			}
		}
		left, _ := os.ReadDir(tmp)
		for _, e := range left {
			t.Errorf("%s, %v after %d ms (%v): left %s in TMPDIR", args[0], sig, delay, err, e.Name())
		}
	}
	t.Logf("%d of %d runs were interrupted", interrupted, len(runs))
	if interrupted == 0 {
		t.Error("no run was interrupted: every one ended before its signal")
	}
}
