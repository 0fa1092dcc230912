package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zhkb/zhkb/internal/sitetest"
)

// TestDraftSection: draft = true in a section's _index.md leaves the
// section and its articles out of a build (and in with Drafts); tags of
// punctuation only get pages of their own instead of replacing the
// all-tags page.
func TestDraftSection(t *testing.T) {
	t.Parallel()
	root := sitetest.Fixture(t, "../..")
	files := map[string]string{
		"content/notes/_index.md": "+++\ntitle = \"笔记\"\ndraft = true\n+++\n",
		"content/notes/first.md":  "+++\ntitle = \"第一篇笔记\"\ntags = [\"...\", \"-\", \"笔记\"]\n+++\n\n正文。\n",
	}
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, _ := build(t, root)
	if _, err := os.Stat(filepath.Join(out, "zh-hans", "notes")); err == nil {
		t.Error("a draft section was published")
	}
	if strings.Contains(read(t, out, "zh-hans/index.html"), "笔记") {
		t.Error("the home page lists a draft section")
	}

	withDrafts := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Root: root, Out: withDrafts, Drafts: true}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(read(t, withDrafts, "zh-hans/notes/first/index.html"), "第一篇笔记") {
		t.Error("with drafts, the draft section's article is missing")
	}
	all := read(t, withDrafts, "zh-hans/tags/index.html")
	for _, tag := range []string{"...", "-", "笔记"} {
		if !strings.Contains(all, `/">`+tag+" ") {
			t.Errorf("the all-tags page lacks tag %q (was it replaced by one tag's page?)", tag)
		}
	}
	if n := strings.Count(all, "/tags/t-"); n < 3 {
		t.Errorf("%d hashed tag links on the all-tags page, want the two punctuation tags and 笔记", n)
	}
}
