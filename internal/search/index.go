// Package search builds the client-side search index of one variant: posting
// lists of Chinese bigrams, single characters and Latin words, sharded into
// classic <script> files that the search runtime (runtime.js) loads one query
// at a time, from a web server or from file://.
package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"
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

// Chunk kinds, by local chunk number: 0 title, 1 tags and keywords, 2
// description, then for section s a heading chunk 3+2s and a body chunk 4+2s.
const (
	kindTitle = iota
	kindTags
	kindDescription
	kindHeading
	kindBody
)

func chunkKind(local int) int {
	if local < 3 {
		return local
	}
	if local%2 == 1 {
		return kindHeading
	}
	return kindBody
}

// Field boosts: title > headings > tags and keywords > description > body.
var boosts = [...]float64{kindTitle: 8, kindHeading: 4, kindTags: 3, kindDescription: 1.5, kindBody: 1}

// Limits that decide how the index is cut into files.
const (
	// A query loads a posting file per token and a document file per result
	// shown, so both are kept small: files of about shardBytes and
	// docFileBytes, within the file budget (MaxFiles). When the budget
	// binds, it is split to minimise the bytes of a typical query (see
	// shardBudget).
	shardBytes   = 2 << 10
	docFileBytes = 1536
	// A bigram posting list longer than longList bytes gets a file of its
	// own (the longest ones, up to a tenth of the file budget).
	longList = 4 << 10
	// A typical query reads about this many posting files and shows this
	// many results.
	tokensPerQuery  = 2.5
	resultsPerQuery = 5
	// A single character found in more than 1/bitmapRatio of all documents
	// is stored as a bitmap of documents instead of a posting list. (Bigrams
	// and words keep their positions, which phrase matching needs.)
	bitmapRatio = 4
	minBitmap   = 64
	maxWordLen  = 40
)

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

// shardKey is what decides a token's posting file: Han tokens by themselves,
// words by their first two characters, so that all words sharing a prefix of
// two or more characters are in one file.
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

// shardOf hashes a token's shard key with 32-bit FNV-1a, as the runtime
// does.
func shardOf(token string, shards int) int {
	h := uint32(2166136261)
	key := shardKey(token)
	for i := 0; i < len(key); i++ {
		h ^= uint32(key[i])
		h *= 16777619
	}
	return int(h % uint32(shards))
}

// Index is a built index: the files to write below the variant's search
// directory, and what it holds.
type Index struct {
	Files  map[string][]byte // "meta.js", "p/3.js", "d/0.js", …
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
}

// MaxFiles sets the most files the index may have (at least 100). A larger
// budget means smaller files, so fewer bytes per query.
func MaxFiles(n int) Option { return func(o *options) { o.maxFiles = max(n, 100) } }

// StopWords sets the question and filler words (怎么办, 吗, 我的) that
// partial matching weighs little; DefaultStopWords if not set.
func StopWords(words []string) Option { return func(o *options) { o.stopWords = words } }

// Synonyms sets groups of words that stand for each other in partial
// matching (坐牢 / 拘留 / 判刑): a query word also finds its group's other
// words, weighed less than the words typed.
func Synonyms(groups [][]string) Option { return func(o *options) { o.synonyms = groups } }

