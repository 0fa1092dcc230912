package site

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/zhkb/zhkb/internal/content"
	"github.com/zhkb/zhkb/internal/output"
)

// Files for web hosting: sitemap.xml with every variant of every page,
// an Atom feed per variant, and robots.txt. Sitemaps and feeds need
// absolute URLs, so they are written only when the config sets baseURL.

// feedSize is how many articles a feed lists, newest first.
const feedSize = 20

// feedFile is the path of a variant's feed below its directory.
const feedFile = "atom.xml"

// updated is when an article last changed: lastmod, else date.
func updated(fm content.FrontMatter) time.Time {
	if !fm.Lastmod.IsZero() {
		return fm.Lastmod
	}
	return fm.Date
}

// feedPages picks the articles the feeds list: the feedSize most recently
// updated ones that carry a date, newest first, ties by URL.
func feedPages(pages []*content.Page) []*content.Page {
	var list []*content.Page
	for _, p := range pages {
		if !updated(p.Front).IsZero() {
			list = append(list, p)
		}
	}
	sort.SliceStable(list, func(i, j int) bool {
		ti, tj := updated(list[i].Front), updated(list[j].Front)
		if !ti.Equal(tj) {
			return ti.After(tj)
		}
		return list[i].URL() < list[j].URL()
	})
	return list[:min(len(list), feedSize)]
}

// feedEntry is one article of a variant's feed, filled in by the article's
// render job.
type feedEntry struct {
	url, title, description string
	date, updated           time.Time
	body                    []byte // rendered HTML, links relative to the page
	tags                    []string
}

// warnings reports what a build for hosting leaves out.
func (b *builder) warnings() []string {
	if b.opts.Offline || b.cfg.BaseURL != "" {
		return nil
	}
	return []string{fmt.Sprintf("%s: baseURL is not set, so pages have no canonical URL and sitemap.xml and the Atom feeds were not written; set baseURL = \"https://…/\" for a site on the web", b.cfg.File)}
}

// addHosting writes sitemap.xml, the feeds and robots.txt.
func (b *builder) addHosting(tree output.Tree) error {
	if b.opts.Offline {
		return nil
	}
	base := b.cfg.BaseURL
	if base != "" {
		if err := tree.Add("sitemap.xml", b.sitemap()); err != nil {
			return err
		}
		for _, v := range b.variants {
			if err := tree.Add(v.Dir+"/"+feedFile, b.feed(v)); err != nil {
				return err
			}
		}
	}
	if _, err := os.Stat(filepath.Join(b.cfg.Root, "static", "robots.txt")); err == nil {
		return nil // the site's own
	}
	robots := "User-agent: *\nAllow: /\n"
	if base != "" {
		robots += "Sitemap: " + base + "sitemap.xml\n"
	}
	return tree.Add("robots.txt", []byte(robots))
}

// sitemapPage is a page that every variant has, by its path below the
// variant directory.
type sitemapPage struct {
	url     string
	lastmod time.Time
}

// sitemapPages lists the pages of a variant: home, sections, articles,
// tags, the article list. (The same list as variantJobs, less 404.html.)
func (b *builder) sitemapPages() []sitemapPage {
	pages := []sitemapPage{{url: ""}}
	for _, s := range b.content.Sections {
		pages = append(pages, sitemapPage{url: s.URL()})
		for _, p := range s.Pages {
			pages = append(pages, sitemapPage{url: p.URL(), lastmod: updated(p.Front)})
		}
	}
	pages = append(pages, sitemapPage{url: "tags/"})
	for _, t := range b.tags {
		pages = append(pages, sitemapPage{url: "tags/" + t.slug + "/"})
	}
	return append(pages, sitemapPage{url: "articles/"})
}

// sitemap lists every page of every variant with its alternates in all
// variants, and the root page as the default for other languages.
func (b *builder) sitemap() []byte {
	base := b.cfg.BaseURL
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	buf.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">` + "\n")
	for _, p := range b.sitemapPages() {
		for _, v := range b.variants {
			buf.WriteString("<url>\n<loc>" + esc(base+v.Dir+"/"+p.url) + "</loc>\n")
			if !p.lastmod.IsZero() {
				buf.WriteString("<lastmod>" + p.lastmod.Format("2006-01-02") + "</lastmod>\n")
			}
			for _, o := range b.variants {
				fmt.Fprintf(&buf, "<xhtml:link rel=\"alternate\" hreflang=\"%s\" href=\"%s\"/>\n", esc(o.Code), esc(base+o.Dir+"/"+p.url))
			}
			if p.url == "" {
				fmt.Fprintf(&buf, "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"%s\"/>\n", esc(base))
			}
			buf.WriteString("</url>\n")
		}
	}
	buf.WriteString("</urlset>\n")
	return buf.Bytes()
}

// feed is variant v's Atom feed of the most recently updated articles, with
// their full text; relative links in it resolve against each entry's page
// (xml:base).
func (b *builder) feed(v *variant) []byte {
	base := b.cfg.BaseURL
	home := base + v.Dir + "/"
	var newest time.Time
	for _, e := range v.feed {
		if e.updated.After(newest) {
			newest = e.updated
		}
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	fmt.Fprintf(&buf, "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"%s\">\n", esc(v.Code))
	fmt.Fprintf(&buf, "<title>%s</title>\n", esc(v.site.Title))
	if v.site.Description != "" {
		fmt.Fprintf(&buf, "<subtitle>%s</subtitle>\n", esc(v.site.Description))
	}
	fmt.Fprintf(&buf, "<id>%s</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"%s\"/>\n", esc(home), esc(home))
	fmt.Fprintf(&buf, "<link rel=\"self\" type=\"application/atom+xml\" href=\"%s\"/>\n", esc(home+feedFile))
	fmt.Fprintf(&buf, "<updated>%s</updated>\n<author><name>%s</name></author>\n<generator>zhkb</generator>\n", atomTime(newest), esc(v.site.Title))
	for _, e := range v.feed {
		url := base + e.url
		buf.WriteString("<entry>\n")
		fmt.Fprintf(&buf, "<title>%s</title>\n<id>%s</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"%s\"/>\n", esc(e.title), esc(url), esc(url))
		if !e.date.IsZero() {
			fmt.Fprintf(&buf, "<published>%s</published>\n", atomTime(e.date))
		}
		fmt.Fprintf(&buf, "<updated>%s</updated>\n", atomTime(e.updated))
		for _, t := range e.tags {
			fmt.Fprintf(&buf, "<category term=\"%s\"/>\n", esc(t))
		}
		if e.description != "" {
			fmt.Fprintf(&buf, "<summary>%s</summary>\n", esc(e.description))
		}
		fmt.Fprintf(&buf, "<content type=\"html\" xml:base=\"%s\">%s</content>\n", esc(url), escText(string(e.body)))
		buf.WriteString("</entry>\n")
	}
	buf.WriteString("</feed>\n")
	return buf.Bytes()
}

// atomTime writes t with the offset of the site's time zone, in which
// content.Load put it: the same on every build machine.
func atomTime(t time.Time) string { return t.Format(time.RFC3339) }

// esc escapes s for XML text or a quoted attribute.
func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// escText escapes s for XML text, keeping its line breaks.
func escText(s string) string { return strings.ReplaceAll(esc(s), "&#xA;", "\n") }
