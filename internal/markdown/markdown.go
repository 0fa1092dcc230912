// Package markdown parses articles with goldmark and renders them once per
// variant, converting human-readable text on the way.
package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/zhkb/zhkb/internal/convert"
	"github.com/zhkb/zhkb/internal/diag"
)

// Converter converts text into a variant's script. The convert package
// provides implementations.
type Converter interface {
	Convert(text string) string
}

// Options configure a Parser.
type Options struct {
	UnsafeHTML bool     // pass raw HTML through instead of omitting it
	Source     string   // the site's source script, for anchors of headings with -{…}- markers
	Codes      []string // the site's variant codes: CheckMarkup refuses a marker naming another
	PhoneLinks []string // phone numbers to link as tel: where they stand alone in text
}

// Parser turns Markdown into Documents. It is safe for concurrent use.
type Parser struct {
	md   goldmark.Markdown
	opts Options
}

// NewParser returns a parser for CommonMark with GFM tables, strikethrough,
// autolinks and task lists, footnotes, definition lists and CJK line-break
// handling.
func NewParser(opts Options) *Parser {
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.Table, extension.Strikethrough, extension.Linkify,
			extension.Footnote, extension.DefinitionList, extension.TaskList,
			extension.NewCJK(extension.WithEscapedSpace()),
		),
		goldmark.WithParserOptions(
			parser.WithAttribute(),
			parser.WithASTTransformers(util.Prioritized(headingIDs{source: opts.Source}, 100)),
		),
	)
	if len(opts.PhoneLinks) > 0 {
		numbers := map[string]bool{}
		for _, n := range opts.PhoneLinks {
			numbers[n] = true
		}
		md.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(phoneLinks{numbers}, 200)))
	}
	return &Parser{md: md, opts: opts}
}

// Heading is a section heading of a document.
type Heading struct {
	Level int
	ID    string // anchor, derived from the source text: equal in every variant
	Text  string // plain text in the source script
}

// Document is a parsed Markdown text. Its AST is changed only by
// LinkCitations and ResolveLinks; after that, Render may be called concurrently.
type Document struct {
	file     string
	line     int // line of file on which source starts
	source   []byte
	root     ast.Node
	Headings []Heading
	headings []*ast.Heading
	opts     Options
	err      error           // why the source was not parsed, if it was not
	cited    map[string]bool // anchors of the notes LinkCitations linked to
}

// Release lets go of the document's source and syntax tree, keeping only
// its Headings: it can no longer be rendered.
func (d *Document) Release() {
	d.source, d.root, d.headings = nil, nil, nil
}

