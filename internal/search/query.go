package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Searcher answers queries from the files of a built index the way the
// search runtime does in the browser. It serves tests (the runtime's results
// are compared with it) and benchmarks (which count the files a query reads).
type Searcher struct {
	files  map[string][]byte
	meta   struct{ N, Shards, PerFile int }
	fold   map[rune]rune
	shards map[int]map[string]string
	docs   map[int][]any
	// stopWords and synonyms as partial matching reads them (partial.go).
	stopWords    [][]Unit
	askWords     [][]Unit
	synonyms     [][]string
	synonymWords []synonymWord
	// Read lists the files loaded so far, in order.
	Read []string
}

// Result is one search hit.
type Result struct {
	Doc     int
	URL     string // page path, with #anchor when the match is under a heading
	Title   string
	Heading string // the heading the match is under, or ""
	Snippet string // text around the first match
	Marks   [][2]int
	Score   float64
	Exact   bool // the document holds every term of the query verbatim
}

// NewSearcher opens an index from its files.
func NewSearcher(files map[string][]byte) (*Searcher, error) {
	s := &Searcher{files: files, fold: map[rune]rune{}, shards: map[int]map[string]string{}, docs: map[int][]any{}}
	var meta struct {
		N       int        `json:"n"`
		Shards  int        `json:"shards"`
		PerFile int        `json:"perFile"`
		Fold    string     `json:"fold"`
		Stop    []string   `json:"stop"`
		Ask     []string   `json:"ask"`
		Syn     [][]string `json:"syn"`
	}
	if err := s.load("meta", &meta); err != nil {
		return nil, err
	}
	s.meta.N, s.meta.Shards, s.meta.PerFile = meta.N, meta.Shards, meta.PerFile
	s.setWords(meta.Stop, meta.Ask, meta.Syn)
	r := []rune(meta.Fold)
	for i := 0; i+1 < len(r); i += 2 {
		s.fold[r[i]] = r[i+1]
	}
	return s, nil
}

func (s *Searcher) load(name string, v any) error {
	data, ok := s.files[name+".js"]
	s.Read = append(s.Read, name+".js")
	if !ok {
		return errMissing
	}
	prefix := fmt.Sprintf("zhkbSearch(%q,", name)
	if !bytes.HasPrefix(data, []byte(prefix)) || !bytes.HasSuffix(data, []byte(");\n")) {
		return fmt.Errorf("search: %s.js is not an index file", name)
	}
	return json.Unmarshal(data[len(prefix):len(data)-3], v)
}

var errMissing = fmt.Errorf("search: no such index file")

func (s *Searcher) foldString(q string) string {
	return strings.Map(func(r rune) rune {
		if f, ok := s.fold[r]; ok {
			return f
		}
		if r >= 0xFF01 && r <= 0xFF5E {
			r -= 0xFEE0
		}
		return unicode.ToLower(r)
	}, q)
}

func (s *Searcher) shard(token string) map[string]string {
	n := shardOf(token, s.meta.Shards)
	if m, ok := s.shards[n]; ok {
		return m
	}
	m := map[string]string{}
	if err := s.load(fmt.Sprintf("p/%d", n), &m); err != nil {
		m = map[string]string{}
	}
	s.shards[n] = m
	return m
}

// match is where a term occurs: a chunk of a document, and a position in it
// (-1 when only the chunk is known, or chunk -1 when only the document is).
type match struct{ doc, chunk, pos, tf int }

type entry struct {
	doc, chunk int
	pos        []int // nil for single characters
	tf         int
}

func decodeVarints(s string) []int {
	var out []int
	v, shift := 0, 0
	for i := 0; i < len(s); i++ {
		d := strings.IndexByte(alphabet, s[i])
		v |= (d & 31) << shift
		if d >= 32 {
			shift += 5
			continue
		}
		out = append(out, v)
		v, shift = 0, 0
	}
	return out
}

