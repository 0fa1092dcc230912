// Package search builds the client-side search index of one variant: posting
// lists of Chinese bigrams, single characters and Latin words, sharded into
// classic <script> files that the search runtime (runtime.js) loads one query
// at a time, from a web server or from file://.
package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// Document is one article as the index sees it: text already converted for
// the variant.
type Document struct {
	URL         string // page path from the output root, e.g. "zh-hans/laws/pipl/"
	Title       string
	Description string
	Tags        []string
	Keywords    []string  // words and questions the article answers, not shown on the page
	Sections    []Section // Sections[0] holds the text before the first heading
}

// Section is a heading and the text under it.
type Section struct {
	Heading string
	Anchor  string // the heading's id, "" for the text before any heading
	Text    string
}

type tokenKind int

const (
	tokBigram tokenKind = iota
	tokUnigram
	tokWord
)

func kindOf(token string) tokenKind {
	r, n := utf8.DecodeRuneInString(token)
	switch {
	case !isHan(r):
		return tokWord
	case n == len(token):
		return tokUnigram
	}
	return tokBigram
}

// shardKey is what decides a token's bucket: Han tokens by themselves,
// words by their first two characters, so that all words sharing a prefix of
// two or more characters are in one bucket.
func shardKey(token string) string {
	if kindOf(token) != tokWord {
		return token
	}
	r := []rune(token)
	if len(r) > 2 {
		r = r[:2]
	}
	return string(r)
}

// bucketOf hashes a token's shard key with 32-bit FNV-1a, as the runtime
// does, into one of buckets.
func bucketOf(token string, buckets int) int {
	h := uint32(2166136261)
	key := shardKey(token)
	for i := 0; i < len(key); i++ {
		h ^= uint32(key[i])
		h *= 16777619
	}
	return int(h % uint32(buckets))
}

// Index is a built index: the files to write below the variant's search
// directory, and what it holds.
type Index struct {
	Files  map[string][]byte // "meta.js", "t/0.js", "p/3.js", "P/0.js"
	Docs   int
	Tokens int
}

// DefaultMaxFiles is the file budget of an index unless MaxFiles sets one.
const DefaultMaxFiles = 2000

// An Option changes how Build cuts the index into files.
type Option func(*options)

type options struct {
	maxFiles  int
	stopWords []string
	synonyms  [][]string
	whole     int // the most bytes of text of an index loaded whole
}

// WholeLimit sets the most bytes of documents an index may hold to be read
// whole (wholeBytes if not set): 0 makes every index one read by ranges.
func WholeLimit(bytes int) Option { return func(o *options) { o.whole = bytes } }

// MaxFiles sets the most files the index may have (at least 100). A larger
// budget means smaller files: less for a reader from file:// to load.
func MaxFiles(n int) Option { return func(o *options) { o.maxFiles = max(n, 100) } }

// StopWords sets the question and filler words (怎么办, 吗, 我的) that
// partial matching weighs little; DefaultStopWords if not set.
func StopWords(words []string) Option { return func(o *options) { o.stopWords = words } }

// Synonyms sets groups of words that stand for each other in partial
// matching (坐牢 / 拘留 / 判刑): a query word also finds its group's other
// words, weighed less than the words typed.
func Synonyms(groups [][]string) Option { return func(o *options) { o.synonyms = groups } }

// The files of an index, all classic scripts calling zhkbSearch(name,
// data), so that they load from file:// and from a web server alike:
//
//   - meta.js: the format version (FormatVersion); the constants the
//     engine shares with this package ("c": the digits' alphabet, field
//     boosts, BM25's k1); the character folding table, stop words, question
//     words and synonyms; how the index is read ("mode", see wholeBytes);
//     and where each document is: "tf" the number of documents in each t/
//     file, "tl" per document the byte lengths of its record and of its
//     record and blocks together, as varints. An
//     index read by ranges also has "shards", "buckets" (per shard) and
//     "bl", per shard the byte length of each bucket.
//   - d.js: each document's URL and title ("url", "title", in document
//     order; see docTable), loaded with meta.js.
//   - p/N.js, posting shards (not in a whole index): an array of buckets,
//     JSON strings "token list,token list…". A reader with byte ranges reads
//     just the bucket a token is in, found with "bl": each element starts
//     right after the file's prefix zhkbSearch("p/N",[ or after the comma
//     ending the one before. A pair's list longer than longList is a
//     reference to a P/ file instead (see shardPostings).
//   - P/N.js: long posting lists (not in a whole index), read by segment.
//   - t/N.js: documents, each its record (a JSON array, see encodeDoc)
//     and then its blocks of text (JSON strings), found in the file as
//     buckets are: a reader by ranges reads a short document's record and
//     blocks at once, a long one's record first, then the blocks it shows.
//
// A posting list holds, per document holding the token and per chunk of it
// (layout.go): the document (as the difference from the previous), the
// chunk's code, the number of occurrences, and, but for single characters,
// their positions in the chunk (as differences). Numbers are varints in the
// alphabet of 64 digits below. A single character found in very many
// documents is the set of its documents instead (see docSet).

