package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestCommitReplaces(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	os.MkdirAll(filepath.Join(dir, "stale"), 0o755)
	os.WriteFile(filepath.Join(dir, "stale", "old.html"), []byte("old"), 0o644)
	markAsBuilt(t, dir)

	src := filepath.Join(t.TempDir(), "style.css")
	os.WriteFile(src, []byte("body{}"), 0o644)
	s, err := Stage(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Add("a/b/index.html", []byte("<p>新</p>")); err != nil {
		t.Fatal(err)
	}
	if err := s.Copy("css/style.css", src); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "stale", "old.html")); err != nil {
		t.Error("the old output changed before Commit")
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "a/b/index.html")); string(data) != "<p>新</p>" {
		t.Errorf("page = %q", data)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "css/style.css")); string(data) != "body{}" {
		t.Errorf("copied file = %q", data)
	}
	if _, err := os.Stat(filepath.Join(dir, "stale")); !os.IsNotExist(err) {
		t.Error("old output survived")
	}
	if _, err := os.Stat(filepath.Join(dir, Marker)); err != nil {
		t.Errorf("the new output has no %s: %v", Marker, err)
	}
	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 1 {
		t.Errorf("scratch directories left: %v", entries)
	}
}

func TestDiscardKeepsOld(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "index.html"), []byte("old"), 0o644)
	markAsBuilt(t, dir)
	s, err := Stage(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Add("index.html", []byte("new"))
	if err := s.Copy("missing.css", filepath.Join(t.TempDir(), "does-not-exist")); err == nil {
		t.Fatal("copy of a missing file succeeded")
	}
	s.Discard()
	if data, _ := os.ReadFile(filepath.Join(dir, "index.html")); string(data) != "old" {
		t.Errorf("old output changed: %q", data)
	}
	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 1 {
		t.Errorf("scratch directories left: %v", entries)
	}
}

