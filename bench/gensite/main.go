// Command gensite writes a synthetic zhkb site of N articles for measuring
// builds and search. Its text is random but shaped like real Chinese: words
// of one to four characters drawn from the characters of the bundled
// articles, with a Zipf distribution over a fixed vocabulary, sentences with
// full-width punctuation, headings, a few Latin words and numbers, and links
// between articles. The same -seed gives the same site.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
)

func main() {
	fs := flag.NewFlagSet("gensite", flag.ExitOnError)
	n := fs.Int("n", 1000, "number of articles")
	sections := fs.Int("sections", 10, "number of sections")
	chars := fs.Int("chars", 600, "average characters of body text per article")
	seed := fs.Int64("seed", 1, "random seed")
	src := fs.String("from", ".", "zhkb repository root (for config, layouts, static and the character set)")
	out := fs.String("o", "", "site root to create (must not exist)")
	fs.Parse(os.Args[1:])
	if *out == "" {
		log.Fatal("gensite: -o is required")
	}
	if _, err := os.Stat(*out); err == nil {
		log.Fatalf("gensite: %s exists", *out)
	}
	rng := rand.New(rand.NewSource(*seed))
	g := newGenerator(rng, charFrequencies(filepath.Join(*src, "content")))

	write(filepath.Join(*out, "config.toml"), "title = \"生成的知识库\"\ndescription = \"用于测量构建与搜索的站点。\"\n")
	for s := 0; s < *sections; s++ {
		write(filepath.Join(*out, "content", fmt.Sprintf("s%02d", s), "_index.md"),
			fmt.Sprintf("+++\ntitle = %q\ndescription = %q\nweight = %d\n+++\n", g.phrase(2, 4), g.sentence(), s+1))
	}
	for i := 0; i < *n; i++ {
		var b strings.Builder
		fmt.Fprintf(&b, "+++\ntitle = %q\ndescription = %q\ndate = 2026-%02d-%02d\ntags = [%q, %q]\n+++\n\n",
			g.phrase(3, 8), g.sentence(), i%12+1, i%28+1, g.tag(), g.tag())
		body := 0
		for h := 0; body < *chars; h++ {
			heading := g.phrase(2, 6)
			fmt.Fprintf(&b, "## %s\n\n", heading)
			body += len([]rune(heading))
			for p := 0; p < 1+rng.Intn(3) && body < *chars; p++ {
				para := g.paragraph()
				b.WriteString(para)
				b.WriteString("\n\n")
				body += len([]rune(para))
			}
		}
		if i > 0 {
			prev := rng.Intn(i)
			fmt.Fprintf(&b, "参见[%s](../s%02d/a%05d.md)。\n", g.phrase(2, 4), prev%*sections, prev)
		}
		write(filepath.Join(*out, "content", fmt.Sprintf("s%02d", i%*sections), fmt.Sprintf("a%05d.md", i)), b.String())
	}
}

type generator struct {
	rng   *rand.Rand
	words []string
	zipf  *rand.Zipf
	tags  []string
}

func newGenerator(rng *rand.Rand, freq map[rune]int) *generator {
	var chars []rune
	for r := range freq {
		chars = append(chars, r)
	}
	sort.Slice(chars, func(i, j int) bool {
		if freq[chars[i]] != freq[chars[j]] {
			return freq[chars[i]] > freq[chars[j]]
		}
		return chars[i] < chars[j]
	})
	charZipf := rand.NewZipf(rng, 1.1, 8, uint64(len(chars)-1))
	g := &generator{rng: rng}
	seen := map[string]bool{}
	for len(g.words) < 20000 {
		n := []int{1, 2, 2, 2, 2, 3, 3, 4}[rng.Intn(8)]
		var w []rune
		for k := 0; k < n; k++ {
			w = append(w, chars[charZipf.Uint64()])
		}
		if !seen[string(w)] {
			seen[string(w)] = true
			g.words = append(g.words, string(w))
		}
	}
	g.zipf = rand.NewZipf(rng, 1.07, 2, uint64(len(g.words)-1))
	for i := 0; i < 40; i++ {
		g.tags = append(g.tags, g.phrase(2, 4))
	}
	return g
}

func (g *generator) word() string {
	switch g.rng.Intn(60) {
	case 0:
		return []string{"App", "PIPL", "iPhone", "Android", "12378", "12321", "110", "LPR"}[g.rng.Intn(8)]
	case 1:
		return fmt.Sprint(g.rng.Intn(2030))
	}
	return g.words[g.zipf.Uint64()]
}

// phrase is between lo and hi characters of words, for titles and headings.
func (g *generator) phrase(lo, hi int) string {
	var b strings.Builder
	want := lo + g.rng.Intn(hi-lo+1)
	for len([]rune(b.String())) < want {
		b.WriteString(g.word())
	}
	return b.String()
}

func (g *generator) sentence() string {
	var b strings.Builder
	n := 6 + g.rng.Intn(12)
	for i := 0; i < n; i++ {
		b.WriteString(g.word())
		if i > 2 && i < n-1 && g.rng.Intn(6) == 0 {
			b.WriteString([]string{"，", "、", "；"}[g.rng.Intn(3)])
		}
	}
	b.WriteString([]string{"。", "。", "。", "？", "！"}[g.rng.Intn(5)])
	return b.String()
}

func (g *generator) paragraph() string {
	var b strings.Builder
	for i := 0; i < 2+g.rng.Intn(4); i++ {
		b.WriteString(g.sentence())
	}
	return b.String()
}

func (g *generator) tag() string { return g.tags[g.rng.Intn(len(g.tags))] }

// charFrequencies counts the Han characters of the Markdown files under dir.
func charFrequencies(dir string) map[rune]int {
	freq := map[rune]int{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".md" {
			return err
		}
		data, err := os.ReadFile(p)
		for _, r := range string(data) {
			if unicode.Is(unicode.Han, r) {
				freq[r]++
			}
		}
		return err
	})
	if len(freq) < 50 {
		log.Fatalf("gensite: too few Chinese characters under %s", dir)
	}
	return freq
}

func write(path, body string) {
	must(os.MkdirAll(filepath.Dir(path), 0o755))
	must(os.WriteFile(path, []byte(body), 0o644))
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
