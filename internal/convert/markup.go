package convert

import (
	"fmt"
	"regexp"
	"strings"
)

// Piece is a part of a text: plain text to convert, or a manual-conversion
// marker -{…}- whose text is fixed.
type Piece struct {
	Text       string            // plain text, or a marker's literal text
	Marker     bool              // a -{…}- marker
	Variants   map[string]string // -{zh-hans:甲;zh-hant:乙}-: text by lower-case code
	Start, End int               // byte offsets of the piece in the text, -{ and }- included
}

// MarkupError is a malformed marker at a byte offset of the text.
type MarkupError struct {
	Offset int
	Msg    string
}

func (e *MarkupError) Error() string { return e.Msg }

var variantRe = regexp.MustCompile(`^\s*((?i:zh)(?:-[A-Za-z0-9]+)*)\s*:`)

// ParseMarkup splits text at MediaWiki-style conversion markers:
// -{文字}- keeps 文字 as written in every variant, and
// -{zh-hans:甲;zh-hant:乙}- gives each variant its own text. A marker must
// open and close within text. On error the whole text is one plain piece.
func ParseMarkup(text string) ([]Piece, error) {
	if !strings.Contains(text, "-{") && !strings.Contains(text, "}-") {
		return []Piece{{Text: text, End: len(text)}}, nil
	}
	whole := []Piece{{Text: text, End: len(text)}}
	var pieces []Piece
	rest, off := text, 0
	for {
		i := strings.Index(rest, "-{")
		if j := strings.Index(rest, "}-"); j >= 0 && (i < 0 || j < i) {
			return whole, &MarkupError{off + j, "}- without an opening -{"}
		}
		if i < 0 {
			if rest != "" {
				pieces = append(pieces, Piece{Text: rest, Start: off, End: off + len(rest)})
			}
			return pieces, nil
		}
		if i > 0 {
			pieces = append(pieces, Piece{Text: rest[:i], Start: off, End: off + i})
		}
		body := rest[i+2:]
		j := strings.Index(body, "}-")
		if j < 0 {
			return whole, &MarkupError{off + i, "-{ is not closed: end the marker with }- (on the same line)"}
		}
		if k := strings.Index(body[:j], "-{"); k >= 0 {
			return whole, &MarkupError{off + i + 2 + k, "markers cannot be nested"}
		}
		p, err := parseMarker(body[:j])
		if err != nil {
			return whole, &MarkupError{off + i, err.Error()}
		}
		consumed := i + 2 + j + 2
		p.Start, p.End = off+i, off+consumed
		pieces = append(pieces, p)
		rest, off = rest[consumed:], off+consumed
	}
}

func parseMarker(body string) (Piece, error) {
	if !variantRe.MatchString(body) {
		return Piece{Text: body, Marker: true}, nil
	}
	p := Piece{Marker: true, Variants: map[string]string{}}
	for _, part := range strings.Split(body, ";") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		m := variantRe.FindStringSubmatch(part)
		if m == nil {
			return p, fmt.Errorf("marker part %q is not code:text (write -{zh-hans:甲;zh-hant:乙}-, or -{文字}- for text kept as is)", part)
		}
		code := strings.ToLower(m[1])
		if _, dup := p.Variants[code]; dup {
			return p, fmt.Errorf("marker names %s twice", m[1])
		}
		p.Variants[code] = part[len(m[0]):]
	}
	if len(p.Variants) == 0 {
		return p, fmt.Errorf("empty marker")
	}
	return p, nil
}

// Pick returns the text of a marker for a variant: the exact code, else the
// variant's script (zh-hant or zh-hans), else the source script, else the
// first text written.
func (p Piece) Pick(code, script, source string) string {
	if p.Variants == nil {
		return p.Text
	}
	for _, c := range []string{code, script, source} {
		if t, ok := p.Variants[strings.ToLower(c)]; ok {
			return t
		}
	}
	first := ""
	for c := range p.Variants {
		if first == "" || c < first {
			first = c
		}
	}
	return p.Variants[first]
}

// SourceText resolves every marker in text to what the source script reads,
// for anchors and other variant-independent uses.
func SourceText(text, source string) string {
	pieces, err := ParseMarkup(text)
	if err != nil || len(pieces) == 1 && !pieces[0].Marker {
		return text
	}
	var b strings.Builder
	for _, p := range pieces {
		if p.Marker {
			b.WriteString(p.Pick(source, source, source))
		} else {
			b.WriteString(p.Text)
		}
	}
	return b.String()
}
