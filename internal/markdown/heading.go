package markdown

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/zhkb/zhkb/internal/convert"
)

// headingIDs gives every heading an id attribute made from its source text,
// as GitHub does: lower-cased, punctuation dropped, spaces turned into '-'.
// Chinese characters are kept, so 第十三条 is the anchor of the heading
// "第十三条", and the ids are the same in every variant. An id written by the
// editor ({#custom}) is kept; repeated ids get -1, -2, … appended.
type headingIDs struct{ source string }

func (h headingIDs) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	source := reader.Source()
	used := map[string]bool{}
	var auto []*ast.Heading
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		if id, ok := h.AttributeString("id"); ok {
			if b, ok := id.([]byte); ok {
				used[string(b)] = true
			}
		} else {
			auto = append(auto, h)
		}
		return ast.WalkSkipChildren, nil
	})
	next := map[string]int{} // per base, the suffix to try first: ids are never freed
	for _, hd := range auto {
		base := Slugify(convert.SourceText(plainText(hd, source), h.source))
		if base == "" {
			base = "section"
		}
		id := base
		i := max(1, next[base])
		for used[id] {
			id = base + "-" + strconv.Itoa(i)
			i++
		}
		next[base] = i
		used[id] = true
		hd.SetAttributeString("id", []byte(id))
	}
}

// Slugify turns heading text into an anchor the way GitHub does: letters
// (including CJK) and digits are kept and lower-cased, spaces become '-',
// '-' and '_' stay, everything else is dropped.
func Slugify(s string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			b.WriteRune(unicode.ToLower(r))
		case r == ' ' || r == '-':
			b.WriteByte('-')
		case r == '_':
			b.WriteByte('_')
		}
	}
	return b.String()
}
