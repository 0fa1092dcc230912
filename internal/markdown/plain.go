package markdown

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// Section is the plain text of a document under one heading.
type Section struct {
	Heading string // converted heading text; "" before the first heading
	Anchor  string // the heading's id
	Text    string // converted text of everything up to the next heading
}

// Sections returns the document's text as readers see it in this variant,
// cut at headings: what a search index needs. Code is kept as written.
func (r *Renderer) Sections(d *Document) []Section { return r.sections(d, nil) }

// RenderSections renders the document as Render does and returns its
// Sections too, converting its text once for both.
func (r *Renderer) RenderSections(d *Document) ([]byte, []Section, error) {
	var buf bytes.Buffer
	rw := &runWriter{bufio.NewWriter(&buf), map[*ast.Text]string{}}
	if err := r.r.Render(rw, d.source, d.root); err != nil {
		return nil, nil, fmt.Errorf("%s: rendering: %w", d.file, err)
	}
	return buf.Bytes(), r.sections(d, rw.runs), nil
}

// sections is Sections, taking text runs already converted from runs.
func (r *Renderer) sections(d *Document, runs map[*ast.Text]string) []Section {
	conv := r.conv
	secs := []Section{{}}
	var b strings.Builder
	flush := func() { secs[len(secs)-1].Text = strings.TrimSpace(b.String()); b.Reset() }
	blockEnd := func() {
		if b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") {
			b.WriteByte('\n')
		}
	}
	src := d.source
	_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch t := n.(type) {
		case *ast.Heading:
			if entering {
				flush()
				id, _ := t.AttributeString("id")
				idb, _ := id.([]byte)
				secs = append(secs, Section{Heading: conv.Convert(plainText(t, src)), Anchor: string(idb)})
			}
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if !entering {
				return ast.WalkContinue, nil
			}
			if prev, ok := t.PreviousSibling().(*ast.Text); ok && continuesRun(prev) {
				return ast.WalkContinue, nil
			}
			if t.IsRaw() {
				return ast.WalkContinue, nil
			}
			run, last := textRun(t, src)
			if converted, ok := runs[t]; ok {
				b.WriteString(converted)
			} else {
				b.WriteString(conv.Convert(run))
			}
			if last.SoftLineBreak() || last.HardLineBreak() {
				if next := firstTextAfter(last, src); next == nil || keepLineBreak(last.Segment.Value(src), next) {
					b.WriteByte(' ')
				}
			}
		case *ast.String:
			if entering && !t.IsRaw() {
				if t.IsCode() {
					b.Write(t.Value)
				} else {
					b.WriteString(conv.Convert(decode(t.Value)))
				}
			}
		case *ast.CodeSpan:
			if entering {
				for c := t.FirstChild(); c != nil; c = c.NextSibling() {
					if tx, ok := c.(*ast.Text); ok {
						b.Write(tx.Segment.Value(src))
					}
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.Image:
			if entering {
				b.WriteString(conv.Convert(plainText(t, src)))
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			if entering {
				b.Write(t.Label(src))
			}
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			if entering {
				blockEnd()
				lines := n.Lines()
				for i := 0; i < lines.Len(); i++ {
					seg := lines.At(i)
					b.Write(seg.Value(src))
				}
				blockEnd()
			}
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML, *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		case *ast.Paragraph, *ast.TextBlock, *ast.ListItem, *ast.Blockquote, *east.TableCell, *east.DefinitionTerm, *east.DefinitionDescription:
			if !entering {
				blockEnd()
			}
		}
		return ast.WalkContinue, nil
	})
	flush()
	return secs
}
