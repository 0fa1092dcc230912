package site

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/zhkb/zhkb/internal/output"
)

// sameTree reports how two builds differ, or "".
func sameTree(a, b *output.Memory) string { return sameTreeBut(a, b, "") }

// sameTreeBut is sameTree, leaving out paths that hold skip (if not "").
func sameTreeBut(a, b *output.Memory, skip string) string {
	keep := func(paths []string) []string {
		var out []string
		for _, p := range paths {
			if skip == "" || !strings.Contains(p, skip) {
				out = append(out, p)
			}
		}
		return out
	}
	pa, pb := keep(a.Paths()), keep(b.Paths())
	if strings.Join(pa, "\n") != strings.Join(pb, "\n") {
		return "different files"
	}
	for _, p := range pa {
		x, _ := a.File(p)
		y, _ := b.File(p)
		if string(x) != string(y) {
			return p + " differs"
		}
	}
	return ""
}

// TestPreviewUpdate checks the quick update against full builds: after an
// edit of an article's text, the preview must hold exactly what a full
// build of the edited site gives, having made only that article's pages
// and the search index; other edits build the whole site.
func TestPreviewUpdate(t *testing.T) {
	t.Parallel()
	root := fixture(t)
	// With a base URL, so that the feeds (which hold the articles' text) are
	// part of the comparison.
	writeFile(t, root, "config.toml", "baseURL = \"https://kb.example.org/\"\n"+read(t, root, "config.toml"))
	opts := Options{Root: root, Drafts: true}
	p := NewPreview(opts)
	if _, _, full, err := p.Update(nil); err != nil || !full {
		t.Fatalf("first build: full %v, %v", full, err)
	}
	file := filepath.Join(root, "content", "guide", "code.md")
	src := read(t, root, "content/guide/code.md")
	fullBuild := func() *output.Memory {
		t.Helper()
		tree, _, err := BuildMemory(opts)
		if err != nil {
			t.Fatal(err)
		}
		return tree
	}
	for _, tt := range []struct {
		name, edit string
		full       bool
	}{
		{"text", strings.Replace(src, "正文。", "改过的正文，另有一个新词：晨曦。", 1), false},
		{"a paragraph and a link", src + "\n新的一段，见[法律](../laws/law.md)。\n", false},
		{"a heading", src + "\n## 新的一节\n", true},
		{"front matter", strings.Replace(src, `title = "代码与网址"`, `title = "代码"`, 1), true},
		{"back", src, true}, // the title changes back
	} {
		t.Run(tt.name, func(t *testing.T) {
			writeFile(t, root, "content/guide/code.md", tt.edit)
			tree, st, full, err := p.Update([]string{file})
			if err != nil {
				t.Fatal(err)
			}
			if (st.Later != nil) == full {
				t.Errorf("full build %v, search index later %v", full, st.Later != nil)
			}
			if st.Later != nil {
				// The page is new at once; the search index comes after.
				want := fullBuild()
				if d := sameTreeBut(tree, want, "/search/"); d != "" {
					t.Errorf("before Later, the tree differs from a full build outside the search index: %s", d)
				}
				if sameTree(tree, want) == "" {
					t.Errorf("before Later, the tree already has the new search index")
				}
				if tree, err = st.Later(); err != nil {
					t.Fatal(err)
				}
			}
			if full != tt.full {
				t.Errorf("full build %v, want %v", full, tt.full)
			}
			if !full && st.Pages != 3 { // the article in three variants
				t.Errorf("quick update rendered %d pages", st.Pages)
			}
			if d := sameTree(tree, fullBuild()); d != "" {
				t.Errorf("the preview differs from a full build: %s", d)
			}
		})
	}
	// A hand-written version: adding it builds the site, editing its text
	// does not.
	hk := filepath.Join(root, "content", "guide", "code.zh-hk.md")
	hw := "+++\ntitle = \"代碼與網址（香港）\"\n+++\n\n香港版正文。\n\n## 第十三條\n\n## 第二節\n\n### 小節\n\n正文。\n"
	writeFile(t, root, "content/guide/code.zh-hk.md", hw)
	if _, _, full, err := p.Update([]string{hk}); err != nil || !full {
		t.Errorf("new hand-written file: full %v, %v", full, err)
	}
	writeFile(t, root, "content/guide/code.zh-hk.md", strings.Replace(hw, "香港版正文。", "香港版正文，改過了。", 1))
	_, st, full, err := p.Update([]string{hk})
	if err != nil || full || st.Pages != 3 || st.Later == nil {
		t.Fatalf("edited hand-written file: full %v, %d pages, %v", full, st.Pages, err)
	}
	tree, err := st.Later()
	if err != nil {
		t.Fatal(err)
	}
	if d := sameTree(tree, fullBuild()); d != "" {
		t.Errorf("after editing the hand-written file the preview differs from a full build: %s", d)
	}
	// A change elsewhere builds everything; an error keeps the last build
	// and the next update is a full one.
	if _, _, full, err := p.Update([]string{filepath.Join(root, "config.toml")}); err != nil || !full {
		t.Errorf("config change: full %v, %v", full, err)
	}
	writeFile(t, root, "content/guide/code.md", src+"\n[坏链](nope.md)\n")
	if _, _, _, err := p.Update([]string{file}); err == nil || !strings.Contains(err.Error(), "nope.md") {
		t.Errorf("broken link: %v", err)
	}
	writeFile(t, root, "content/guide/code.md", src)
	if tree, _, full, err := p.Update([]string{file}); err != nil || !full || sameTree(tree, fullBuild()) != "" {
		t.Errorf("after an error: full %v, %v", full, err)
	}
}
