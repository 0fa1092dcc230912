// Package render executes a site's html/template layouts into HTML pages.
package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"strings"
	"time"
)

// Kinds of page, each rendered by the layout file of the same name. The
// kinds in standalone are complete documents; the others fill in the blocks
// of base.html.
var (
	Kinds      = []string{"home", "section", "page", "tags", "tag", "articles", "404", "landing", "alias"}
	standalone = map[string]bool{"landing": true, "alias": true}
)

// Templates holds one parsed template set per page kind.
type Templates struct {
	byKind map[string]*template.Template
}

// Funcs are the functions available to layouts besides html/template's own.
var Funcs = template.FuncMap{
	// date formats a time as Chinese readers write dates: 2024年5月1日.
	"date": func(t time.Time) string { return t.Format("2006年1月2日") },
	// isoDate formats a time for <time datetime>: 2024-05-01.
	"isoDate": func(t time.Time) string { return t.Format("2006-01-02") },
	// ogLocale gives the Open Graph locale of a language tag: zh-Hans →
	// zh_CN, zh-Hant → zh_TW, zh-HK → zh_HK.
	"ogLocale": OGLocale,
	// replace replaces every old in s with new: a UI string's {year}.
	"replace": func(s, old, new string) string { return strings.ReplaceAll(s, old, new) },
}

// OGLocale gives the Open Graph locale (language_TERRITORY) of a BCP 47
// tag: its region where it names one, else the usual one for its script
// (Simplified: CN, Traditional: TW).
func OGLocale(tag string) string {
	parts := strings.Split(tag, "-")
	lang, region, script := strings.ToLower(parts[0]), "", ""
	for _, p := range parts[1:] {
		switch {
		case len(p) == 2 || (len(p) == 3 && p[0] >= '0' && p[0] <= '9'):
			region = strings.ToUpper(p)
		case len(p) == 4:
			script = strings.ToLower(p)
		}
	}
	if region == "" {
		region = map[string]string{"hans": "CN", "hant": "TW"}[script]
	}
	if region == "" {
		return lang
	}
	return lang + "_" + region
}

// Load parses the layouts in fsys: base.html, partials/*.html and one file
// per kind. Errors name the layout file (as layouts/…) and line.
func Load(fsys fs.FS) (*Templates, error) {
	partials, err := fs.Glob(fsys, "partials/*.html")
	if err != nil {
		return nil, err
	}
	t := &Templates{byKind: map[string]*template.Template{}}
	for _, kind := range Kinds {
		files := []string{kind + ".html"}
		if !standalone[kind] {
			files = append([]string{"base.html"}, files...)
		}
		files = append(files, partials...)
		tmpl := template.New("zhkb-" + kind).Option("missingkey=error").Funcs(Funcs)
		for _, f := range files {
			src, err := fs.ReadFile(fsys, f)
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return nil, fmt.Errorf("layouts: layouts/%s is missing: every set of layouts needs %s.html and base.html", f, kind)
				}
				return nil, fmt.Errorf("layouts: %w", err)
			}
			if _, err := tmpl.New(f).Parse(string(src)); err != nil {
				return nil, fmt.Errorf("layouts: %w", err)
			}
		}
		t.byKind[kind] = tmpl
	}
	return t, nil
}

// ExecuteNamed renders the template name (a define'd block such as "body",
// or a partial) of the given kind's layouts with data.
func (t *Templates) ExecuteNamed(kind, name string, data any) ([]byte, error) {
	tmpl, ok := t.byKind[kind]
	if !ok {
		return nil, fmt.Errorf("render: no layout for page kind %q", kind)
	}
	var buf bytes.Buffer
	if err := tmpl.ExecuteTemplate(&buf, name, data); err != nil {
		return nil, fmt.Errorf("layouts: %s", strings.TrimPrefix(err.Error(), "template: "))
	}
	return buf.Bytes(), nil
}

// Execute renders the page of the given kind with data.
func (t *Templates) Execute(kind string, data any) ([]byte, error) {
	tmpl, ok := t.byKind[kind]
	if !ok {
		return nil, fmt.Errorf("render: no layout for page kind %q", kind)
	}
	name := "base.html"
	if standalone[kind] {
		name = kind + ".html"
	}
	var buf bytes.Buffer
	if err := tmpl.ExecuteTemplate(&buf, name, data); err != nil {
		return nil, fmt.Errorf("layouts: %s", strings.TrimPrefix(err.Error(), "template: "))
	}
	return buf.Bytes(), nil
}