// Parse parses src, which is the part of file starting on line firstLine.
// Text nested deeper than MaxNesting is not parsed: the document is empty,
// and Check reports the line.
func (p *Parser) Parse(file string, firstLine int, src []byte) *Document {
	if err := checkNesting(file, firstLine, src); err != nil {
		return &Document{file: file, line: firstLine, source: src, root: ast.NewDocument(), opts: p.opts, err: err}
	}
	root := p.md.Parser().Parse(text.NewReader(src))
	d := &Document{file: file, line: firstLine, source: src, root: root, opts: p.opts}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if c, ok := n.(*ast.FencedCodeBlock); ok && entering {
			// Language caches into the node on its first call: made here,
			// so that renders of several variants at once only read it.
			c.Language(src)
		}
		if h, ok := n.(*ast.Heading); ok && entering {
			id, _ := h.AttributeString("id")
			idb, _ := id.([]byte)
			d.Headings = append(d.Headings, Heading{Level: h.Level, ID: string(idb), Text: plainText(h, src)})
			d.headings = append(d.headings, h)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return d
}

// Check reports why the document could not be parsed, or else headings
// that share an anchor and what CheckMarkup reports.
func (d *Document) Check() error {
	if d.err != nil {
		return d.err
	}
	var errs diag.List
	first := map[string]int{} // anchor → index of the heading that has it
	for i, h := range d.Headings {
		if j, dup := first[h.ID]; dup {
			errs.Add(diag.At(d.file, d.lineOf(d.headings[i]), "heading %q has the anchor #%s, which heading %q on line %d has too", h.Text, h.ID, d.Headings[j].Text, d.lineOf(d.headings[j])).
				WithHint("give each heading its own {#anchor}"))
			continue
		}
		first[h.ID] = i
	}
	errs.Add(d.CheckMarkup())
	return errs.Err()
}

// CheckMarkup reports malformed -{…}- conversion markers in the document's
// text, with file, line and column. Code is literal and not checked. A marker
// must open and close on one line, around plain text.
func (d *Document) CheckMarkup() error {
	var errs diag.List
	_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := n.(type) {
		case *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock, *ast.RawHTML, *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if t.IsRaw() {
				return ast.WalkContinue, nil
			}
			if prev, ok := t.PreviousSibling().(*ast.Text); ok && continuesLine(prev) {
				return ast.WalkContinue, nil // checked with the line that prev started
			}
			text, pieces := textLine(t, d.source)
			at := func(offset int, msg string) *diag.Error {
				off := pieces.sourceOffset(offset)
				lineStart := bytes.LastIndexByte(d.source[:off], '\n') + 1
				return &diag.Error{File: d.file, Line: d.line + bytes.Count(d.source[:off], []byte("\n")),
					Col: utf8.RuneCount(d.source[lineStart:off]) + 1, Msg: "conversion marker: " + msg}
			}
			parsed, err := convert.ParseMarkup(text)
			var merr *convert.MarkupError
			if errors.As(err, &merr) {
				errs.Add(at(merr.Offset, merr.Msg))
			}
			for _, p := range parsed {
				for code := range p.Variants {
					if len(d.opts.Codes) > 0 && !knownCode(code, d.opts.Codes) {
						errs.Add(at(p.Start, fmt.Sprintf("%q is neither a variant code of the site nor zh-Hans/zh-Hant", code)).
							WithHint("variants: %s", strings.Join(d.opts.Codes, ", ")))
					}
				}
			}
		}
		return ast.WalkContinue, nil
	})
	return errs.Err()
}

// knownCode reports whether a marker's code (lower case) names one of the
// site's variants or a script.
func knownCode(code string, codes []string) bool {
	if code == "zh-hans" || code == "zh-hant" {
		return true
	}
	for _, c := range codes {
		if strings.EqualFold(c, code) {
			return true
		}
	}
	return false
}

// continuesLine reports whether the text node after t continues t's source
// line: goldmark splits a line's text into several nodes (at spaces, for
// one), and a marker may span them.
func continuesLine(t *ast.Text) bool {
	return continuesRun(t) && !t.SoftLineBreak()
}

// linePieces maps offsets in a line's joined text back to the source: each
// entry is where a node's text starts in the line and in the source.
type linePieces []struct{ line, source int }

func (p linePieces) sourceOffset(off int) int {
	i := len(p) - 1
	for i > 0 && p[i].line > off {
		i--
	}
	return p[i].source + off - p[i].line
}

// textLine joins the text nodes of one source line, starting at t.
func textLine(t *ast.Text, source []byte) (string, linePieces) {
	var b strings.Builder
	var pieces linePieces
	for n := t; ; {
		pieces = append(pieces, struct{ line, source int }{b.Len(), n.Segment.Start})
		b.Write(n.Segment.Value(source))
		if !continuesLine(n) {
			return b.String(), pieces
		}
		n = n.NextSibling().(*ast.Text)
	}
}