// Sizes that decide how the index is cut into files.
const (
	// A bucket holds about this many tokens.
	tokensPerBucket = 4
	// A pair's posting list longer than this goes to a P/ file, read by
	// segment; the bucket keeps its best documents and the set of all.
	longList = 4 << 10
	// Files a reader from file:// (or from a host that ignores ranges)
	// loads whole: their sizes when the file budget allows (else larger),
	// and how many of each a typical query loads.
	shardBytes      = 1536
	textFileBytes   = 8 << 10
	longFileBytes   = 16 << 10
	shardLoads      = 2.5
	resultsPerQuery = 5
	longLoads       = 0.05 // by range only: a few large files serve hosts without ranges
	// A single character found in more than 1/bitmapRatio of all documents
	// is stored as a bitmap of documents instead of a posting list. (Pairs
	// and words keep their positions, which phrase matching needs.)
	bitmapRatio = 4
	minBitmap   = 64
	maxWordLen  = 40
)

// Build indexes docs, folding text with fold.
func Build(docs []Document, fold *Folder, opts ...Option) (*Index, error) {
	ixs, err := BuildVariants([][]Document{docs}, fold, opts...)
	if err != nil {
		return nil, err
	}
	return ixs[0], nil
}

// BuildVariants indexes the documents of each variant of a site, one index
// per variant. Posting lists depend only on the folded text, and a variant
// converted character by character (s2tw) folds back to the text it came
// from: variants whose documents all fold alike share one set of posting
// lists, built once. Each set is built by all cores, each taking a run of
// documents.
func BuildVariants(variants [][]Document, fold *Folder, opts ...Option) ([]*Index, error) {
	o := options{maxFiles: DefaultMaxFiles, stopWords: DefaultStopWords, whole: wholeBytes}
	for _, opt := range opts {
		opt(&o)
	}
	cuts := make([][]cutDoc, len(variants))
	for v, docs := range variants {
		cuts[v] = make([]cutDoc, len(docs))
		parallelRuns(len(docs), func(lo, hi int) {
			for d := lo; d < hi; d++ {
				c := &cuts[v][d]
				c.chunks, c.blocks = cut(docs[d])
				c.body = bodyBlocks(c.chunks)
			}
		})
	}
	ixs := make([]*Index, len(variants))
	left := make([]int, len(variants))
	for v := range left {
		left[v] = v
	}
	for len(left) > 0 {
		group, p := buildPostings(cuts, left, fold)
		left = slices.DeleteFunc(left, func(v int) bool { return slices.Contains(group, v) })
		gs := make([][]Document, len(group))
		gc := make([][]cutDoc, len(group))
		for i, v := range group {
			gs[i], gc[i] = variants[v], cuts[v]
		}
		built, err := finish(p, gs, gc, fold, o)
		if err != nil {
			return nil, err
		}
		for i, v := range group {
			ixs[v] = built[i]
		}
	}
	return ixs, nil
}

// cutDoc is a document cut into chunks, with its blocks of text and their
// number per section.
type cutDoc struct {
	chunks []chunk
	blocks []int    // blocks per section
	body   []string // the blocks themselves, in order: what results show
}

// buildPostings builds the posting lists of the first variant in left and
// returns them with the variants in left that share them: the first, and
// every other whose documents fold to the same text.
func buildPostings(cuts [][]cutDoc, left []int, fold *Folder) ([]int, *postings) {
	first, others := left[0], left[1:]
	docs := cuts[first]
	same := make([]atomic.Bool, len(others))
	for i, v := range others {
		same[i].Store(len(cuts[v]) == len(docs))
	}
	// One run of documents per core, of about as many bytes each: the runs'
	// lists are joined after, one run at a time.
	var total int
	for _, d := range docs {
		total += d.size()
	}
	workers := runtime.GOMAXPROCS(0)
	bounds := []int{0}
	for d, at := 0, 0; d < len(docs); d++ {
		at += docs[d].size()
		if at*workers >= total*len(bounds) && len(bounds) < workers {
			bounds = append(bounds, d+1)
		}
	}
	bounds = append(bounds, len(docs))
	runs := make([]*postings, len(bounds)-1)
	var wg sync.WaitGroup
	for r := range runs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			runs[r] = addDocs(docs, bounds[r], bounds[r+1], fold, func(d int) {
				for i, v := range others {
					if same[i].Load() && !foldsAlike(fold, docs[d].chunks, cuts[v][d].chunks) {
						same[i].Store(false)
					}
				}
			})
		}()
	}
	wg.Wait()
	all := runs[0]
	for _, p := range runs[1:] {
		all.join(p)
	}
	group := []int{first}
	for i, v := range others {
		if same[i].Load() {
			group = append(group, v)
		}
	}
	return group, all
}

// addDocs returns the postings of docs[lo:hi], calling also with each
// document.
func addDocs(docs []cutDoc, lo, hi int, fold *Folder, also func(d int)) *postings {
	p := newPostings()
	for d := lo; d < hi; d++ {
		p.addDoc(d, docs[d].chunks, fold)
		also(d)
	}
	return p
}

// size is the number of bytes of a document's text.
func (c cutDoc) size() int {
	n := 0
	for _, ch := range c.chunks {
		n += len(ch.text)
	}
	return n
}

