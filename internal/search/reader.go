package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// The Searcher reads an index's files as the runtime does: whole files, as
// a reader from file:// (or of a single-file bundle) loads them, or, with
// Ranges, the byte ranges a reader on a web server asks for. Read lists
// what it read, in order: "name.js" for a whole file, "name.js@start-end"
// for a range.

// file returns the data of a whole index file, loading it once.
func (s *Searcher) file(name string) (any, error) {
	if v, ok := s.whole[name]; ok {
		return v, nil
	}
	data, ok := s.files[name+".js"]
	s.Read = append(s.Read, name+".js")
	if !ok {
		return nil, errMissing
	}
	prefix := fmt.Sprintf("zhkbSearch(%q,", name)
	if !bytes.HasPrefix(data, []byte(prefix)) || !bytes.HasSuffix(data, []byte(");\n")) {
		return nil, fmt.Errorf("search: %s.js is not an index file", name)
	}
	var v any
	if err := json.Unmarshal(data[len(prefix):len(data)-3], &v); err != nil {
		return nil, fmt.Errorf("search: %s.js: %w", name, err)
	}
	s.whole[name] = v
	return v, nil
}

// span returns bytes start…end of an index file, as a range request does.
// A file already loaded whole is not asked again.
func (s *Searcher) span(name string, start, end int) ([]byte, error) {
	data, ok := s.files[name+".js"]
	s.Read = append(s.Read, fmt.Sprintf("%s.js@%d-%d", name, start, end))
	if !ok || start < 0 || start > end || start >= len(data) {
		return nil, errMissing
	}
	return data[start:min(end, len(data))], nil // a range past the end is cut, as servers do
}

// element returns element i of a file that is an array of strings, at
// bytes start…end: from the whole file if it is loaded or ranges are not
// used, else by its range.
func (s *Searcher) element(name string, i, start, end int) string {
	if _, loaded := s.whole[name]; loaded || !s.Ranges {
		v, err := s.file(name)
		if arr, ok := v.([]any); err == nil && ok && i < len(arr) {
			str, _ := arr[i].(string)
			return str
		}
		return ""
	}
	data, err := s.span(name, start, end)
	var str string
	if err == nil {
		json.Unmarshal(data, &str)
	}
	return str
}

// bucket returns the tokens of bucket k and their lists.
func (s *Searcher) bucket(k int) map[string]string {
	if m, ok := s.buckets[k]; ok {
		return m
	}
	shard, j := k/s.meta.Buckets, k%s.meta.Buckets
	name := "p/" + strconv.Itoa(shard)
	start, end := 0, 0
	if _, loaded := s.whole[name]; !loaded && s.Ranges {
		pre := len(`zhkbSearch("`) + len(name) + len(`",["`)
		if a, b, ok := s.tableEntries(name, pre, s.meta.Buckets, j); ok {
			start, end = a, b-1
		}
	}
	m := map[string]string{}
	for _, e := range strings.Split(s.element(name, j+1, start, end), ",") {
		if tok, list, ok := strings.Cut(e, " "); ok {
			m[tok] = list
		}
	}
	s.buckets[k] = m
	return m
}

// tableWindow is how many entries of a table of byte offsets are read at
// once: a query's later reads in the same stretch of a file then need one
// request, not two.
const tableWindow = 64

// tableEntries returns entries i and i+1 of the table of byte offsets at
// byte start of file name (n entries and one past the end), reading the
// table tableWindow entries at a time.
func (s *Searcher) tableEntries(name string, start, n, i int) (a, b int, ok bool) {
	w := i / tableWindow
	key := fmt.Sprintf("%s@%d#%d", name, start, w)
	t, cached := s.tables[key]
	if !cached {
		from, to := w*tableWindow, min(n, (w+1)*tableWindow)
		t, _ = s.span(name, start+tableWidth*from, start+tableWidth*(to+1))
		s.tables[key] = t
	}
	k := i - w*tableWindow
	if (k+2)*tableWidth > len(t) {
		return 0, 0, false
	}
	return fixedAt(t, k*tableWidth), fixedAt(t, (k+1)*tableWidth), true
}

// fixedAt reads a table entry at offset i of b.
func fixedAt(b []byte, i int) int {
	v := 0
	for k := 0; k < tableWidth && i+k < len(b); k++ {
		v = v<<6 | int(digits[b[i+k]])
	}
	return v
}