// AdoptAnchors gives d's headings the anchors of src's, one for one, so that
// a hand-written variant of a page keeps the #anchors other pages link to.
// The two must have the same headings, in number and level.
func (d *Document) AdoptAnchors(src *Document) error {
	if len(d.Headings) != len(src.Headings) {
		return diag.At(d.file, d.line, "has %d headings where its source %s has %d", len(d.Headings), src.file, len(src.Headings)).
			WithHint("a hand-written version keeps the source's headings, so that #anchors work in every variant")
	}
	for i, h := range d.Headings {
		if h.Level != src.Headings[i].Level {
			return diag.At(d.file, d.lineOf(d.headings[i]), "heading %q is level %d where %s has level %d", h.Text, h.Level, src.file, src.Headings[i].Level)
		}
		d.Headings[i].ID = src.Headings[i].ID
		d.headings[i].SetAttributeString("id", []byte(src.Headings[i].ID))
	}
	return nil
}

// HasAnchor reports whether id names a heading of the document, or a
// note of a cited law article (see LinkCitations).
func (d *Document) HasAnchor(id string) bool {
	if d.cited[id] {
		return true
	}
	for _, h := range d.Headings {
		if h.ID == id {
			return true
		}
	}
	return false
}

// Link is a relative link or image in a document, as written.
type Link struct {
	Path     string // the destination path, unescaped, without fragment
	Fragment string // the anchor after #, unescaped, or ""
	Image    bool   // an image source rather than a link
}

// LinkResolver maps a relative link (to an article, or to a file under
// static/) to the URL it should have in the output; an error says why the
// link is broken.
type LinkResolver func(Link) (string, error)

