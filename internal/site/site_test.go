package site

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/zhkb/zhkb/internal/sitetest"
)

// fixture copies testdata/site (built-in theme) into a temporary site root
// and returns it.
func fixture(t *testing.T) string { return sitetest.Fixture(t, "../..") }

func writeFile(t *testing.T, root, name, body string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func build(t *testing.T, root string) (string, Stats) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	st, err := Build(Options{Root: root, Out: out})
	if err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	return out, st
}

func read(t *testing.T, out, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

var (
	attrRe = regexp.MustCompile(`(?:href|src)="([^"]*)"`)
	idRe   = regexp.MustCompile(`id="([^"]*)"`)
)

// checkLinks follows every href and src in every HTML file under out and
// fails for any internal link that does not lead to a file, or to an id in
// it. Absolute paths are taken from the output root (404 pages use them).
// It returns the number of links checked.
func checkLinks(t *testing.T, out string) int {
	t.Helper()
	ids := map[string]map[string]bool{}
	idsOf := func(file string) map[string]bool {
		if m, ok := ids[file]; ok {
			return m
		}
		m := map[string]bool{}
		data, _ := os.ReadFile(filepath.Join(out, file))
		for _, match := range idRe.FindAllStringSubmatch(string(data), -1) {
			m[htmlUnescape(match[1])] = true
		}
		ids[file] = m
		return m
	}
	checked := 0
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		page, _ := filepath.Rel(out, p)
		page = filepath.ToSlash(page)
		if strings.HasPrefix(page, downloadDir) {
			return nil // single-file bundles: pages are #/routes, checked in a browser
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range attrRe.FindAllStringSubmatch(string(data), -1) {
			raw := htmlUnescape(m[1])
			u, err := url.Parse(raw)
			if err != nil {
				t.Errorf("%s: unparsable link %q", page, raw)
				continue
			}
			if u.Scheme != "" || u.Host != "" {
				continue
			}
			checked++
			target := page
			switch {
			case u.Path == "":
			case strings.HasPrefix(u.Path, "/"):
				target = strings.TrimPrefix(u.Path, "/")
			default:
				target = path.Join(path.Dir(page), u.Path)
			}
			if target == "" || target == "." || strings.HasSuffix(u.Path, "/") {
				target = strings.TrimSuffix(target, "/") + "/index.html"
				target = strings.TrimPrefix(target, "./")
				target = strings.TrimPrefix(target, "/")
			}
			if strings.HasPrefix(target, "../") {
				t.Errorf("%s: link %q leaves the output", page, raw)
				continue
			}
			if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(target))); err != nil {
				t.Errorf("%s: broken link %q (no %s)", page, raw, target)
				continue
			}
			if u.Fragment != "" && strings.HasSuffix(target, ".html") && !idsOf(target)[u.Fragment] {
				t.Errorf("%s: link %q: %s has no id %q", page, raw, target, u.Fragment)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return checked
}

func htmlUnescape(s string) string {
	r := strings.NewReplacer("&amp;", "&", "&#34;", `"`, "&#39;", "'", "&lt;", "<", "&gt;", ">", "&quot;", `"`)
	return r.Replace(s)
}

func TestBuildFixture(t *testing.T) {
	t.Parallel()
	root := fixture(t)
	out, st := build(t, root)
	if st.Articles != 4 || st.Variants != 3 {
		t.Errorf("stats = %+v, want 4 articles × 3 variants", st)
	}
	for _, f := range []string{
		"index.html", "404.html", "css/zhkb.css",
		"zh-hans/index.html", "zh-hans/guide/index.html", "zh-hans/guide/code/index.html", "zh-hans/laws/law/index.html",
		"zh-hant/guide/links/index.html", "zh-hk/guide/links/index.html",
		"zh-hans/tags/index.html", "zh-hans/tags/privacy/index.html", "zh-hant/tags/privacy/index.html",
		"zh-hans/404.html", "zh-hk/404.html",
		"zh-hans/old/code-page/index.html", "zh-hant/old/code-page/index.html",
	} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "zh-hans/guide/draft/index.html")); err == nil {
		t.Error("draft was published")
	}
	if n := checkLinks(t, out); n < 100 {
		t.Errorf("only %d links checked; the checker is not seeing the pages", n)
	}

	hans := read(t, out, "zh-hans/guide/code/index.html")
	hant := read(t, out, "zh-hant/guide/code/index.html")
	hk := read(t, out, "zh-hk/guide/code/index.html")
	for name, page := range map[string]string{"zh-Hans": hans, "zh-Hant": hant, "zh-HK": hk} {
		if !strings.Contains(page, fmt.Sprintf(`<html lang="%s">`, name)) {
			t.Errorf("%s page lacks lang=%s", name, name)
		}
		for _, v := range []string{"zh-Hans", "zh-Hant", "zh-HK"} {
			if !strings.Contains(page, fmt.Sprintf(`<link rel="alternate" hreflang="%s"`, v)) {
				t.Errorf("%s page lacks hreflang %s", name, v)
			}
		}
		if strings.Contains(page, `rel="canonical"`) {
			t.Errorf("%s page has a canonical URL without baseURL", name)
		}
	}
	// Converted text, per variant.
	for _, w := range []string{"這是正文，發佈了權限說明。", "<title>代碼與網址 · 測試知識庫</title>", ">隱私</a>", "<h2 id=\"第十三条\">第十三條</h2>"} {
		if !strings.Contains(hant, w) {
			t.Errorf("zh-Hant page lacks %q", w)
		}
	}
	if !strings.Contains(hans, "这是正文，发布了权限说明。") {
		t.Error("zh-Hans page lacks the source text")
	}
	if !strings.Contains(hk, "這是正文，發佈了權限説明。") { // 説: Hong Kong standard form
		t.Error("zh-HK page lacks converted text")
	}
	// Code and URLs are byte-identical in every variant.
	for _, same := range []string{
		"# 配置里的注释：发布权限\ntitle = &quot;个人信息保护法&quot;",
		"<code>发布权限</code>",
		`href="https://www.gov.cn/%E5%8F%91%E5%B8%83/%E6%9D%83%E9%99%90.html"`,
	} {
		for name, page := range map[string]string{"zh-Hans": hans, "zh-Hant": hant, "zh-HK": hk} {
			if !strings.Contains(page, same) {
				t.Errorf("%s page lacks unconverted %q", name, same)
			}
		}
	}
	// Heading ids are equal across variants.
	idsHans := idRe.FindAllString(hans, -1)
	for name, page := range map[string]string{"zh-Hant": hant, "zh-HK": hk} {
		if got := idRe.FindAllString(page, -1); strings.Join(got, " ") != strings.Join(idsHans, " ") {
			t.Errorf("%s ids %v differ from zh-Hans ids %v", name, got, idsHans)
		}
	}
	// Dates, prev/next, breadcrumbs, UI override.
	for _, w := range []string{`<time datetime="2024-05-01">2024年5月1日</time>`, `<time datetime="2024-06-02">`, `rel="next" href="../../../zh-hans/guide/links/"`, `href="../../../zh-hans/guide/"`} {
		if !strings.Contains(hans, w) {
			t.Errorf("zh-Hans article lacks %q", w)
		}
	}
	// Links between articles are rewritten to pages.
	links := read(t, out, "zh-hant/guide/links/index.html")
	for _, w := range []string{`href="../code/#%E7%AC%AC%E5%8D%81%E4%B8%89%E6%9D%A1"`, `href="../"`, `href="../../"`, `<img src="../../../images/diagram.svg" alt="示意圖" title="示意圖說明"`} {
		if !strings.Contains(links, w) {
			t.Errorf("links page lacks %s", w)
		}
	}
	// The switcher links to the same page in the other variants.
	if !strings.Contains(hant, `<a lang="zh-Hans" hreflang="zh-Hans" href="../../../zh-hans/guide/code/">简体</a>`) {
		t.Error("switcher link to zh-Hans missing")
	}
	// Alias pages redirect.
	alias := read(t, out, "zh-hans/old/code-page/index.html")
	if !strings.Contains(alias, `http-equiv="refresh" content="0; url=../../../zh-hans/guide/code/"`) || !strings.Contains(alias, `rel="canonical"`) {
		t.Errorf("alias page:\n%s", alias)
	}
	// The landing page offers every variant without scripts.
	landing := read(t, out, "index.html")
	for _, w := range []string{`href="zh-hans/"`, `href="zh-hant/"`, `href="zh-hk/"`, "location.replace",
		`<p lang="zh-Hans">请选择文字版本</p>`, `<p lang="zh-Hant">請選擇文字版本</p>`} {
		if !strings.Contains(landing, w) {
			t.Errorf("landing lacks %q", w)
		}
	}
	if n := strings.Count(landing, "請選擇文字版本"); n != 1 {
		t.Errorf("the Traditional prompt shows %d times (zh-Hant and zh-HK word it alike)", n)
	}
}

