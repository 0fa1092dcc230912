package convert

import (
	"embed"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// Engine converts text with OpenCC 1.4.2's dictionaries (data/opencc,
// made by its generate.sh) and conversion chains, from tries laid out for
// speed: longest match over the input string, no allocation per character.
// It is safe for concurrent use.
type Engine struct {
	name      string
	normalize *trie // CJK compatibility ideographs to unified ones, before the steps
	groups    []group
}

// A group is one step of a conversion chain: at each position the first
// dictionary with any match supplies the longest of its matches.
type group struct {
	dicts    []*trie
	regional bool // regional vocabulary (TWPhrases, HKPhrases…), not script
	ascii    bool // some key starts with an ASCII character
}

// maxKeyRunes is the longest key the engine matches, in runes: longer than
// any key in OpenCC's dictionaries (15).
const maxKeyRunes = 16

// trie is one dictionary: keys by rune, children sorted for binary search,
// and a direct table for the first rune.
type trie struct {
	max    int     // longest key considered, in runes
	first  []int32 // rune → node+1 for runes below len(first)
	extra  map[rune]int32
	nodes  []node
	edges  []edge
	values []string
}

type node struct {
	edges, nEdges int32 // children: edges[edges : edges+nEdges]
	value         int32 // index into values, -1 if no key ends here
}

type edge struct {
	r    rune
	node int32
}

// firstTable covers the BMP and CJK Extension B: every key's first rune
// in OpenCC's dictionaries.
const firstTable = 0x30000

//go:embed data/opencc/*.txt
var openccData embed.FS

// chains are OpenCC 1.4.2's conversions (its data/config/*.json): the steps
// in order, each a list of dictionaries of which the first with a match
// wins ("short_circuit"); "A+B" is one dictionary made of both files
// ("union", A's entries first). Regional vocabulary (TWPhrases…), which
// OpenCC puts first in the step of its region's variants, is a step of its
// own here, so that ConvertScript can leave it out.
var chains = map[string][][]string{
	"s2t":   {stStep},
	"s2tw":  {stStep, {"TWVariantsPhrases", "TWVariants"}},
	"s2twp": {stStep, {"TWPhrases"}, {"TWVariantsPhrases", "TWVariants"}},
	"s2hk":  {stStep, {"HKVariantsPhrases", "HKVariants"}},
	"t2s":   {tsStep},
	"tw2s":  {{"TWVariantsRevPhrases", "TWVariantsRev"}, tsStep},
	"tw2sp": {{"TWPhrasesRev"}, {"TWVariantsRevPhrases", "TWVariantsRev"}, tsStep},
	"hk2s":  {{"HKVariantsRevPhrases", "HKVariantsRev"}, tsStep},
	"t2tw":  {{"TWVariantsPhrases", "TWVariants"}},
	"t2hk":  {{"HKVariantsPhrases", "HKVariants"}},
}

var (
	stStep = []string{"STPhrases+STPhrases_GeneratedFromRegionalPhrases", "STCharacters"}
	tsStep = []string{"TSPhrases", "TSCharacters"}
)

var (
	tries     sync.Map // dictionary → *trie, shared by all conversions
	enginesMu sync.Mutex
	engines   = map[string]*Engine{}
)

// NewEngine returns the engine for an OpenCC conversion name such as
// "s2tw", loading its dictionaries once per process.
func NewEngine(name string) (*Engine, error) {
	enginesMu.Lock()
	defer enginesMu.Unlock()
	if e, ok := engines[name]; ok {
		return e, nil
	}
	steps, ok := chains[name]
	if !ok {
		return nil, fmt.Errorf("loading OpenCC conversion %q: no such conversion", name)
	}
	normalize, err := loadDict("CJK_Compatibility_Ideographs")
	if err != nil {
		return nil, err
	}
	e := &Engine{name: name, normalize: normalize}
	for _, step := range steps {
		var grp group
		for _, dict := range step {
			t, err := loadDict(dict)
			if err != nil {
				return nil, err
			}
			grp.dicts = append(grp.dicts, t)
			grp.regional = grp.regional || isRegional(dict)
			for r := 0; r < utf8.RuneSelf; r++ {
				grp.ascii = grp.ascii || t.first[r] != 0
			}
		}
		e.groups = append(e.groups, grp)
	}
	engines[name] = e
	return e, nil
}

// loadDict returns the trie of a dictionary ("A+B": both files, A's
// entries first), read once per process.
func loadDict(dict string) (*trie, error) {
	if t, ok := tries.Load(dict); ok {
		return t.(*trie), nil
	}
	var list []entry
	for _, file := range strings.Split(dict, "+") {
		data, err := openccData.ReadFile("data/opencc/" + file + ".txt")
		if err != nil {
			return nil, fmt.Errorf("loading OpenCC dictionary %s: %w", file, err)
		}
		for text := string(data); text != ""; {
			line, rest, _ := strings.Cut(text, "\n")
			text = rest
			if key, value, ok := strings.Cut(line, "\t"); ok {
				list = append(list, entry{key, value})
			}
		}
	}
	// A key's first entry wins: a stable sort keeps it ahead of the later
	// ones, which are then dropped.
	slices.SortStableFunc(list, func(a, b entry) int { return strings.Compare(a.key, b.key) })
	list = slices.CompactFunc(list, func(a, b entry) bool { return a.key == b.key })
	t, _ := tries.LoadOrStore(dict, buildTrie(list, maxKeyRunes, firstTable))
	return t.(*trie), nil
}

// isRegional tells the dictionaries of regional vocabulary (信息→資訊,
// 软件→軟體) from those of script (characters, the phrases that decide
// characters such as 头发→頭髮, and variant forms).
func isRegional(file string) bool {
	return (strings.HasPrefix(file, "TWPhrases") || strings.HasPrefix(file, "HKPhrases"))
}

// An entry is a key of a trie and its value.
type entry struct{ key, value string }

// newTrie builds a trie of entries whose keys match up to max runes, with a
// direct first-rune table of the given size.
func newTrie(entries map[string]string, max, table int) *trie {
	list := make([]entry, 0, len(entries))
	for k, v := range entries {
		if !utf8.ValidString(k) {
			k = string([]rune(k)) // the trie reads a bad byte as U+FFFD, as range does
		}
		list = append(list, entry{k, v})
	}
	// Two keys the same once made valid: the one whose value sorts last
	// wins (any rule would do; this one needs no more than the entries).
	slices.SortFunc(list, func(a, b entry) int {
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		return -strings.Compare(a.value, b.value)
	})
	list = slices.CompactFunc(list, func(a, b entry) bool { return a.key == b.key })
	return buildTrie(list, max, table)
}

// buildTrie builds the trie of a list sorted by key, each key once and
// valid UTF-8. Nodes are laid out breadth-first, each node's children
// contiguous and in rune order; a node's keys are a run of the list, so
// no node needs a map of its children while the trie is built.
func buildTrie(list []entry, max, table int) *trie {
	t := &trie{max: max, first: make([]int32, table), extra: map[rune]int32{}}
	if len(list) > 0 && list[0].key == "" {
		list = list[1:]
	}
	t.values = make([]string, len(list))
	for i, e := range list {
		t.values[i] = e.value
	}
	// A span is a node's keys, list[lo:hi], which share their first off
	// bytes; a key of exactly off bytes, which ends at the node, comes first.
	type span struct{ node, lo, hi, off int }
	t.nodes = append(t.nodes, node{value: -1})
	queue := []span{{0, 0, len(list), 0}}
	for q := 0; q < len(queue); q++ {
		s := queue[q]
		first := int32(len(t.edges))
		for j := s.lo; j < s.hi; {
			key := list[j].key
			if len(key) == s.off {
				j++
				continue
			}
			r, size := utf8.DecodeRuneInString(key[s.off:])
			end := s.off + size
			k := j + 1
			for k < s.hi && list[k].key[s.off:min(end, len(list[k].key))] == key[s.off:end] {
				k++
			}
			child := node{value: -1}
			if len(key) == end {
				child.value = int32(j)
			}
			t.edges = append(t.edges, edge{r, int32(len(t.nodes))})
			queue = append(queue, span{len(t.nodes), j, k, end})
			t.nodes = append(t.nodes, child)
			j = k
		}
		t.nodes[s.node].edges, t.nodes[s.node].nEdges = first, int32(len(t.edges))-first
	}
	root := t.nodes[0]
	for _, e := range t.edges[root.edges : root.edges+root.nEdges] {
		if int(e.r) < len(t.first) {
			t.first[e.r] = e.node + 1
		} else {
			t.extra[e.r] = e.node + 1
		}
	}
	return t
}

func (t *trie) child(n int32, r rune) int32 {
	nd := t.nodes[n]
	es := t.edges[nd.edges : nd.edges+nd.nEdges]
	lo, hi := 0, len(es)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if es[m].r < r {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(es) && es[lo].r == r {
		return es[lo].node
	}
	return -1
}

// longest returns the value of the longest key that s starts with and the
// key's length in bytes, or n = 0 when no key matches.
func (t *trie) longest(s string) (value string, n int) {
	r, size := utf8.DecodeRuneInString(s)
	var cur int32
	if int(r) < len(t.first) {
		cur = t.first[r] - 1
	} else {
		cur = t.extra[r] - 1
	}
	if cur < 0 {
		return "", 0
	}
	pos := size
	if v := t.nodes[cur].value; v >= 0 {
		value, n = t.values[v], pos
	}
	for k := 1; k < t.max && pos < len(s); k++ {
		r, size = utf8.DecodeRuneInString(s[pos:])
		if cur = t.child(cur, r); cur < 0 {
			break
		}
		pos += size
		if v := t.nodes[cur].value; v >= 0 {
			value, n = t.values[v], pos
		}
	}
	return value, n
}

// Convert converts text through every step of the chain.
func (e *Engine) Convert(text string) string {
	return e.convert(text, false)
}

// ConvertScript converts text through the script steps only, leaving out
// regional vocabulary: what book titles get.
func (e *Engine) ConvertScript(text string) string {
	return e.convert(text, true)
}

func (e *Engine) convert(text string, scriptOnly bool) string {
	text = e.normalized(text)
	var buf []byte
	for _, g := range e.groups {
		if scriptOnly && g.regional {
			continue
		}
		buf = g.apply(buf[:0], text)
		text = string(buf)
	}
	return text
}

// normalized returns text with CJK compatibility ideographs (U+F900–U+FAFF,
// U+2F800–U+2FA1F) replaced by their unified forms, as OpenCC 1.4.2 does
// before converting.
func (e *Engine) normalized(text string) string {
	if e.normalize == nil {
		return text
	}
	for i := 0; i+1 < len(text); i++ {
		if c, d := text[i], text[i+1]; (c == 0xEF && d >= 0xA4 && d <= 0xAB) || (c == 0xF0 && d == 0xAF) {
			g := group{dicts: []*trie{e.normalize}}
			return string(g.apply(nil, text))
		}
	}
	return text
}

// apply appends the conversion of s by one group to out.
func (g *group) apply(out []byte, s string) []byte {
	if cap(out) < len(s) {
		out = make([]byte, 0, len(s)+len(s)/8)
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf && !g.ascii {
			out = append(out, c)
			i++
			continue
		}
		matched := false
		for _, d := range g.dicts {
			if v, n := d.longest(s[i:]); n > 0 {
				out = append(out, v...)
				i += n
				matched = true
				break
			}
		}
		if matched {
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			out = utf8.AppendRune(out, utf8.RuneError) // as opencc.Convert's []rune does
		} else {
			out = append(out, s[i:i+size]...)
		}
		i += size
	}
	return out
}

// convertWith converts text like Convert (script steps only if scriptOnly)
// and lets gloss, if set, take over wherever one of its entries matches at
// least as long a stretch as the first step's dictionaries: the entry's text
// is then kept as it is through every later step.
func (e *Engine) convertWith(text string, scriptOnly bool, gloss *trie) string {
	if gloss == nil {
		return e.convert(text, scriptOnly)
	}
	text = e.normalized(text)
	groups := make([]*group, 0, len(e.groups))
	for i := range e.groups {
		if !scriptOnly || !e.groups[i].regional {
			groups = append(groups, &e.groups[i])
		}
	}
	// First step with the glossary: the output is a list of pieces, fixed
	// (from the glossary) or still open to the later steps.
	type seg struct {
		text  string
		fixed bool
	}
	var segs []seg
	var open []byte
	for i := 0; i < len(text); {
		gt, gn := gloss.longest(text[i:])
		var ov string
		on := 0
		if len(groups) > 0 {
			for _, d := range groups[0].dicts {
				if v, n := d.longest(text[i:]); n > 0 {
					ov, on = v, n
					break
				}
			}
		}
		switch {
		case gn > 0 && gn >= on:
			if len(open) > 0 {
				segs = append(segs, seg{text: string(open)})
				open = open[:0]
			}
			segs = append(segs, seg{text: gt, fixed: true})
			i += gn
		case on > 0:
			open = append(open, ov...)
			i += on
		default:
			r, size := utf8.DecodeRuneInString(text[i:])
			if r == utf8.RuneError && size == 1 {
				open = utf8.AppendRune(open, utf8.RuneError)
			} else {
				open = append(open, text[i:i+size]...)
			}
			i += size
		}
	}
	if len(open) > 0 {
		segs = append(segs, seg{text: string(open)})
	}
	var b strings.Builder
	var buf []byte
	for _, s := range segs {
		if !s.fixed && len(groups) > 1 {
			t := s.text
			for _, g := range groups[1:] {
				buf = g.apply(buf[:0], t)
				t = string(buf)
			}
			s.text = t
		}
		b.WriteString(s.text)
	}
	return b.String()
}

// ScriptPairs returns the character pairs the script steps of the named
// conversions write in place of each other, each as (Simplified,
// Traditional): from its characters and from every phrase whose two sides
// are as long (答复 → 答覆 gives 复, 覆). Search folds each pair to one key,
// so that a variant's text folds to what its source folds to. Conversions
// to Simplified (t2s, tw2s…) give their pairs turned round.
func ScriptPairs(names ...string) ([][2]rune, error) {
	seen := map[[2]rune]bool{}
	for _, name := range names {
		e, err := NewEngine(name)
		if err != nil {
			return nil, err
		}
		toSimplified := strings.HasSuffix(name, "2s")
		for _, g := range e.groups {
			if g.regional {
				continue
			}
			for _, t := range g.dicts {
				t.each(func(key []rune, value string) {
					v := []rune(value)
					if len(v) != len(key) {
						return
					}
					for i := range key {
						if key[i] != v[i] {
							p := [2]rune{key[i], v[i]}
							if toSimplified {
								p = [2]rune{v[i], key[i]}
							}
							seen[p] = true
						}
					}
				})
			}
		}
	}
	pairs := make([][2]rune, 0, len(seen))
	for p := range seen {
		pairs = append(pairs, p)
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i][0] != pairs[j][0] {
			return pairs[i][0] < pairs[j][0]
		}
		return pairs[i][1] < pairs[j][1]
	})
	return pairs, nil
}

// each calls fn with every key of the trie and its value.
func (t *trie) each(fn func(key []rune, value string)) {
	var walk func(n int32, key []rune)
	walk = func(n int32, key []rune) {
		nd := t.nodes[n]
		if nd.value >= 0 {
			fn(key, t.values[nd.value])
		}
		for _, e := range t.edges[nd.edges : nd.edges+nd.nEdges] {
			walk(e.node, append(key, e.r))
		}
	}
	walk(0, nil)
}