// Build indexes docs, folding text with fold.
func Build(docs []Document, fold *Folder, opts ...Option) (*Index, error) {
	o := options{maxFiles: DefaultMaxFiles, stopWords: DefaultStopWords}
	for _, opt := range opts {
		opt(&o)
	}
	maxLongFiles := o.maxFiles / 10
	// Tokens by kind, keyed cheaply: a pair of characters as one number.
	pairs := map[uint64]*tokenState{}
	chars := map[rune]*tokenState{}
	words := map[string]*tokenState{}
	var units []Unit
	for d, doc := range docs {
		for local, text := range chunks(doc) {
			folded := fold.String(text)
			units = tokenizeAppend(units[:0], folded)
			for i, u := range units {
				if !u.Han {
					if len(u.Text) <= maxWordLen {
						tokenFor(words, u.Text, tokWord).add(d, local, u.Pos)
					}
					continue
				}
				r, _ := utf8.DecodeRuneInString(u.Text)
				tokenFor(chars, r, tokUnigram).add(d, local, u.Pos)
				if i+1 < len(units) && units[i+1].Han && units[i+1].Pos == u.Pos+1 {
					r2, _ := utf8.DecodeRuneInString(units[i+1].Text)
					tokenFor(pairs, uint64(r)<<32|uint64(r2), tokBigram).add(d, local, u.Pos)
				}
			}
		}
	}
	// Every token with its encoded posting list, in a slice: maps of
	// strings this large cost more than all the rest.
	type token struct {
		text, enc string
		df        int
		kind      tokenKind
	}
	all := make([]token, 0, len(pairs)+len(chars)+len(words))
	used := make(map[rune]bool, len(chars))
	for k, st := range pairs {
		all = append(all, token{text: string([]rune{rune(k >> 32), rune(k & 0xFFFFFFFF)}), enc: st.finish(len(docs)), df: st.df, kind: tokBigram})
	}
	for r, st := range chars {
		all = append(all, token{text: string(r), enc: st.finish(len(docs)), df: st.df, kind: tokUnigram})
		used[r] = true
	}
	for w, st := range words {
		all = append(all, token{text: w, enc: st.finish(len(docs)), df: st.df, kind: tokWord})
	}
	pairs, chars, words = nil, nil, nil

	total := 0
	var long []int
	for i, t := range all {
		if t.kind == tokBigram && len(t.enc) > longList {
			long = append(long, i)
			continue
		}
		total += len(t.text) + len(t.enc) + 6
	}
	// The longest bigram lists get files of their own; their posting file
	// holds "@n:df" instead, so a query loads them only when it must.
	sort.Slice(long, func(i, j int) bool {
		a, b := all[long[i]], all[long[j]]
		if len(a.enc) != len(b.enc) {
			return len(a.enc) > len(b.enc)
		}
		return a.text < b.text
	})
	if len(long) > maxLongFiles {
		for _, i := range long[maxLongFiles:] {
			total += len(all[i].text) + len(all[i].enc) + 6
		}
		long = long[:maxLongFiles]
	}
	sort.Slice(long, func(i, j int) bool { return all[long[i]].text < all[long[j]].text })
	ix := &Index{Files: map[string][]byte{}, Docs: len(docs), Tokens: len(all)}
	for n, i := range long {
		if err := ix.add(fmt.Sprintf("P/%d", n), all[i].enc); err != nil {
			return nil, err
		}
		// The posting file keeps the list's number, the number of
		// documents, and the best documents for a query of the pair alone.
		top := topDocs(all[i].enc, all[i].df, len(docs))
		all[i].enc = fmt.Sprintf("@%d:%d:%s", n, all[i].df, top)
		total += len(all[i].text) + 12 + len(top)
	}
	docBytes := 0
	for _, doc := range docs {
		for _, c := range chunks(doc) {
			docBytes += len(c) + 8
		}
		docBytes += len(doc.URL) + 16
	}
	shards := shardBudget(total, docBytes, o.maxFiles-1-len(long)) // less meta.js and the long lists
	byShard := make([][]int, shards)
	for i, t := range all {
		s := shardOf(t.text, shards)
		byShard[s] = append(byShard[s], i)
	}
	var buf []byte
	for s, list := range byShard {
		if len(list) == 0 {
			continue // the runtime treats a missing shard as empty
		}
		sort.Slice(list, func(a, b int) bool { return all[list[a]].text < all[list[b]].text })
		// A JSON object of token → posting list, keys in order. Lists are
		// written in the varint alphabet and "@:~", which JSON takes as
		// they are.
		buf = append(buf[:0], '{')
		for k, i := range list {
			if k > 0 {
				buf = append(buf, ',')
			}
			buf = appendJSONString(buf, all[i].text)
			buf = append(buf, `:"`...)
			buf = append(buf, all[i].enc...)
			buf = append(buf, '"')
		}
		buf = append(buf, '}')
		ix.addJSON(fmt.Sprintf("p/%d", s), buf)
	}

	docData := make([][]any, len(docs))
	for d, doc := range docs {
		docData[d] = docRecord(doc)
	}
	files := clamp((docBytes+docFileBytes-1)/docFileBytes, 1, o.maxFiles-1-len(ix.Files))
	perFile := 1
	if len(docs) > 0 {
		perFile = (len(docs) + files - 1) / files
	}
	for start, f := 0, 0; start < len(docs); start, f = start+perFile, f+1 {
		end := min(start+perFile, len(docs))
		if err := ix.add(fmt.Sprintf("d/%d", f), docData[start:end]); err != nil {
			return nil, err
		}
	}

	meta := map[string]any{"v": 1, "n": len(docs), "shards": shards, "perFile": perFile, "fold": fold.Table(used),
		"stop": foldWords(fold, o.stopWords), "ask": foldWords(fold, QuestionWords), "syn": foldGroups(fold, o.synonyms)}
	if err := ix.add("meta", meta); err != nil {
		return nil, err
	}
	return ix, nil
}

// topSize is how many of the best documents a long list keeps in its
// posting file: enough for the first pages of results of a query of that
// pair alone.
const topSize = 20