func TestStageClearsLeftovers(t *testing.T) {
	parent := t.TempDir()
	os.MkdirAll(filepath.Join(parent, ".public.zhkb-new", "x"), 0o755)
	s, err := Stage(filepath.Join(parent, "public"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(parent, ".public.zhkb-new", "x")); !os.IsNotExist(err) {
		t.Error("a killed build's files were kept")
	}
	s.Discard()
}

func TestAddRejects(t *testing.T) {
	s, err := Stage(filepath.Join(t.TempDir(), "out"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Discard()
	s.Add("x.html", nil)
	if err := s.Add("x.html", nil); !errors.Is(err, ErrDuplicate) {
		t.Errorf("duplicate: %v", err)
	}
	for _, bad := range []string{"", "/abs", "../up", "a/../../b"} {
		if err := s.Add(bad, nil); err == nil {
			t.Errorf("Add(%q) accepted", bad)
		}
	}
}

func TestMemory(t *testing.T) {
	m := NewMemory()
	if err := m.Add("a/index.html", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := m.Add("a/index.html", []byte("y")); !errors.Is(err, ErrDuplicate) {
		t.Errorf("duplicate: %v", err)
	}
	for _, bad := range []string{"", "/etc/passwd", "a/../../x"} {
		if err := m.Add(bad, nil); err == nil {
			t.Errorf("path %q accepted", bad)
		}
	}
	src := filepath.Join(t.TempDir(), "s.css")
	os.WriteFile(src, []byte("body{}"), 0o644)
	if err := m.Copy("css/s.css", src); err != nil {
		t.Fatal(err)
	}
	if data, ok := m.File("css/s.css"); !ok || string(data) != "body{}" {
		t.Errorf("copied file: %q %v", data, ok)
	}
	if got := strings.Join(m.Paths(), " "); got != "a/index.html css/s.css" {
		t.Errorf("paths %s", got)
	}
}

func TestMemoryWith(t *testing.T) {
	m := NewMemory()
	m.Add("a.css", []byte("old"))
	m.Add("b.css", []byte("b"))
	c, err := m.With("a.css", []byte("new"))
	if err != nil {
		t.Fatal(err)
	}
	if d, _ := m.File("a.css"); string(d) != "old" {
		t.Error("With changed the original tree")
	}
	if d, _ := c.File("a.css"); string(d) != "new" {
		t.Errorf("copy has %q", d)
	}
	if c, _ = c.With("b.css", nil); len(c.Paths()) != 1 {
		t.Errorf("removing: %v", c.Paths())
	}
	if _, err := m.With("../x", []byte("x")); err == nil {
		t.Error("a path leaving the tree was accepted")
	}
}

// TestStageRefusesOthersFiles checks that a build never replaces what zhkb
// did not write: a directory with other files (a repository, sources), a
// file, a symbolic link; and that it takes an empty directory and its own
// output.
func TestStageRefusesOthersFiles(t *testing.T) {
	root := t.TempDir()
	mk := func(name string, files ...string) string {
		dir := filepath.Join(root, name)
		os.MkdirAll(dir, 0o755)
		for _, f := range files {
			p := filepath.Join(dir, filepath.FromSlash(f))
			os.MkdirAll(filepath.Dir(p), 0o755)
			os.WriteFile(p, []byte("mine"), 0o644)
		}
		return dir
	}
	file := filepath.Join(root, "config.toml")
	os.WriteFile(file, []byte("title = 1"), 0o644)
	link := filepath.Join(root, "link")
	os.Symlink(mk("target", Marker), link)
	for _, dir := range []string{mk(".git", "HEAD", "objects/ab/cd"), mk("internal", "site/site.go"), mk("docs", "index.html"), file, link} {
		before := snapshot(t, root)
		s, err := Stage(dir, nil)
		if !errors.Is(err, ErrNotOurs) {
			if err == nil {
				s.Discard()
			}
			t.Errorf("Stage(%s) = %v, want ErrNotOurs", dir, err)
			continue
		}
		if !strings.Contains(err.Error(), dir) {
			t.Errorf("the error does not name %s: %v", dir, err)
		}
		if after := snapshot(t, root); after != before {
			t.Errorf("Stage(%s) changed files:\nbefore %s\nafter  %s", dir, before, after)
		}
	}
	for _, dir := range []string{mk("empty"), built(t, root, "ours"), filepath.Join(root, "new")} {
		s, err := Stage(dir, nil)
		if err != nil {
			t.Errorf("Stage(%s): %v", dir, err)
			continue
		}
		s.Add("index.html", []byte("new"))
		if err := s.Commit(); err != nil {
			t.Error(err)
		}
	}
}

// built returns the directory root/name holding a finished build's output:
// index.html, js/search.js and a zh-hans folder.
func built(t *testing.T, root, name string) string {
	t.Helper()
	dir := filepath.Join(root, name)
	s, err := Stage(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"index.html", "js/search.js", "zh-hans/index.html", "zh-hans/steps/a/index.html"} {
		s.Add(p, []byte(p))
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestStageKeepsAddedFiles checks that a build never replaces its own
// earlier output once somebody has added files to it (a Pages checkout's
// .git, CNAME, .well-known/, photos beside the pages), nor an output of an
// older zhkb that did not list its files; the error names what was added.
func TestStageKeepsAddedFiles(t *testing.T) {
	for _, tc := range []struct {
		name  string
		added []string
		want  string
	}{
		{"git checkout", []string{".git/HEAD", ".git/refs/heads/main"}, ".git/"},
		{"cname", []string{"CNAME"}, "CNAME"},
		{"well-known", []string{".well-known/security.txt"}, ".well-known/"},
		{"file in a page folder", []string{"zh-hans/steps/a/photo.jpg"}, "zh-hans/steps/a/photo.jpg"},
		{"empty folder", []string{"drafts/"}, "drafts/"},
		{"older zhkb", []string{"!legacy"}, "older zhkb"},
		{"older zhkb, no marker", []string{"!nomarker", "photos/a.jpg"}, "older zhkb"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			dir := built(t, root, "public")
			for _, f := range tc.added {
				switch {
				case f == "!legacy":
					os.WriteFile(filepath.Join(dir, Marker), []byte("This directory was written by zhkb build (process 42); the next build replaces it whole.\n"), 0o644)
				case f == "!nomarker":
					os.Remove(filepath.Join(dir, Marker))
					os.MkdirAll(filepath.Join(dir, "js"), 0o755)
					os.WriteFile(filepath.Join(dir, "js", "zhkb-search.js"), nil, 0o644)
				case strings.HasSuffix(f, "/"):
					os.MkdirAll(filepath.Join(dir, f), 0o755)
				default:
					p := filepath.Join(dir, filepath.FromSlash(f))
					os.MkdirAll(filepath.Dir(p), 0o755)
					os.WriteFile(p, []byte("mine"), 0o644)
				}
			}
			before := snapshot(t, root)
			s, err := Stage(dir, nil)
			if !errors.Is(err, ErrNotOurs) {
				if err == nil {
					s.Discard()
				}
				t.Fatalf("Stage = %v, want ErrNotOurs", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("the error does not name %s: %v", tc.want, err)
			}
			if after := snapshot(t, root); after != before {
				t.Errorf("Stage changed files:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}

// TestMarkerListsFiles checks that a finished output's marker lists the
// files written and nothing that varies between builds (no process ID).
func TestMarkerListsFiles(t *testing.T) {
	a := built(t, t.TempDir(), "public")
	b := built(t, t.TempDir(), "public")
	ma, _ := os.ReadFile(filepath.Join(a, Marker))
	mb, _ := os.ReadFile(filepath.Join(b, Marker))
	if string(ma) != string(mb) {
		t.Errorf("two builds wrote different markers:\n%s\n%s", ma, mb)
	}
	if !strings.Contains(string(ma), "\nzh-hans/steps/a/index.html\n") {
		t.Errorf("the marker does not list a file written:\n%s", ma)
	}
}

// markAsBuilt writes a marker in dir listing every file it holds, as a
// build's Commit does.
func markAsBuilt(t *testing.T, dir string) {
	t.Helper()
	mark := markerHead + "\n"
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			mark += filepath.ToSlash(rel) + "\n"
		}
		return nil
	})
	if err := os.WriteFile(filepath.Join(dir, Marker), []byte(mark), 0o644); err != nil {
		t.Fatal(err)
	}
}

// snapshot lists the files below root with their sizes.
func snapshot(t *testing.T, root string) string {
	var b strings.Builder
	filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if err == nil {
			fmt.Fprintf(&b, "%s:%d ", p, info.Size())
		}
		return nil
	})
	return b.String()
}

// TestStageRecovers checks the start of a build after one was killed
// between Commit's two renames: the old output is put back, then replaced.
func TestStageRecovers(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	s, err := Stage(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Add("index.html", []byte("first"))
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	// A second build "killed" after moving the first output aside.
	s, err = Stage(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Add("index.html", []byte("second"))
	afterMoveAside = func() { panic("killed") }
	func() {
		defer func() { recover() }()
		s.Commit()
	}()
	afterMoveAside = nil
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("the kill left %s: %v", dir, err)
	}
	// Recover, which every build calls first, puts it back too.
	if err := Recover(dir); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "index.html")); string(data) != "first" {
		t.Fatalf("output after Recover: %q", data)
	}
	s, err = Stage(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	afterMoveAside = func() { panic("killed") }
	func() {
		defer func() { recover() }()
		s.Commit()
	}()
	afterMoveAside = nil
	// Killed again the same way: the next build puts the first output back before anything else: a
	// build that then fails leaves it in place.
	s, err = Stage(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "index.html")); string(data) != "first" {
		t.Errorf("output after recovery: %q", data)
	}
	s.Discard()
	if data, _ := os.ReadFile(filepath.Join(dir, "index.html")); string(data) != "first" {
		t.Errorf("output after a failed build: %q", data)
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 {
		t.Errorf("left beside the output: %v", entries)
	}
}

// TestStageTakesTurns checks that a second build of the same output waits
// for the first, knows its process, and neither deletes the other's files.
func TestStageTakesTurns(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	first, err := Stage(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	first.Add("a.html", []byte("first"))
	waited := make(chan int, 1)
	done := make(chan error, 1)
	go func() {
		second, err := Stage(dir, func(pid int) { waited <- pid })
		if err == nil {
			second.Add("b.html", []byte("second"))
			err = second.Commit()
		}
		done <- err
	}()
	select {
	case pid := <-waited:
		if pid != os.Getpid() {
			t.Errorf("the waiting build names process %d, want %d", pid, os.Getpid())
		}
	case err := <-done:
		t.Fatalf("the second build did not wait: %v", err)
	case <-time.After(5 * time.Second):
		t.Fatal("the second build neither waited nor finished")
	}
	first.Add("c.html", []byte("first"))
	if err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "b.html")); err != nil {
		t.Errorf("the second build's output is not in place: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "a.html")); !os.IsNotExist(err) {
		t.Errorf("the first build's output was mixed into the second's: %v", err)
	}
}