// foldsAlike reports whether two cuts of a document fold to the same chunks.
func foldsAlike(fold *Folder, a, b []chunk) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].code != b[i].code || !fold.Equal(a[i].text, b[i].text) {
			return false
		}
	}
	return true
}

// parallelRuns calls fn on runs of [0, n), one run at a time per core.
func parallelRuns(n int, fn func(lo, hi int)) {
	workers := min(runtime.GOMAXPROCS(0), max(1, n/64))
	per := (n + workers*4 - 1) / max(1, workers*4) // a few runs per core, for balance
	if n == 0 {
		return
	}
	next := atomic.Int64{}
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				lo := int(next.Add(int64(per))) - per
				if lo >= n {
					return
				}
				fn(lo, min(lo+per, n))
			}
		}()
	}
	wg.Wait()
}

// postings accumulates the posting lists of a run of documents.
type postings struct {
	pairs map[uint64]*tokenState
	chars map[rune]*tokenState
	bmp   []*tokenState // chars below U+10000, looked up by index
	words map[string]*tokenState
	units []Unit
}

func newPostings() *postings {
	return &postings{pairs: map[uint64]*tokenState{}, chars: map[rune]*tokenState{}, bmp: make([]*tokenState, 0x10000), words: map[string]*tokenState{}}
}

// addDoc indexes the chunks of document d. Documents are added in order.
func (p *postings) addDoc(d int, cs []chunk, fold *Folder) {
	for _, c := range cs {
		p.units = tokenizeAppend(p.units[:0], fold.String(c.text))
		units := p.units
		for i, u := range units {
			if !u.Han {
				if len(u.Text) <= maxWordLen {
					tokenFor(p.words, u.Text, tokWord).add(d, c.code, u.Pos)
				}
				continue
			}
			r, _ := decodeRune(u.Text, 0)
			p.char(r).add(d, c.code, u.Pos)
			if i+1 < len(units) && units[i+1].Han && units[i+1].Pos == u.Pos+1 {
				r2, _ := decodeRune(units[i+1].Text, 0)
				tokenFor(p.pairs, uint64(r)<<32|uint64(r2), tokBigram).add(d, c.code, u.Pos)
			}
		}
	}
}

// char returns the state of the single character r.
func (p *postings) char(r rune) *tokenState {
	if r < 0 || int(r) >= len(p.bmp) {
		return tokenFor(p.chars, r, tokUnigram)
	}
	if p.bmp[r] == nil {
		p.bmp[r] = tokenFor(p.chars, r, tokUnigram)
	}
	return p.bmp[r]
}

// join appends the lists of q, whose documents all follow p's, to p's.
func (p *postings) join(q *postings) {
	joinMaps(p.pairs, q.pairs)
	joinMaps(p.chars, q.chars)
	joinMaps(p.words, q.words)
	p.bmp = nil // p.chars may hold new states
}

func joinMaps[K comparable](into, from map[K]*tokenState) {
	for k, st := range from {
		if have := into[k]; have != nil {
			have.join(st)
		} else {
			into[k] = st
		}
	}
}

// anchorCode is how a record keeps a section's anchor: 0 for its heading
// with spaces as hyphens (as headings in Chinese mostly slugify), n for that
// and "-n" (a repeated heading), else the anchor itself.
func anchorCode(heading, anchor string) any {
	derived := strings.ReplaceAll(heading, " ", "-")
	if anchor == derived && anchor != "" {
		return 0
	}
	if rest, ok := strings.CutPrefix(anchor, derived+"-"); ok && derived != "" {
		if n, err := strconv.Atoi(rest); err == nil && n > 0 && strconv.Itoa(n) == rest {
			return n
		}
	}
	return anchor
}

// bodyBlocks returns the blocks of text of a cut document: the chunks a
// result shows.
func bodyBlocks(cs []chunk) []string {
	var out []string
	for _, c := range cs {
		if c.code&1 == 0 && c.code>>1 >= 3 {
			out = append(out, c.text)
		}
	}
	return out
}

// token is a posting list as finish writes it.
type token struct {
	text, enc string
	df        int
	kind      tokenKind
	st        *tokenState
}

// finish writes the index files of each variant of a group sharing the
// posting lists p: the posting shards and long lists once, shared, and
// each variant's records and text.
func finish(p *postings, variants [][]Document, cuts [][]cutDoc, fold *Folder, o options) ([]*Index, error) {
	docs := len(variants[0])
	all, used := finishTokens(p, docs)
	docJSON, textBytes := encodeDocs(variants, cuts)
	meta := indexMeta(fold, o, used, docs)
	shared := &Index{Files: map[string][]byte{}, Docs: docs, Tokens: len(all)}
	textLimit := wholeFileBytes
	if textBytes <= o.whole {
		// Whole: the engine loads every document when the box gains focus
		// and finds tokens in their text; no posting files at all.
		meta["mode"] = "whole"
	} else {
		meta["mode"] = "ranges"
		textLimit = shardPostings(shared, meta, all, docs, textBytes, o)
	}
	return writeTexts(shared, meta, variants, docJSON, textLimit)
}

