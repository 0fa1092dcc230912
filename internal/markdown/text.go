package markdown

import (
	"bufio"
	"bytes"
	stdhtml "html"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// textRenderer renders the nodes that hold human-readable text — text runs,
// strings, link and image titles and image alt text — through a Converter.
// Code spans, code blocks, URLs and raw HTML are written by goldmark's own
// renderers and so are never converted.
type textRenderer struct {
	conv   Converter
	unsafe bool
}

func (r *textRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindText, r.renderText)
	reg.Register(ast.KindString, r.renderString)
	reg.Register(ast.KindLink, r.renderLink)
	reg.Register(ast.KindImage, r.renderImage)
}

// renderText converts a whole run of adjacent text nodes at once, so that a
// phrase broken over two source lines is still converted as a phrase.
func (r *textRenderer) renderText(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Text)
	if prev, ok := n.PreviousSibling().(*ast.Text); ok && continuesRun(prev) {
		return ast.WalkContinue, nil // written with the run that prev started
	}
	if n.IsRaw() {
		_, _ = w.Write(util.EscapeHTML(n.Segment.Value(source)))
		return ast.WalkContinue, nil
	}
	run, last := textRun(n, source)
	converted := r.conv.Convert(run)
	if rw, ok := w.(*runWriter); ok {
		rw.runs[n] = converted
	}
	_, _ = w.Write(util.EscapeHTML([]byte(converted)))
	switch {
	case last.HardLineBreak():
		_, _ = w.WriteString("<br>\n")
	case last.SoftLineBreak():
		if next := firstTextAfter(last, source); next == nil || keepLineBreak(last.Segment.Value(source), next) {
			_ = w.WriteByte('\n')
		}
	}
	return ast.WalkContinue, nil
}

// runWriter is the writer RenderSections renders through: it keeps each
// text run's conversion, so that the search text taken after rendering
// converts nothing twice.
type runWriter struct {
	*bufio.Writer
	runs map[*ast.Text]string // by the run's first node
}

// textWriter writes text as goldmark's HTML renderer does with the CJK
// extension's escaped spaces: backslash escapes, entity and character
// references resolved, HTML escaped. It holds options only.
var textWriter = html.NewWriter(html.WithEscapedSpace())

// decode returns text as written in the source the way readers see it:
// backslash escapes and entity and character references resolved (\* is *,
// &copy; is ©), exactly as goldmark's renderer resolves them.
func decode(b []byte) string {
	if bytes.IndexByte(b, '\\') < 0 && bytes.IndexByte(b, '&') < 0 && bytes.IndexByte(b, 0) < 0 {
		return string(b)
	}
	var buf bytes.Buffer
	w := bufio.NewWriter(&buf)
	textWriter.Write(w, b)
	_ = w.Flush()
	return stdhtml.UnescapeString(buf.String()) // textWriter escaped only & < > "
}

// textRun joins the run of adjacent text nodes that starts at n into one
// decoded string, with soft line breaks kept or dropped as readers will see
// them, and returns it with the run's last node.
func textRun(n *ast.Text, source []byte) (string, *ast.Text) {
	var run strings.Builder
	last := n
	for t := n; ; {
		run.WriteString(decode(t.Segment.Value(source)))
		last = t
		next, ok := t.NextSibling().(*ast.Text)
		if !ok || !continuesRun(t) {
			break
		}
		if t.SoftLineBreak() && keepLineBreak(t.Segment.Value(source), next.Segment.Value(source)) {
			run.WriteByte('\n')
		}
		t = next
	}
	return run.String(), last
}

// continuesRun reports whether the text after t belongs to the same run:
// not across a hard break or raw text.
func continuesRun(t *ast.Text) bool {
	if t.HardLineBreak() || t.IsRaw() {
		return false
	}
	next, ok := t.NextSibling().(*ast.Text)
	return ok && !next.IsRaw()
}

// firstTextAfter returns the first text that follows n in its paragraph, for
// deciding whether a line break before an inline element is kept.
func firstTextAfter(n ast.Node, source []byte) []byte {
	for s := n.NextSibling(); s != nil; s = s.FirstChild() {
		switch t := s.(type) {
		case *ast.Text:
			return t.Segment.Value(source)
		case *ast.String:
			return t.Value
		}
	}
	return nil
}

