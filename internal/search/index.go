// Package search builds the client-side search index of one variant: posting
// lists of Chinese bigrams, single characters and Latin words, sharded into
// classic <script> files that the search runtime (runtime.js) loads one query
// at a time, from a web server or from file://.
package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/fnv"
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
	Sections    []Section // Sections[0] holds the text before the first heading
}

// Section is a heading and the text under it.
type Section struct {
	Heading string
	Anchor  string // the heading's id, "" for the text before any heading
	Text    string
}

// Chunk kinds, by local chunk number: 0 title, 1 tags, 2 description, then
// for section s a heading chunk 3+2s and a body chunk 4+2s.
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

// Field boosts: title > headings > tags > description > body.
var boosts = [...]float64{kindTitle: 8, kindHeading: 4, kindTags: 3, kindDescription: 1.5, kindBody: 1}

// Limits that decide how the index is cut into files.
const (
	shardBytes   = 6 << 10 // aim for posting files of about this size
	maxShards    = 1024
	docFileBytes = 6 << 10 // and document files of about this size
	maxDocFiles  = 900
	// A single character found in more than 1/bitmapRatio of all documents
	// is stored as a bitmap of documents instead of a posting list.
	bitmapRatio = 4
	minBitmap   = 64
	maxWordLen  = 40
)

type posting struct {
	doc, chunk int
	pos        []int // positions (for single characters only their count matters)
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

func shardOf(token string, shards int) int {
	h := fnv.New32a()
	h.Write([]byte(shardKey(token)))
	return int(h.Sum32() % uint32(shards))
}

// Index is a built index: the files to write below the variant's search
// directory, and what it holds.
type Index struct {
	Files  map[string][]byte // "meta.js", "p/3.js", "d/0.js", …
	Docs   int
	Tokens int
}

// Build indexes docs, folding text with fold.
func Build(docs []Document, fold *Folder) (*Index, error) {
	postings := map[string][]posting{}
	used := map[rune]bool{}
	for d, doc := range docs {
		for local, text := range chunks(doc) {
			folded := fold.String(text)
			for _, r := range folded {
				if isHan(r) {
					used[r] = true
				}
			}
			addChunk(postings, d, local, Tokenize(folded))
		}
	}

	encoded := make(map[string]string, len(postings))
	total := 0
	for tok, list := range postings {
		e := encodePostings(kindOf(tok), list, len(docs))
		encoded[tok] = e
		total += len(tok) + len(e) + 6
	}
	shards := clamp((total+shardBytes-1)/shardBytes, 1, maxShards)
	byShard := make([]map[string]string, shards)
	for tok, e := range encoded {
		s := shardOf(tok, shards)
		if byShard[s] == nil {
			byShard[s] = map[string]string{}
		}
		byShard[s][tok] = e
	}

	ix := &Index{Files: map[string][]byte{}, Docs: len(docs), Tokens: len(postings)}
	for s, m := range byShard {
		if m == nil {
			continue // the runtime treats a missing shard as empty
		}
		if err := ix.add(fmt.Sprintf("p/%d", s), m); err != nil {
			return nil, err
		}
	}

	docData := make([][]any, len(docs))
	docBytes := 0
	for d, doc := range docs {
		docData[d] = docRecord(doc)
		for _, c := range chunks(doc) {
			docBytes += len(c) + 8
		}
		docBytes += len(doc.URL) + 16
	}
	files := clamp((docBytes+docFileBytes-1)/docFileBytes, 1, maxDocFiles)
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

	meta := map[string]any{"v": 1, "n": len(docs), "shards": shards, "perFile": perFile, "fold": fold.Table(used)}
	if err := ix.add("meta", meta); err != nil {
		return nil, err
	}
	return ix, nil
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
	body := bytes.TrimRight(buf.Bytes(), "\n")
	out := make([]byte, 0, len(body)+len(name)+20)
	out = append(out, "zhkbSearch(\""...)
	out = append(out, name...)
	out = append(out, "\","...)
	out = append(out, body...)
	out = append(out, ");\n"...)
	ix.Files[name+".js"] = out
	return nil
}

// chunks lists a document's texts by local chunk number.
func chunks(doc Document) []string {
	c := []string{doc.Title, strings.Join(doc.Tags, " / "), doc.Description}
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
	return []any{doc.URL, doc.Title, strings.Join(doc.Tags, " / "), doc.Description, sections}
}

func addChunk(postings map[string][]posting, doc, chunk int, units []Unit) {
	add := func(tok string, pos int) {
		list := postings[tok]
		if n := len(list); n > 0 && list[n-1].doc == doc && list[n-1].chunk == chunk {
			list[n-1].pos = append(list[n-1].pos, pos)
			return
		}
		postings[tok] = append(list, posting{doc: doc, chunk: chunk, pos: []int{pos}})
	}
	for i, u := range units {
		if !u.Han {
			if len(u.Text) <= maxWordLen {
				add(u.Text, u.Pos)
			}
			continue
		}
		add(u.Text, u.Pos)
		if i+1 < len(units) && units[i+1].Han && units[i+1].Pos == u.Pos+1 {
			add(u.Text+units[i+1].Text, u.Pos)
		}
	}
}

// encodePostings writes a posting list as a compact string of varints:
// per entry the document (as a delta), the chunk, the number of
// occurrences, and for bigrams and words their positions (as deltas).
// Single characters found in very many documents are written as "~" and a
// bitmap of documents instead.
func encodePostings(kind tokenKind, list []posting, docs int) string {
	if kind == tokUnigram && docs >= minBitmap {
		df := 0
		for i, p := range list {
			if i == 0 || list[i-1].doc != p.doc {
				df++
			}
		}
		if df*bitmapRatio > docs {
			bits := make([]byte, (docs+5)/6)
			for _, p := range list {
				bits[p.doc/6] |= 1 << (p.doc % 6)
			}
			var b strings.Builder
			b.WriteByte('~')
			for _, v := range bits {
				b.WriteByte(alphabet[v])
			}
			return b.String()
		}
	}
	var b strings.Builder
	prevDoc := 0
	for _, p := range list {
		putVarint(&b, p.doc-prevDoc)
		prevDoc = p.doc
		putVarint(&b, p.chunk)
		putVarint(&b, len(p.pos))
		if kind == tokUnigram {
			continue
		}
		prev := 0
		for _, pos := range p.pos {
			putVarint(&b, pos-prev)
			prev = pos
		}
	}
	return b.String()
}

// alphabet holds the 64 digits of the encoding; a digit's value v carries
// five bits, and v ≥ 32 means more digits follow.
const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"

func putVarint(b *strings.Builder, v int) {
	for v >= 32 {
		b.WriteByte(alphabet[32|(v&31)])
		v >>= 5
	}
	b.WriteByte(alphabet[v])
}

func clamp(v, lo, hi int) int {
	return int(math.Max(float64(lo), math.Min(float64(hi), float64(v))))
}

// sortedKeys is used for deterministic iteration in tests and tools.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
