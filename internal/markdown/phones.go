package markdown

import (
	"bytes"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// phoneLinks turns the phone numbers a site lists (Options.PhoneLinks) into
// tel: links where they stand alone in running text: not in links, code,
// headings or -{…}- markers, and not part of something longer — another
// number (010-12321, 1100, 1.10), a word (A110), an article (第110条) or an
// amount (110元).
type phoneLinks struct {
	numbers map[string]bool
}

func (p phoneLinks) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var texts []*ast.Text
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := n.(type) {
		case *ast.Link, *ast.AutoLink, *ast.Image, *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock,
			*ast.Heading, *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if !t.IsRaw() {
				texts = append(texts, t)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, t := range texts {
		p.link(t, src)
	}
}

// link splits t around each listed number it holds, putting a tel: link
// in between.
func (p phoneLinks) link(t *ast.Text, src []byte) {
	seg := t.Segment
	s := src[seg.Start:seg.Stop]
	for i := 0; i < len(s); {
		if !isDigit(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if !p.numbers[string(s[i:j])] || !standsAlone(src, seg.Start+i, seg.Start+j) || insideMarker(src, seg.Start+i) {
			i = j
			continue
		}
		// t keeps what comes before; the link and the rest follow it.
		rest := ast.NewTextSegment(text.NewSegment(seg.Start+j, seg.Stop))
		rest.SetSoftLineBreak(t.SoftLineBreak())
		rest.SetHardLineBreak(t.HardLineBreak())
		link := ast.NewLink()
		link.Destination = append([]byte("tel:"), s[i:j]...)
		link.AppendChild(link, ast.NewTextSegment(text.NewSegment(seg.Start+i, seg.Start+j)))
		t.Segment = text.NewSegment(seg.Start, seg.Start+i)
		t.SetSoftLineBreak(false)
		t.SetHardLineBreak(false)
		parent := t.Parent()
		parent.InsertAfter(parent, t, link)
		parent.InsertAfter(parent, link, rest)
		p.link(rest, src)
		return
	}
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// standsAlone reports whether the digits src[i:j] are a number of their
// own: no digit, letter or number punctuation on either side, not 第…条 or
// an amount or date.
func standsAlone(src []byte, i, j int) bool {
	if i > 0 {
		switch c := src[i-1]; {
		case isDigit(c), c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c == '-', c == '.', c == '+', c == '/', c == '_', c == '#', c == '%':
			return false
		}
		if r, _ := utf8.DecodeLastRune(src[:i]); r == '第' || r == '＋' || r == '－' {
			return false
		}
	}
	if j < len(src) {
		switch c := src[j]; {
		case isDigit(c), c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c == '-', c == '/', c == '_', c == '%':
			return false
		case c == '.' && j+1 < len(src) && isDigit(src[j+1]):
			return false
		}
		r, _ := utf8.DecodeRune(src[j:])
		switch r {
		case '条', '條', '款', '项', '項', '元', '号', '號', '年', '月', '日', '个', '個', '次', '天', '岁', '歲', '万', '萬', '％', '－':
			return false
		}
	}
	return true
}

// insideMarker reports whether src[i] lies inside a -{…}- marker, which
// opens and closes on one line: a marker's text is the editor's to control.
func insideMarker(src []byte, i int) bool {
	start := bytes.LastIndexByte(src[:i], '\n') + 1
	line := src[start:i]
	open := bytes.LastIndex(line, []byte("-{"))
	return open >= 0 && !bytes.Contains(line[open:], []byte("}-"))
}