func TestConversionMarkup(t *testing.T) {
	t.Parallel()
	root := fixture(t)
	writeFile(t, root, "glossary.toml", "\"权限\" = { zh-Hant = \"權限\", zh-HK = \"權限(港)\" }\n")
	writeFile(t, root, "content/guide/markup.md", "+++\ntitle = \"-{zh-hans:软件;zh-hant:軟體}-下载\"\n[glossary]\n\"下载\" = { zh-Hant = \"下載(页)\" }\n+++\n\n"+
		"## 标题-{甲}-\n\n保留-{个人信息}-原样，`-{代码}-`不变。权限\n\n-{zh-hans:内存;zh-hant:記憶體;zh-hk:內存}-\n\n"+
		"打开 -{zh-hans:iOS 18 的“设置”;zh-hant:iOS 18 的「設定」}- 页面。-{zh-hans:iOS 18 起，甲;zh-hant:iOS 18 起，乙}-\n")
	out, _ := build(t, root)
	for _, tt := range []struct {
		page string
		want []string
	}{
		{"zh-hans/guide/markup/index.html", []string{"<title>软件下载 ·", `<h2 id="标题甲">标题甲</h2>`, "保留个人信息原样，<code>-{代码}-</code>不变。权限", "<p>内存</p>", "打开 iOS 18 的“设置” 页面。iOS 18 起，甲"}},
		{"zh-hant/guide/markup/index.html", []string{"<title>軟體下載(页) ·", `<h2 id="标题甲">標題甲</h2>`, "保留个人信息原樣，<code>-{代码}-</code>不變。權限", "<p>記憶體</p>", "打開 iOS 18 的「設定」 頁面。iOS 18 起，乙"}},
		{"zh-hk/guide/markup/index.html", []string{"<title>軟體下載(页) ·", "權限(港)", "<p>內存</p>"}},
		{"zh-hant/guide/code/index.html", []string{"權限說明"}}, // the page glossary stays on its page
	} {
		page := read(t, out, tt.page)
		for _, w := range tt.want {
			if !strings.Contains(page, w) {
				t.Errorf("%s lacks %q", tt.page, w)
			}
		}
		if strings.Contains(strings.ReplaceAll(page, "<code>-{代码}-</code>", ""), "-{") {
			t.Errorf("%s: a marker reached the output", tt.page)
		}
	}
	files, _ := filepath.Glob(filepath.Join(out, "zh-hant", "search", "*", "*.js"))
	for _, name := range files {
		f, _ := os.ReadFile(name)
		if strings.Contains(strings.ReplaceAll(string(f), "-{代码}-", ""), "-{") {
			t.Errorf("search file %s holds a marker", name)
		}
	}
}