// entries decodes the posting list of token (nil if the token is absent).
func (s *Searcher) entries(token string) []entry {
	code, ok := s.shard(token)[token]
	if !ok {
		return nil
	}
	if strings.HasPrefix(code, "@") { // a long list in a file of its own
		n, _, _ := strings.Cut(code[1:], ":")
		var long string
		if err := s.load("P/"+n, &long); err != nil {
			return nil
		}
		code = long
	}
	positional := kindOf(token) != tokUnigram
	if strings.HasPrefix(code, "~") {
		var out []entry
		for i := 1; i < len(code); i++ {
			v := strings.IndexByte(alphabet, code[i])
			for b := 0; b < 6; b++ {
				if v&(1<<b) != 0 {
					out = append(out, entry{doc: (i-1)*6 + b, chunk: -1, tf: 1})
				}
			}
		}
		return out
	}
	nums := decodeVarints(code)
	var out []entry
	doc := 0
	for i := 0; i < len(nums); {
		doc += nums[i]
		e := entry{doc: doc, chunk: nums[i+1], tf: nums[i+2]}
		i += 3
		if positional {
			p := 0
			for k := 0; k < e.tf; k++ {
				p += nums[i]
				e.pos = append(e.pos, p)
				i++
			}
		}
		out = append(out, e)
	}
	return out
}

// wordEntries returns the entries of word w, or, when prefix is set, of every
// indexed word starting with w (words of one character match only exactly).
func (s *Searcher) wordEntries(w string, prefix bool) []entry {
	if !prefix || utf8.RuneCountInString(w) < 2 {
		return s.entries(w)
	}
	var out []entry
	m := s.shard(w)
	for _, tok := range sortedKeys(m) {
		if strings.HasPrefix(tok, w) && kindOf(tok) == tokWord {
			out = append(out, s.entries(tok)...)
		}
	}
	return mergeEntries(out)
}

// mergeEntries sorts entries by document and chunk and joins those of the
// same chunk (several words sharing a prefix) into one, positions sorted.
func mergeEntries(list []entry) []entry {
	sort.SliceStable(list, func(i, j int) bool {
		if list[i].doc != list[j].doc {
			return list[i].doc < list[j].doc
		}
		return list[i].chunk < list[j].chunk
	})
	var out []entry
	for _, e := range list {
		if n := len(out); n > 0 && out[n-1].doc == e.doc && out[n-1].chunk == e.chunk {
			last := &out[n-1]
			last.pos = append(append([]int(nil), last.pos...), e.pos...)
			sort.Ints(last.pos)
			last.tf = len(last.pos)
			continue
		}
		out = append(out, e)
	}
	return out
}

// term is a run of units with nothing between them: it must appear whole.
type term struct {
	text  string // folded
	units []Unit
}

// splitTerms folds q and cuts it into terms at spaces and punctuation.
func (s *Searcher) splitTerms(q string) []term {
	folded := s.foldString(q)
	units := Tokenize(folded)
	var terms []term
	for i, u := range units {
		if i == 0 || u.Pos != units[i-1].Pos+1 {
			terms = append(terms, term{})
		}
		t := &terms[len(terms)-1]
		t.units = append(t.units, u)
	}
	for i := range terms {
		u := terms[i].units
		terms[i].text = folded[u[0].Start:u[len(u)-1].End]
	}
	return terms
}

// constraint: the entries of a token that must occur at offset from the
// start of the term. A constraint is left out of matching (its matches are
// checked in the text instead) while it is deferred or dropped.
type constraint struct {
	entries []entry
	offset  int
	loose   bool   // positions unknown: a single character, or a bitmap
	token   string // a pair not looked up yet (deferred), or one whose long list has a file of its own (dropped)
	df      int    // a dropped pair's document frequency, from the posting file
	// deferred: a pair inside a long run of characters, looked up only when
	// the pairs at the run's ends leave too many candidates.
	deferred bool
	// dropped: a pair whose long list is loaded only when no other
	// constraint pins the phrase, or too many candidates are left.
	dropped bool
}

// refDF reports whether token's posting list is in a file of its own, and
// how many documents hold it.
func (s *Searcher) refDF(token string) (int, bool) {
	code := s.shard(token)[token]
	if !strings.HasPrefix(code, "@") {
		return 0, false
	}
	_, rest, _ := strings.Cut(code, ":")
	df, _, _ := strings.Cut(rest, ":")
	n, _ := strconv.Atoi(df)
	return n, true
}

// topEntry is one of the best documents for a query of a pair alone.
type topEntry struct {
	doc, chunk int
	score      float64
}

