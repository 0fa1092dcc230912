package bundle

import (
	"archive/zip"
	"bytes"
	"io"
	"sort"
	"strings"
	"testing"
)

func TestFileLinks(t *testing.T) {
	tests := []struct{ page, in, want string }{
		{"zh-hans/laws/pipl/index.html", `<a href="../">x</a>`, `<a href="../index.html">x</a>`},
		{"zh-hans/laws/pipl/index.html", `<a href="../../zh-hant/laws/pipl/#第一条">x</a>`, `<a href="../../zh-hant/laws/pipl/index.html#第一条">x</a>`},
		{"zh-hans/index.html", `<a href="./">x</a><a href="laws/">y</a>`, `<a href="index.html">x</a><a href="laws/index.html">y</a>`},
		{"zh-hans/index.html", `<form action="articles/" data-index="search/">`, `<form action="articles/index.html" data-index="search/">`},
		{"zh-hans/old/index.html", `<meta http-equiv="refresh" content="0; url=../laws/">`, `<meta http-equiv="refresh" content="0; url=../laws/index.html">`},
		// Inside <noscript>, which an HTML tokenizer reads as text.
		{"zh-hans/index.html", `<noscript><a href="articles/">全部</a></noscript><a href="laws/">y</a>`, `<noscript><a href="articles/index.html">全部</a></noscript><a href="laws/index.html">y</a>`},
		// Left alone: files, fragments, other sites, and text that looks like a link.
		{"zh-hans/index.html", `<link rel="stylesheet" href="../css/zhkb.css">`, `<link rel="stylesheet" href="../css/zhkb.css">`},
		{"zh-hans/index.html", `<a href="#top">x</a><a href="https://example.org/">y</a>`, `<a href="#top">x</a><a href="https://example.org/">y</a>`},
		{"zh-hans/index.html", `<p>href="laws/"</p><pre>&lt;a href="x/"&gt;</pre>`, `<p>href="laws/"</p><pre>&lt;a href="x/"&gt;</pre>`},
		{"zh-hans/index.html", `<script>if (a < b) location.href = "laws/";</script>`, `<script>if (a < b) location.href = "laws/";</script>`},
		// Attributes other than the link keep their escaping.
		{"zh-hans/index.html", `<a title="a &amp; b" href="laws/">x</a>`, `<a title="a &amp; b" href="laws/index.html">x</a>`},
	}
	for _, tt := range tests {
		got, err := fileLinks(tt.page, []byte(tt.in))
		if err != nil {
			t.Errorf("%s: %v", tt.in, err)
			continue
		}
		if string(got) != tt.want {
			t.Errorf("fileLinks(%s, %s)\n got %s\nwant %s", tt.page, tt.in, got, tt.want)
		}
	}
	if _, err := fileLinks("zh-hans/index.html", []byte(`<a href="/zh-hans/laws/">x</a>`)); err == nil {
		t.Error("a root-relative link was accepted")
	}
}

func TestScriptSafe(t *testing.T) {
	in := `zhkbSearch("d/0",["</script><script>alert(1)</script>","<!-- x"]);`
	got := string(scriptSafe([]byte(in)))
	if strings.Contains(got, "</") || strings.Contains(got, "<!--") {
		t.Errorf("scriptSafe left %s", got)
	}
}

