package search

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// Partial matching: a query whose text is not found verbatim (欠网贷会坐牢吗)
// ranks documents by how much of it they hold. The query is cut into
// features — its pairs of characters, content characters standing alone and
// words — weighed down where they touch question and filler words (stop
// words), and widened with the site's synonyms. A document scores BM25 over
// the features, times the share of the query it covers, with a bonus for
// the longest run of the query it holds word for word. Verbatim results
// always come first. runtime.js mirrors this file.

const (
	partialBelow   = 5    // partial matching adds results when fewer verbatim ones than this (a page)
	stopPairWeight = 0.25 // a pair of characters one of which is a stop word's
	singleWeight   = 0.5  // a content character with no content character beside it
	synonymWeight  = 0.5  // the features of a synonym of a query word
	synonymCredit  = 0.5  // how much of a query word a matched synonym covers
	runBonus       = 0.1  // per pair beyond the first in the longest run held word for word
	sectionBonus   = 1.0  // times the share of the query found in one section (or the title)
	minShare       = 0.15 // partial results below this share of the best score are left out
)

// feature is one thing partial matching looks for.
type feature struct {
	token  string   // folded: two characters, one character, a word, or a synonym's run of characters
	pairs  []string // a run of three or more characters: its pairs, which must follow each other
	weight float64  // how much it counts
	term   int      // the query term it comes from; -1 for a synonym's
	offset int      // its unit offset in the term
	slots  []int    // the query features it stands for (itself, or those of the words a synonym replaces)
}

// analysis is what partial matching makes of a query.
type analysis struct {
	features []feature
	slots    int  // the first slots features are the query's own
	question bool // the query has question words or words of the synonym table
}

// analyze cuts terms into features.
func (s *Searcher) analyze(terms []term) analysis {
	var a analysis
	seen := map[string]int{} // token → feature index
	add := func(f feature) {
		if i, ok := seen[f.token]; ok {
			if f.term >= 0 && f.weight > a.features[i].weight {
				a.features[i].weight = f.weight
			}
			return
		}
		seen[f.token] = len(a.features)
		a.features = append(a.features, f)
	}
	type span struct{ term, from, to int }
	var spans []span  // where synonym words are found in the query
	var groups []int  // their groups
	var matched []int // their words' index in the group
	for ti, t := range terms {
		u := t.units
		stop := s.stopUnits(u, s.stopWords)
		for _, st := range s.stopUnits(u, s.askWords) {
			a.question = a.question || st
		}
		for i := range u {
			switch {
			case !u[i].Han:
				add(feature{token: u[i].Text, weight: 1, term: ti, offset: i})
			case i+1 < len(u) && u[i+1].Han && !(stop[i] && stop[i+1]):
				w := 1.0
				if stop[i] || stop[i+1] {
					w = stopPairWeight
				}
				add(feature{token: u[i].Text + u[i+1].Text, weight: w, term: ti, offset: i})
			}
		}
		// Content characters standing alone count only in a term with no
		// pair of content characters: 钱 in 我的钱, not 去 in 去哪里投诉.
		if !contentPair(u, stop) {
			for i := range u {
				if u[i].Han && !stop[i] {
					add(feature{token: u[i].Text, weight: singleWeight, term: ti, offset: i})
				}
			}
		}
		// Synonym words in the term, longest first, not overlapping.
		// A word in two groups expands to both.
		taken := make([]bool, len(u))
		var found []span
		for _, m := range s.synonymWords {
			for from := 0; from < len(u); from++ {
				to, ok := matchUnits(u, from, m.units)
				if !ok || (anyTrue(taken[from:to]) && !containsSpan(found, span{ti, from, to})) {
					continue
				}
				for k := from; k < to; k++ {
					taken[k] = true
				}
				found = append(found, span{ti, from, to})
				spans = append(spans, span{ti, from, to})
				groups = append(groups, m.group)
				matched = append(matched, m.word)
			}
		}
	}
	for i := range a.features {
		a.features[i].slots = []int{i}
	}
	a.slots = len(a.features)
	for k, sp := range spans {
		a.question = true
		var covered []int
		for i, f := range a.features[:a.slots] {
			if f.term != sp.term {
				continue
			}
			end := f.offset + 1
			if kindOf(f.token) == tokBigram {
				end++
			}
			if f.offset >= sp.from && end <= sp.to {
				covered = append(covered, i)
			}
		}
		for w, word := range s.synonyms[groups[k]] {
			if w == matched[k] {
				continue
			}
			u := Tokenize(word)
			for i := 0; i < len(u); {
				if !u[i].Han {
					add(feature{token: u[i].Text, weight: synonymWeight, term: -1, slots: covered})
					i++
					continue
				}
				j := i
				for j < len(u) && u[j].Han {
					j++
				}
				f := feature{token: unitText(u[i:j]), weight: synonymWeight, term: -1, slots: covered}
				switch {
				case j-i >= 3:
					for k := i; k+1 < j; k++ {
						f.pairs = append(f.pairs, u[k].Text+u[k+1].Text)
					}
					add(f)
				case j-i == 2 || len(u) == 1:
					add(f)
				}
				i = j
			}
		}
	}
	return a
}

