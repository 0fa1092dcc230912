package site

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zhkb/zhkb/internal/sitetest"
)

var updateGolden = flag.Bool("update", false, "rewrite testdata/golden/ with the pages the build writes now")

// goldenPages are representative outputs of every kind, in two variants:
// the landing page and root 404, sitemap and robots.txt, and per variant
// the home page, a section, an article (code, tables, links), one citing
// law articles (notes, old version, checked date), a letter, the tag pages,
// an alias, the article list, the 404 page and the Atom feed.
var goldenPages = func() []string {
	pages := []string{"index.html", "404.html", "sitemap.xml", "robots.txt"}
	for _, v := range []string{"zh-hans", "zh-hant"} {
		for _, p := range []string{"index.html", "404.html", "articles/index.html", "guide/index.html", "guide/code/index.html",
			"guide/cites/index.html", "guide/letter/index.html", "tags/index.html", "tags/privacy/index.html",
			"old/code-page/index.html", "atom.xml"} {
			pages = append(pages, v+"/"+p)
		}
	}
	return pages
}()

// TestGoldenPages builds the test site (with law texts and a letter) as a
// deployed site, with a baseURL, and compares representative pages byte for
// byte with testdata/golden/; go test -run TestGoldenPages -update rewrites
// them (look at the diff before committing it).
func TestGoldenPages(t *testing.T) {
	t.Parallel()
	root := statuteSite(t)
	writeFile(t, root, "content/guide/letter.md", `+++
title = "信件模板"
description = "一封要填空的信。"
[params]
template = "letter"
+++

把方括号里的内容换成你的情况。

---

致：[公司全称]

本人 [姓名]，依据《个人信息保护法》第四十七条，请删除我的信息。

请求人：[姓名]

---

寄出以后保存回执。
`)
	cfg, err := os.ReadFile(filepath.Join(root, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, root, "config.toml", "baseURL = \"https://kb.example.org/\"\n"+string(cfg))
	out, _ := build(t, root)
	dir := filepath.Join("testdata", "golden")
	for _, p := range goldenPages {
		got, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(p)))
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		sitetest.Golden(t, filepath.Join(dir, filepath.FromSlash(p)), got, *updateGolden, "go test ./internal/site -run TestGoldenPages -update")
	}
}

// TestFormatLayoutsOverride: a site's own layouts/robots.txt and atom.xml
// replace the built-in ones, with the same data.
func TestFormatLayoutsOverride(t *testing.T) {
	t.Parallel()
	root := fixture(t)
	cfg, err := os.ReadFile(filepath.Join(root, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, root, "config.toml", "baseURL = \"https://kb.example.org/\"\n"+string(cfg))
	writeFile(t, root, "layouts/robots.txt", "User-agent: *\nDisallow: /drafts/\nSitemap: {{.Sitemap}}\n")
	writeFile(t, root, "layouts/atom.xml", "<feed>{{range .Entries}}<e>{{xml .Title}}</e>{{end}}</feed>\n")
	out, _ := build(t, root)
	if got := read(t, out, "robots.txt"); got != "User-agent: *\nDisallow: /drafts/\nSitemap: https://kb.example.org/sitemap.xml\n" {
		t.Errorf("robots.txt: %q", got)
	}
	if got := read(t, out, "zh-hans/atom.xml"); !strings.HasPrefix(got, "<feed><e>") {
		t.Errorf("atom.xml: %q", got)
	}
	if got := read(t, out, "sitemap.xml"); !strings.Contains(got, "<loc>https://kb.example.org/zh-hans/</loc>") {
		t.Errorf("sitemap.xml (built-in) lost: %.200s", got)
	}
	// A mistake in one fails the build at its line.
	writeFile(t, root, "layouts/robots.txt", "User-agent: *\n{{.Nope}}\n")
	if _, err := Build(Options{Root: root, Out: filepath.Join(t.TempDir(), "public")}); err == nil || !strings.Contains(err.Error(), "robots.txt:2") {
		t.Errorf("a broken robots.txt layout: %v", err)
	}
}
