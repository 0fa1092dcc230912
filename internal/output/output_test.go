package output

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCommitReplaces(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	os.MkdirAll(filepath.Join(dir, "stale"), 0o755)
	os.WriteFile(filepath.Join(dir, "stale", "old.html"), []byte("old"), 0o644)

	src := filepath.Join(t.TempDir(), "style.css")
	os.WriteFile(src, []byte("body{}"), 0o644)
	s, err := Stage(dir)
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
	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 1 {
		t.Errorf("scratch directories left: %v", entries)
	}
}

func TestDiscardKeepsOld(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "index.html"), []byte("old"), 0o644)
	s, err := Stage(dir)
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
	s, err := Stage(filepath.Join(parent, "public"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(parent, ".public.zhkb-new", "x")); !os.IsNotExist(err) {
		t.Error("a killed build's files were kept")
	}
	s.Discard()
}

func TestAddRejects(t *testing.T) {
	s, err := Stage(filepath.Join(t.TempDir(), "out"))
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
