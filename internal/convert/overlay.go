package convert

import (
	_ "embed"
	"strings"
	"unicode/utf8"
)

// twVariants is the site's own character step for conversions to Taiwan's
// standard, after OpenCC's: data/tw-variants.txt.
//
//go:embed data/tw-variants.txt
var twVariants string

// taiwanConversions are the conversions whose output is Taiwan's standard.
var taiwanConversions = map[string]bool{"s2tw": true, "s2twp": true, "t2tw": true}

// TaiwanVariants returns the character pairs of the Taiwan step: the form
// OpenCC writes and the one Taiwan writes (賬 → 帳).
func TaiwanVariants() map[rune]rune {
	pairs := map[rune]rune{}
	for _, line := range strings.Split(twVariants, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		from, to, ok := strings.Cut(line, "\t")
		a, na := utf8.DecodeRuneInString(from)
		b, nb := utf8.DecodeRuneInString(to)
		if ok && na == len(from) && nb == len(to) {
			pairs[a] = b
		}
	}
	return pairs
}

// regionalEngine returns e with the site's own step for its region after
// OpenCC's (the Taiwan forms for conversions to Taiwan's standard), or e
// itself. Engines stay exactly OpenCC; variants use this.
func regionalEngine(e *Engine) *Engine {
	if !taiwanConversions[e.name] {
		return e
	}
	entries := map[string]string{}
	for a, b := range TaiwanVariants() {
		entries[string(a)] = string(b)
	}
	t := newTrie(entries, 1, firstTable)
	return &Engine{name: e.name + "+tw", normalize: e.normalize, groups: append(append([]group(nil), e.groups...), group{dicts: []*trie{t}})}
}
