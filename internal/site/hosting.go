package site

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/zhkb/zhkb/internal/content"
	"github.com/zhkb/zhkb/internal/output"
	"github.com/zhkb/zhkb/internal/render"
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

// addHosting writes sitemap.xml, the feeds and robots.txt, each from its
// layout (the site's own, else the built-in theme's).
func (b *builder) addHosting(tree output.Tree) error {
	if b.opts.Offline {
		return nil
	}
	base := b.cfg.BaseURL
	if base != "" {
		data, err := b.formats.Execute("sitemap.xml", b.sitemap())
		if err != nil {
			return err
		}
		if err := tree.Add("sitemap.xml", data); err != nil {
			return err
		}
		for _, v := range b.variants {
			data, err := b.formats.Execute("atom.xml", b.feed(v))
			if err != nil {
				return err
			}
			if err := tree.Add(v.Dir+"/"+feedFile, data); err != nil {
				return err
			}
		}
	}
	if _, err := os.Stat(filepath.Join(b.cfg.Root, "static", "robots.txt")); err == nil {
		return nil // the site's own
	}
	robots := render.Robots{}
	if base != "" {
		robots.Sitemap = base + "sitemap.xml"
	}
	data, err := b.formats.Execute("robots.txt", robots)
	if err != nil {
		return err
	}
	return tree.Add("robots.txt", data)
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
func (b *builder) sitemap() render.Sitemap {
	base := b.cfg.BaseURL
	sm := render.Sitemap{BaseURL: base}
	for _, p := range b.sitemapPages() {
		for _, v := range b.variants {
			u := render.SitemapURL{Loc: base + v.Dir + "/" + p.url, Lastmod: p.lastmod}
			for _, o := range b.variants {
				u.Alternates = append(u.Alternates, render.SitemapAlternate{Lang: o.Code, Href: base + o.Dir + "/" + p.url})
			}
			if p.url == "" {
				u.Default = base
			}
			sm.URLs = append(sm.URLs, u)
		}
	}
	return sm
}

// feed is variant v's Atom feed of the most recently updated articles, with
// their full text; relative links in it resolve against each entry's page
// (xml:base). Times carry the offset of the site's time zone, in which
// content.Load put them: the same on every build machine.
func (b *builder) feed(v *variant) render.Feed {
	base := b.cfg.BaseURL
	home := base + v.Dir + "/"
	f := render.Feed{Lang: v.Code, Title: v.site.Title, Subtitle: v.site.Description, Home: home, Self: home + feedFile}
	for _, e := range v.feed {
		if e.updated.After(f.Updated) {
			f.Updated = e.updated
		}
		f.Entries = append(f.Entries, render.FeedEntry{URL: base + e.url, Title: e.title, Summary: e.description,
			Published: e.date, Updated: e.updated, Categories: e.tags, Content: string(e.body)})
	}
	return f
}