func unitText(u []Unit) string {
	var b strings.Builder
	for _, x := range u {
		b.WriteString(x.Text)
	}
	return b.String()
}

// contentPair reports whether a term has two adjacent content characters.
func contentPair(u []Unit, stop []bool) bool {
	for i := 0; i+1 < len(u); i++ {
		if u[i].Han && u[i+1].Han && !stop[i] && !stop[i+1] {
			return true
		}
	}
	return false
}

// stopUnits marks the units of a term that belong to one of words (stop
// words, or question words), the longest from each unit on.
func (s *Searcher) stopUnits(u []Unit, words [][]Unit) []bool {
	stop := make([]bool, len(u))
	for i := 0; i < len(u); {
		n := 0
		for _, w := range words {
			if to, ok := matchUnits(u, i, w); ok && to-i > n {
				n = to - i
			}
		}
		for k := i; k < i+n; k++ {
			stop[k] = true
		}
		i += max(n, 1)
	}
	return stop
}

// matchUnits reports whether the units from on spell word's units, and
// where they end.
func matchUnits(u []Unit, from int, word []Unit) (int, bool) {
	if len(word) == 0 || from+len(word) > len(u) {
		return 0, false
	}
	for k, w := range word {
		if u[from+k].Text != w.Text {
			return 0, false
		}
	}
	return from + len(word), true
}

func containsSpan[T comparable](list []T, x T) bool {
	for _, y := range list {
		if y == x {
			return true
		}
	}
	return false
}

func anyTrue(bs []bool) bool {
	for _, b := range bs {
		if b {
			return true
		}
	}
	return false
}

// synonymWord is one word of a synonym group, tokenized.
type synonymWord struct {
	units       []Unit
	group, word int
}

// setWords reads the stop words, question words and synonym groups of the
// index's meta file: words tokenized, synonym words longest first.
func (s *Searcher) setWords(stop, ask []string, syn [][]string) {
	for _, w := range stop {
		if u := Tokenize(w); len(u) > 0 {
			s.stopWords = append(s.stopWords, u)
		}
	}
	for _, w := range ask {
		if u := Tokenize(w); len(u) > 0 {
			s.askWords = append(s.askWords, u)
		}
	}
	s.synonyms = syn
	for g, words := range syn {
		for w, word := range words {
			if u := Tokenize(word); len(u) > 0 {
				s.synonymWords = append(s.synonymWords, synonymWord{u, g, w})
			}
		}
	}
	sort.SliceStable(s.synonymWords, func(i, j int) bool { return len(s.synonymWords[i].units) > len(s.synonymWords[j].units) })
}

