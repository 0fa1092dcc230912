package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Stored is an index read back from its files, for checking what was
// written and for benchmarks: its meta file and documents. The engine
// (engine.js) is what answers queries.
type Stored struct {
	Meta map[string]any
	Docs []StoredDoc
	fold map[rune]rune
}

// StoredDoc is a document as its index holds it.
type StoredDoc struct {
	URL, Title, Tags, Description string
	Headings                      []string
	Blocks                        []string // the text, cut into blocks
}

// Text is the document's searchable text: its title, tags, description,
// headings and blocks, a line each.
func (d StoredDoc) Text() string {
	return strings.Join(append(append([]string{d.Title, d.Tags, d.Description}, d.Headings...), d.Blocks...), "\n")
}

// ReadStored reads the index in dir (a variant's search/ folder).
func ReadStored(dir string) (*Stored, error) {
	var meta map[string]any
	if err := readFile(dir, "meta", &meta); err != nil {
		return nil, err
	}
	if v, _ := meta["v"].(float64); int(v) != FormatVersion {
		return nil, fmt.Errorf("search: %s: index format %v, want %d", dir, meta["v"], FormatVersion)
	}
	s := &Stored{Meta: meta, fold: map[rune]rune{}}
	table, _ := meta["fold"].(string)
	for r := []rune(table); len(r) >= 2; r = r[2:] {
		s.fold[r[0]] = r[1]
	}
	var docs struct{ URL, Title []string }
	if err := readFile(dir, "d", &docs); err != nil {
		return nil, err
	}
	perFile, _ := meta["tf"].(string)
	for f := range decodeVarints(perFile) {
		var elements []any
		if err := readFile(dir, fmt.Sprintf("t/%d", f), &elements); err != nil {
			return nil, err
		}
		for i := 0; i < len(elements); {
			rec, _ := elements[i].([]any)
			if len(rec) < 4 {
				return nil, fmt.Errorf("search: %s: t/%d element %d is not a document's record", dir, f, i)
			}
			doc := StoredDoc{}
			if d := len(s.Docs); d < len(docs.URL) && d < len(docs.Title) {
				doc.URL, doc.Title = docs.URL[d], docs.Title[d]
			}
			doc.Tags, _ = rec[0].(string)
			doc.Description, _ = rec[1].(string)
			secs, _ := rec[2].([]any)
			for k := 0; k+2 < len(secs); k += 3 {
				if h, _ := secs[k].(string); h != "" {
					doc.Headings = append(doc.Headings, h)
				}
			}
			lens, _ := rec[3].(string)
			n := len(decodeVarints(lens))
			if i+1+n > len(elements) {
				return nil, fmt.Errorf("search: %s: t/%d: a record lists %d blocks that are not there", dir, f, n)
			}
			for _, b := range elements[i+1 : i+1+n] {
				str, _ := b.(string)
				doc.Blocks = append(doc.Blocks, str)
			}
			s.Docs = append(s.Docs, doc)
			i += 1 + n
		}
	}
	if n, _ := meta["n"].(float64); int(n) != len(s.Docs) || len(docs.URL) != len(s.Docs) || len(docs.Title) != len(s.Docs) {
		return nil, fmt.Errorf("search: %s: meta says %v documents, d.js lists %d URLs and %d titles, the text files hold %d", dir, meta["n"], len(docs.URL), len(docs.Title), len(s.Docs))
	}
	return s, nil
}

// Fold folds text as the engine folds queries: by the index's folding
// table, full-width forms to ASCII, lower case.
func (s *Stored) Fold(text string) string {
	var b strings.Builder
	for _, r := range text {
		if f, ok := s.fold[r]; ok {
			b.WriteRune(f)
			continue
		}
		if r >= 0xFF01 && r <= 0xFF5E {
			r -= 0xFEE0
		}
		b.WriteString(strings.ToLower(string(r)))
	}
	return b.String()
}

// readFile decodes the data of index file name (a classic script calling
// zhkbSearch(name, data)) into v.
func readFile(dir, name string, v any) error {
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)+".js"))
	if err != nil {
		return err
	}
	prefix := fmt.Sprintf("zhkbSearch(%q,", name)
	if !bytes.HasPrefix(data, []byte(prefix)) || !bytes.HasSuffix(data, []byte(");\n")) {
		return fmt.Errorf("search: %s/%s.js is not an index file", dir, name)
	}
	return json.Unmarshal(data[len(prefix):len(data)-3], v)
}
