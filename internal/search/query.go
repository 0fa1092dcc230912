package search

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Searcher answers queries from the files of a built index the way the
// search runtime does in the browser. It serves tests (the runtime's results
// are compared with it) and benchmarks (which count what a query reads).
type Searcher struct {
	files map[string][]byte
	// Ranges makes the searcher read byte ranges of posting shards, long
	// lists and text files, as the runtime does on a web server, instead of
	// whole files, as it does from file://.
	Ranges  bool
	meta    struct{ N, Shards, Buckets, PerFile int }
	fold    map[rune]rune
	whole   map[string]any
	buckets map[int]map[string]string
	records map[int]*record
	blocks  map[[2]int]string // text by document and chunk
	// long lists' bitmaps and segments, by reference (and segment)
	bitmaps  map[string][]entry
	segments map[string][]entry
	tables   map[string][]byte // windows of tables of byte offsets (reader.go)
	// stopWords and synonyms as partial matching reads them (partial.go).
	stopWords    [][]Unit
	askWords     [][]Unit
	synonyms     [][]string
	synonymWords []synonymWord
	// Read lists what was read so far, in order (reader.go).
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
	s := &Searcher{files: files, fold: map[rune]rune{}, whole: map[string]any{}, buckets: map[int]map[string]string{}, records: map[int]*record{}, blocks: map[[2]int]string{},
		bitmaps: map[string][]entry{}, segments: map[string][]entry{}, tables: map[string][]byte{}}
	v, err := s.file("meta")
	if err != nil {
		return nil, err
	}
	data, _ := json.Marshal(v)
	var meta struct {
		V       int        `json:"v"`
		N       int        `json:"n"`
		Shards  int        `json:"shards"`
		Buckets int        `json:"buckets"`
		PerFile int        `json:"perFile"`
		Fold    string     `json:"fold"`
		Stop    []string   `json:"stop"`
		Ask     []string   `json:"ask"`
		Syn     [][]string `json:"syn"`
	}
	if err := json.Unmarshal(data, &meta); err != nil || meta.V != 2 || meta.Shards < 1 || meta.Buckets < 1 || meta.PerFile < 1 {
		return nil, fmt.Errorf("search: meta.js is not an index of this version")
	}
	s.meta.N, s.meta.Shards, s.meta.Buckets, s.meta.PerFile = meta.N, meta.Shards, meta.Buckets, meta.PerFile
	s.setWords(meta.Stop, meta.Ask, meta.Syn)
	r := []rune(meta.Fold)
	for i := 0; i+1 < len(r); i += 2 {
		s.fold[r[i]] = r[i+1]
	}
	return s, nil
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

// match is where a term occurs: a chunk of a document, and a position in it
// (-1 when only the chunk is known, or chunk -1 when only the document is).
type match struct{ doc, chunk, pos, tf int }

type entry struct {
	doc, chunk int
	pos        []int // nil for single characters
	tf         int
}

func decodeVarints(s string) []int {
	out := make([]int, 0, len(s))
	v, shift := 0, 0
	for i := 0; i < len(s); i++ {
		d := int(digits[s[i]])
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

// entries decodes the posting list of token (nil if the token is absent,
// or its list is long: see termMatches).
func (s *Searcher) entries(token string) []entry {
	code, ok := s.list(token)
	if !ok {
		return nil
	}
	if _, long := parseLongRef(code); long {
		return nil
	}
	if strings.HasPrefix(code, "~") {
		return decodeBitmap(code)
	}
	return decodeList(code, kindOf(token) != tokUnigram, 0)
}

// decodeBitmap decodes a set of documents (a bitmap, or, after "!",
// varints of differences): entries with no chunk.
func decodeBitmap(code string) []entry {
	var out []entry
	if strings.HasPrefix(code, "!") {
		d := 0
		for _, g := range decodeVarints(code[1:]) {
			d += g
			out = append(out, entry{doc: d, chunk: -1, tf: 1})
		}
		return out
	}
	for i := 1; i < len(code); i++ {
		v := int(digits[code[i]])
		for b := 0; b < 6; b++ {
			if v&(1<<b) != 0 {
				out = append(out, entry{doc: (i-1)*6 + b, chunk: -1, tf: 1})
			}
		}
	}
	return out
}

// decodeList decodes a posting list whose documents count from doc.
func decodeList(code string, positional bool, doc int) []entry {
	nums := decodeVarints(code)
	var out []entry
	for i := 0; i+2 < len(nums); {
		doc += nums[i]
		e := entry{doc: doc, chunk: nums[i+1], tf: nums[i+2]}
		i += 3
		if positional {
			p := 0
			for k := 0; k < e.tf && i < len(nums); k++ {
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
	m := s.bucket(bucketOf(w, s.meta.Shards*s.meta.Buckets))
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
	// longs are the term's two rarest common pairs, rarest first, if it
	// has any: where its matches are not known by chunk, the segments of
	// their lists for a document say where to look (findTerm).
	longs []placed
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
	width   int      // units of the term it stands for: 2 for a pair, else 1
	loose   bool     // positions unknown: a single character, or a bitmap
	token   string   // a pair not looked up yet (deferred), or one whose long list has a file of its own (dropped)
	ref     *longRef // a dropped pair's long list
	// deferred: a pair inside a run of characters, looked up only when
	// the pairs at the run's ends leave too many candidates (or pin nothing).
	deferred bool
	// dropped: a pair with a long list, left out until no other
	// constraint is left or too many candidates are; then the set of
	// documents holding it takes its place (a loose constraint).
	dropped bool
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
	code, _ := s.list(terms[0].units[0].Text + terms[0].units[1].Text)
	r, ok := parseLongRef(code)
	if !ok {
		return nil, 0, false
	}
	idf := idfOf(s.meta.N, r.df)
	nums := decodeVarints(r.top)
	for i := 0; i+2 < len(nums); i += 3 {
		top = append(top, topEntry{doc: nums[i], chunk: nums[i+1], score: score(idf, float64(nums[i+2])/2, boostOf(nums[i+1]))})
	}
	return top, r.df, true
}

// lookup is the constraint of a pair, word or character at offset: its
// entries, or, for a pair with a long list in a file of its own, the pair
// dropped until needed.
func (s *Searcher) lookup(tok string, offset int) constraint {
	if kindOf(tok) == tokBigram {
		code, _ := s.list(tok)
		if r, long := parseLongRef(code); long {
			return constraint{offset: offset, width: 2, token: tok, ref: &r, dropped: true}
		}
	}
	es := s.entries(tok)
	return constraint{entries: es, offset: offset, width: utf8.RuneCountInString(tok), loose: kindOf(tok) == tokUnigram || looseEntries(es)}
}

// looseEntries reports whether entries carry no positions.
func looseEntries(es []entry) bool { return len(es) > 0 && es[0].pos == nil }

// plan lists the constraints of a term: for each run of Han characters
// every pair in it (all but the two at its ends deferred: they are looked
// up when those leave too many candidates, and where the run's common
// pairs meet, the pairs across words are often rare), each word (the last
// one as a prefix), and single characters.
func (s *Searcher) plan(t term) []constraint {
	u := t.units
	if len(u) == 1 {
		if u[0].Han {
			return []constraint{s.lookup(u[0].Text, 0)}
		}
		es := s.wordEntries(u[0].Text, true)
		return []constraint{{entries: es, width: 1, loose: looseEntries(es)}}
	}
	var cs []constraint
	for i := 0; i < len(u); {
		if !u[i].Han {
			es := s.wordEntries(u[i].Text, i == len(u)-1)
			cs = append(cs, constraint{entries: es, offset: i, width: 1, loose: looseEntries(es)})
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
		for k := i; k+1 < j; k++ {
			tok := u[k].Text + u[k+1].Text
			if k != i && k != j-2 {
				cs = append(cs, constraint{offset: k, width: 2, token: tok, deferred: true})
				continue
			}
			cs = append(cs, s.lookup(tok, k))
		}
		i = j
	}
	return cs
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

// docsOfRarest puts the set of documents holding the dropped pair found in
// the fewest documents in its place.
func (s *Searcher) docsOfRarest(cs []constraint) bool {
	best := -1
	for i, c := range cs {
		if c.dropped && (best < 0 || c.ref.df < cs[best].ref.df) {
			best = i
		}
	}
	if best < 0 {
		return false
	}
	c := &cs[best]
	c.entries, c.loose, c.dropped = s.longDocs(*c.ref), true, false
	return true
}

// placed is a common pair's long list and the pair's offset in its term.
type placed struct {
	ref    *longRef
	offset int
}

// rarestLongs are the long lists of the two rarest common pairs of a
// term's constraints, rarest first.
func rarestLongs(cs []constraint) []placed {
	var out []placed
	for _, c := range cs {
		if c.ref != nil {
			out = append(out, placed{c.ref, c.offset})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ref.df < out[j].ref.df })
	return out[:min(len(out), 2)]
}

// termMatches finds every place a term occurs. needText reports matches
// that rest on a loose, deferred or dropped constraint and must still be
// checked against the text. Long lists are never loaded whole: a common
// pair takes part by the set of documents holding it, and its list's
// segments are read for the documents shown (findTerm).
func (s *Searcher) termMatches(t *term) (ms []match, needText bool) {
	cs := s.plan(*t)
	defer func() { t.longs = rarestLongs(cs) }()
	// Pin the phrase with positions if the term has any.
	if !pinned(cs) {
		s.undefer(cs)
	}
	if !active(cs) {
		s.docsOfRarest(cs)
	}
	ms, needText, open := s.matchPlanned(*t, cs)
	// Too many candidates to check in the text: look up the deferred pairs,
	// then the common pairs' documents, rarest first, and match again.
	for open && distinctDocs(ms) > maxTextChecks && (s.undefer(cs) || s.docsOfRarest(cs)) {
		ms, needText, open = s.matchPlanned(*t, cs)
	}
	return ms, needText
}

// active reports whether some constraint takes part in matching.
func active(cs []constraint) bool {
	for _, c := range cs {
		if !c.deferred && !c.dropped {
			return true
		}
	}
	return false
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
	if covers(t, cs) {
		return ms, false, false // positions prove every unit: the rest adds nothing
	}
	return ms, needText || (open && len(ms) > 0), open
}

// covers reports whether the constraints with positions stand for every
// unit of the term: then a match of theirs is the term, verbatim.
func covers(t term, cs []constraint) bool {
	seen := make([]bool, len(t.units))
	for _, c := range cs {
		if c.loose || c.deferred || c.dropped {
			continue
		}
		for k := c.offset; k < c.offset+c.width && k < len(seen); k++ {
			seen[k] = true
		}
	}
	for _, ok := range seen {
		if !ok {
			return false
		}
	}
	return true
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
	best    match         // where to show the first term
	check   bool          // some term's matches must be confirmed in the text
	hints   map[int][]int // per such term, the chunks its matches are in (-1: anywhere)
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
// limit, and returns where it stopped. It takes them in batches, as the
// runtime does (which asks for a batch's files at once): first as many as
// results are missing, then, while candidates fail the text check, twice
// as many each time, up to maxBatch, so that a query whose candidates
// mostly fail waits for few rounds of requests.
func (s *Searcher) confirm(ranked []*docScore, at int, terms []term, fs []feature, results []Result, limit int) ([]Result, int) {
	batch := 0
	for at < len(ranked) && len(results) < limit {
		need := limit - len(results)
		batch = max(need, min(2*batch, maxBatch))
		got := make([]*Result, 0, batch)
		for _, d := range ranked[at:min(len(ranked), at+batch)] {
			if r, ok := s.result(d, terms, fs); ok {
				got = append(got, &r)
			} else {
				got = append(got, nil)
			}
		}
		for _, r := range got {
			if len(results) >= limit {
				break
			}
			at++
			if r != nil {
				results = append(results, *r)
			}
		}
	}
	return results, at
}

// maxBatch is the most candidates confirm checks at once.
const maxBatch = 32

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
	for ti := range terms {
		ms, needText := s.termMatches(&terms[ti])
		est := estimates(terms[ti].longs)
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
			var codes []int
			for _, m := range perDoc[d] {
				b := boostOf(m.chunk)
				tf += b * float64(m.tf)
				if b > bestBoost {
					bestBoost, best = b, m
				}
				if needText && (len(codes) == 0 || codes[len(codes)-1] != m.chunk) {
					codes = append(codes, m.chunk)
				}
			}
			if e, ok := est[d]; ok && best.chunk < 0 {
				tf, bestBoost = e[0], e[1] // known by document only
			}
			sc := score(idf, tf, bestBoost)
			ds := prev
			if ds != nil {
				ds.score += sc
			} else {
				ds = &docScore{doc: d, score: sc, best: best}
			}
			if needText {
				ds.check = true
				if ds.hints == nil {
					ds.hints = map[int][]int{}
				}
				ds.hints[ti] = codes
			}
			next[d] = ds
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

// estimates are, for the best documents of a common pair, the weighted
// frequency and best boost of the pair, kept with its long list: they rank
// the documents a term was found in by document only (a document not among
// them counts as holding it once in its text).
func estimates(longs []placed) map[int][2]float64 {
	if len(longs) == 0 {
		return nil
	}
	out := map[int][2]float64{}
	nums := decodeVarints(longs[0].ref.top)
	for i := 0; i+2 < len(nums); i += 3 {
		out[nums[i]] = [2]float64{float64(nums[i+2]) / 2, boostOf(nums[i+1])}
	}
	return out
}

// result builds the hit for a ranked document. An exact match shows the
// first term where it was found (with check set, every term is first
// confirmed in the text); a partial one shows the densest cluster of the
// query in its best chunk.
func (s *Searcher) result(d *docScore, terms []term, fs []feature) (Result, bool) {
	chunk := d.best.chunk
	if !d.partial {
		// Where a term is known by document only, the segments of its
		// common pairs' lists say which chunks hold it: a document where
		// they are not as in the term is dropped without checking its text.
		// (Its record is read all the same, as the runtime asks for it
		// together with the segments.)
		s.record(d.doc)
		where := map[int][]int{}
		for ti, t := range terms {
			codes, ok := d.hints[ti]
			anywhere := (ok && containsInt(sortedCopy(codes), -1)) || (ti == 0 && !ok && chunk < 0)
			if anywhere && s.bySegments(t.longs) {
				if codes = s.phraseChunks(t.longs, d.doc); len(codes) == 0 {
					return Result{}, false
				}
				ok = true
			}
			if ok {
				where[ti] = codes
			}
		}
		rec := s.record(d.doc)
		for ti, t := range terms {
			codes, ok := where[ti]
			if !ok {
				continue
			}
			found := s.findTerm(d.doc, rec, t, codes)
			if found < 0 {
				return Result{}, false
			}
			if ti == 0 {
				chunk = found
			}
		}
		if chunk < 0 {
			chunk = s.findTerm(d.doc, rec, terms[0], nil)
		}
	}
	rec := s.record(d.doc)
	r := Result{Doc: d.doc, URL: rec.url, Title: rec.title, Score: d.score, Exact: !d.partial}
	// A match in the title, tags or description shows the description; one
	// in a heading (shown above the snippet) shows the text under it.
	shown := kindDescription << 1
	if sec, _ := rec.place(chunk); sec >= 0 {
		r.Heading = rec.sections[sec].heading
		if a := rec.sections[sec].anchor; a != "" {
			r.URL += "#" + a
		}
		shown = chunk
		if codeKind(chunk) == kindHeading {
			shown = rec.firstBlock(sec)
		}
	}
	text := ""
	if shown >= 0 {
		text = s.text(d.doc, rec, shown)
	}
	folded := s.foldString(text)
	if d.partial {
		r.Snippet, r.Marks = partialSnippet(text, folded, fs)
	} else {
		r.Snippet, r.Marks = snippet(text, folded, terms)
	}
	return r, true
}

// findTerm returns the chunk of document d that holds t, among codes (all
// of its chunks when codes is nil or holds -1), preferring the title, then
// headings, tags, the description and text, and among texts the first;
// -1 if none. Blocks of text are loaded only as needed.
func (s *Searcher) findTerm(d int, rec *record, t term, codes []int) int {
	if codes == nil || containsInt(sortedCopy(codes), -1) {
		codes = rec.codes()
	}
	cs := append([]int(nil), codes...)
	sort.SliceStable(cs, func(i, j int) bool {
		if bi, bj := boostOf(cs[i]), boostOf(cs[j]); bi != bj {
			return bi > bj
		}
		return cs[i] < cs[j]
	})
	for _, c := range cs {
		if strings.Contains(s.foldString(s.text(d, rec, c)), t.text) {
			return c
		}
	}
	return -1
}

func sortedCopy(list []int) []int {
	c := append([]int(nil), list...)
	sort.Ints(c)
	return c
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
	return clip(rt, start, end, mergeMarks(marks))
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
	rec := s.record(d)
	for _, t := range s.splitTerms(q) {
		if s.findTerm(d, rec, t, nil) < 0 {
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
	rec := s.record(d)
	var texts []string
	for _, c := range rec.codes() {
		texts = append(texts, s.text(d, rec, c))
	}
	return rec.url, strings.Join(texts, "\n")
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