// site writes a small built site: two variants, an alias, a stylesheet.
func site(t *testing.T) *Site {
	files := map[string]string{
		"index.html":                      `<html><head><script>location.replace("zh-hans/")</script></head><body><a href="zh-hans/">简</a></body></html>`,
		"css/zhkb.css":                    `body { color: black }`,
		"js/zhkb-search.js":               `window.zhkbSearch = function () {};`,
		"zh-hans/index.html":              builtPage("首页", "kind-home", `<a href="laws/">法律</a><a href="laws/pipl/#第一条">第一条</a>`, "../"),
		"zh-hans/laws/index.html":         builtPage("法律", "kind-section", `<a href="pipl/">个保法</a><a href="#top">上</a>`, "../../"),
		"zh-hans/laws/pipl/index.html":    builtPage("个保法", "kind-page", `<h2 id="第一条">第一条</h2><a href="../../../zh-hant/laws/pipl/">繁</a><img src="../../../css/zhkb.css">`, "../../../"),
		"zh-hans/old/index.html":          `<html><head><meta http-equiv="refresh" content="0; url=../laws/"></head><body></body></html>`,
		"zh-hans/search/meta.js":          `zhkbSearch("meta",{"n":1});`,
		"zh-hant/index.html":              builtPage("首頁", "kind-home", `<a href="laws/pipl/">個資法</a>`, "../"),
		"zh-hant/laws/pipl/index.html":    builtPage("個資法", "kind-page", `<h2 id="第一條">第一條</h2>`, "../../../"),
		"zh-hant/search/meta.js":          `zhkbSearch("meta",{"n":1});`,
		"zh-hans/search/p/0.js":           `zhkbSearch("p/0",{"法律":"</script>"});`,
		"zh-hant/laws/pipl/notes/x.txt":   `text`,
		"zh-hans/laws/pipl/files/doc.txt": `text`,
	}
	built := memFiles{}
	for name, data := range files {
		built[name] = []byte(data)
	}
	return &Site{Files: built, Name: "kb", Variants: []Variant{{Dir: "zh-hans", Code: "zh-Hans"}, {Dir: "zh-hant", Code: "zh-Hant"}}}
}

func builtPage(title, class, main, root string) string {
	return `<!DOCTYPE html><html><head><title>` + title + `</title><link rel="stylesheet" href="` + root + `css/zhkb.css"></head>` +
		`<body class="` + class + `"><header><a href="` + root + `zh-hans/">站</a><form action="` + root + `zh-hans/laws/" data-index="search/"></form>` +
		`<script src="` + root + `js/zhkb-search.js" defer></script></header><main id="main">` + main + `</main><footer>页脚</footer></body></html>`
}

func TestZipDeterministic(t *testing.T) {
	s := site(t)
	var a, b bytes.Buffer
	if err := Zip(s, &a); err != nil {
		t.Fatal(err)
	}
	if err := Zip(s, &b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two zips of the same site differ")
	}
	zr, err := zip.NewReader(bytes.NewReader(a.Bytes()), int64(a.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "kb/") || !f.Modified.Equal(zipTime) {
			t.Errorf("%s: modified %v", f.Name, f.Modified)
		}
		if f.Name == "kb/zh-hans/index.html" {
			r, _ := f.Open()
			data, _ := io.ReadAll(r)
			if !strings.Contains(string(data), `href="laws/index.html"`) {
				t.Errorf("links in the zip not rewritten: %s", data)
			}
		}
	}
}

func TestSingleFile(t *testing.T) {
	s := site(t)
	var out bytes.Buffer
	if err := SingleFile(s, s.Variants[0], &out); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		`<template data-route="" data-title="首页" data-class="kind-home">`,
		`<template data-route="laws/pipl/" data-title="个保法" data-class="kind-page">`,
		`<a href="#/laws/">法律</a>`,                       // a page of the variant
		`<a href="#/laws/pipl/#第一条">第一条</a>`,             // with its anchor
		`<a href="#/laws/#top">上</a>`,                    // an in-page anchor names its page
		`href="kb-zh-hant.html#/laws/pipl/"`,             // the other variant's file
		`data-variant-file="kb-zh-hant.html"`,            // which the router keeps on the route
		`<img src="data:text/css; charset=utf-8;base64,`, // a file, inlined
		`body { color: black }`,                          // the stylesheet
		`window.zhkbSearch = function () {};`,            // the runtime
		`zhkbSearch("p/0",{"法律":"<\/script>"});`,         // the index, unable to end its script
		`<main id="main"></main>`,                        // the frame, emptied
		`<form action="#/laws/" data-index="search/">`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("single file lacks %s", want)
		}
	}
	for _, bad := range []string{"old/", `src="../`, `href="../`, "<script src"} {
		if strings.Contains(got, bad) {
			t.Errorf("single file holds %q", bad)
		}
	}
	if strings.Count(got, "<template data-route") != 3 {
		t.Errorf("%d templates, want 3 (home, laws, pipl; the alias is left out)", strings.Count(got, "<template data-route"))
	}
}

// memFiles is a built site held in a map.
type memFiles map[string][]byte

func (m memFiles) Paths() []string {
	paths := make([]string, 0, len(m))
	for p := range m {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return paths
}

func (m memFiles) File(path string) ([]byte, bool) { data, ok := m[path]; return data, ok }