// pairTop returns the best documents kept for a query that is one pair of
// characters with a long list, and the number of documents holding it; ok
// is false for any other query.
func (s *Searcher) pairTop(terms []term) (top []topEntry, df int, ok bool) {
	if len(terms) != 1 || len(terms[0].units) != 2 || !terms[0].units[0].Han || !terms[0].units[1].Han {
		return nil, 0, false
	}
	tok := terms[0].units[0].Text + terms[0].units[1].Text
	code := s.shard(tok)[tok]
	parts := strings.SplitN(code, ":", 3)
	if !strings.HasPrefix(code, "@") || len(parts) != 3 {
		return nil, 0, false
	}
	df, _ = strconv.Atoi(parts[1])
	idf := idfOf(s.meta.N, df)
	nums := decodeVarints(parts[2])
	for i := 0; i+2 < len(nums); i += 3 {
		top = append(top, topEntry{doc: nums[i], chunk: nums[i+1], score: score(idf, float64(nums[i+2])/2, boosts[chunkKind(nums[i+1])])})
	}
	return top, df, true
}

// lookup is the constraint of a pair, word or character at offset: its
// entries, or, for a pair with a long list in a file of its own, the pair
// dropped until needed.
func (s *Searcher) lookup(tok string, offset int) constraint {
	if kindOf(tok) == tokBigram {
		if df, long := s.refDF(tok); long {
			return constraint{offset: offset, token: tok, df: df, dropped: true}
		}
	}
	es := s.entries(tok)
	return constraint{entries: es, offset: offset, loose: kindOf(tok) == tokUnigram || looseEntries(es)}
}

// looseEntries reports whether entries carry no positions.
func looseEntries(es []entry) bool { return len(es) > 0 && es[0].pos == nil }

// plan lists the constraints of a term: for each run of Han characters the
// pairs covering it (those inside a run of four or more deferred), each
// word (the last one as a prefix), and single characters.
func (s *Searcher) plan(t term) []constraint {
	u := t.units
	if len(u) == 1 {
		if u[0].Han {
			return []constraint{s.lookup(u[0].Text, 0)}
		}
		es := s.wordEntries(u[0].Text, true)
		return []constraint{{entries: es, loose: looseEntries(es)}}
	}
	var cs []constraint
	for i := 0; i < len(u); {
		if !u[i].Han {
			es := s.wordEntries(u[i].Text, i == len(u)-1)
			cs = append(cs, constraint{entries: es, offset: i, loose: looseEntries(es)})
			i++
			continue
		}
		j := i
		for j < len(u) && u[j].Han {
			j++
		}
		if j-i == 1 {
			cs = append(cs, s.lookup(u[i].Text, i))
			i = j
			continue
		}
		for _, k := range cover(i, j) {
			tok := u[k].Text + u[k+1].Text
			if k != i && k != j-2 {
				cs = append(cs, constraint{offset: k, token: tok, deferred: true})
				continue
			}
			cs = append(cs, s.lookup(tok, k))
		}
		i = j
	}
	return cs
}

// cover returns the offsets of the pairs that cover the characters i…j-1:
// every other one, and the last pair.
func cover(i, j int) []int {
	var ks []int
	for k := i; k+1 < j; k += 2 {
		ks = append(ks, k)
	}
	if (j-i)%2 == 1 {
		ks = append(ks, j-2)
	}
	return ks
}

// pinned reports whether a constraint with positions takes part in matching.
func pinned(cs []constraint) bool {
	for _, c := range cs {
		if !c.deferred && !c.dropped && !c.loose {
			return true
		}
	}
	return false
}

// undefer looks up the deferred pairs.
func (s *Searcher) undefer(cs []constraint) bool {
	found := false
	for i, c := range cs {
		if c.deferred {
			cs[i] = s.lookup(c.token, c.offset)
			found = true
		}
	}
	return found
}

// loadRarest loads the long list of the dropped pair found in the fewest
// documents.
func (s *Searcher) loadRarest(cs []constraint) bool {
	best := -1
	for i, c := range cs {
		if c.dropped && (best < 0 || c.df < cs[best].df) {
			best = i
		}
	}
	if best < 0 {
		return false
	}
	c := &cs[best]
	c.entries, c.token, c.dropped = s.entries(c.token), "", false
	return true
}

// termMatches finds every place a term occurs. needText reports matches
// that rest on a loose, deferred or dropped constraint and must still be
// checked against the text.
func (s *Searcher) termMatches(t term) (ms []match, needText bool) {
	cs := s.plan(t)
	// Pin the phrase with positions if the term has any: the deferred
	// pairs first, else the rarest long list.
	if !pinned(cs) {
		s.undefer(cs)
	}
	if !pinned(cs) {
		s.loadRarest(cs)
	}
	ms, needText, open := s.matchPlanned(t, cs)
	// Too many candidates to check in the text: look up the deferred pairs,
	// then load long lists one at a time, rarest first, and match again.
	for open && distinctDocs(ms) > maxTextChecks && (s.undefer(cs) || s.loadRarest(cs)) {
		ms, needText, open = s.matchPlanned(t, cs)
	}
	return ms, needText
}

