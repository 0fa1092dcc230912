package search

import (
	"sort"
	"strings"
	"unicode"
)

// Folder maps characters to the form both the index and queries are reduced
// to: Traditional characters to Simplified, full-width ASCII to ASCII, and
// letters to lower case. A Traditional query therefore finds Simplified text
// and the other way round, on every variant.
type Folder struct {
	toSimplified map[rune]rune
}

// NewFolder builds a Folder from character-level conversions to Simplified,
// tried in order on one character at a time (OpenCC's t2s, then tw2s and
// hk2s, which also undo Taiwan and Hong Kong forms): each Traditional
// character folds to the first Simplified form one of them gives. tw2s
// matters for characters that t2s leaves alone because Simplified text uses
// them too: s2tw writes 着 as 著, so 著 must fold to 着.
func NewFolder(toSimplified ...func(string) string) *Folder {
	f := &Folder{toSimplified: map[rune]rune{}}
	ranges := [][2]rune{
		{0x3400, 0x4DBF}, // CJK Extension A
		{0x4E00, 0x9FFF}, // CJK Unified Ideographs
		{0xF900, 0xFAFF}, // CJK Compatibility Ideographs
	}
	for _, rg := range ranges {
		for r := rg[0]; r <= rg[1]; r++ {
			for _, conv := range toSimplified {
				if out := []rune(conv(string(r))); len(out) == 1 && out[0] != r {
					f.toSimplified[r] = out[0]
					break
				}
			}
		}
	}
	return f
}

// Rune folds one character.
func (f *Folder) Rune(r rune) rune {
	if s, ok := f.toSimplified[r]; ok {
		return s
	}
	if r >= 0xFF01 && r <= 0xFF5E { // full-width ASCII
		r -= 0xFEE0
	}
	return unicode.ToLower(r)
}

// String folds every character of s. Each character folds to exactly one
// character, so positions in s and in the result correspond.
func (f *Folder) String(s string) string {
	return strings.Map(f.Rune, s)
}

// Table returns the Traditional→Simplified pairs the search runtime needs
// for an index whose folded text uses the characters in used: every pair
// whose Simplified side is used, as one string "t1s1t2s2…", sorted.
func (f *Folder) Table(used map[rune]bool) string {
	var pairs []string
	for t, s := range f.toSimplified {
		if used[s] {
			pairs = append(pairs, string([]rune{t, s}))
		}
	}
	sort.Strings(pairs)
	return strings.Join(pairs, "")
}