// list returns the posting list of token as its bucket keeps it: the list,
// or a long list's reference.
func (s *Searcher) list(token string) (string, bool) {
	l, ok := s.bucket(bucketOf(token, s.meta.Shards*s.meta.Buckets))[token]
	return l, ok
}

// longRef is a long list's reference: where the list is, the number of
// documents holding the pair, the best of them, how many documents each
// segment of the list spans, and the set of the documents.
type longRef struct {
	key               string
	file, elem, start int // the list is element elem of P/file, from byte start
	df, span          int
	top, set          string
}

func parseLongRef(code string) (longRef, bool) {
	if !strings.HasPrefix(code, "@") {
		return longRef{}, false
	}
	parts := strings.SplitN(code[1:], ":", 8)
	if len(parts) != 8 {
		return longRef{}, false
	}
	var n [5]int
	for i := range n {
		n[i], _ = strconv.Atoi(parts[i])
	}
	span, _ := strconv.Atoi(parts[6])
	return longRef{key: code, file: n[0], elem: n[1], start: n[2], df: n[4], top: parts[5], span: max(span, 1), set: parts[7]}, true
}

// longDocs returns the documents holding a long list's pair, as entries
// with no chunk.
func (s *Searcher) longDocs(r longRef) []entry {
	if docs, ok := s.bitmaps[r.key]; ok {
		return docs
	}
	docs := decodeBitmap(r.set)
	s.bitmaps[r.key] = docs
	return docs
}

// bySegments reports whether long lists are read by segments: by ranges,
// from a web server. From file://, where a file is read whole, the text of
// the document is checked instead.
func (s *Searcher) bySegments(longs []placed) bool {
	if !s.Ranges || len(longs) == 0 {
		return false
	}
	for _, l := range longs {
		if _, loaded := s.whole["P/"+strconv.Itoa(l.ref.file)]; loaded {
			return false
		}
	}
	return true
}

// longSegment returns the entries of the segment of a long list that
// holds document d: by ranges, two entries of the list's table and then
// the segment; else from the whole list.
func (s *Searcher) longSegment(r longRef, d int) []entry {
	k := d / r.span
	key := fmt.Sprintf("%s#%d", r.key, k)
	if es, ok := s.segments[key]; ok {
		return es
	}
	name := "P/" + strconv.Itoa(r.file)
	var seg string
	if _, loaded := s.whole[name]; loaded || !s.Ranges {
		list := s.element(name, r.elem, 0, 0)
		if (k+2)*tableWidth <= len(list) {
			b := []byte(list)
			from, to := fixedAt(b, k*tableWidth)-r.start-1, fixedAt(b, (k+1)*tableWidth)-r.start-1
			if 0 <= from && from <= to && to <= len(list) {
				seg = list[from:to]
			}
		}
	} else if a, b, ok := s.tableEntries(name, r.start+1, (s.meta.N+r.span-1)/r.span, k); ok {
		if data, err := s.span(name, a, b); err == nil {
			seg = string(data)
		}
	}
	es := decodeList(seg, true, k*r.span)
	s.segments[key] = es
	return es
}

// phraseChunks returns the chunks of document d where the common pairs
// longs are as far apart as in their term, in order, reading the segments
// of their lists that hold d.
func (s *Searcher) phraseChunks(longs []placed, d int) []int {
	var found [][]entry
	for _, l := range longs {
		var es []entry
		for _, e := range s.longSegment(*l.ref, d) {
			if e.doc == d {
				es = append(es, e)
			}
		}
		found = append(found, es)
	}
	var out []int
	for _, e := range found[0] {
	positions:
		for _, p := range e.pos {
			start := p - longs[0].offset
			for i := 1; i < len(longs); i++ {
				ok := false
				for _, o := range found[i] {
					ok = ok || (o.chunk == e.chunk && containsInt(o.pos, start+longs[i].offset))
				}
				if !ok {
					continue positions
				}
			}
			out = append(out, e.chunk)
			break
		}
	}
	return out
}

// record is what a result needs of a document besides its text.
type record struct {
	url, title, tags, desc string
	sections               []recSection
	textFile, textElem     int
	textStarts, textEnds   []int // byte ranges of the blocks
}

