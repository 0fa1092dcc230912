package convert

import (
	"strings"
	"unicode"
)

// Variant converts a site's text for one variant: manual markers first,
// then glossary entries, then OpenCC through the fast engine and the site's
// own regional step (Taiwan's 帳, see data/tw-variants.txt), with book
// titles (《…》, 〈…〉) converted by script only. It is safe for concurrent
// use.
type Variant struct {
	engine     *Engine // nil when the variant is in the source script
	code       string  // lower-case
	script     string  // lower-case zh-hans or zh-hant
	source     string  // lower-case source script
	bookTitles bool
	corner     bool              // “”‘’ become 「」『』
	glossary   map[string]string // source phrase → this variant's text
	gloss      *trie
}

// VariantOptions describe a variant.
type VariantOptions struct {
	Conversion string // OpenCC conversion, "" for none
	Code       string // BCP 47 code, for markers and glossary entries
	Script     string // zh-Hans or zh-Hant
	Source     string // the site's source script
	BookTitles bool   // convert book titles by script only
	Glossary   *Glossary
	// CornerQuotes turns “” and ‘’ into 「」 and 『』 (an apostrophe
	// between Latin letters or digits stays), in converted text only: the
	// text of -{}- markers is left as written.
	CornerQuotes bool
}

// NewVariant returns the converter for one variant.
func NewVariant(o VariantOptions) (*Variant, error) {
	v := &Variant{
		code: strings.ToLower(o.Code), script: strings.ToLower(o.Script), source: strings.ToLower(o.Source),
		bookTitles: o.BookTitles, corner: o.CornerQuotes,
	}
	if o.Conversion != "" {
		e, err := NewEngine(o.Conversion)
		if err != nil {
			return nil, err
		}
		v.engine = regionalEngine(e)
	}
	v.glossary = o.Glossary.For(o.Code, o.Script)
	v.gloss = glossaryTrie(v.glossary)
	return v, nil
}

// With returns a converter that also applies entries (source phrase →
// variant code or script → text), which win over the site's glossary: a
// page's own glossary.
func (v *Variant) With(g *Glossary) *Variant {
	extra := g.For(v.code, v.script)
	if len(extra) == 0 {
		return v
	}
	c := *v
	c.glossary = make(map[string]string, len(v.glossary)+len(extra))
	for k, t := range v.glossary {
		c.glossary[k] = t
	}
	for k, t := range extra {
		c.glossary[k] = t
	}
	c.gloss = glossaryTrie(c.glossary)
	return &c
}

func glossaryTrie(entries map[string]string) *trie {
	if len(entries) == 0 {
		return nil
	}
	return newTrie(entries, 1<<20, 0)
}

// Convert converts text for the variant.
func (v *Variant) Convert(text string) string {
	pieces, _ := ParseMarkup(text) // malformed markers were reported when the page was parsed
	var b strings.Builder
	b.Grow(len(text) + len(text)/8)
	for _, p := range pieces {
		if p.Marker {
			b.WriteString(p.Pick(v.code, v.script, v.source))
			continue
		}
		if v.corner {
			p.Text = CornerQuotes(p.Text)
		}
		if !v.bookTitles {
			v.convertPlain(&b, p.Text, false)
			continue
		}
		rest := p.Text
		for rest != "" {
			start, end := nextBookTitle(rest)
			if start < 0 {
				v.convertPlain(&b, rest, false)
				break
			}
			v.convertPlain(&b, rest[:start], false)
			v.convertPlain(&b, rest[start:end], true)
			rest = rest[end:]
		}
	}
	return b.String()
}

// CornerQuotes turns the quotation marks “” and ‘’ of text into the corner
// brackets 「」 and 『』 that Taiwan and Hong Kong write. A ’ or ‘ between
// two Latin letters or digits is an apostrophe (don’t) and stays.
func CornerQuotes(text string) string {
	if !strings.ContainsAny(text, "“”‘’") {
		return text
	}
	runes := []rune(text)
	for i, r := range runes {
		switch r {
		case '“':
			runes[i] = '「'
		case '”':
			runes[i] = '」'
		case '‘', '’':
			if i > 0 && i+1 < len(runes) && isLatinWord(runes[i-1]) && isLatinWord(runes[i+1]) {
				continue
			}
			runes[i] = map[rune]rune{'‘': '『', '’': '』'}[r]
		}
	}
	return string(runes)
}

func isLatinWord(r rune) bool {
	return r < 0x250 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// nextBookTitle finds the first closed 《…》 or 〈…〉 in s, brackets
// included, as byte offsets; start is -1 when there is none. An opening
// bracket that is never closed is passed over, so the titles after it keep
// their protection.
func nextBookTitle(s string) (start, end int) {
	for from := 0; ; {
		i := strings.IndexAny(s[from:], "《〈")
		if i < 0 {
			return -1, 0
		}
		i += from
		opening, closing := "《", "》"
		if strings.HasPrefix(s[i:], "〈") {
			opening, closing = "〈", "〉"
		}
		if j := strings.Index(s[i:], closing); j >= 0 {
			return i, i + j + len(closing)
		}
		from = i + len(opening)
	}
}

// convertPlain converts text without markers: glossary entries as they are,
// the rest through the engine (script steps only for book titles).
func (v *Variant) convertPlain(b *strings.Builder, text string, scriptOnly bool) {
	if text == "" {
		return
	}
	if v.engine == nil {
		if v.gloss == nil {
			b.WriteString(text)
			return
		}
		for i := 0; i < len(text); {
			if t, n := v.gloss.longest(text[i:]); n > 0 {
				b.WriteString(t)
				i += n
				continue
			}
			j := i + 1
			for j < len(text) && text[j]&0xC0 == 0x80 {
				j++
			}
			b.WriteString(text[i:j])
			i = j
		}
		return
	}
	b.WriteString(v.engine.convertWith(text, scriptOnly, v.gloss))
}
