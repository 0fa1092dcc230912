package site

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/zhkb/zhkb/internal/starter"
	"github.com/zhkb/zhkb/internal/theme"
)

// TestStarterSite: a site started by zhkb init builds at once, with no
// warning but the unset baseURL and nothing for zhkb check to report; every
// link of its output leads to a file; it opens from disk with working links;
// and it carries no text of the knowledge base bundled in this repository.
func TestStarterSite(t *testing.T) {
	t.Parallel()
	root := filepath.Join(t.TempDir(), "mysite")
	if _, err := starter.Init(root, starter.Install{Module: "github.com/zhkb/zhkb", Version: "v1.2.3", GoVersion: "go1.26.8"}); err != nil {
		t.Fatal(err)
	}
	out, st := build(t, root)
	if st.Articles != 3 {
		t.Errorf("%d articles, want the 3 examples", st.Articles)
	}
	for _, w := range st.Warnings {
		if !strings.Contains(w, "baseURL is not set") {
			t.Errorf("warning: %s", w)
		}
	}
	if findings, err := Check(CheckOptions{Root: root}); err != nil || len(findings) > 0 {
		t.Errorf("zhkb check: %v %v", err, findings)
	}
	if n := checkLinks(t, out); n < 100 {
		t.Errorf("only %d links checked", n)
	}
	// Each script feature shows in the output: the glossary entry, the
	// marker and the hand-written variant.
	for page, want := range map[string]string{
		"zh-hant/guide/glossary/index.html":         "都寫作「影片」",
		"zh-hant/guide/write-an-article/index.html": "軟體 ——",
		"zh-hans/guide/write-an-article/index.html": "软件 ——",
		"zh-hant/guide/hand-written/index.html":     "當一篇文章需要依照當地讀者的習慣整篇改寫",
	} {
		if got := read(t, out, page); !strings.Contains(got, want) {
			t.Errorf("%s lacks %q", page, want)
		}
	}

	// Nothing of the bundled knowledge base: none of its article titles or
	// interface strings, none of its subject's words in either script.
	phrases := []string{"通讯录", "通訊錄", "催收", "网贷", "網貸", "个人信息保护法", "個人信息保護法", "法律意见", "法律意見"}
	titleRe := regexp.MustCompile(`(?m)^(?:title|disclaimer|searchHint) = "([^"]+)"`)
	for _, f := range append(glob(t, "../../content/*/*.md"), "../../config.toml") {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range titleRe.FindAllStringSubmatch(string(data), -1) {
			if len([]rune(m[1])) >= 4 { // not words any site may use (术语)
				phrases = append(phrases, m[1])
			}
		}
	}
	if len(phrases) < 50 {
		t.Fatalf("only %d phrases of the bundled site", len(phrases))
	}
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, ph := range phrases {
			if strings.Contains(string(data), ph) {
				t.Errorf("%s contains %q of the bundled site", p, ph)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	ctx := browserContext(t)
	checkFromDisk(t, ctx, out, "index.html", "zh-hans/index.html", "zh-hant/guide/index.html", "zh-hant/guide/glossary/index.html")
}

func glob(t *testing.T, pattern string) []string {
	t.Helper()
	m, err := filepath.Glob(pattern)
	if err != nil || len(m) == 0 {
		t.Fatalf("%s: %v (%d files)", pattern, err, len(m))
	}
	return m
}

// TestExportedTheme: a site holding the exported built-in theme builds the
// same output as without it; an edited layout of the site wins over the
// built-in one; a second export refuses to overwrite.
func TestExportedTheme(t *testing.T) {
	t.Parallel()
	plain := fixture(t)
	want, _ := build(t, plain)
	root := fixture(t)
	files, err := theme.Export(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 15 {
		t.Fatalf("exported %d files: %v", len(files), files)
	}
	got, _ := build(t, root)
	err = filepath.WalkDir(want, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(want, p)
		a, _ := os.ReadFile(p)
		b, err := os.ReadFile(filepath.Join(got, rel))
		if err != nil || string(a) != string(b) {
			t.Errorf("%s differs with the exported theme (%v)", rel, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := theme.Export(root); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("second export: %v", err)
	}
	writeFile(t, root, "layouts/partials/footer.html", `<footer class="site-footer">自己的页脚</footer>`)
	writeFile(t, root, "static/css/zhkb.css", `body{}`)
	got, _ = build(t, root)
	if page := read(t, got, "zh-hans/index.html"); !strings.Contains(page, "自己的页脚") {
		t.Error("the site's footer.html did not win over the built-in one")
	}
	if css := read(t, got, "css/zhkb.css"); css != "body{}" {
		t.Errorf("the site's stylesheet did not win: %.40q", css)
	}
}

// TestInitRefusesUsedDirectory: zhkb init writes only into a new or empty
// directory.
func TestInitRefusesUsedDirectory(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if _, err := starter.Init(dir, starter.Install{}); err != nil {
		t.Fatalf("empty directory: %v", err)
	}
	if _, err := starter.Init(dir, starter.Install{}); err == nil || !strings.Contains(err.Error(), "is not empty") {
		t.Errorf("used directory: %v", err)
	}
}