// topDocs ranks the documents of a pair's posting list as a query of the
// pair alone ranks them and returns the first topSize: for each, varints of
// the document, the chunk to show, and twice its weighted term frequency.
func topDocs(enc string, df, n int) string {
	nums := decodeVarints(enc)
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
		tf2 := tf * boosts2[chunkKind(chunk)]
		if k := len(list) - 1; k >= 0 && list[k].doc == doc {
			if boosts2[chunkKind(chunk)] > boosts2[chunkKind(list[k].chunk)] {
				list[k].chunk = chunk // the first chunk with the highest boost
			}
			list[k].tf2 += tf2
			continue
		}
		list = append(list, ranked{doc: doc, chunk: chunk, tf2: tf2})
	}
	for k := range list {
		list[k].score = score(idf, float64(list[k].tf2)/2, boosts[chunkKind(list[k].chunk)])
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

// finish returns the encoded posting list. A single character found in very
// many documents is written as "~" and a bitmap of documents instead.
func (st *tokenState) finish(docs int) string {
	st.flush()
	if st.kind == tokUnigram && docs >= minBitmap && st.df*bitmapRatio > docs {
		bits := make([]byte, (docs+5)/6)
		nums := decodeVarints(string(st.enc))
		for i, d := 0, 0; i < len(nums); {
			d += nums[i]
			bits[d/6] |= 1 << (d % 6)
			i += 3 // single characters carry no positions
		}
		out := make([]byte, 1+len(bits))
		out[0] = '~'
		for i, v := range bits {
			out[1+i] = alphabet[v]
		}
		return string(out)
	}
	return string(st.enc)
}

// add writes one data file: a call of the runtime's loader with the file's
// name and its data, which a classic <script> can load from anywhere.
func (ix *Index) add(name string, data any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(data); err != nil {
		return fmt.Errorf("search index %s: %w", name, err)
	}
	ix.addJSON(name, bytes.TrimRight(buf.Bytes(), "\n"))
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

// chunks lists a document's texts by local chunk number.
func chunks(doc Document) []string {
	c := []string{doc.Title, tagsText(doc), doc.Description}
	for _, s := range doc.Sections {
		c = append(c, s.Heading, s.Text)
	}
	return c
}

// docRecord is what a search result shows: URL, title, and per chunk the
// text (for snippets) and the anchor to link to.
func docRecord(doc Document) []any {
	sections := make([]any, 0, 3*len(doc.Sections))
	for _, s := range doc.Sections {
		sections = append(sections, s.Anchor, s.Heading, s.Text)
	}
	return []any{doc.URL, doc.Title, tagsText(doc), doc.Description, sections}
}

// tagsText is the text of a document's tags-and-keywords chunk.
func tagsText(doc Document) string {
	return strings.Join(append(append([]string(nil), doc.Tags...), doc.Keywords...), " / ")
}

// appendJSONString appends s as a JSON string. Tokens are letters, digits
// and Han characters, which need no escaping; anything else goes through
// encoding/json.
func appendJSONString(buf []byte, s string) []byte {
	for _, r := range s {
		if r < 0x20 || r == '"' || r == '\\' || r == 0x2028 || r == 0x2029 {
			q, _ := json.Marshal(s)
			return append(buf, q...)
		}
	}
	buf = append(buf, '"')
	buf = append(buf, s...)
	return append(buf, '"')
}

// alphabet holds the 64 digits of the encoding; a digit's value v carries
// five bits, and v ≥ 32 means more digits follow.
const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"

func appendVarint(b []byte, v int) []byte {
	for v >= 32 {
		b = append(b, alphabet[32|(v&31)])
		v >>= 5
	}
	return append(b, alphabet[v])
}

func clamp(v, lo, hi int) int { return max(lo, min(hi, v)) }

// shardBudget decides how many posting files an index of postingBytes and
// docBytes gets when budget files are left for both. Files of shardBytes fit
// when the budget allows. Otherwise a query costing
// tokensPerQuery·P/S + resultsPerQuery·D/F bytes, with S + F files, is
// cheapest when S/F = sqrt(tokensPerQuery·P / (resultsPerQuery·D)).
func shardBudget(postingBytes, docBytes, budget int) int {
	want := (postingBytes + shardBytes - 1) / shardBytes
	wantDocs := (docBytes + docFileBytes - 1) / docFileBytes
	if want+wantDocs <= budget {
		return max(want, 1)
	}
	r := math.Sqrt(tokensPerQuery * float64(postingBytes) / (resultsPerQuery * float64(max(docBytes, 1))))
	s := int(math.Round(float64(budget) * r / (1 + r)))
	return clamp(s, 1, min(want, budget-1))
}

// sortedKeys returns the keys of m in order, for deterministic iteration.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