// finishTokens turns the posting lists of p into tokens sorted by text,
// each list encoded, letting go of p's maps; used holds the characters
// that occur alone.
func finishTokens(p *postings, docs int) (all []token, used map[rune]bool) {
	used = map[rune]bool{}
	all = make([]token, 0, len(p.pairs)+len(p.chars)+len(p.words))
	for k, st := range p.pairs {
		all = append(all, token{text: string([]rune{rune(k >> 32), rune(k & 0xFFFFFFFF)}), st: st, kind: tokBigram})
	}
	for r, st := range p.chars {
		all = append(all, token{text: string(r), st: st, kind: tokUnigram})
		used[r] = true
	}
	for w, st := range p.words {
		all = append(all, token{text: w, st: st, kind: tokWord})
	}
	p.pairs, p.chars, p.bmp, p.words = nil, nil, nil, nil
	slices.SortFunc(all, func(a, b token) int { return strings.Compare(a.text, b.text) })
	parallelRuns(len(all), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			all[i].enc, all[i].df, all[i].st = all[i].st.finish(docs), all[i].st.df, nil
		}
	})
	return all, used
}

// encodeDocs encodes each variant's documents: each written once, its
// record and blocks of text as consecutive elements of a t/ file (see
// encodeDoc). textBytes is the largest variant's text.
func encodeDocs(variants [][]Document, cuts [][]cutDoc) (docJSON [][]encodedDoc, textBytes int) {
	docJSON = make([][]encodedDoc, len(variants))
	for v, vdocs := range variants {
		docJSON[v] = make([]encodedDoc, len(vdocs))
		parallelRuns(len(vdocs), func(lo, hi int) {
			for d := lo; d < hi; d++ {
				docJSON[v][d] = encodeDoc(vdocs[d], cuts[v][d])
			}
		})
		n := 0
		for _, j := range docJSON[v] {
			n += len(j.data) + 1
		}
		textBytes = max(textBytes, n)
	}
	return docJSON, textBytes
}

// indexMeta is what meta.js holds for every variant: the format version,
// the constants the engine shares with this package, the folding table of
// the characters queries need (used, and those of the stop, question and
// synonym words) and those words.
func indexMeta(fold *Folder, o options, used map[rune]bool, docs int) map[string]any {
	stop, ask, syn := foldWords(fold, o.stopWords), foldWords(fold, QuestionWords), foldGroups(fold, o.synonyms)
	// A query folds only the characters in the table: those of the words
	// the planner matches as words too, or a query in the other script
	// would miss a synonym the site's text never writes (崩潰 for 崩溃).
	for _, words := range append([][]string{stop, ask}, syn...) {
		for _, w := range words {
			for _, r := range w {
				used[r] = true
			}
		}
	}
	return map[string]any{"v": FormatVersion, "n": docs, "c": map[string]any{"alphabet": alphabet, "boost": boosts[:], "k1": k1},
		"fold": fold.Table(used), "stop": stop, "ask": ask, "syn": syn}
}

// writeTexts writes each variant's index: the shared files, its documents
// in t/ files of about textLimit bytes, and its meta.js with the table
// that says where each document is ("tf", "tl").
func writeTexts(shared *Index, meta map[string]any, variants [][]Document, docJSON [][]encodedDoc, textLimit int) ([]*Index, error) {
	out := make([]*Index, len(docJSON))
	var wg sync.WaitGroup
	var failed error
	var mu sync.Mutex
	for v := range docJSON {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ix := &Index{Files: maps.Clone(shared.Files), Docs: shared.Docs, Tokens: shared.Tokens}
			if err := ix.add("d", docTable(variants[v])); err != nil {
				mu.Lock()
				failed = err
				mu.Unlock()
			}
			w := arrayWriter{kind: "t", limit: textLimit}
			var perFile, lengths []byte
			file, inFile := 0, 0
			for _, j := range docJSON[v] {
				f, _, _ := w.start(ix, len(j.data))
				if f != file {
					perFile = appendVarint(perFile, inFile)
					file, inFile = f, 0
				}
				w.buf = append(w.buf, j.data...)
				w.n += j.elements
				inFile++
				lengths = appendVarint(appendVarint(lengths, j.record), len(j.data))
			}
			w.flush(ix)
			if shared.Docs > 0 {
				perFile = appendVarint(perFile, inFile)
			}
			vm := maps.Clone(meta)
			vm["tf"], vm["tl"] = string(perFile), string(lengths)
			if err := ix.add("meta", vm); err != nil {
				mu.Lock()
				failed = err
				mu.Unlock()
			}
			docJSON[v] = nil
			out[v] = ix
		}()
	}
	wg.Wait()
	return out, failed
}

// FormatVersion is the version of the index format this package writes and
// the engine (engine.js) reads; the engine refuses any other.
const FormatVersion = 5

// An index is "whole" when its documents' text takes at most wholeBytes:
// the engine loads all of it, in files of about wholeFileBytes, when the
// box gains focus (about 70 KB gzip-compressed for the bundled knowledge
// base, less than its posting lists alone), and answers every query
// without another request. A larger index is read by byte ranges.
const (
	wholeBytes     = 320 << 10
	wholeFileBytes = 32 << 10
)