func TestHandwrittenVariant(t *testing.T) {
	t.Parallel()
	root := fixture(t)
	writeFile(t, root, "content/laws/law.zh-Hant.md", "+++\ntitle = \"民法典（手寫）\"\ndescription = \"繁體譯者的說明\"\n+++\n\n"+
		"## 第一千零三十三條（手寫）\n\n這段文字由譯者撰寫，软件一詞保留-{原樣}-。\n\n## 第一千零三十四條\n\n電話號碼。\n")
	out, _ := build(t, root)
	hant := read(t, out, "zh-hant/laws/law/index.html")
	for _, w := range []string{"<title>民法典（手寫）", "這段文字由譯者撰寫，软件一詞保留原樣。", `<h2 id="第一千零三十三条">第一千零三十三條（手寫）</h2>`,
		`hreflang="zh-Hans" href="../../../zh-hans/laws/law/"`} {
		if !strings.Contains(hant, w) {
			t.Errorf("hand-written zh-Hant page lacks %q", w)
		}
	}
	if hk := read(t, out, "zh-hk/laws/law/index.html"); !strings.Contains(hk, "任何組織或者個人") {
		t.Error("zh-HK lost its converted page")
	}
	if sec := read(t, out, "zh-hant/laws/index.html"); !strings.Contains(sec, "民法典（手寫）") {
		t.Error("the section list does not show the hand-written title")
	}
	if rs := engine(t, out, "zh-hant", false).Search("譯者撰寫", 5); len(rs) != 1 || !strings.HasSuffix(rs[0].URL, "zh-hant/laws/law/#第一千零三十三条") {
		t.Errorf("search for the hand-written text: %+v", rs)
	}
	checkLinks(t, out) // links to law.md#第一千零三十三条 from other pages still land
}

