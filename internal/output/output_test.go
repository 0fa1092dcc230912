package output

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestCommitReplaces(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	os.MkdirAll(filepath.Join(dir, "stale"), 0o755)
	os.WriteFile(filepath.Join(dir, "stale", "old.html"), []byte("old"), 0o644)

	src := filepath.Join(t.TempDir(), "style.css")
	os.WriteFile(src, []byte("body{}"), 0o644)
	tree := NewTree()
	if err := tree.Add("a/b/index.html", []byte("<p>新</p>")); err != nil {
		t.Fatal(err)
	}
	if err := tree.Copy("css/style.css", src); err != nil {
		t.Fatal(err)
	}
	if err := tree.Commit(dir); err != nil {
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

func TestCommitFailureKeepsOld(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "index.html"), []byte("old"), 0o644)
	tree := NewTree()
	tree.Add("index.html", []byte("new"))
	tree.Copy("missing.css", filepath.Join(t.TempDir(), "does-not-exist"))
	if err := tree.Commit(dir); err == nil {
		t.Fatal("commit with a missing source succeeded")
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "index.html")); string(data) != "old" {
		t.Errorf("old output changed: %q", data)
	}
	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 1 {
		t.Errorf("scratch directories left: %v", entries)
	}
}

func TestAddRejects(t *testing.T) {
	tree := NewTree()
	tree.Add("x.html", nil)
	if err := tree.Add("x.html", nil); !errors.Is(err, ErrDuplicate) {
		t.Errorf("duplicate: %v", err)
	}
	for _, bad := range []string{"", "/abs", "../up", "a/../../b"} {
		if err := tree.Add(bad, nil); err == nil {
			t.Errorf("Add(%q) accepted", bad)
		}
	}
}