// shardPostings writes the posting shards of an index read by ranges and
// puts in meta what the engine needs to read them: the number of shards
// and buckets per shard, and the byte length of each bucket ("bl", per
// shard a string of varints). A pair's list longer than longList goes to a
// P/ file, cut in segments of span documents (see segment): its bucket
// holds "@df:top:set:F:start:span:q:lens" instead, the number of documents
// holding it, its best documents (topDocs), the set of all of them
// (docSet), and where its segments are: in P/F from byte start on, of the
// byte lengths lens (varints) times q (see padSegments), so that a reader
// reads the segment of a document it shows with no table to read first. It
// returns the size of text files that shares the file budget out.
func shardPostings(shared *Index, meta map[string]any, all []token, docs, textBytes int, o options) int {
	postingBytes, longBytes := 0, 0
	for _, t := range all {
		if t.kind == tokBigram && len(t.enc) > longList {
			longBytes += len(t.enc) + 3
			postingBytes += len(t.text) + 96 + min(docs/6, 2*t.df) + len(t.enc)/segmentBytes // the reference, the set of documents, the segments' lengths
		} else {
			postingBytes += len(t.text) + len(t.enc) + 2
		}
	}
	kinds := []fileKind{
		{bytes: postingBytes, target: shardBytes, loads: shardLoads},
		{bytes: textBytes, target: textFileBytes, loads: resultsPerQuery},
		{bytes: longBytes, target: longFileBytes, loads: longLoads},
	}
	share(kinds, o.maxFiles-2-len(kinds)) // the meta and d files, and each kind may end with one file more
	shards := kinds[0].files
	long := longWriter{arrayWriter{kind: "P", limit: kinds[2].size()}}
	type longRef struct {
		segs     [][]byte
		top, set string
		span     int
	}
	var lists []longRef
	for at := 0; at < len(all); at += 4096 { // a window at a time: the segments are written out as they come
		window := all[at:min(at+4096, len(all))]
		lists = slices.Grow(lists[:0], len(window))[:len(window)]
		parallelRuns(len(window), func(lo, hi int) {
			for i := lo; i < hi; i++ {
				if t := &window[i]; t.kind == tokBigram && len(t.enc) > longList {
					nums := decodeVarints(t.enc)
					segs, span := segment(nums, len(t.enc), docs)
					lists[i] = longRef{segs, topDocs(nums, t.df, docs), docSet(listDocs(nums, true), docs), span}
				}
			}
		})
		for i := range window {
			if l := lists[i]; l.segs != nil {
				q := padSegments(l.segs)
				f, start := long.add(shared, l.segs)
				var lens []byte
				for _, seg := range l.segs {
					lens = appendVarint(lens, len(seg)/q)
				}
				window[i].enc = fmt.Sprintf("@%d:%s:%s:%d:%d:%d:%d:%s", window[i].df, l.top, l.set, f, start, l.span, q, lens)
				lists[i] = longRef{}
			}
		}
	}
	long.flush(shared)
	perShard := clamp((len(all)/tokensPerBucket+shards-1)/shards, 1, 4096)
	buckets := make([][]int, shards*perShard)
	for i, t := range all {
		k := bucketOf(t.text, len(buckets))
		buckets[k] = append(buckets[k], i)
	}
	lengths := make([]string, shards)
	for s := 0; s < shards; s++ {
		var strs [][]byte
		var lens []byte
		for j := s * perShard; j < (s+1)*perShard; j++ {
			var bk []byte
			for n, i := range buckets[j] {
				if n > 0 {
					bk = append(bk, ',')
				}
				bk = append(bk, all[i].text...)
				bk = append(bk, ' ')
				bk = append(bk, all[i].enc...)
			}
			str := appendJSONString(nil, string(bk))
			strs = append(strs, str)
			lens = appendVarint(lens, len(str))
		}
		shared.addArray(fmt.Sprintf("p/%d", s), strs)
		lengths[s] = string(lens)
	}
	meta["shards"], meta["buckets"], meta["bl"] = shards, perShard, lengths
	return kinds[1].size()
}

// docTable is what d.js holds: each document's URL and title, in order,
// so that a reader can show a result as soon as its posting lists say it
// matches, before its record loads.
func docTable(docs []Document) map[string][]string {
	urls, titles := make([]string, len(docs)), make([]string, len(docs))
	for i, d := range docs {
		urls[i], titles[i] = d.URL, d.Title
	}
	return map[string][]string{"url": urls, "title": titles}
}

// encodedDoc is a document as a t/ file holds it: elements, comma-separated,
// the first (record bytes long) its record.
type encodedDoc struct {
	data     []byte
	record   int
	elements int
}

// encodeDoc is a document as the engine reads it: its record, a JSON array
// of its tags and keywords, description (its URL and title are in d.js), sections (per section
// its heading, a chunk unless empty; its anchor, see anchorCode; and its
// number of blocks) and the byte lengths of its blocks (varints); then its
// blocks of text, each a JSON string.
func encodeDoc(doc Document, c cutDoc) encodedDoc {
	sections := make([]any, 0, 3*len(doc.Sections))
	for s, sec := range doc.Sections {
		sections = append(sections, sec.Heading, anchorCode(sec.Heading, sec.Anchor), c.blocks[s])
	}
	blocks := make([][]byte, len(c.body))
	var lens []byte
	for i, b := range c.body {
		blocks[i] = appendJSONString(nil, b)
		lens = appendVarint(lens, len(blocks[i]))
	}
	out, _ := marshal([]any{tagsText(doc), doc.Description, sections, string(lens)})
	rec := len(out)
	for _, b := range blocks {
		out = append(append(out, ','), b...)
	}
	return encodedDoc{out, rec, 1 + len(blocks)}
}

