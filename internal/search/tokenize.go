package search

import (
	"unicode"
	"unicode/utf8"
)

// Unit is one indexed unit of text: a Han character or a word of letters and
// digits. Separators between units (spaces, punctuation) take up one
// position, so units on either side of one are never adjacent.
type Unit struct {
	Text       string // folded
	Han        bool
	Pos        int // position in the text's unit sequence
	Start, End int // byte offsets of the unit in the text as given
}

// isHan matches JavaScript's /\p{Script=Han}/u.
func isHan(r rune) bool {
	if r >= 0 && r < 0x10000 {
		return bmpClass[r]&classHan != 0
	}
	return unicode.Is(unicode.Han, r)
}

// isWordRune matches JavaScript's /[\p{L}\p{N}]/u, less Han.
func isWordRune(r rune) bool {
	if r >= 0 && r < 0x10000 {
		return bmpClass[r]&classWord != 0
	}
	return (unicode.IsLetter(r) || unicode.IsNumber(r)) && !unicode.Is(unicode.Han, r)
}

// bmpClass tells for each character below U+10000 whether it is Han or a
// letter or digit (of another script): tokenizing looks it up instead of
// searching Unicode's tables.
var bmpClass = func() []uint8 {
	c := make([]uint8, 0x10000)
	for r := range c {
		switch {
		case unicode.Is(unicode.Han, rune(r)):
			c[r] = classHan
		case unicode.IsLetter(rune(r)) || unicode.IsNumber(rune(r)):
			c[r] = classWord
		}
	}
	return c
}()

const (
	classHan = 1 << iota
	classWord
)

// Tokenize splits folded text into units. The search runtime does exactly the
// same in JavaScript.
func Tokenize(folded string) []Unit {
	return tokenizeAppend(nil, folded)
}

// decodeRune is utf8.DecodeRuneInString at s[i:], with the three-byte
// sequences of Han characters decoded inline.
func decodeRune(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	} else if c > 0xE0 && c < 0xF0 && c != 0xED && i+2 < len(s) {
		c1, c2 := s[i+1], s[i+2]
		if c1&0xC0 == 0x80 && c2&0xC0 == 0x80 {
			return rune(c&0x0F)<<12 | rune(c1&0x3F)<<6 | rune(c2&0x3F), 3
		}
	}
	return utf8.DecodeRuneInString(s[i:])
}

func tokenizeAppend(units []Unit, folded string) []Unit {
	pos := 0
	sep := false // a separator was seen since the last unit
	for i := 0; i < len(folded); {
		r, n := decodeRune(folded, i)
		switch {
		case isHan(r):
			if sep && len(units) > 0 {
				pos++
			}
			sep = false
			units = append(units, Unit{Text: folded[i : i+n], Han: true, Pos: pos, Start: i, End: i + n})
			pos++
			i += n
		case isWordRune(r):
			if sep && len(units) > 0 {
				pos++
			}
			sep = false
			j := i + n
			for j < len(folded) {
				r2, n2 := decodeRune(folded, j)
				if !isWordRune(r2) {
					break
				}
				j += n2
			}
			units = append(units, Unit{Text: folded[i:j], Pos: pos, Start: i, End: j})
			pos++
			i = j
		default:
			sep = true
			i += n
		}
	}
	return units
}
