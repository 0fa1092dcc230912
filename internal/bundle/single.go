package bundle

import (
	"bytes"
	_ "embed"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"path"
	"sort"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

//go:embed router.js
var routerJS string

// SingleFile writes variant v of the site as one HTML document that needs
// no other file: the variant's home page as the frame (header, navigation,
// search box, footer), every page's main content in a <template> shown by
// a small router at "#/path/", the stylesheets, the search runtime and the
// whole search index inline. Links to the other variants lead to their
// single files, placed beside this one.
func SingleFile(s *Site, v Variant, w io.Writer) error {
	files := s.list()
	b := &single{site: s, v: v, files: map[string]bool{}}
	for _, f := range files {
		b.files[f] = true
	}
	var pages []string
	for _, f := range files {
		if strings.HasPrefix(f, v.Dir+"/") && strings.HasSuffix(f, ".html") && !strings.HasPrefix(f, v.Dir+"/search/") {
			pages = append(pages, f)
		}
	}
	home := v.Dir + "/index.html"
	var frame *page
	var templates bytes.Buffer
	for _, f := range pages {
		data, err := s.read(f)
		if err != nil {
			return err
		}
		pg, err := b.split(f, data)
		if err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		if pg.redirect {
			continue // an alias: its target is a page of its own
		}
		if f == home {
			frame = pg
		}
		fmt.Fprintf(&templates, "<template data-route=\"%s\" data-title=\"%s\" data-class=\"%s\">%s</template>\n",
			html.EscapeString(b.route(f)), html.EscapeString(pg.title), html.EscapeString(pg.bodyClass), pg.main)
	}
	if frame == nil {
		return fmt.Errorf("%s: no home page", home)
	}

	var out bytes.Buffer
	fmt.Fprintf(&out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n", html.EscapeString(v.Code))
	out.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"referrer\" content=\"no-referrer\">\n")
	fmt.Fprintf(&out, "<title>%s</title>\n", html.EscapeString(frame.title))
	for _, href := range frame.styles {
		css, err := s.read(href)
		if err != nil {
			return fmt.Errorf("stylesheet: %w", err)
		}
		if bytes.Contains(bytes.ToLower(css), []byte("</style")) {
			return fmt.Errorf("%s contains </style and cannot be inlined", href)
		}
		fmt.Fprintf(&out, "<style>\n%s</style>\n", css)
	}
	fmt.Fprintf(&out, "</head>\n<body class=\"%s\">\n", html.EscapeString(frame.bodyClass))
	out.Write(frame.frame)
	out.WriteString("\n")
	out.Write(templates.Bytes())
	fmt.Fprintf(&out, "<script>window.zhkbRoutes = %q;</script>\n", v.Dir+"/")
	for _, src := range frame.scripts {
		if err := b.inlineScript(&out, src); err != nil {
			return err
		}
	}
	// The search index: every file of the variant's index, each a call
	// that hands its data to the runtime.
	var index []string
	for _, f := range files {
		if strings.HasPrefix(f, v.Dir+"/search/") && strings.HasSuffix(f, ".js") {
			index = append(index, f)
		}
	}
	sort.Strings(index)
	// Wrapped in a function that the runtime calls on the first search, so
	// that opening the file does not wait for the index to be evaluated.
	out.WriteString("<script>\nfunction zhkbIndex() {\n")
	for _, f := range index {
		data, err := s.read(f)
		if err != nil {
			return err
		}
		out.Write(scriptSafe(data))
	}
	out.WriteString("}\n</script>\n<script>\n")
	out.WriteString(routerJS)
	out.WriteString("</script>\n</body>\n</html>\n")
	_, err := w.Write(out.Bytes())
	return err
}

// single is the state of one single-file bundle.
type single struct {
	site  *Site
	v     Variant
	files map[string]bool
}

// page is what a single-file bundle takes from one built page.
type page struct {
	title     string
	bodyClass string
	redirect  bool
	styles    []string // stylesheet files
	scripts   []string // script files, in order
	main      []byte   // the content of <main id="main">, links rewritten
	frame     []byte   // the body with main emptied and scripts removed
}

// split takes a built page apart: what its head says (title, stylesheets,
// whether it only redirects), its scripts, the content of its main element
// and the rest of its body, the frame.
func (b *single) split(rel string, data []byte) (*page, error) {
	s := splitter{single: b, rel: rel, pg: &page{}}
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() == io.EOF {
				break
			}
			return nil, z.Err()
		}
		raw := append([]byte(nil), z.Raw()...)
		tok := z.Token()
		if err := s.token(tt, tok, raw); err != nil {
			return nil, err
		}
	}
	s.pg.main, s.pg.frame = s.main.Bytes(), s.frame.Bytes()
	return s.pg, nil
}

// splitter is where split is in a page.
type splitter struct {
	*single
	rel                               string // the page's path in the site
	pg                                *page
	main, frame                       bytes.Buffer
	inBody, inMain, inTitle, inScript bool
}

// token takes one token of the page: in a script it skips to the script's
// end; it takes what the head says and the tags that frame the content;
// it copies the body's other tokens to the main content or the frame.
func (s *splitter) token(tt html.TokenType, tok html.Token, raw []byte) error {
	switch {
	case s.inScript:
		s.inScript = tt != html.EndTagToken || tok.DataAtom != atom.Script
	case s.head(tt, tok), s.frameTag(tt, tok, raw):
	case s.inBody:
		return s.copy(tt, tok, raw)
	}
	return nil
}

