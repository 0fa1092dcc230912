// Command querybytes reports what queries cost in bytes on a built index,
// without a browser: it draws exact substrings of 1–8 characters from the
// indexed text (as searchbench does), runs each through the search engine
// in node, which reads exactly the files the browser runtime loads (a
// browser test checks that), and prints percentiles of the gzip-compressed
// bytes per query by kind of file: p/ posting shards, t/ documents. Needs
// node.
//
//	go run ./bench/querybytes -dir public/zh-hans/search
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"log"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/zhkb/zhkb/bench/internal/queries"
	"github.com/zhkb/zhkb/internal/search"
	"github.com/zhkb/zhkb/internal/search/searchtest"
)

func gz(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, 6)
	w.Write(b)
	w.Close()
	return buf.Len()
}

func main() {
	dir := flag.String("dir", "", "search index directory, e.g. public/zh-hans/search")
	perLen := flag.Int("per-length", 40, "queries per length 1…8")
	ranges := flag.Bool("ranges", false, "read as on a web server: byte ranges of posting shards and documents (counted as they are, not compressed)")
	flag.Parse()
	stored, err := search.ReadStored(*dir)
	if err != nil {
		log.Fatal(err)
	}
	node, err := searchtest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer node.Close()
	rng := rand.New(rand.NewSource(1))
	var qs []string
	byLen := queries.Substrings(stored, rng, *perLen)
	for L := 1; L <= 8; L++ {
		qs = append(qs, byLen[L]...)
	}
	gzc := map[string]int{}
	type row struct {
		q        string
		gzb      int
		byKindGz map[string]int
	}
	var rows []row
	for _, q := range qs {
		s, err := node.OpenDir(*dir, *ranges) // a fresh engine: each query as a first one
		if err != nil {
			log.Fatal(err)
		}
		if _, err := s.Ask(q, 5); err != nil {
			log.Fatal(err)
		}
		r := row{q: q, byKindGz: map[string]int{}}
		seen := map[string]bool{}
		for _, f := range s.Reads {
			if seen[f] {
				continue
			}
			seen[f] = true
			k := strings.SplitN(f, "/", 2)[0]
			g, ok := gzc[f]
			if name, span, isRange := strings.Cut(f, "@"); isRange {
				// A range is sent as it is stored: hosts do not compress
				// partial content.
				var a, b int
				fmt.Sscanf(span, "%d-%d", &a, &b)
				g, ok = b-a, true
				_ = name
			}
			if !ok {
				data, err := os.ReadFile(filepath.Join(*dir, f))
				if err != nil {
					log.Fatal(err)
				}
				g = gz(data)
				gzc[f] = g
			}
			r.gzb += g
			r.byKindGz[k] += g
		}
		rows = append(rows, r)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].gzb < rows[j].gzb })
	for _, p := range []float64{.5, .75, .9, .95, .98} {
		r := rows[min(len(rows)-1, int(p*float64(len(rows))))]
		fmt.Printf("p%.0f %s gz %.1f KB %v\n", p*100, r.q, float64(r.gzb)/1024, r.byKindGz)
	}
	tot := map[string]int{}
	for _, r := range rows {
		for k, v := range r.byKindGz {
			tot[k] += v
		}
	}
	for k, v := range tot {
		fmt.Printf("mean %s %.1f KB\n", k, float64(v)/float64(len(rows))/1024)
	}
	fmt.Println("the costliest tenth:")
	for _, r := range rows[len(rows)*9/10:] {
		fmt.Printf("  %d chars %s %.1f KB %v\n", len([]rune(r.q)), r.q, float64(r.gzb)/1024, r.byKindGz)
	}
}
