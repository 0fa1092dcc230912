package lawgen

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/zhkb/zhkb/internal/convert"
	"github.com/zhkb/zhkb/internal/search"
	"github.com/zhkb/zhkb/internal/site"
)

// The benchmarks build a generated law library: -laws documents (the
// statute sizes hold from a few hundred documents on; bench/compare.sh
// measures the full 5,000 against Hugo and Pagefind).
//
//	go test -bench . -benchmem ./bench/lawgen
//	go test -bench BuildLaws -laws 5000 -benchtime 1x -cpuprofile cpu.out ./bench/lawgen
var laws = flag.Int("laws", 500, "documents in the generated law library")

var (
	corpusOnce sync.Once
	corpusDir  string
	corpusErr  error
)

// corpus generates the library once per run, in a directory removed after.
func corpus(b *testing.B) string {
	corpusOnce.Do(func() {
		dir, err := os.MkdirTemp("", "zhkb-lawgen-")
		if err != nil {
			corpusErr = err
			return
		}
		corpusDir = filepath.Join(dir, "site")
		corpusErr = Write(corpusDir, "../..", *laws, 1)
	})
	if corpusErr != nil {
		b.Fatal(corpusErr)
	}
	return corpusDir
}

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if corpusDir != "" {
		os.RemoveAll(filepath.Dir(corpusDir))
	}
	os.Exit(code)
}

// BenchmarkBuildLaws is the whole build of the library: both variants,
// conversion, pages and both search indexes, written to disk.
func BenchmarkBuildLaws(b *testing.B) {
	root := corpus(b)
	out := filepath.Join(b.TempDir(), "public")
	size := sourceBytes(b, root)
	b.SetBytes(size)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := site.Build(site.Options{Root: root, Out: out}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkIndexLaws is the search index of both variants of the library
// (zh-Hans and its s2tw conversion), from their documents split at their
// headings as the build splits them.
func BenchmarkIndexLaws(b *testing.B) {
	docs := documents(b, corpus(b))
	s2tw, err := convert.New("s2tw")
	if err != nil {
		b.Fatal(err)
	}
	hant := make([]search.Document, len(docs))
	var size int64
	for i, d := range docs {
		h := d
		h.Title, h.Description = s2tw.Convert(d.Title), s2tw.Convert(d.Description)
		h.Sections = nil
		for _, s := range d.Sections {
			size += int64(len(s.Text))
			h.Sections = append(h.Sections, search.Section{Heading: s2tw.Convert(s.Heading), Anchor: s.Anchor, Text: s2tw.Convert(s.Text)})
		}
		hant[i] = h
	}
	fold, err := site.SearchFolder()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(2 * size)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ixs, err := search.BuildVariants([][]search.Document{docs, hant}, fold)
		if err != nil {
			b.Fatal(err)
		}
		if i == 0 {
			var total int
			for _, f := range ixs[0].Files {
				total += len(f)
			}
			b.ReportMetric(float64(total)/float64(size), "index/text")
		}
	}
}

func sourceBytes(b *testing.B, root string) int64 {
	var n int64
	filepath.WalkDir(filepath.Join(root, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return err
	})
	return n
}

// documents reads the library's articles as search documents: front
// matter title and description, and a section per ## or ### heading.
func documents(b *testing.B, root string) []search.Document {
	var docs []search.Document
	err := filepath.WalkDir(filepath.Join(root, "content"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == "_index.md" {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		parts := strings.SplitN(string(data), "+++", 3)
		if len(parts) != 3 {
			return fmt.Errorf("%s: no front matter", p)
		}
		doc := search.Document{URL: strings.TrimSuffix(filepath.Base(p), ".md") + "/"}
		for _, line := range strings.Split(parts[1], "\n") {
			if v, ok := strings.CutPrefix(line, "title = "); ok {
				doc.Title = strings.Trim(v, `"`)
			}
			if v, ok := strings.CutPrefix(line, "description = "); ok {
				doc.Description = strings.Trim(v, `"`)
			}
		}
		sec := search.Section{}
		var text strings.Builder
		for _, line := range strings.Split(parts[2], "\n") {
			if h, ok := strings.CutPrefix(strings.TrimLeft(line, "#"), " "); ok && strings.HasPrefix(line, "##") {
				sec.Text = text.String()
				doc.Sections = append(doc.Sections, sec)
				sec, text = search.Section{Heading: h, Anchor: strings.ReplaceAll(h, " ", "-")}, strings.Builder{}
				continue
			}
			text.WriteString(line)
			text.WriteByte('\n')
		}
		sec.Text = text.String()
		doc.Sections = append(doc.Sections, sec)
		docs = append(docs, doc)
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return docs
}