// wantPartial reports whether partial matching adds results to the exact
// ones, all of which are confirmed: when there are none, or fewer than a
// page and the query is more than a bare phrase (several terms, question
// words, words of the synonym table).
func wantPartial(terms []term, a analysis, exact int) bool {
	return exact < partialBelow && len(a.features) > 0 && (exact == 0 || len(terms) > 1 || a.question)
}

// hit is one document's partial match so far.
type hit struct {
	doc    int
	score  float64   // BM25 over the features, weighted
	credit []float64 // per query slot: 1 matched, synonymCredit matched by a synonym
	chunks map[int]float64
	groups map[int][]float64 // per group (see group), the credit of each slot found there
	run    int               // the longest run of query pairs held word for word, in pairs
}

// occurrence is where a feature is found in a chunk (pos -1: anywhere).
type occurrence struct{ chunk, pos int }

// featureHits returns, per document, the feature's weighted term frequency,
// its best field boost and where it occurs; and its inverse document
// frequency. A pair whose long list has a file of its own is read from the
// best documents kept with it, so that partial matching never loads it.
func (s *Searcher) featureHits(tok string) (tf, best map[int]float64, where map[int][]occurrence, order []int, idf float64) {
	tf, best, where = map[int]float64{}, map[int]float64{}, map[int][]occurrence{}
	note := func(doc int, t, b float64, o occurrence) {
		if _, ok := tf[doc]; !ok {
			order = append(order, doc)
		}
		tf[doc] += t
		best[doc] = max(best[doc], b)
		where[doc] = append(where[doc], o)
	}
	code, _ := s.list(tok)
	if r, ok := parseLongRef(code); ok && kindOf(tok) == tokBigram {
		nums := decodeVarints(r.top)
		for i := 0; i+2 < len(nums); i += 3 {
			note(nums[i], float64(nums[i+2])/2, boostOf(nums[i+1]), occurrence{nums[i+1], -1})
		}
		return tf, best, where, order, idfOf(s.meta.N, r.df)
	}
	var es []entry
	if kindOf(tok) == tokWord {
		es = s.wordEntries(tok, false)
	} else {
		es = s.entries(tok)
	}
	for _, e := range es {
		b := boostOf(e.chunk)
		if e.pos == nil {
			note(e.doc, b*float64(e.tf), b, occurrence{e.chunk, -1})
			continue
		}
		for _, p := range e.pos {
			note(e.doc, b, b, occurrence{e.chunk, p})
		}
	}
	return tf, best, where, order, idfOf(s.meta.N, len(order))
}

// hits is where a feature is found: per document its weighted term
// frequency, best field boost and occurrences, the documents in the order
// found, and its inverse document frequency.
type hits struct {
	tf, best map[int]float64
	where    map[int][]occurrence
	order    []int
	idf      float64
}

// phraseHits finds a feature: a token, or a run of pairs that must follow
// each other. Where a pair's positions are unknown (a long list read from
// its best documents, a bitmap), the run is taken on trust as far as the
// pair is there, with the smallest frequency of its pairs.
func (s *Searcher) phraseHits(f feature) hits {
	if f.pairs == nil {
		tf, best, where, order, idf := s.featureHits(f.token)
		return hits{tf, best, where, order, idf}
	}
	var parts []hits
	for _, p := range f.pairs {
		tf, best, where, order, idf := s.featureHits(p)
		parts = append(parts, hits{tf, best, where, order, idf})
	}
	h := hits{tf: map[int]float64{}, best: map[int]float64{}, where: map[int][]occurrence{}}
docs:
	for _, d := range parts[0].order {
		positional := true
		for _, p := range parts {
			if _, ok := p.tf[d]; !ok {
				continue docs
			}
			positional = positional && p.where[d][0].pos >= 0
		}
		if !positional {
			tf, best := parts[0].tf[d], parts[0].best[d]
			for _, p := range parts[1:] {
				tf, best = min(tf, p.tf[d]), min(best, p.best[d])
			}
			h.order = append(h.order, d)
			h.tf[d], h.best[d], h.where[d] = tf, best, []occurrence{{parts[0].where[d][0].chunk, -1}}
			continue
		}
	occurrences:
		for _, o := range parts[0].where[d] {
			for k, p := range parts[1:] {
				if !hasOccurrence(p.where[d], o.chunk, o.pos+k+1) {
					continue occurrences
				}
			}
			b := boostOf(o.chunk)
			if _, ok := h.tf[d]; !ok {
				h.order = append(h.order, d)
			}
			h.tf[d] += b
			h.best[d] = max(h.best[d], b)
			h.where[d] = append(h.where[d], o)
		}
	}
	h.idf = idfOf(s.meta.N, len(h.order))
	return h
}