// maxTextChecks is how many candidate documents a term may leave to be
// checked in the text before more of its pairs are looked up.
const maxTextChecks = 8

// matchPlanned matches the constraints taking part; open reports that some
// do not, so that matches must be checked in the text.
func (s *Searcher) matchPlanned(t term, planned []constraint) (ms []match, needText, open bool) {
	var cs []constraint
	for _, c := range planned {
		if c.deferred || c.dropped {
			open = true
			continue
		}
		cs = append(cs, c)
	}
	ms, needText = s.matchConstraints(t, cs)
	return ms, needText || (open && len(ms) > 0), open
}

func distinctDocs(ms []match) int {
	n := 0
	for i, m := range ms {
		if i == 0 || ms[i-1].doc != m.doc {
			n++
		}
	}
	return n
}

func (s *Searcher) matchConstraints(t term, cs []constraint) (ms []match, needText bool) {
	type key struct{ doc, chunk int }
	var anchor *constraint
	for i := range cs {
		if !cs[i].loose && (anchor == nil || len(cs[i].entries) < len(anchor.entries)) {
			anchor = &cs[i]
		}
	}
	if anchor == nil {
		return looseMatches(cs, len(t.units) > 1)
	}
	sets := make([]map[key]entry, len(cs))
	for i, c := range cs {
		sets[i] = map[key]entry{}
		for _, e := range c.entries {
			sets[i][key{e.doc, e.chunk}] = e
		}
	}
	for _, e := range anchor.entries {
		k := key{e.doc, e.chunk}
	positions:
		for _, p := range e.pos {
			start := p - anchor.offset
			for i, c := range cs {
				o, ok := sets[i][k]
				if !ok && c.loose {
					if _, whole := sets[i][key{e.doc, -1}]; whole {
						ok = true // a bitmap: the document has it somewhere
					}
				}
				if !ok {
					continue positions
				}
				if c.loose {
					needText = true
					continue
				}
				if !containsInt(o.pos, start+c.offset) {
					continue positions
				}
			}
			ms = append(ms, match{doc: e.doc, chunk: e.chunk, pos: start, tf: 1})
		}
	}
	return ms, needText
}

// looseMatches intersects constraints that carry no positions: by chunk
// where the entries say which, else by document. A term of several units
// found this way must still be checked against the text.
func looseMatches(cs []constraint, several bool) (ms []match, needText bool) {
	driver := 0
	for i, c := range cs {
		dc, ic := cs[driver].entries, c.entries
		dBitmap := len(dc) > 0 && dc[0].chunk < 0
		iBitmap := len(ic) > 0 && ic[0].chunk < 0
		if (dBitmap && !iBitmap) || (dBitmap == iBitmap && len(ic) < len(dc)) {
			driver = i
		}
	}
	type key struct{ doc, chunk int }
	sets := make([]map[key]bool, len(cs))
	for i, c := range cs {
		sets[i] = map[key]bool{}
		for _, e := range c.entries {
			sets[i][key{e.doc, e.chunk}] = true
		}
	}
next:
	for _, e := range cs[driver].entries {
		for i := range cs {
			if !sets[i][key{e.doc, e.chunk}] && !sets[i][key{e.doc, -1}] {
				continue next
			}
		}
		ms = append(ms, match{doc: e.doc, chunk: e.chunk, pos: -1, tf: e.tf})
	}
	return ms, several && len(ms) > 0
}

func containsInt(list []int, v int) bool {
	i := sort.SearchInts(list, v)
	return i < len(list) && list[i] == v
}

const k1 = 1.2

// docScore is a ranked document: its score, where to show it, and whether
// its match must still be confirmed in its text (check) or is partial.
type docScore struct {
	doc     int
	score   float64
	best    match // where to show the first term
	check   bool
	partial bool
}

// Search returns up to limit results for q, best first: documents holding
// every term verbatim, then, when those are fewer than a page, documents
// holding part of the query (see partial.go).
func (s *Searcher) Search(q string, limit int) []Result {
	terms := s.splitTerms(q)
	if len(terms) == 0 {
		return nil
	}
	ranked, total := s.exactRanked(terms, limit)
	a := s.analyze(terms)
	results, at := s.confirm(ranked, 0, terms, a.features, nil, limit)
	if at < len(ranked) || total > len(ranked) || !wantPartial(terms, a, len(results)) {
		return results
	}
	exact := map[int]bool{} // confirmed: a candidate whose text lacks a term may still match in part
	for _, r := range results {
		exact[r.Doc] = true
	}
	partial := s.partialRanked(a, exact)
	results, _ = s.confirm(partial, 0, terms, a.features, results, limit)
	return results
}

