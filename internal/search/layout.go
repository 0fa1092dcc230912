package search

import (
	"strings"
	"unicode/utf8"
)

// A document's text is indexed as chunks, numbered from 0 within the
// document: 0 its title, 1 its tags and keywords, 2 its description, then
// for each section its heading (when it has one) and its text cut into
// blocks of at most blockRunes characters. Postings and their positions
// refer to chunks, so that a result loads only the block it shows, never
// the whole document. In a posting list a chunk is written as its code,
// number×2, plus 1 for a heading, so that the field (and its boost) is known
// without the document's record.
const (
	kindTitle = iota
	kindTags
	kindDescription
	kindHeading
	kindBody
)

// blockRunes is the most characters a block of text holds: a result loads
// about three times as many bytes, and a snippet shows a fifth of it.
const blockRunes = 360

// codeKind tells the field of a chunk from its code.
func codeKind(code int) int {
	switch n := code >> 1; {
	case n < 3:
		return n
	case code&1 == 1:
		return kindHeading
	}
	return kindBody
}

// Field boosts: title > headings > tags and keywords > description > body.
var boosts = [...]float64{kindTitle: 8, kindHeading: 4, kindTags: 3, kindDescription: 1.5, kindBody: 1}

// chunk is one chunk of a document as the builder cuts it.
type chunk struct {
	text    string
	code    int
	section int // -1 for the title, tags and description
}

// cut lays a document out in chunks, and returns with them the number of
// blocks of each section.
func cut(doc Document) ([]chunk, []int) {
	cs := []chunk{{doc.Title, 0, -1}, {tagsText(doc), 2, -1}, {doc.Description, 4, -1}}
	n := 3
	blocks := make([]int, len(doc.Sections))
	for s, sec := range doc.Sections {
		if sec.Heading != "" {
			cs = append(cs, chunk{sec.Heading, n<<1 | 1, s})
			n++
		}
		for _, b := range splitBlocks(sec.Text) {
			cs = append(cs, chunk{b, n << 1, s})
			n++
			blocks[s]++
		}
	}
	return cs, blocks
}

// tagsText is the text of a document's tags-and-keywords chunk.
func tagsText(doc Document) string {
	return strings.Join(append(append([]string(nil), doc.Tags...), doc.Keywords...), " / ")
}

// splitBlocks cuts text into blocks of at most blockRunes characters,
// after a sentence's end where one is near the limit, else after other
// punctuation or a space (which end a search term, so that no phrase is cut
// in two), else anywhere.
func splitBlocks(text string) []string {
	var out []string
	for text != "" {
		end, sentence, other, i := -1, -1, -1, 0
		for k, r := range text {
			if i == blockRunes {
				end = k
				break
			}
			i++
			next := k + utf8.RuneLen(r)
			switch {
			case r == '。' || r == '！' || r == '？' || r == '\n' || r == '；':
				sentence = next
			case isSeparator(r):
				other = next
			}
		}
		if end < 0 { // the rest fits in a block
			out = append(out, text)
			break
		}
		switch {
		case sentence >= end*2/3:
			end = sentence
		case other > 0:
			end = other
		}
		out = append(out, text[:end])
		text = text[end:]
	}
	return out
}

// isSeparator reports whether r separates search terms: anything but a Han
// character, a letter or a digit.
func isSeparator(r rune) bool { return !isHan(r) && !isWordRune(r) }