// group is the part of a document where the query is sought together:
// each chunk (the title, a heading, a block of text) is its own.
func group(chunk int) int { return chunk }

// partialRanked ranks the documents that hold part of the query, leaving
// out those in exact.
func (s *Searcher) partialRanked(a analysis, exact map[int]bool) []*docScore {
	found := map[int]*hit{}
	var order []int
	type placed struct {
		term, offset int
		where        map[int][]occurrence
	}
	var pairs []placed // the query's own pairs, for runs
	findable := make([]bool, a.slots)
	for _, f := range a.features {
		fh := s.phraseHits(f)
		if len(fh.order) > 0 {
			for _, sl := range f.slots {
				findable[sl] = true
			}
		}
		credit := 1.0
		if f.term < 0 {
			credit = synonymCredit
		}
		for _, d := range fh.order {
			if exact[d] {
				continue
			}
			h := found[d]
			if h == nil {
				h = &hit{doc: d, credit: make([]float64, a.slots), chunks: map[int]float64{}, groups: map[int][]float64{}}
				found[d] = h
				order = append(order, d)
			}
			h.score += f.weight * score(fh.idf, fh.tf[d], fh.best[d])
			for _, sl := range f.slots {
				h.credit[sl] = max(h.credit[sl], credit)
			}
			for _, o := range fh.where[d] {
				if o.chunk < 0 {
					continue
				}
				h.chunks[o.chunk] += f.weight * fh.idf
				g := h.groups[group(o.chunk)]
				if g == nil {
					g = make([]float64, a.slots)
					h.groups[group(o.chunk)] = g
				}
				for _, sl := range f.slots {
					g[sl] = max(g[sl], credit)
				}
			}
		}
		if f.term >= 0 && kindOf(f.token) == tokBigram {
			pairs = append(pairs, placed{f.term, f.offset, fh.where})
		}
	}
	// Runs: query pairs at consecutive offsets found at consecutive
	// positions of one chunk.
	at := map[[2]int]map[int][]occurrence{} // (term, offset) → where
	for _, p := range pairs {
		at[[2]int{p.term, p.offset}] = p.where
	}
	for _, p := range pairs {
		for d, occs := range p.where {
			h := found[d]
			if h == nil {
				continue
			}
			for _, o := range occs {
				if o.pos < 0 {
					continue
				}
				n := 1
				for next := at[[2]int{p.term, p.offset + n}]; next != nil && hasOccurrence(next[d], o.chunk, o.pos+n); next = at[[2]int{p.term, p.offset + n}] {
					n++
				}
				h.run = max(h.run, n)
			}
		}
	}
	// The share of the query a document covers counts only the slots
	// something in the index can cover: a pair across two words (诉网 in
	// 投诉网贷) is found nowhere and says nothing.
	total := 0.0
	for sl, f := range a.features[:a.slots] {
		if findable[sl] {
			total += f.weight
		}
	}
	var ranked []*docScore
	top := 0.0
	shareOf := func(credit []float64) float64 {
		covered := 0.0
		for sl, c := range credit {
			covered += c * a.features[sl].weight
		}
		if total == 0 {
			return 0
		}
		return covered / total
	}
	for _, d := range order {
		h := found[d]
		share, together := shareOf(h.credit), 0.0
		for _, g := range h.groups {
			together = max(together, shareOf(g))
		}
		sc := h.score * share * share * (1 + runBonus*float64(max(h.run-1, 0))) * (1 + sectionBonus*together)
		top = max(top, sc)
		ranked = append(ranked, &docScore{doc: d, score: sc, best: match{doc: d, chunk: bestChunk(h.chunks), pos: -1}, partial: true})
	}
	sort.SliceStable(ranked, func(i, j int) bool {
		if ranked[i].score != ranked[j].score {
			return ranked[i].score > ranked[j].score
		}
		return ranked[i].doc < ranked[j].doc
	})
	n := 0
	for n < len(ranked) && ranked[n].score >= minShare*top {
		n++
	}
	return ranked[:n]
}