// confirm turns ranked documents from at on into results until there are
// limit, and returns where it stopped.
func (s *Searcher) confirm(ranked []*docScore, at int, terms []term, fs []feature, results []Result, limit int) ([]Result, int) {
	for ; at < len(ranked) && len(results) < limit; at++ {
		if r, ok := s.result(ranked[at], terms, fs); ok {
			results = append(results, r)
		}
	}
	return results, at
}

// exactRanked ranks the documents that hold every term verbatim, and says
// how many there are.
func (s *Searcher) exactRanked(terms []term, limit int) ([]*docScore, int) {
	// A common pair alone: its best documents are kept with it, so its
	// long list is needed only beyond them.
	if top, df, ok := s.pairTop(terms); ok && (limit <= len(top) || len(top) == df) {
		var ranked []*docScore
		for _, e := range top {
			ranked = append(ranked, &docScore{doc: e.doc, score: e.score, best: match{doc: e.doc, chunk: e.chunk, pos: -1}})
		}
		return ranked, df
	}
	var scores map[int]*docScore
	for ti, t := range terms {
		ms, needText := s.termMatches(t)
		perDoc := map[int][]match{}
		var order []int
		for _, m := range ms {
			if _, seen := perDoc[m.doc]; !seen {
				order = append(order, m.doc)
			}
			perDoc[m.doc] = append(perDoc[m.doc], m)
		}
		idf := idfOf(s.meta.N, len(perDoc))
		next := map[int]*docScore{}
		for _, d := range order {
			prev := scores[d]
			if ti > 0 && prev == nil {
				continue // every term must appear
			}
			tf, bestBoost := 0.0, 0.0
			var best match
			for _, m := range perDoc[d] {
				b := boosts[kindBody]
				if m.chunk >= 0 {
					b = boosts[chunkKind(m.chunk)]
				}
				tf += b * float64(m.tf)
				if b > bestBoost {
					bestBoost, best = b, m
				}
			}
			sc := score(idf, tf, bestBoost)
			if prev != nil {
				prev.score += sc
				prev.check = prev.check || needText
				next[d] = prev
			} else {
				next[d] = &docScore{doc: d, score: sc, best: best, check: needText}
			}
		}
		scores = next
	}
	ranked := make([]*docScore, 0, len(scores))
	for _, d := range scores {
		ranked = append(ranked, d)
	}
	sort.Slice(ranked, func(i, j int) bool {
		if ranked[i].score != ranked[j].score {
			return ranked[i].score > ranked[j].score
		}
		return ranked[i].doc < ranked[j].doc
	})
	return ranked, len(ranked)
}

// doc returns a document's URL, title, chunk texts and chunk anchors.
func (s *Searcher) doc(d int) (url, title string, texts []string, anchors []string) {
	f := d / s.meta.PerFile
	recs, ok := s.docs[f]
	if !ok {
		var list []any
		s.load(fmt.Sprintf("d/%d", f), &list)
		s.docs[f] = list
		recs = list
	}
	rec := recs[d-f*s.meta.PerFile].([]any)
	url, title = rec[0].(string), rec[1].(string)
	texts = []string{title, rec[2].(string), rec[3].(string)}
	anchors = []string{"", "", ""}
	secs := rec[4].([]any)
	for i := 0; i+2 < len(secs); i += 3 {
		texts = append(texts, secs[i+1].(string), secs[i+2].(string))
		anchors = append(anchors, secs[i].(string), secs[i].(string))
	}
	return url, title, texts, anchors
}

