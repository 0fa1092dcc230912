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

// NewFolder builds a Folder from a character-level Traditional→Simplified
// conversion (OpenCC's t2s applied to one character at a time).
func NewFolder(t2s func(string) string) *Folder {
	f := &Folder{toSimplified: map[rune]rune{}}
	add := func(lo, hi rune) {
		for r := lo; r <= hi; r++ {
			out := []rune(t2s(string(r)))
			if len(out) == 1 && out[0] != r {
				f.toSimplified[r] = out[0]
			}
		}
	}
	add(0x3400, 0x4DBF) // CJK Extension A
	add(0x4E00, 0x9FFF) // CJK Unified Ideographs
	add(0xF900, 0xFAFF) // CJK Compatibility Ideographs
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
