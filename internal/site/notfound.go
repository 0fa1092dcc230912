package site

import (
	"encoding/json"
	stdhtml "html"
	"html/template"

	"github.com/zhkb/zhkb/internal/render"
)

// rootNotFound is the 404 page a host serves for every missing path: the
// source variant's 404 page, given the other variants' 404 pages (their
// title and body, from the layouts' "partials/title.html" and "body") to
// carry; the layouts put them in <template>s with a script that shows the
// one a reader wants (partials/notfound-pick.html, js/zhkb-404.js), and a
// line in each other variant's language for readers without scripts.
func (b *builder) rootNotFound() ([]byte, error) {
	if len(b.variants) == 1 {
		return b.notFound(b.variants[0], "404.html")
	}
	root := "/"
	if b.cfg.BaseURL != "" {
		root = b.cfg.BaseURL
	}
	type choice struct {
		Dir    string `json:"dir"`
		Code   string `json:"code"`
		Script string `json:"script"`
	}
	nf := &render.NotFoundRoot{}
	choices := []choice{}
	for i, v := range b.variants {
		choices = append(choices, choice{v.Dir, v.Code, v.Script})
		if i == 0 {
			continue
		}
		p := b.notFoundPage(v, "404.html")
		body, err := b.layouts.ExecuteNamed("404", "body", p)
		if err != nil {
			return nil, err
		}
		title, err := b.layouts.ExecuteNamed("404", "partials/title.html", p)
		if err != nil {
			return nil, err
		}
		nf.Others = append(nf.Others, render.NotFoundVariant{
			Dir: v.Dir, Lang: v.Code, Title: stdhtml.UnescapeString(string(title)), Body: template.HTML(body),
			Message: v.ui["notFound"], Home: root + v.Dir + "/", BackHome: v.ui["backHome"],
		})
	}
	data, err := json.Marshal(choices)
	if err != nil {
		return nil, err
	}
	nf.Choices = string(data)
	p := b.notFoundPage(b.variants[0], "404.html")
	p.NotFound = nf
	return b.exec("404", p)
}
