package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/zhkb/zhkb/internal/statute"
)

// LinkCitations finds the citations of law articles in the document's
// running text and headings (not in links, code or -{…}- markers), links
// each whose text the library holds to #Anchor, the note the page shows
// with that text, and returns every citation, linked or not, in order. An
// article written without its law's name is the law's named last before it
// in the same part of the page (from one heading to the next), or the
// page's own law (nil for none). Call it before ResolveLinks.
func (d *Document) LinkCitations(lib *statute.Library, law *statute.Law) []statute.Cite {
	if lib == nil || d.root == nil {
		return nil
	}
	var texts []*ast.Text
	var starts []bool // the text opens a heading: the scope returns to law
	opening := false
	_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := n.(type) {
		case *ast.Heading:
			opening = true
		case *ast.Link, *ast.AutoLink, *ast.Image, *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if !t.IsRaw() {
				texts = append(texts, t)
				starts = append(starts, opening)
				opening = false
			}
		}
		return ast.WalkContinue, nil
	})
	texts, starts = joinTexts(texts, starts)
	var all []statute.Cite
	scope := law
	for i, t := range texts {
		if starts[i] {
			scope = law
		}
		seg := t.Segment
		var cites []statute.Cite
		cites, scope = lib.Find(string(seg.Value(d.source)), scope)
		// Linked from the last, so that the earlier ones' offsets hold.
		for k := len(cites) - 1; k >= 0; k-- {
			c := cites[k]
			c.Start += seg.Start
			c.End += seg.Start
			cites[k] = c
			if c.Found && !c.Implied && !insideMarker(d.source, c.Start) {
				d.linkCite(t, c)
				if d.cited == nil {
					d.cited = map[string]bool{}
				}
				d.cited[c.Anchor()] = true
			}
		}
		all = append(all, cites...)
	}
	return all
}

// linkCite puts the citation c, which lies inside t, into a link of its own,
// between what comes before (t) and after it.
func (d *Document) linkCite(t *ast.Text, c statute.Cite) {
	seg := t.Segment
	rest := ast.NewTextSegment(text.NewSegment(c.End, seg.Stop))
	rest.SetSoftLineBreak(t.SoftLineBreak())
	rest.SetHardLineBreak(t.HardLineBreak())
	link := ast.NewLink()
	link.Destination = []byte("#" + c.Anchor())
	link.SetAttributeString("class", []byte("cite"))
	link.AppendChild(link, ast.NewTextSegment(text.NewSegment(c.Start, c.End)))
	t.Segment = text.NewSegment(seg.Start, c.Start)
	t.SetSoftLineBreak(false)
	t.SetHardLineBreak(false)
	parent := t.Parent()
	parent.InsertAfter(parent, t, link)
	parent.InsertAfter(parent, link, rest)
}

// LineOf gives the line of the document's file on which the citation c,
// as LinkCitations returned it, stands.
func (d *Document) LineOf(c statute.Cite) int {
	if d.source == nil || c.Start > len(d.source) {
		return d.line
	}
	return d.line + bytes.Count(d.source[:c.Start], []byte("\n"))
}

// Quote gives the words of the citation c, as LinkCitations returned it.
func (d *Document) Quote(c statute.Cite) string {
	if d.source == nil || c.End > len(d.source) {
		return ""
	}
	return string(d.source[c.Start:c.End])
}

// joinTexts merges each run of text nodes that are neighbours in the tree
// and in the source, with no line break between them, into its first: the
// parser cuts a text at some spaces (第 47 条 comes as "…第 47" and " 条"), and
// a citation must be seen whole.
func joinTexts(texts []*ast.Text, starts []bool) ([]*ast.Text, []bool) {
	out, outStarts := texts[:0:0], starts[:0:0]
	for i, t := range texts {
		if n := len(out); n > 0 && !starts[i] {
			prev := out[n-1]
			if prev.NextSibling() == ast.Node(t) && prev.Segment.Stop == t.Segment.Start &&
				!prev.SoftLineBreak() && !prev.HardLineBreak() && !t.IsRaw() {
				prev.Segment = prev.Segment.WithStop(t.Segment.Stop)
				prev.SetSoftLineBreak(t.SoftLineBreak())
				prev.SetHardLineBreak(t.HardLineBreak())
				t.Parent().RemoveChild(t.Parent(), t)
				continue
			}
		}
		out, outStarts = append(out, t), append(outStarts, starts[i])
	}
	return out, outStarts
}
