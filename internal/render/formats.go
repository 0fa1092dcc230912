package render

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"text/template"
	"time"
)

// FormatFiles are the layouts of the text outputs a site writes besides its
// pages: executed with text/template, so XML is escaped by the layouts
// themselves (the xml and xmlText functions).
var FormatFiles = []string{"sitemap.xml", "atom.xml", "robots.txt"}

// FormatFuncs are the functions the format layouts may use.
var FormatFuncs = template.FuncMap{
	// xml escapes text for XML text or a quoted attribute.
	"xml": escXML,
	// xmlText escapes text for XML, keeping its line breaks (HTML in an
	// Atom entry's content).
	"xmlText": func(s string) string { return strings.ReplaceAll(escXML(s), "&#xA;", "\n") },
	// atomTime writes a time as RFC 3339 with its offset.
	"atomTime": func(t time.Time) string { return t.Format(time.RFC3339) },
	// isoDate writes a date as 2024-05-01.
	"isoDate": func(t time.Time) string { return t.Format("2006-01-02") },
}

func escXML(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// Formats are the parsed format layouts.
type Formats struct{ byName map[string]*template.Template }

// LoadFormats parses the format layouts in fsys (FormatFiles). Errors name
// the layout file and line.
func LoadFormats(fsys fs.FS) (*Formats, error) {
	f := &Formats{byName: map[string]*template.Template{}}
	for _, name := range FormatFiles {
		src, err := fs.ReadFile(fsys, name)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("layouts: layouts/%s is missing", name)
		} else if err != nil {
			return nil, fmt.Errorf("layouts: %w", err)
		}
		t, err := template.New(name).Option("missingkey=error").Funcs(FormatFuncs).Parse(string(src))
		if err != nil {
			return nil, fmt.Errorf("layouts: %w", err)
		}
		f.byName[name] = t
	}
	return f, nil
}

// Execute renders the format layout name with data.
func (f *Formats) Execute(name string, data any) ([]byte, error) {
	t, ok := f.byName[name]
	if !ok {
		return nil, fmt.Errorf("render: no layout %s", name)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return nil, fmt.Errorf("layouts: %s", strings.TrimPrefix(err.Error(), "template: "))
	}
	return buf.Bytes(), nil
}

// Sitemap is what sitemap.xml lists: every page of every variant.
type Sitemap struct {
	BaseURL string
	URLs    []SitemapURL
}

// SitemapURL is one page of one variant, with the same page in every
// variant (itself included).
type SitemapURL struct {
	Loc        string // absolute
	Lastmod    time.Time
	Alternates []SitemapAlternate
	Default    string // for the home pages: the root page, as x-default; else ""
}

// SitemapAlternate is a page in one variant.
type SitemapAlternate struct{ Lang, Href string }

// Feed is a variant's Atom feed.
type Feed struct {
	Lang, Title, Subtitle string
	Home, Self            string // absolute URLs of the variant's home page and of the feed
	Updated               time.Time
	Entries               []FeedEntry
}

// FeedEntry is an article in a feed, with its rendered text.
type FeedEntry struct {
	URL, Title, Summary string
	Published, Updated  time.Time
	Categories          []string
	Content             string // HTML, links relative to the article's URL
}

// Robots is what robots.txt says.
type Robots struct {
	Sitemap string // absolute URL of sitemap.xml, or ""
}