func hasOccurrence(occs []occurrence, chunk, pos int) bool {
	for _, o := range occs {
		if o.chunk == chunk && o.pos == pos {
			return true
		}
	}
	return false
}

// bestChunk picks the chunk a partial result shows: the heading or block
// of text that holds the most of the query; -1 when none does (the match is
// in the title, tags or description).
func bestChunk(chunks map[int]float64) int {
	best, bestV := -1, 0.0
	for c, v := range chunks {
		if k := codeKind(c); k != kindHeading && k != kindBody {
			continue
		}
		if v > bestV || (v == bestV && c < best) {
			best, bestV = c, v
		}
	}
	return best
}

// partialSnippet cuts about snippetRunes characters of text around its
// densest cluster of the features' tokens and marks every token found in it
// (as rune offsets into the snippet).
func partialSnippet(text, folded string, fs []feature) (string, [][2]int) {
	rt, rf := []rune(text), []rune(folded)
	type occ struct {
		at, end int
		w       float64
	}
	var occs []occ
	for _, f := range fs {
		q := []rune(f.token)
		for i := runeIndex(rf, q, 0); i >= 0; i = runeIndex(rf, q, i+1) {
			if utf8.RuneCountInString(f.token) > 1 || !isWordRune(q[0]) || wholeWord(rf, i, len(q)) {
				occs = append(occs, occ{i, i + len(q), f.weight})
			}
		}
	}
	sort.SliceStable(occs, func(i, j int) bool { return occs[i].at < occs[j].at })
	start, bestW, first := 0, -1.0, 0
	for _, c := range occs {
		s := max(0, c.at-snippetLead)
		w := 0.0
		for _, o := range occs {
			if o.at >= s && o.end <= s+snippetRunes {
				w += o.w
			}
		}
		if w > bestW {
			start, bestW, first = s, w, c.at
		}
	}
	for start > 0 && start < first && isWordRune(rt[start-1]) && isWordRune(rt[start]) {
		start++ // do not begin inside a word
	}
	end := min(len(rt), start+snippetRunes)
	var marks [][2]int
	for _, o := range occs {
		if o.at >= start && o.end <= end {
			marks = append(marks, [2]int{o.at - start, o.end - start})
		}
	}
	sort.Slice(marks, func(i, j int) bool {
		return marks[i][0] < marks[j][0] || marks[i][0] == marks[j][0] && marks[i][1] < marks[j][1]
	})
	return clip(rt, start, end, mergeMarks(marks))
}

// snippetLead is how much text a partial snippet shows before its first
// match.
const snippetLead = snippetRunes / 8

// wholeWord reports whether the n runes at i of s are not part of a longer
// word of letters and digits.
func wholeWord(s []rune, i, n int) bool {
	return (i == 0 || !isWordRune(s[i-1])) && (i+n == len(s) || !isWordRune(s[i+n]))
}

// clip returns rt[start:end] with "…" where text was cut, and marks moved
// to match.
func clip(rt []rune, start, end int, marks [][2]int) (string, [][2]int) {
	out := string(rt[start:end])
	if start > 0 {
		out = "…" + out
		for i := range marks {
			marks[i][0]++
			marks[i][1]++
		}
	}
	if end < len(rt) {
		out += "…"
	}
	return out, marks
}
