package search

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Folder maps characters to the form both the index and queries are reduced
// to: Traditional characters to Simplified, full-width ASCII to ASCII, and
// letters to lower case. A Traditional query therefore finds Simplified text
// and the other way round, on every variant.
type Folder struct {
	toSimplified map[rune]rune
	bmp          []rune // every character below U+10000 folded, for speed
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
	f.tabulate()
	return f
}

// tabulate folds every character below U+10000 into f.bmp.
func (f *Folder) tabulate() {
	f.bmp = nil
	bmp := make([]rune, 0x10000)
	for r := range bmp {
		bmp[r] = f.Rune(rune(r))
	}
	f.bmp = bmp
}

// Join folds both characters of each pair, and every character folding to
// either, to one form: the variant tables beyond OpenCC's own (Taiwan's 帳
// for OpenCC's 賬, convert.TaiwanVariants) make 帳 賬 帐 账 one key. The
// form kept is the one the first character of the pair folds to.
func (f *Folder) Join(pairs map[rune]rune) {
	list := make([][2]rune, 0, len(pairs))
	for a, b := range pairs {
		list = append(list, [2]rune{a, b})
	}
	sort.Slice(list, func(i, j int) bool { return list[i][0] < list[j][0] })
	f.JoinPairs(list)
}

// JoinPairs is Join for a list of pairs, joined in order: a character may
// be in several (复 with 復, 複 and 覆).
func (f *Folder) JoinPairs(pairs [][2]rune) {
	f.bmp = nil // folded by the map while it changes
	defer f.tabulate()
	// folded[s] lists the characters that fold to s; a character whose
	// form has changed since it was listed is skipped.
	folded := map[rune][]rune{}
	for t, s := range f.toSimplified {
		folded[s] = append(folded[s], t)
	}
	for _, p := range pairs {
		to, from := f.Rune(p[0]), f.Rune(p[1])
		if to == from {
			continue
		}
		for _, t := range folded[from] {
			if f.toSimplified[t] == from {
				f.toSimplified[t] = to
				folded[to] = append(folded[to], t)
			}
		}
		delete(folded, from)
		f.toSimplified[from] = to
		folded[to] = append(folded[to], from)
	}
}

// Rune folds one character.
func (f *Folder) Rune(r rune) rune {
	if r >= 0 && int(r) < len(f.bmp) {
		return f.bmp[r]
	}
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

// Equal reports whether a and b fold to the same text.
func (f *Folder) Equal(a, b string) bool {
	if len(a) != len(b) && utf8.RuneCountInString(a) != utf8.RuneCountInString(b) {
		return false
	}
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		ra, na := decodeRune(a, i)
		rb, nb := decodeRune(b, j)
		if ra != rb && f.Rune(ra) != f.Rune(rb) {
			return false
		}
		i, j = i+na, j+nb
	}
	return i == len(a) && j == len(b)
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