type recSection struct {
	heading, anchor string
	hasHeading      bool
	blocks          int
}

// record returns document d's record.
func (s *Searcher) record(d int) *record {
	if r, ok := s.records[d]; ok {
		return r
	}
	name, i := "d/"+strconv.Itoa(d/s.meta.PerFile), d%s.meta.PerFile
	r := &record{}
	s.records[d] = r
	var rec []any
	if _, loaded := s.whole[name]; !loaded && s.Ranges {
		pre := len(`zhkbSearch("`) + len(name) + len(`",["`)
		if a, b, ok := s.tableEntries(name, pre, s.meta.PerFile, i); ok {
			if data, err := s.span(name, a, b-1); err == nil {
				json.Unmarshal(data, &rec)
			}
		}
	} else {
		v, _ := s.file(name)
		if arr, _ := v.([]any); i+1 < len(arr) {
			rec, _ = arr[i+1].([]any)
		}
	}
	if len(rec) < 6 {
		return r
	}
	str := func(x any) string { v, _ := x.(string); return v }
	num := func(x any) int { v, _ := x.(float64); return int(v) }
	r.url, r.title, r.tags, r.desc = str(rec[0]), str(rec[1]), str(rec[2]), str(rec[3])
	secs, _ := rec[4].([]any)
	for k := 0; k+2 < len(secs); k += 3 {
		heading, anchor := str(secs[k]), str(secs[k+1])
		if n, ok := secs[k+1].(float64); ok {
			anchor = strings.ReplaceAll(heading, " ", "-")
			if n > 0 {
				anchor += "-" + strconv.Itoa(int(n))
			}
		}
		r.sections = append(r.sections, recSection{heading, anchor, heading != "", num(secs[k+2])})
	}
	if ref, _ := rec[5].([]any); len(ref) == 4 {
		r.textFile, r.textElem = num(ref[0]), num(ref[1])
		at := num(ref[2])
		for _, l := range decodeVarints(str(ref[3])) {
			r.textStarts = append(r.textStarts, at)
			r.textEnds = append(r.textEnds, at+l)
			at += l + 1
		}
	}
	return r
}

// place tells where a chunk code of a document is: its section (-1 for
// the title, tags and description) and, for a block of text, its number
// among the document's blocks (-1 for a heading).
func (r *record) place(code int) (section, block int) {
	n := code >> 1
	if n < 3 {
		return -1, -1
	}
	c, b := 3, 0
	for s, sec := range r.sections {
		if sec.hasHeading {
			if c == n {
				return s, -1
			}
			c++
		}
		if n < c+sec.blocks {
			return s, b + n - c
		}
		c += sec.blocks
		b += sec.blocks
	}
	return -1, -1
}

// codes lists a document's chunk codes in order.
func (r *record) codes() []int {
	out := []int{0, 2, 4}
	n := 3
	for _, sec := range r.sections {
		if sec.hasHeading {
			out = append(out, n<<1|1)
			n++
		}
		for k := 0; k < sec.blocks; k++ {
			out = append(out, n<<1)
			n++
		}
	}
	return out
}

// firstBlock is the code of section s's first block, or -1.
func (r *record) firstBlock(s int) int {
	n := 3
	for i, sec := range r.sections {
		if sec.hasHeading {
			n++
		}
		if i == s {
			if sec.blocks == 0 {
				return -1
			}
			return n << 1
		}
		n += sec.blocks
	}
	return -1
}

// text returns the text of a chunk of document d, loading a block's.
func (s *Searcher) text(d int, r *record, code int) string {
	switch codeKind(code) {
	case kindTitle:
		return r.title
	case kindTags:
		return r.tags
	case kindDescription:
		return r.desc
	}
	sec, b := r.place(code)
	if sec < 0 {
		return ""
	}
	if b < 0 {
		return r.sections[sec].heading
	}
	if b >= len(r.textStarts) {
		return ""
	}
	key := [2]int{d, code}
	if t, ok := s.blocks[key]; ok {
		return t
	}
	t := s.element("t/"+strconv.Itoa(r.textFile), r.textElem+b, r.textStarts[b], r.textEnds[b])
	s.blocks[key] = t
	return t
}