// head takes the page's title, its stylesheets, and whether it only
// redirects (an alias); it reports whether tok was one of those.
func (s *splitter) head(tt html.TokenType, tok html.Token) bool {
	switch {
	case tt == html.StartTagToken && tok.DataAtom == atom.Title:
		s.inTitle = true
	case tt == html.EndTagToken && tok.DataAtom == atom.Title:
		s.inTitle = false
	case tt == html.TextToken && s.inTitle:
		s.pg.title += tok.Data
	case tok.DataAtom == atom.Meta && isRefresh(&tok):
		s.pg.redirect = true
	case (tt == html.StartTagToken || tt == html.SelfClosingTagToken) && tok.DataAtom == atom.Link:
		if attr(tok, "rel") == "stylesheet" {
			if p, _, ok, err := target(s.rel, attr(tok, "href")); err == nil && ok {
				s.pg.styles = append(s.pg.styles, p)
			}
		}
	default:
		return false
	}
	return true
}

// frameTag takes the tags around the content: body and html (the bundle
// has its own; body gives the page's class), scripts (the bundle inlines
// each once) and main's own tags (kept in the frame, what is between them
// apart); it reports whether tok was one of those.
func (s *splitter) frameTag(tt html.TokenType, tok html.Token, raw []byte) bool {
	switch {
	case tt == html.StartTagToken && tok.DataAtom == atom.Body:
		s.pg.bodyClass, s.inBody = attr(tok, "class"), true
	case tok.DataAtom == atom.Body || tok.DataAtom == atom.Html:
	case tt == html.StartTagToken && tok.DataAtom == atom.Script && attr(tok, "src") != "":
		if p, _, ok, err := target(s.rel, attr(tok, "src")); err == nil && ok {
			s.pg.scripts = append(s.pg.scripts, p)
		}
		s.inScript = true
	case tt == html.StartTagToken && tok.DataAtom == atom.Main && attr(tok, "id") == "main":
		s.inMain = true
		s.frame.Write(raw)
	case tt == html.EndTagToken && tok.DataAtom == atom.Main && s.inMain:
		s.inMain = false
		s.frame.Write(raw)
	default:
		return false
	}
	return true
}

// copy writes a token of the body to the main content or the frame, its
// links rewritten for the bundle.
func (s *splitter) copy(tt html.TokenType, tok html.Token, raw []byte) error {
	dst := &s.frame
	if s.inMain {
		dst = &s.main
	}
	if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
		dst.Write(raw)
		return nil
	}
	changed, err := rewriteTag(&tok, s.link(s.rel, s.inMain))
	if err != nil {
		return err
	}
	if changed {
		writeTag(dst, tok)
	} else {
		dst.Write(raw)
	}
	return nil
}

func attr(tok html.Token, key string) string {
	for _, a := range tok.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// route is the route of a page of the variant: its path below the variant
// directory, without index.html.
func (b *single) route(file string) string {
	return strings.TrimSuffix(strings.TrimPrefix(file, b.v.Dir+"/"), "index.html")
}

// link rewrites the links of the page at rel: pages of the variant become
// routes, pages of other variants links into their single files, other
// files data: URLs. inPage marks the page's own content, whose "#anchor"
// links are made to name the page.
func (b *single) link(rel string, inPage bool) rewriter {
	return func(tag, attrName, val string) (string, []html.Attribute, error) {
		if strings.HasPrefix(val, "#") {
			if inPage && len(val) > 1 {
				return "#/" + b.route(rel) + val, nil, nil
			}
			return val, nil, nil
		}
		p, frag, ok, err := target(rel, val)
		if err != nil || !ok {
			return val, nil, err
		}
		if strings.HasPrefix(val, "/") {
			return "", nil, fmt.Errorf("link %q is root-relative and cannot work from a file", val)
		}
		file := pageFile(p)
		if !b.files[file] {
			return "", nil, fmt.Errorf("link %q leads to %s, which is not part of the site", val, file)
		}
		hash := ""
		if frag != "" {
			hash = "#" + frag
		}
		if file == "index.html" { // the page that picks a variant
			return "#/", nil, nil
		}
		for _, o := range b.site.Variants {
			if !strings.HasPrefix(file, o.Dir+"/") || !strings.HasSuffix(file, ".html") {
				continue
			}
			route := strings.TrimSuffix(strings.TrimPrefix(file, o.Dir+"/"), "index.html")
			if o == b.v {
				return "#/" + route + hash, nil, nil
			}
			name := b.site.SingleName(o)
			return name + "#/" + route + hash, []html.Attribute{{Key: "data-variant-file", Val: name}}, nil
		}
		data, err := b.site.read(file)
		if err != nil {
			return "", nil, err
		}
		typ := mime.TypeByExtension(path.Ext(file))
		if typ == "" {
			typ = "application/octet-stream"
		}
		return "data:" + typ + ";base64," + base64.StdEncoding.EncodeToString(data), nil, nil
	}
}

// inlineScript writes the script file src as an inline script.
func (b *single) inlineScript(out *bytes.Buffer, src string) error {
	data, err := b.site.read(src)
	if err != nil {
		return fmt.Errorf("script: %w", err)
	}
	out.WriteString("<script>\n")
	out.Write(scriptSafe(data))
	out.WriteString("</script>\n")
	return nil
}

// scriptSafe escapes what would end an inline script early or change how
// it is parsed: "</" becomes "<\/" and "<!--" "<\!--", which mean the same
// inside JavaScript strings and regular expressions.
func scriptSafe(js []byte) []byte {
	js = bytes.ReplaceAll(js, []byte("</"), []byte(`<\/`))
	return bytes.ReplaceAll(js, []byte("<!--"), []byte(`<\!--`))
}
