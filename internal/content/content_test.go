package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writeTree creates files (path → contents) under a new temporary directory
// and returns the path of its content/ folder.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, body := range files {
		p := filepath.Join(root, "content", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(root, "content")
}

func TestLoad(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"_index.md":          "+++\ntitle = \"首页\"\n+++\n欢迎。\n",
		"laws/_index.md":     "+++\ntitle = \"法律\"\nweight = 2\n+++\n",
		"laws/pipl.md":       "+++\ntitle = \"个人信息保护法\"\ndate = 2024-05-01\nlastmod = \"2024-06-01\"\ntags = [\"隐私\", \" \"]\nweight = 1\n[params]\nsource = \"x\"\n+++\n\n正文\n",
		"laws/civil.md":      "+++\ntitle = \"民法典\"\nslug = \"Civil-Code\"\n+++\n正文\n",
		"laws/draft.md":      "+++\ntitle = \"草稿\"\ndraft = true\n+++\n",
		"faq/_index.md":      "+++\ntitle = \"问答\"\nweight = 1\n+++\n",
		"faq/a.md":           "+++\ntitle = \"乙\"\n+++\n", // 乙 (U+4E59) sorts before 甲 (U+7532)
		"faq/b.md":           "+++\ntitle = \"甲\"\n+++\n",
		"faq/.hidden.md":     "not front matter",
		"faq/notes.txt":      "ignored",
		"glossary/term.md":   "+++\ntitle = \"术语\"\n+++\n",
		".drafts/ignored.md": "nothing",
	})
	site, err := Load(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range site.Sections {
		names = append(names, s.Name)
	}
	if got := strings.Join(names, ","); got != "faq,laws,glossary" {
		t.Errorf("section order = %s, want faq,laws,glossary (weighted first)", got)
	}
	var urls []string
	for _, p := range site.Pages {
		urls = append(urls, p.URL())
	}
	if got := strings.Join(urls, " "); got != "faq/a/ faq/b/ laws/pipl/ laws/civil-code/ glossary/term/" {
		t.Errorf("page URLs = %s", got)
	}
	p := site.Lookup("content/laws/pipl.md").Article()
	if !p.Front.Date.Equal(time.Date(2024, 5, 1, 0, 0, 0, 0, p.Front.Date.Location())) || p.Front.Lastmod.Format("2006-01-02") != "2024-06-01" {
		t.Errorf("dates = %v, %v", p.Front.Date, p.Front.Lastmod)
	}
	if len(p.Front.Tags) != 1 || p.Front.Tags[0] != "隐私" {
		t.Errorf("tags = %q (blank tags should be dropped)", p.Front.Tags)
	}
	if p.Front.Params["source"] != "x" {
		t.Errorf("params = %v", p.Front.Params)
	}
	if p.Line != 10 || strings.TrimSpace(string(p.Body)) != "正文" {
		t.Errorf("body starts on line %d with %q", p.Line, p.Body)
	}
	if site.Home == nil || site.Home.Front.Title != "首页" {
		t.Errorf("home = %+v", site.Home)
	}
	if site.Lookup("content/laws/draft.md") != nil {
		t.Error("draft was loaded without Drafts")
	}
	withDrafts, err := Load(dir, Options{Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	if withDrafts.Lookup("content/laws/draft.md") == nil {
		t.Error("draft missing with Drafts")
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"front matter syntax", map[string]string{"a/x.md": "+++\ntitle = \"x\"\ndate = 2024-13-45\n+++\n"},
			[]string{"content/a/x.md:3:", "invalid TOML"}},
		{"unknown key lists allowed keys", map[string]string{"a/x.md": "+++\ntitle = \"x\"\ntag = [\"a\"]\n+++\n"},
			[]string{"content/a/x.md:3:", `unknown key "tag"`, "aliases, categories, checked, date, description, draft, glossary, keywords, lastmod, law, params, slug, tags, title, toc, weight"}},
		{"missing title", map[string]string{"a/x.md": "+++\ndescription = \"x\"\n+++\n"},
			[]string{"content/a/x.md:1:", "title is required"}},
		{"bad date string", map[string]string{"a/x.md": "+++\ntitle = \"x\"\n\ndate = \"下周一\"\n+++\n"},
			[]string{"content/a/x.md:4:", "bad date", "下周一"}},
		{"date of wrong type", map[string]string{"a/x.md": "+++\ntitle = \"x\"\nlastmod = 20240501\n+++\n"},
			[]string{"content/a/x.md:3:", "bad lastmod"}},
		{"glossary entry of the wrong type", map[string]string{"a/x.md": "+++\ntitle = \"x\"\n[glossary]\n\"权限\" = { zh-Hant = \"權限\" }\n\"词\" = 5\n+++\n"},
			[]string{"content/a/x.md:5:", `"词" = a number: an entry must be a table of texts`}},
		{"alias climbing out", map[string]string{"a/x.md": "+++\ntitle = \"x\"\naliases = [\"ok/page\", \"../../etc\"]\n+++\n"},
			[]string{"content/a/x.md:3:", `alias "../../etc" has a ".." segment`}},
		{"alias encoded", map[string]string{"a/x.md": "+++\ntitle = \"x\"\naliases = [\"a/%2E%2E/b\"]\n+++\n"},
			[]string{"content/a/x.md:3:", `has a ".." segment`}},
		{"alias absolute", map[string]string{"a/x.md": "+++\ntitle = \"x\"\naliases = [\"/old/\"]\n+++\n"},
			[]string{"content/a/x.md:3:", "starts with /"}},
		{"alias with NUL", map[string]string{"a/x.md": "+++\ntitle = \"x\"\naliases = [\"a\\u0000b\"]\n+++\n"},
			[]string{"content/a/x.md:3:", "control character"}},
		{"no front matter", map[string]string{"a/x.md": "# 标题\n"},
			[]string{"content/a/x.md:1:", "missing front matter", "+++"}},
		{"yaml front matter", map[string]string{"a/x.md": "---\ntitle: x\n---\n"},
			[]string{"content/a/x.md:1:", "---", "TOML"}},
		{"unclosed front matter", map[string]string{"a/x.md": "+++\ntitle = \"x\"\n"},
			[]string{"content/a/x.md:1:", "not closed"}},
		{"invalid UTF-8", map[string]string{"a/x.md": "+++\ntitle = \"x\"\n+++\n好\xff\xfe\n"},
			[]string{"content/a/x.md:4:2:", "invalid UTF-8"}},
		{"non-ASCII file name", map[string]string{"a/个人信息.md": "+++\ntitle = \"x\"\n+++\n"},
			[]string{"content/a/个人信息.md:1:", "cannot be used as a URL", `slug = `}},
		{"bad slug", map[string]string{"a/x.md": "+++\ntitle = \"x\"\nslug = \"个人 信息\"\n+++\n"},
			[]string{"content/a/x.md:3:", "slug", "not a valid URL segment"}},
		{"duplicate URL names both files", map[string]string{"a/x.md": "+++\ntitle = \"x\"\n+++\n", "a/y.md": "+++\ntitle = \"y\"\nslug = \"x\"\n+++\n"},
			[]string{"content/a/y.md", "content/a/x.md", "/a/x/"}},
		{"non-ASCII section", map[string]string{"法律/x.md": "+++\ntitle = \"x\"\n+++\n"},
			[]string{"content/法律", "not usable in a URL"}},
		{"reserved section", map[string]string{"tags/x.md": "+++\ntitle = \"x\"\n+++\n"},
			[]string{"content/tags", "not usable in a URL"}},
		{"nested folder", map[string]string{"a/b/x.md": "+++\ntitle = \"x\"\n+++\n"},
			[]string{"content/a/b", "nested folder"}},
		{"article at top level", map[string]string{"x.md": "+++\ntitle = \"x\"\n+++\n"},
			[]string{"content/x.md", "outside a section"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(writeTree(t, tt.files), Options{})
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, tt.want[0]) {
				t.Errorf("error %q does not start with %q", msg, tt.want[0])
			}
			for _, w := range tt.want[1:] {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q lacks %q", msg, w)
				}
			}
		})
	}
}

func TestLoadReportsAllErrors(t *testing.T) {
	_, err := Load(writeTree(t, map[string]string{
		"a/x.md": "+++\ntitel = \"x\"\n+++\n",
		"b/y.md": "+++\ntitle = \"y\"\ndate = \"soon\"\n+++\n",
	}), Options{})
	if err == nil {
		t.Fatal("no error")
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "content/a/x.md:2:") || !strings.HasPrefix(lines[1], "content/b/y.md:3:") {
		t.Errorf("want both errors in file order, got:\n%s", err)
	}
}

func TestLoadMissingFolder(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "content"), Options{})
	if err == nil || !strings.HasPrefix(err.Error(), "content/: the folder of articles is missing") {
		t.Errorf("Load of a missing content/: %v", err)
	}
}