// fileKind is one kind of index file when the budget is shared out: its
// bytes in all, the size its files have when the budget allows, how many a
// typical query loads, and the number of files it gets.
type fileKind struct {
	bytes, target int
	loads         float64
	files         int
}

// size is the size of each file of the kind.
func (k fileKind) size() int { return max(k.target, (k.bytes+k.files-1)/max(k.files, 1)) }

// share gives each kind of file its number of files: enough for files of
// the target size when the budget allows; else the budget, shared so that
// a typical query loads the fewest bytes (loads·bytes/files summed over the
// kinds is least when files ∝ √(loads·bytes)).
func share(kinds []fileKind, budget int) {
	want := 0
	for i := range kinds {
		kinds[i].files = max(1, (kinds[i].bytes+kinds[i].target-1)/kinds[i].target)
		want += kinds[i].files
	}
	if want <= budget {
		return
	}
	sum := 0.0
	for _, k := range kinds {
		sum += math.Sqrt(k.loads * float64(k.bytes))
	}
	for i, k := range kinds {
		kinds[i].files = clamp(int(float64(budget)*math.Sqrt(k.loads*float64(k.bytes))/sum), 1, kinds[i].files)
	}
}

// addArray writes a file that is an array of JSON values, elements, which
// a reader finds by byte range: the first starts right after the file's
// prefix, zhkbSearch("name",[, and each next one after a comma.
func (ix *Index) addArray(name string, elements [][]byte) {
	out := []byte(`zhkbSearch("` + name + `",[`)
	for i, e := range elements {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, e...)
	}
	ix.Files[name+".js"] = append(out, "]);\n"...)
}

// arrayWriter fills files that are arrays of JSON strings, each of about
// limit bytes, and says where each string is: file, element and byte range.
type arrayWriter struct {
	kind  string // file name prefix: "t" or "P"
	limit int
	file  int
	buf   []byte
	n     int // strings in buf
}

// start returns the file, element and byte offset the next string gets,
// starting a new file first when this one has reached its limit (so that
// there are never more files than bytes/limit, plus one).
func (w *arrayWriter) start(ix *Index, size int) (file, elem, offset int) {
	if w.n > 0 && len(w.buf) >= w.limit {
		w.flush(ix)
	}
	if w.n == 0 {
		w.buf = append(w.buf[:0], `zhkbSearch("`+w.kind+"/"+strconv.Itoa(w.file)+`",[`...)
	} else {
		w.buf = append(w.buf, ',')
	}
	return w.file, w.n, len(w.buf)
}

func (w *arrayWriter) flush(ix *Index) {
	if w.n == 0 {
		return
	}
	w.buf = append(w.buf, "]);\n"...)
	ix.Files[w.kind+"/"+strconv.Itoa(w.file)+".js"] = append([]byte(nil), w.buf...)
	w.file++
	w.n = 0
	w.buf = w.buf[:0]
}

// segmentBytes is about the size of a segment of a long list: a query
// reads the segments of the documents it shows, not the whole list.
const segmentBytes = 256

// segment cuts a long posting list (decoded; size bytes encoded) of a
// collection of docs documents into
// segments of span documents each, span chosen for segments of about
// segmentBytes; segment k holds documents k·span… and counts their
// numbers from k·span.
func segment(nums []int, size, docs int) (segs [][]byte, span int) {
	span = max(1, segmentBytes*docs/max(1, size))
	segs = make([][]byte, (docs+span-1)/span)
	prev, doc := -1, 0
	for i := 0; i+2 < len(nums); {
		doc += nums[i]
		n := 3 + nums[i+2] // document, chunk, count, positions
		k := doc / span
		if prev < k*span {
			prev = k * span
		}
		segs[k] = appendVarint(segs[k], doc-prev)
		for _, v := range nums[i+1 : i+n] {
			segs[k] = appendVarint(segs[k], v)
		}
		prev = doc
		i += n
	}
	return segs, span
}

// padSegments pads the segments of a long list with "." to a multiple of
// a quantum q, chosen so that nine in ten of their lengths, divided by q,
// are one digit (under 32), and returns q. A list of a pair in most
// documents has a segment a document: its bucket, read by every query of
// the pair, then holds half the lengths' digits, for a few bytes more in
// each segment read.
func padSegments(segs [][]byte) int {
	lens := make([]int, len(segs))
	for i, seg := range segs {
		lens[i] = len(seg)
	}
	slices.Sort(lens)
	q := 1
	for lens[len(lens)*9/10] > 31*q {
		q *= 2
	}
	for i, seg := range segs {
		for len(seg)%q != 0 {
			seg = append(seg, '.')
		}
		segs[i] = seg
	}
	return q
}