// keepLineBreak applies CSS Text 3's rule for segment breaks: a soft line
// break between two wide East Asian characters disappears; elsewhere it stays
// (and shows as a space).
func keepLineBreak(before, after []byte) bool {
	if len(before) == 0 || len(after) == 0 {
		return true
	}
	last, _ := utf8.DecodeLastRune(before)
	first, _ := utf8.DecodeRune(after)
	return !(isWide(last) && isWide(first))
}

func isWide(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) ||
		unicode.Is(unicode.Bopomofo, r) ||
		(r >= 0x3000 && r <= 0x303F) || // CJK symbols and punctuation
		(r >= 0xFF01 && r <= 0xFF60) || (r >= 0xFFE0 && r <= 0xFFE6) // full-width forms
}

func (r *textRenderer) renderString(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.String)
	switch {
	case n.IsCode():
		_, _ = w.Write(n.Value)
	case n.IsRaw():
		_, _ = w.Write(util.EscapeHTML(n.Value))
	default:
		_, _ = w.Write(util.EscapeHTML([]byte(r.conv.Convert(decode(n.Value)))))
	}
	return ast.WalkContinue, nil
}

func (r *textRenderer) writeURL(w util.BufWriter, dest []byte) {
	d := hostBrackets(util.URLEscape(dest, true))
	if r.unsafe || !html.IsDangerousURL(d) {
		_, _ = w.Write(util.EscapeHTML(d))
	}
}

func (r *textRenderer) writeTitle(w util.BufWriter, title []byte) {
	if title != nil {
		_, _ = w.WriteString(` title="`)
		_, _ = w.Write(util.EscapeHTML([]byte(r.conv.Convert(decode(title)))))
		_ = w.WriteByte('"')
	}
}

func (r *textRenderer) renderLink(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<a href="`)
	r.writeURL(w, n.Destination)
	_ = w.WriteByte('"')
	r.writeTitle(w, n.Title)
	if n.Attributes() != nil {
		html.RenderAttributes(w, n, html.LinkAttributeFilter)
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

func (r *textRenderer) renderImage(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	_, _ = w.WriteString(`<img src="`)
	r.writeURL(w, n.Destination)
	_, _ = w.WriteString(`" alt="`)
	_, _ = w.Write(util.EscapeHTML([]byte(r.conv.Convert(plainText(n, source)))))
	_ = w.WriteByte('"')
	r.writeTitle(w, n.Title)
	if n.Attributes() != nil {
		html.RenderAttributes(w, n, html.ImageAttributeFilter)
	}
	_, _ = w.WriteString(` loading="lazy">`)
	return ast.WalkSkipChildren, nil
}

// plainText returns the text inside n as a reader sees it, without markup,
// escapes and references resolved.
func plainText(n ast.Node, source []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			if t.IsRaw() {
				b.Write(t.Segment.Value(source))
			} else {
				b.WriteString(decode(t.Segment.Value(source)))
			}
			if t.SoftLineBreak() || t.HardLineBreak() {
				if next := firstTextAfter(t, source); next != nil && keepLineBreak(t.Segment.Value(source), next) {
					b.WriteByte(' ')
				}
			}
		case *ast.String:
			if t.IsCode() || t.IsRaw() {
				b.Write(t.Value)
			} else {
				b.WriteString(decode(t.Value))
			}
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// hostBrackets undoes the escaping of the brackets around an IPv6 address
// in a URL's host (http://[2001:db8::1]/), which goldmark's URL escaping
// turns into %5B…%5D, a host no browser can reach.
func hostBrackets(u []byte) []byte {
	i := bytes.Index(u, []byte("://%5B"))
	if i < 0 {
		return u
	}
	start := i + len("://")
	end := len(u)
	if j := bytes.IndexAny(u[start:], "/?#"); j >= 0 {
		end = start + j
	}
	host := bytes.Replace(bytes.Replace(u[start:end], []byte("%5B"), []byte("["), 1), []byte("%5D"), []byte("]"), 1)
	return append(append(append([]byte{}, u[:start]...), host...), u[end:]...)
}