func TestBaseURL(t *testing.T) {
	t.Parallel()
	root := fixture(t)
	cfg := read(t, root, "config.toml")
	writeFile(t, root, "config.toml", "baseURL = \"https://kb.example.org/sub\"\n"+cfg)
	out, _ := build(t, root)
	page := read(t, out, "zh-hant/guide/code/index.html")
	for _, w := range []string{
		`<link rel="canonical" href="https://kb.example.org/sub/zh-hant/guide/code/">`,
		`<link rel="alternate" hreflang="zh-Hans" href="https://kb.example.org/sub/zh-hans/guide/code/">`,
		`href="../../../css/zhkb.css"`, // page links stay relative
	} {
		if !strings.Contains(page, w) {
			t.Errorf("page lacks %q", w)
		}
	}
	if nf := read(t, out, "404.html"); !strings.Contains(nf, `href="https://kb.example.org/sub/css/zhkb.css"`) {
		t.Errorf("404 page does not use the base URL:\n%s", nf)
	}
	checkLinks(t, out)
}

func TestTraditionalSource(t *testing.T) {
	t.Parallel()
	root := fixture(t)
	writeFile(t, root, "config.toml", "title = \"測試知識庫\"\nsource = \"zh-Hant\"\n")
	writeFile(t, root, "content/guide/trad.md", "+++\ntitle = \"軟體與權限\"\n+++\n\n這是正文，發布了權限說明。`繁體代碼`\n")
	out, _ := build(t, root)
	hans := read(t, out, "zh-hans/guide/trad/index.html")
	hant := read(t, out, "zh-hant/guide/trad/index.html")
	if !strings.Contains(hans, "这是正文，发布了权限说明。") || !strings.Contains(hans, "<code>繁體代碼</code>") {
		t.Errorf("zh-Hans page not converted from Traditional:\n%s", hans)
	}
	if !strings.Contains(hant, "這是正文，發布了權限說明。") || !strings.Contains(hant, ">首頁</a>") {
		t.Errorf("zh-Hant page should be the source text with Traditional UI defaults")
	}
	landing := read(t, out, "index.html")
	if !strings.Contains(landing, `<html lang="zh-Hant">`) {
		t.Error("landing page should be in the source variant")
	}
}

