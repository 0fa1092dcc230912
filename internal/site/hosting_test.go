package site

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

type sitemapXML struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc        string `xml:"loc"`
		Lastmod    string `xml:"lastmod"`
		Alternates []struct {
			Rel      string `xml:"rel,attr"`
			Hreflang string `xml:"hreflang,attr"`
			Href     string `xml:"href,attr"`
		} `xml:"http://www.w3.org/1999/xhtml link"`
	} `xml:"url"`
}

type atomXML struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Author  string `xml:"author>name"`
	Entries []struct {
		Title   string `xml:"title"`
		ID      string `xml:"id"`
		Updated string `xml:"updated"`
		Link    struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Summary string `xml:"summary"`
		Content struct {
			Type string `xml:"type,attr"`
			Base string `xml:"http://www.w3.org/XML/1998/namespace base,attr"`
			Body string `xml:",chardata"`
		} `xml:"content"`
	} `xml:"entry"`
}

// TestHostingFiles checks sitemap.xml, the Atom feeds, robots.txt and the
// preview and canonical tags of a site with a base URL: the XML parses,
// every URL in it is a page that was written, every page is listed with its
// alternates in every variant, and feeds list the newest articles first.
func TestHostingFiles(t *testing.T) {
	t.Parallel()
	const base = "https://kb.example.org/sub/"
	root := fixture(t)
	writeFile(t, root, "config.toml", "baseURL = \"https://kb.example.org/sub\"\n"+read(t, root, "config.toml"))
	out, st := build(t, root)
	if len(st.Warnings) != 0 {
		t.Errorf("warnings with a base URL: %v", st.Warnings)
	}
	variants := []string{"zh-Hans", "zh-Hant", "zh-HK"}
	fileOf := func(url string) string {
		if !strings.HasPrefix(url, base) {
			t.Errorf("%s is not below the base URL", url)
			return ""
		}
		p := strings.TrimPrefix(url, base)
		if p == "" || strings.HasSuffix(p, "/") {
			p += "index.html"
		}
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(p))); err != nil {
			t.Errorf("%s: no such page in the output", url)
		}
		return p
	}

	var sm sitemapXML
	if err := xml.Unmarshal([]byte(read(t, out, "sitemap.xml")), &sm); err != nil {
		t.Fatalf("sitemap.xml: %v", err)
	}
	listed := map[string]bool{}
	for _, u := range sm.URLs {
		listed[fileOf(u.Loc)] = true
		var langs []string
		self := false
		for _, a := range u.Alternates {
			if a.Rel != "alternate" {
				t.Errorf("%s: link rel %q", u.Loc, a.Rel)
			}
			if a.Hreflang == "x-default" {
				if a.Href != base {
					t.Errorf("%s: x-default %s", u.Loc, a.Href)
				}
				continue
			}
			langs = append(langs, a.Hreflang)
			fileOf(a.Href)
			self = self || a.Href == u.Loc
		}
		if strings.Join(langs, " ") != strings.Join(variants, " ") || !self {
			t.Errorf("%s: alternates %v (itself among them: %v)", u.Loc, langs, self)
		}
		if u.Lastmod != "" {
			if _, err := time.Parse("2006-01-02", u.Lastmod); err != nil {
				t.Errorf("%s: lastmod %q", u.Loc, u.Lastmod)
			}
		}
	}
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		rel = filepath.ToSlash(rel)
		data, _ := os.ReadFile(p)
		skip := rel == "index.html" || strings.HasSuffix(rel, "404.html") || strings.Contains(string(data), `http-equiv="refresh"`)
		if !skip && !listed[rel] {
			t.Errorf("%s is not in sitemap.xml", rel)
		}
		return nil
	})

	for i, dir := range []string{"zh-hans", "zh-hant", "zh-hk"} {
		var f atomXML
		if err := xml.Unmarshal([]byte(read(t, out, dir+"/atom.xml")), &f); err != nil {
			t.Fatalf("%s/atom.xml: %v", dir, err)
		}
		if f.Lang != variants[i] || f.ID != base+dir+"/" || f.Title == "" || f.Author == "" || len(f.Entries) == 0 {
			t.Errorf("%s feed: lang %q id %q title %q author %q, %d entries", dir, f.Lang, f.ID, f.Title, f.Author, len(f.Entries))
		}
		self := false
		for _, l := range f.Links {
			self = self || (l.Rel == "self" && l.Href == base+dir+"/atom.xml")
		}
		if !self {
			t.Errorf("%s feed has no self link", dir)
		}
		var times []string
		for _, e := range f.Entries {
			fileOf(e.Link.Href)
			times = append(times, e.Updated)
			if e.ID != e.Link.Href || e.Content.Type != "html" || e.Content.Base != e.Link.Href || !strings.Contains(e.Content.Body, "<p>") {
				t.Errorf("%s entry %s: id %s, content type %q base %q", dir, e.Link.Href, e.ID, e.Content.Type, e.Content.Base)
			}
			if _, err := time.Parse(time.RFC3339, e.Updated); err != nil {
				t.Errorf("%s entry %s: updated %q", dir, e.Link.Href, e.Updated)
			}
		}
		if !sort.SliceIsSorted(times, func(a, b int) bool { return times[a] > times[b] }) || f.Updated != times[0] {
			t.Errorf("%s feed: entries not newest first (%v), feed updated %s", dir, times, f.Updated)
		}
	}
	if r := read(t, out, "robots.txt"); !strings.Contains(r, "Sitemap: "+base+"sitemap.xml\n") || !strings.Contains(r, "User-agent: *") {
		t.Errorf("robots.txt:\n%s", r)
	}
	page := read(t, out, "zh-hant/guide/code/index.html")
	for _, w := range []string{
		`<link rel="alternate" type="application/atom+xml"`, `href="` + base + `zh-hant/atom.xml"`,
		`<meta property="og:type" content="article">`, `<meta property="og:locale" content="zh_TW">`,
		`<meta property="og:url" content="` + base + `zh-hant/guide/code/">`, `<meta property="og:title" content="`,
		`<meta name="twitter:card" content="summary">`,
	} {
		if !strings.Contains(page, w) {
			t.Errorf("page lacks %s", w)
		}
	}
	if hk := read(t, out, "zh-hk/index.html"); !strings.Contains(hk, `<meta property="og:locale" content="zh_HK">`) || !strings.Contains(hk, `<meta property="og:type" content="website">`) {
		t.Error("zh-HK home page: wrong og:locale or og:type")
	}
}