// longWriter writes long posting lists to P/ files: each list one element,
// a JSON string of its segments one after another.
type longWriter struct{ arrayWriter }

// add writes one list, cut into segments, and returns where its first
// segment starts: the file and the byte offset (after the quote).
func (w *longWriter) add(ix *Index, segs [][]byte) (file, start int) {
	size := 2
	for _, seg := range segs {
		size += len(seg)
	}
	f, _, off := w.start(ix, size)
	w.buf = append(w.buf, '"')
	for _, seg := range segs {
		w.buf = append(w.buf, seg...)
	}
	w.buf = append(w.buf, '"')
	w.n++
	return f, off + 1
}

// docSet writes a set of documents (their numbers, ascending, of docs in
// all) in the shortest of three forms: "!" and the documents as varints of
// their differences; "~" and a bitmap, six documents a digit; or "^" and
// the documents not in the set, as "!" writes them (a pair or character
// in almost every document).
func docSet(set []int, docs int) string {
	bits := make([]byte, (docs+5)/6)
	var gaps, missing []byte
	prev, prevMissing, next := 0, 0, 0
	skip := func(to int) {
		for ; next < to; next++ {
			missing = appendVarint(missing, next-prevMissing)
			prevMissing = next
		}
	}
	for _, d := range set {
		bits[d/6] |= 1 << (d % 6)
		gaps = appendVarint(gaps, d-prev)
		prev = d
		skip(d)
		next = d + 1
	}
	skip(docs)
	out := "!" + string(gaps)
	if len(bits) < len(gaps) {
		b := make([]byte, 1+len(bits))
		b[0] = '~'
		for i, v := range bits {
			b[1+i] = alphabet[v]
		}
		out = string(b)
	}
	if 1+len(missing) < len(out) {
		out = "^" + string(missing)
	}
	return out
}

// listDocs returns the documents of a decoded posting list, whose entries
// are a document's difference from the one before, a chunk, a count and,
// when positional, that many positions.
func listDocs(nums []int, positional bool) []int {
	var out []int
	for i, d := 0, 0; i+2 < len(nums); {
		d += nums[i]
		out = append(out, d)
		i += 3
		if positional {
			i += nums[i-1]
		}
	}
	return out
}

// marshal encodes v as JSON without HTML escaping.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// topSize is how many of the best documents a long list keeps in its
// posting file: enough for the first pages of results of a query of that
// pair alone.
const topSize = 20

// topDocs ranks the documents of a pair's posting list as a query of the
// pair alone ranks them and returns the first topSize: for each, varints of
// the document, the chunk to show, and twice its weighted term frequency.
func topDocs(nums []int, df, n int) string {
	type ranked struct {
		doc, chunk, tf2 int
		score           float64
	}
	var list []ranked
	idf := idfOf(n, df)
	for i, doc := 0, 0; i < len(nums); {
		doc += nums[i]
		chunk, tf := nums[i+1], nums[i+2]
		i += 3 + tf // positions
		tf2 := tf * boosts2[codeKind(chunk)]
		if k := len(list) - 1; k >= 0 && list[k].doc == doc {
			if boosts2[codeKind(chunk)] > boosts2[codeKind(list[k].chunk)] {
				list[k].chunk = chunk // the first chunk with the highest boost
			}
			list[k].tf2 += tf2
			continue
		}
		list = append(list, ranked{doc: doc, chunk: chunk, tf2: tf2})
	}
	for k := range list {
		list[k].score = score(idf, float64(list[k].tf2)/2, boosts[codeKind(list[k].chunk)])
	}
	sort.Slice(list, func(a, b int) bool {
		if list[a].score != list[b].score {
			return list[a].score > list[b].score
		}
		return list[a].doc < list[b].doc
	})
	var out []byte
	for _, r := range list[:min(len(list), topSize)] {
		out = appendVarint(appendVarint(appendVarint(out, r.doc), r.chunk), r.tf2)
	}
	return string(out)
}

// boosts2 are the field boosts doubled, as whole numbers.
var boosts2 = [...]int{kindTitle: 16, kindHeading: 8, kindTags: 6, kindDescription: 3, kindBody: 2}

// idfOf is the inverse document frequency of a term in df of n documents.
func idfOf(n, df int) float64 {
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}

// k1 is BM25's term-frequency saturation, shared with the engine (meta "c").
const k1 = 1.2

// decodeVarints decodes a string of varints in the alphabet's digits.
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

// score is a document's BM25-style score for one term: tf is the term's
// frequency weighted by field, bestBoost the boost of the best field it is
// found in.
func score(idf, tf, bestBoost float64) float64 {
	return idf*tf*(k1+1)/(tf+k1) + 0.5*idf*bestBoost
}

// tokenState accumulates one token's posting list, encoded as it grows:
// documents arrive in order, and the entry for the current chunk is kept
// open until the token shows up in another chunk.
type tokenState struct {
	kind       tokenKind
	enc        []byte
	prevDoc    int
	doc, chunk int   // the open entry; doc -1 when none
	pos        []int // its positions
	df         int   // documents holding the token
}