func hashTree(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	sums := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		sums[filepath.ToSlash(rel)] = sha256.Sum256(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return sums
}

func sameTrees(a, b map[string][32]byte) error {
	if len(a) != len(b) {
		return fmt.Errorf("%d files vs %d", len(a), len(b))
	}
	for k, v := range a {
		if b[k] != v {
			return fmt.Errorf("%s differs", k)
		}
	}
	return nil
}

func TestDeterministic(t *testing.T) {
	t.Parallel()
	root := fixture(t)
	a, _ := build(t, root)
	b, _ := build(t, root)
	if err := sameTrees(hashTree(t, a), hashTree(t, b)); err != nil {
		t.Errorf("two builds differ: %v", err)
	}
}

func TestFailedBuildLeavesOutput(t *testing.T) {
	t.Parallel()
	root := fixture(t)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Root: root, Out: out}); err != nil {
		t.Fatal(err)
	}
	before := hashTree(t, out)
	breakers := map[string]func(){
		"front matter": func() { writeFile(t, root, "content/guide/bad.md", "+++\ntitle = \n+++\n") },
		"broken link":  func() { writeFile(t, root, "content/guide/bad.md", "+++\ntitle = \"坏\"\n+++\n[x](nope.md)\n") },
		"template":     func() { writeFile(t, root, "layouts/page.html", `{{define "main"}}{{.NoSuchField}}{{end}}`) },
	}
	for name, breakIt := range breakers {
		t.Run(name, func(t *testing.T) {
			fresh := fixture(t)
			root = fresh
			breakIt()
			if _, err := Build(Options{Root: root, Out: out}); err == nil {
				t.Fatal("broken site built")
			}
			if err := sameTrees(before, hashTree(t, out)); err != nil {
				t.Errorf("output changed by a failed build: %v", err)
			}
			entries, _ := os.ReadDir(filepath.Dir(out))
			if len(entries) != 1 {
				t.Errorf("left-over files beside the output: %v", entries)
			}
		})
	}
}

func TestBuildErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		file  string
		body  string
		wants []string
	}{
		{"link to missing file", "content/guide/bad.md", "+++\ntitle = \"坏\"\n+++\n\n第一段\n\n见[不存在](../laws/none.md)。\n",
			[]string{"content/guide/bad.md:7: broken link \"../laws/none.md\": content/laws/none.md does not exist"}},
		{"link to missing anchor", "content/guide/bad.md", "+++\ntitle = \"坏\"\n+++\n[x](../laws/law.md#第九条)\n",
			[]string{"content/guide/bad.md:4:", "content/laws/law.md has no heading with anchor #第九条"}},
		{"link to draft", "content/guide/bad.md", "+++\ntitle = \"坏\"\n+++\n[x](draft.md)\n",
			[]string{"content/guide/bad.md:4:", "not a published article"}},
		{"link to a file outside static", "content/guide/bad.md", "+++\ntitle = \"坏\"\n+++\n![图](../../config.toml)\n",
			[]string{"content/guide/bad.md:4:", "config.toml is not an article", "static/"}},
		{"missing static file", "content/guide/bad.md", "+++\ntitle = \"坏\"\n+++\n![图](../../static/nope.png)\n",
			[]string{"content/guide/bad.md:4:", "static/nope.png does not exist"}},
		{"external image", "content/guide/bad.md", "+++\ntitle = \"坏\"\n+++\n\n![图](https://tracker.example/x.png)\n",
			[]string{"content/guide/bad.md:5:", "on another site", "static/"}},
		{"root-relative link", "content/guide/bad.md", "+++\ntitle = \"坏\"\n+++\n[首页](/zh-hans/)\n",
			[]string{"content/guide/bad.md:4:", "starts with /"}},
		{"unclosed marker", "content/guide/bad.md", "+++\ntitle = \"坏\"\n+++\n\n文字-{未闭合\n",
			[]string{"content/guide/bad.md:5:3: conversion marker: -{ is not closed"}},
		{"unclosed marker after spaces", "content/guide/bad.md", "+++\ntitle = \"坏\"\n+++\n\n一 二 三 -{未闭合 文字\n",
			[]string{"content/guide/bad.md:5:7: conversion marker: -{ is not closed"}},
		{"marker over two lines", "content/guide/bad.md", "+++\ntitle = \"坏\"\n+++\n\n一 -{zh-hans:甲\n乙}-\n",
			[]string{"content/guide/bad.md:5:3: conversion marker: -{ is not closed", "content/guide/bad.md:6:2: conversion marker: }- without"}},
		{"marker in title", "content/guide/bad.md", "+++\ntitle = \"-{坏\"\n+++\n",
			[]string{"content/guide/bad.md:2: conversion marker in title"}},
		{"glossary names an unknown variant", "glossary.toml", "\"权限\" = { zh-TW = \"權限\" }\n",
			[]string{"glossary.toml:1:", `names "zh-TW"`, "zh-Hans, zh-Hant, zh-HK"}},
		{"page glossary names an unknown variant", "content/guide/bad.md", "+++\ntitle = \"坏\"\n[glossary]\n\"权限\" = { zh-XX = \"權限\" }\n+++\n",
			[]string{"content/guide/bad.md:4:", `names "zh-XX"`}},
		{"hand-written version without source", "content/laws/none.zh-Hant.md", "+++\ntitle = \"無\"\n+++\n",
			[]string{"content/laws/none.zh-Hant.md", "without its source file content/laws/none.md"}},
		{"hand-written version with other headings", "content/laws/law.zh-Hant.md", "+++\ntitle = \"民法典\"\n+++\n\n## 只有一個標題\n",
			[]string{"content/laws/law.zh-Hant.md", "has 1 headings where its source content/laws/law.md has 2"}},
		{"hand-written version sets a slug", "content/laws/law.zh-Hant.md", "+++\ntitle = \"民法典\"\nslug = \"x\"\n+++\n",
			[]string{"content/laws/law.zh-Hant.md:3: slug is set by the source file"}},
		{"template parse error", "layouts/page.html", "{{define \"main\"}}\n<p>\n{{if .Title}}\n{{end}", []string{"layouts:", "page.html:4"}},
		{"template execution error", "layouts/tag.html", "{{define \"main\"}}\n\n{{.Nope}}{{end}}", []string{"tag.html:3", "Nope"}},
		{"missing UI string", "layouts/tags.html", "{{define \"main\"}}{{.UI.nope}}{{end}}", []string{"tags.html:1", "nope"}},
		{"tag slug clash", "config.toml", "title = \"x\"\n[tagSlugs]\n\"隐私\" = \"same\"\n\"软件\" = \"same\"\n", []string{"tags/same/"}},
		{"alias clash", "content/guide/a.md", "+++\ntitle = \"甲\"\naliases = [\"guide/links\"]\n+++\n", []string{"content/guide/a.md", "alias"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := fixture(t)
			writeFile(t, root, tt.file, tt.body)
			_, err := Build(Options{Root: root, Out: filepath.Join(t.TempDir(), "out")})
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

// TestNoThirdPartyRequests checks that no page loads anything (styles,
// scripts, images, frames) from another host.
func TestNoThirdPartyRequests(t *testing.T) {
	t.Parallel()
	out, _ := build(t, fixture(t))
	loadRe := regexp.MustCompile(`<(?:link|script|img|iframe|source|video|audio)\b[^>]*\b(?:src|href)="(https?:)?//`)
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, _ := os.ReadFile(p)
		for _, m := range loadRe.FindAllString(string(data), -1) {
			if !strings.Contains(m, `rel="alternate"`) && !strings.Contains(m, `rel="canonical"`) {
				t.Errorf("%s loads from another host: %s", p, m)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestRefusesUnsafeOutput(t *testing.T) {
	t.Parallel()
	root := fixture(t)
	// A link elsewhere that leads into content/: the output would be
	// content/guide/public.
	link := filepath.Join(t.TempDir(), "into-content")
	if err := os.Symlink(filepath.Join(root, "content", "guide"), link); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{root, filepath.Join(root, "content"), filepath.Join(link, "public"), link} {
		if _, err := Build(Options{Root: root, Out: out}); err == nil || !strings.Contains(err.Error(), "unsafe output directory") {
			t.Errorf("Build into %s: err = %v", out, err)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "content", "guide", "code.md")); err != nil {
		t.Error("content was touched")
	}
}

// TestBundledSite: the bundled site builds (once for the tests that only
// read it), and its links lead somewhere.
func TestBundledSite(t *testing.T) {
	t.Parallel()
	out := lookSite(t)
	st := lookOnce.stats
	if st.Articles == 0 || st.Variants < 2 {
		t.Errorf("stats = %+v", st)
	}
	checkLinks(t, out)
}

// TestSymlinks checks the one rule for symbolic links in content/ and
// static/: a link to a file inside the site is followed; a link to a file
// outside it, to a folder or to nothing fails the build, naming the link.
func TestSymlinks(t *testing.T) {
	t.Parallel()
	outside := filepath.Join(t.TempDir(), "secret.md")
	os.WriteFile(outside, []byte("+++\ntitle = \"秘密\"\n+++\n\n不该发布。\n"), 0o644)
	cases := []struct {
		name, link, target string // target relative to the site root unless absolute
		want               string // "" for a build that succeeds
	}{
		{"content file inside", "content/guide/copy.md", "content/guide/draft.md", ""},
		{"static file inside", "static/copy.png", "static/images/diagram.svg", ""},
		{"content file outside", "content/guide/secret.md", outside, "content/guide/secret.md: a symbolic link to " + outside + ", outside the site"},
		{"content section folder", "content/linked", "content/guide", "content/linked: a symbolic link to a folder"},
		{"content dangling", "content/guide/gone.md", "content/guide/nothing.md", "content/guide/gone.md: a symbolic link that leads nowhere"},
		{"static folder", "static/more", "static/images", "static/more is a symbolic link to a folder"},
		{"static outside", "static/secret.txt", outside, "static/secret.txt is a symbolic link to " + outside + ", outside the site"},
		{"static into .git", "static/config.txt", ".git/config", "in a hidden file or folder of the site"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root := fixture(t)
			target := c.target
			if !filepath.IsAbs(target) {
				target = filepath.Join(root, target)
			}
			if strings.HasPrefix(c.target, ".git/") {
				os.MkdirAll(filepath.Join(root, ".git"), 0o755)
				os.WriteFile(target, []byte("[remote \"origin\"]\n\turl = https://token@example.org/x.git\n"), 0o644)
			}
			if err := os.Symlink(target, filepath.Join(root, filepath.FromSlash(c.link))); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "public")
			_, err := Build(Options{Root: root, Out: out})
			switch {
			case c.want == "" && err != nil:
				t.Fatalf("build failed: %v", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Fatalf("error %v, want one containing %q", err, c.want)
			}
		})
	}
}

// TestEmptyContentWarns checks that a build of a site without articles says
// so instead of quietly publishing an empty site.
func TestEmptyContentWarns(t *testing.T) {
	t.Parallel()
	root := fixture(t)
	if err := os.RemoveAll(filepath.Join(root, "content")); err != nil {
		t.Fatal(err)
	}
	os.Mkdir(filepath.Join(root, "content"), 0o755)
	_, st := build(t, root)
	found := false
	for _, w := range st.Warnings {
		found = found || strings.Contains(w, "content/ holds no articles")
	}
	if !found {
		t.Errorf("warnings: %v", st.Warnings)
	}
}

// TestMenuMarksCurrentSection checks that the section menu marks the
// section of the page shown: on the section page and on its articles.
func TestMenuMarksCurrentSection(t *testing.T) {
	t.Parallel()
	out, _ := build(t, fixture(t))
	for _, page := range []string{"zh-hans/guide/index.html", "zh-hans/guide/code/index.html", "zh-hant/laws/law/index.html"} {
		html := read(t, out, page)
		section := strings.Split(strings.SplitN(page, "/", 2)[1], "/")[0]
		if !strings.Contains(html, `/`+section+`/" aria-current="true"`) {
			t.Errorf("%s: the menu does not mark %s as current", page, section)
		}
		if strings.Count(html, `aria-current="true"`) != 2 { // the section and the language
			t.Errorf("%s: %d items marked current", page, strings.Count(html, `aria-current="true"`))
		}
	}
	if html := read(t, out, "zh-hans/index.html"); strings.Count(html, `aria-current="true"`) != 1 {
		t.Errorf("the home page marks a section as current")
	}
}