// TestHostingWithoutBaseURL: without a base URL there is nothing absolute
// to write, so no sitemap or feeds, and the build says so.
func TestHostingWithoutBaseURL(t *testing.T) {
	t.Parallel()
	out, st := build(t, fixture(t))
	if len(st.Warnings) != 1 || !strings.Contains(st.Warnings[0], "baseURL is not set") || !strings.Contains(st.Warnings[0], "config.toml") {
		t.Errorf("warnings: %v", st.Warnings)
	}
	for _, f := range []string{"sitemap.xml", "zh-hans/atom.xml"} {
		if _, err := os.Stat(filepath.Join(out, f)); err == nil {
			t.Errorf("%s written without a base URL", f)
		}
	}
	if r := read(t, out, "robots.txt"); strings.Contains(r, "Sitemap") {
		t.Errorf("robots.txt names a sitemap:\n%s", r)
	}
	if p := read(t, out, "zh-hans/index.html"); strings.Contains(p, "og:url") || strings.Contains(p, "canonical") || strings.Contains(p, "atom+xml") {
		t.Error("a page has an absolute URL without a base URL")
	}
	// An offline build has no server files and no warning.
	off := filepath.Join(t.TempDir(), "offline")
	st, err := Build(Options{Root: fixture(t), Out: off, Offline: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"robots.txt", "404.html", "zh-hans/404.html"} {
		if _, err := os.Stat(filepath.Join(off, f)); err == nil {
			t.Errorf("offline build wrote %s", f)
		}
	}
	if len(st.Warnings) != 0 {
		t.Errorf("offline build warned: %v", st.Warnings)
	}
}

// TestBundleDeterministic: two bundle runs over the same sources give the
// same bytes.
func TestBundleDeterministic(t *testing.T) {
	t.Parallel()
	root := fixture(t)
	var runs [2][]BundleFile
	for i := range runs {
		var err error
		if runs[i], err = Bundle(BundleOptions{Root: root, Out: filepath.Join(t.TempDir(), "dist"), Name: "kb"}); err != nil {
			t.Fatal(err)
		}
	}
	if len(runs[0]) != 4 { // the zip and three variants
		t.Fatalf("%d bundles: %v", len(runs[0]), runs[0])
	}
	for i, f := range runs[0] {
		a, _ := os.ReadFile(f.Path)
		b, _ := os.ReadFile(runs[1][i].Path)
		if len(a) == 0 || string(a) != string(b) {
			t.Errorf("%s differs between runs", filepath.Base(f.Path))
		}
	}
}

// TestPublishedBundles: with [bundle] publish = true a build puts the
// offline bundles under download/ and links them, with sizes, from every
// page; the bundles themselves link to no downloads.
func TestPublishedBundles(t *testing.T) {
	t.Parallel()
	root := fixture(t)
	writeFile(t, root, "config.toml", read(t, root, "config.toml")+"\n[bundle]\nname = \"kb\"\npublish = true\n")
	out, _ := build(t, root)
	for _, f := range []string{"kb-offline.zip", "kb-zh-hans.html", "kb-zh-hant.html", "kb-zh-hk.html"} {
		if _, err := os.Stat(filepath.Join(out, "download", f)); err != nil {
			t.Error(err)
		}
	}
	page := read(t, out, "zh-hant/guide/code/index.html")
	for _, w := range []string{`<a href="../../../download/kb-zh-hant.html" download>單一網頁檔案</a> <span class="size">`, `<a href="../../../download/kb-offline.zip" download>整站壓縮檔</a>`, "KB</span>"} {
		if !strings.Contains(page, w) {
			t.Errorf("page lacks %s", w)
		}
	}
	if strings.Contains(page, "kb-zh-hans.html") {
		t.Error("a zh-Hant page offers the zh-Hans single file")
	}
	if single := read(t, out, "download/kb-zh-hant.html"); strings.Contains(single, "download/") || strings.Contains(single, `class="downloads"`) {
		t.Error("the single file links to downloads")
	}
	checkLinks(t, out)
}