// result builds the hit for a ranked document. An exact match shows the
// first term where it was found (with check set, every term is first
// confirmed in the text); a partial one shows the densest cluster of the
// query in its best section.
func (s *Searcher) result(d *docScore, terms []term, fs []feature) (Result, bool) {
	url, title, texts, anchors := s.doc(d.doc)
	folded := make([]string, len(texts))
	for i, t := range texts {
		folded[i] = s.foldString(t)
	}
	chunk := d.best.chunk
	if !d.partial {
		if d.check {
			for _, t := range terms {
				if findTerm(folded, t) < 0 {
					return Result{}, false
				}
			}
		}
		if chunk < 0 || !strings.Contains(folded[chunk], terms[0].text) {
			chunk = findTerm(folded, terms[0])
		}
	}
	r := Result{Doc: d.doc, URL: url, Title: title, Score: d.score, Exact: !d.partial}
	if chunk >= 3 {
		sec := (chunk - 3) / 2
		r.Heading = texts[3+2*sec]
		if a := anchors[chunk]; a != "" {
			r.URL += "#" + a
		}
	}
	// A match in the title, tags or description shows the description; one
	// in a heading (shown above the snippet) shows the text under it.
	c := chunk
	switch {
	case chunk < 0, chunkKind(chunk) == kindTitle, chunkKind(chunk) == kindTags:
		c = kindDescription
	case chunkKind(chunk) == kindHeading:
		c = chunk + 1
	}
	if d.partial {
		r.Snippet, r.Marks = partialSnippet(texts[c], folded[c], fs)
	} else {
		r.Snippet, r.Marks = snippet(texts[c], folded[c], terms)
	}
	return r, true
}

// findTerm returns the first chunk whose folded text holds t, preferring
// the order title, headings, body; -1 if none.
func findTerm(folded []string, t term) int {
	best := -1
	for i, f := range folded {
		if strings.Contains(f, t.text) && (best < 0 || boosts[chunkKind(i)] > boosts[chunkKind(best)]) {
			best = i
		}
	}
	return best
}

const snippetRunes = 80

// snippet cuts about snippetRunes characters of text around the first
// occurrence of the first term and marks every term in it (as rune offsets
// into the snippet).
func snippet(text, folded string, terms []term) (string, [][2]int) {
	rt, rf := []rune(text), []rune(folded)
	first := -1
	for _, t := range terms {
		if i := runeIndex(rf, []rune(t.text), 0); i >= 0 && (first < 0 || i < first) {
			first = i
		}
	}
	start := 0
	if first > snippetRunes/3 {
		start = first - snippetRunes/3
		for start < first && isWordRune(rt[start-1]) && isWordRune(rt[start]) {
			start++ // do not begin inside a word
		}
	}
	end := min(len(rt), start+snippetRunes)
	var marks [][2]int
	for _, t := range terms {
		q := []rune(t.text)
		for i := runeIndex(rf, q, start); i >= 0 && i+len(q) <= end; i = runeIndex(rf, q, i+len(q)) {
			marks = append(marks, [2]int{i - start, i - start + len(q)})
		}
	}
	sort.Slice(marks, func(i, j int) bool { return marks[i][0] < marks[j][0] })
	marks = mergeMarks(marks)
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

func runeIndex(s, sub []rune, from int) int {
	for i := from; i+len(sub) <= len(s); i++ {
		if string(s[i:i+len(sub)]) == string(sub) {
			return i
		}
	}
	return -1
}

func mergeMarks(m [][2]int) [][2]int {
	var out [][2]int
	for _, x := range m {
		if n := len(out); n > 0 && x[0] <= out[n-1][1] {
			out[n-1][1] = max(out[n-1][1], x[1])
			continue
		}
		out = append(out, x)
	}
	return out
}

// Contains reports whether document d really holds every term of q in its
// text (title, tags, description, headings or body), as a reader would check
// a result by eye. Tests and benchmarks measure precision with it.
func (s *Searcher) Contains(d int, q string) bool {
	_, _, texts, _ := s.doc(d)
	folded := make([]string, len(texts))
	for i, t := range texts {
		folded[i] = s.foldString(t)
	}
	for _, t := range s.splitTerms(q) {
		if findTerm(folded, t) < 0 {
			return false
		}
	}
	return true
}

// Docs returns the number of documents in the index.
func (s *Searcher) Docs() int { return s.meta.N }

// Doc returns document d's URL and its whole text (title, tags,
// description, headings and body), for tools that need ground truth.
func (s *Searcher) Doc(d int) (url, text string) {
	url, _, texts, _ := s.doc(d)
	return url, strings.Join(texts, "\n")
}

// Fold folds q as the index folds text.
func (s *Searcher) Fold(q string) string { return s.foldString(q) }

// ReadFiles reads a built index from its directory (<variant>/search/ in
// the output), keyed as Build wrote it, for NewSearcher.
func ReadFiles(dir string) (map[string][]byte, error) {
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return nil
	})
	return files, err
}