// tokenFor returns the state of the token at key, creating it.
func tokenFor[K comparable](m map[K]*tokenState, key K, kind tokenKind) *tokenState {
	st := m[key]
	if st == nil {
		st = &tokenState{kind: kind, doc: -1}
		m[key] = st
	}
	return st
}

// add records an occurrence of the token at pos in a chunk of a document.
func (st *tokenState) add(doc, chunk, pos int) {
	if st.doc == doc && st.chunk == chunk {
		st.pos = append(st.pos, pos)
		return
	}
	if st.doc != doc { // the open entry is always the token's latest
		st.df++
	}
	st.flush()
	st.doc, st.chunk, st.pos = doc, chunk, append(st.pos[:0], pos)
}

// flush encodes the open entry: the document (as a delta), the chunk, the
// number of occurrences, and for bigrams and words their positions (as
// deltas).
func (st *tokenState) flush() {
	if st.doc < 0 {
		return
	}
	st.enc = appendVarint(st.enc, st.doc-st.prevDoc)
	st.enc = appendVarint(st.enc, st.chunk)
	st.enc = appendVarint(st.enc, len(st.pos))
	if st.kind != tokUnigram {
		prev := 0
		for _, p := range st.pos {
			st.enc = appendVarint(st.enc, p-prev)
			prev = p
		}
	}
	st.prevDoc, st.doc = st.doc, -1
}

// join appends the entries of next, whose documents all follow st's, to
// st's: only the first document's difference changes.
func (st *tokenState) join(next *tokenState) {
	st.flush()
	next.flush()
	first, n := firstVarint(next.enc)
	st.enc = appendVarint(st.enc, first-st.prevDoc)
	st.enc = append(st.enc, next.enc[n:]...)
	st.prevDoc = next.prevDoc
	st.df += next.df
}

// firstVarint decodes the first number of enc and returns it with its
// length in bytes.
func firstVarint(enc []byte) (v, n int) {
	for shift := 0; n < len(enc); shift += 5 {
		d := int(digits[enc[n]])
		n++
		v |= (d & 31) << shift
		if d < 32 {
			break
		}
	}
	return v, n
}

// finish returns the encoded posting list. A single character found in very
// many documents is written as the set of its documents instead (docSet).
func (st *tokenState) finish(docs int) string {
	st.flush()
	if st.kind == tokUnigram && docs >= minBitmap && st.df*bitmapRatio > docs {
		return docSet(listDocs(decodeVarints(string(st.enc)), false), docs) // single characters carry no positions
	}
	return string(st.enc)
}

// appendJSONString appends s as a JSON string, escaped as json.Marshal
// escapes: quotes, backslashes, control characters, U+2028 and U+2029, and
// < > & (an index may be inlined in a page's <script>).
func appendJSONString(buf []byte, s string) []byte {
	buf = append(buf, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= 0x20 && c != '"' && c != '\\' && c != 0xE2 && c != '<' && c != '>' && c != '&':
			i++
			continue
		case c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9):
			buf = append(buf, s[start:i]...)
			buf = append(buf, `\u202`...)
			buf = append(buf, "89"[s[i+2]-0xA8])
			i += 3
			start = i
			continue
		case c == 0xE2:
			i++
			continue
		}
		buf = append(buf, s[start:i]...)
		switch c {
		case '"', '\\':
			buf = append(buf, '\\', c)
		case '\n':
			buf = append(buf, '\\', 'n')
		case '\t':
			buf = append(buf, '\\', 't')
		case '\r':
			buf = append(buf, '\\', 'r')
		case '\b':
			buf = append(buf, '\\', 'b')
		case '\f':
			buf = append(buf, '\\', 'f')
		default:
			buf = append(buf, `\u00`...)
			buf = append(buf, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&15])
		}
		i++
		start = i
	}
	buf = append(buf, s[start:]...)
	return append(buf, '"')
}

// alphabet holds the 64 digits of the encoding; a digit's value v carries
// five bits, and v ≥ 32 means more digits follow.
const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"

// digits maps a byte to its value in alphabet (-1 for other bytes).
var digits = func() (d [256]int8) {
	for i := range d {
		d[i] = -1
	}
	for i := 0; i < len(alphabet); i++ {
		d[alphabet[i]] = int8(i)
	}
	return d
}()

func appendVarint(b []byte, v int) []byte {
	for v >= 32 {
		b = append(b, alphabet[32|(v&31)])
		v >>= 5
	}
	return append(b, alphabet[v])
}

func clamp(v, lo, hi int) int { return max(lo, min(hi, v)) }

// add writes one data file: a call of the runtime's loader with the file's
// name and its data, which a classic <script> can load from anywhere.
func (ix *Index) add(name string, data any) error {
	body, err := marshal(data)
	if err != nil {
		return fmt.Errorf("search index %s: %w", name, err)
	}
	ix.addJSON(name, body)
	return nil
}

// addJSON writes a data file from data already in JSON.
func (ix *Index) addJSON(name string, body []byte) {
	out := make([]byte, 0, len(body)+len(name)+20)
	out = append(out, "zhkbSearch(\""...)
	out = append(out, name...)
	out = append(out, "\","...)
	out = append(out, body...)
	out = append(out, ");\n"...)
	ix.Files[name+".js"] = out
}