var schemeRe = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*:`)

// ResolveLinks rewrites every relative link and image source with resolve
// and checks same-page #anchors. Images from other sites and root-relative
// paths are refused: the first make readers' browsers contact third parties,
// the second break when the site is served from a sub-path or from disk.
// Problems are returned as diag errors with the file and line of the link.
func (d *Document) ResolveLinks(resolve LinkResolver) error {
	var errs diag.List
	_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest *[]byte
		image := false
		switch t := n.(type) {
		case *ast.Link:
			dest = &t.Destination
		case *ast.Image:
			dest, image = &t.Destination, true
		default:
			return ast.WalkContinue, nil
		}
		out, err := d.resolveLink(string(*dest), image, resolve)
		if err != nil {
			err.File, err.Line = d.file, d.lineOf(n)
			errs.Add(err)
		} else {
			*dest = []byte(out)
		}
		return ast.WalkContinue, nil
	})
	return errs.Err()
}

func (d *Document) resolveLink(dest string, image bool, resolve LinkResolver) (string, *diag.Error) {
	what := "link"
	if image {
		what = "image"
	}
	switch {
	case dest == "":
		return dest, nil
	case strings.HasPrefix(dest, "//") && !image:
		return "", diag.At("", 0, "link %q has no scheme, so it opens with the page's own (file: when read from disk)", dest).WithHint("write https:%s", dest)
	case strings.HasPrefix(dest, "//") || (image && (strings.HasPrefix(dest, "http:") || strings.HasPrefix(dest, "https:"))):
		return "", diag.At("", 0, "image %q is on another site: showing it would tell that site who reads this page", dest).WithHint("save the image under static/ and link it with a path relative to this file, e.g. ../../static/images/name.png")
	case schemeRe.MatchString(dest):
		return dest, nil
	case strings.HasPrefix(dest, "/"):
		return "", diag.At("", 0, "%s %q starts with /, which breaks when the site is served from a sub-path or opened from disk", what, dest).WithHint("write the path relative to this file: ../other.md for articles, ../../static/… for static files")
	}
	rawPath, rawFrag, _ := strings.Cut(dest, "#")
	p, err1 := url.PathUnescape(rawPath)
	frag, err2 := url.PathUnescape(rawFrag)
	if err1 != nil || err2 != nil || !utf8.ValidString(p) || !utf8.ValidString(frag) {
		return "", diag.At("", 0, "%s %q is not a valid URL", what, dest).WithHint("a %%-escape must stand for UTF-8 text, e.g. %%E6%%B3%%95 for 法; or write the characters themselves")
	}
	if p == "" {
		if frag != "" && !d.HasAnchor(frag) {
			return "", diag.At("", 0, "link to #%s: no heading with that anchor in this file", frag).WithHint("anchors are heading texts with punctuation removed and spaces as '-'")
		}
		return dest, nil
	}
	out, err := resolve(Link{Path: p, Fragment: frag, Image: image})
	if err != nil {
		return "", diag.At("", 0, "broken %s %q: %v", what, dest, err)
	}
	return out, nil
}

// lineOf gives the line of the file on which n starts, or 0.
func (d *Document) lineOf(n ast.Node) int {
	off := startOffset(n)
	if off < 0 {
		return 0
	}
	return d.line + bytes.Count(d.source[:off], []byte("\n"))
}

// startOffset finds the byte offset of the first text inside n or, failing
// that, of the block that holds it; -1 if there is none.
func startOffset(n ast.Node) int {
	off := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	for p := n; off < 0 && p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			off = p.Lines().At(0).Start
		}
	}
	return off
}

// Renderer renders documents for one variant. It is safe for concurrent use.
type Renderer struct {
	r    renderer.Renderer
	conv Converter
}

// NewRenderer returns a renderer that passes text through conv.
func NewRenderer(conv Converter, opts Options) *Renderer {
	htmlOpts := []renderer.Option{}
	if opts.UnsafeHTML {
		htmlOpts = append(htmlOpts, html.WithUnsafe())
	}
	r := renderer.NewRenderer(
		renderer.WithNodeRenderers(
			util.Prioritized(html.NewRenderer(), 1000),
			util.Prioritized(extension.NewTableHTMLRenderer(), 500),
			util.Prioritized(extension.NewStrikethroughHTMLRenderer(), 500),
			util.Prioritized(extension.NewFootnoteHTMLRenderer(), 500),
			util.Prioritized(extension.NewDefinitionListHTMLRenderer(), 500),
			util.Prioritized(extension.NewTaskCheckBoxHTMLRenderer(), 500),
			util.Prioritized(&textRenderer{conv: conv, unsafe: opts.UnsafeHTML}, 100),
		),
	)
	htmlOpts = append(htmlOpts, html.WithWriter(textWriter)) // as the CJK extension sets it in the parser's goldmark
	r.AddOptions(htmlOpts...)
	return &Renderer{r: r, conv: conv}
}

// Render writes the document's HTML with its text converted.
func (r *Renderer) Render(d *Document) ([]byte, error) {
	var buf bytes.Buffer
	if err := r.r.Render(&buf, d.source, d.root); err != nil {
		return nil, fmt.Errorf("%s: rendering: %w", d.file, err)
	}
	return buf.Bytes(), nil
}

// TextRun is a stretch of a document's running text as written: text
// outside code, raw HTML and link destinations.
type TextRun struct {
	Text   string
	doc    *Document
	offset int // of Text in the document's source
}

// Pos gives the line and column (in characters) in the file of byte i of
// the run.
func (r TextRun) Pos(i int) (line, col int) {
	off := r.offset + i
	src := r.doc.source
	lineStart := bytes.LastIndexByte(src[:off], '\n') + 1
	return r.doc.line + bytes.Count(src[:off], []byte("\n")), utf8.RuneCount(src[lineStart:off]) + 1
}

// TextRuns returns the document's running text, in order: a line, or the
// part of one between inline markup.
func (d *Document) TextRuns() []TextRun {
	var runs []TextRun
	_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := n.(type) {
		case *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock, *ast.RawHTML, *ast.HTMLBlock, *ast.AutoLink:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			// Goldmark cuts text at runs of spaces; text nodes that touch
			// are one run.
			if n := len(runs); n > 0 && runs[n-1].offset+len(runs[n-1].Text) == t.Segment.Start {
				runs[n-1].Text += string(t.Segment.Value(d.source))
				break
			}
			runs = append(runs, TextRun{Text: string(t.Segment.Value(d.source)), doc: d, offset: t.Segment.Start})
		}
		return ast.WalkContinue, nil
	})
	return runs
}
