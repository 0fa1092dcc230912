// Command opencc compares zhkb's conversions with the OpenCC 1.4.2
// reference's (files made by bench/opencc.sh) and times the engine against
// longbridgeapp/opencc on the same text.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/longbridgeapp/opencc"
	"github.com/zhkb/zhkb/internal/convert"
)

func main() {
	fs := flag.NewFlagSet("opencc", flag.ExitOnError)
	dir := fs.String("dir", "", "work directory of bench/opencc.sh")
	top := fs.Int("top", 12, "differences listed per conversion")
	fs.Parse(os.Args[1:])
	for _, name := range []string{"s2t", "s2tw", "s2twp", "s2hk", "t2s", "tw2s"} {
		got, err1 := os.ReadFile(filepath.Join(*dir, "zhkb-"+name+".txt"))
		want, err2 := os.ReadFile(filepath.Join(*dir, "ref-"+name+".txt"))
		if err1 != nil || err2 != nil {
			fmt.Fprintln(os.Stderr, err1, err2)
			os.Exit(1)
		}
		report(name, string(got), string(want), *top)
	}
	text, err := os.ReadFile(filepath.Join(*dir, "hans.txt"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	throughput(string(text))
}

// A difference is a run of characters zhkb writes where the reference
// writes another.
type difference struct{ got, want string }

// report prints how many lines and characters differ and the most frequent
// differences, each with the first context it was seen in.
func report(name, got, want string, top int) {
	gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
	if len(gl) != len(wl) {
		fmt.Printf("%s: %d lines from zhkb, %d from the reference\n", name, len(gl), len(wl))
		return
	}
	counts, context := map[difference]int{}, map[difference]string{}
	lines, chars := 0, 0
	for i := range gl {
		if gl[i] == wl[i] {
			continue
		}
		lines++
		for _, d := range diffLine([]rune(gl[i]), []rune(wl[i])) {
			chars += len([]rune(d.d.want))
			if counts[d.d] == 0 {
				context[d.d] = d.context
			}
			counts[d.d]++
		}
	}
	fmt.Printf("\n%s: %d of %d lines differ, %d characters\n", name, lines, len(gl), chars)
	keys := make([]difference, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(a, b int) bool {
		if counts[keys[a]] != counts[keys[b]] {
			return counts[keys[a]] > counts[keys[b]]
		}
		return keys[a].got+keys[a].want < keys[b].got+keys[b].want
	})
	for _, k := range keys[:min(top, len(keys))] {
		fmt.Printf("  %5d× zhkb %s → OpenCC 1.4.2 %s   (…%s…)\n", counts[k], k.got, k.want, context[k])
	}
}

type found struct {
	d       difference
	context string
}

// diffLine finds the differences in one line: runs of differing characters
// when both have as many, else the part between the common prefix and
// suffix.
func diffLine(g, w []rune) []found {
	ctx := func(lo, hi int) string { return string(w[max(0, lo-4):min(len(w), hi+4)]) }
	if len(g) != len(w) {
		p := 0
		for p < len(g) && p < len(w) && g[p] == w[p] {
			p++
		}
		s := 0
		for s < len(g)-p && s < len(w)-p && g[len(g)-1-s] == w[len(w)-1-s] {
			s++
		}
		return []found{{difference{string(g[p : len(g)-s]), string(w[p : len(w)-s])}, ctx(p, len(w)-s)}}
	}
	var out []found
	for i := 0; i < len(g); {
		if g[i] == w[i] {
			i++
			continue
		}
		j := i
		for j < len(g) && g[j] != w[j] {
			j++
		}
		out = append(out, found{difference{string(g[i:j]), string(w[i:j])}, ctx(i, j)})
		i = j
	}
	return out
}

// throughput times zhkb's engine and longbridgeapp/opencc on text.
func throughput(text string) {
	mb := float64(len(text)) / (1 << 20)
	fmt.Printf("\nthroughput on %.1f MB (one core):\n", mb)
	for _, name := range []string{"s2tw", "t2s"} {
		e, err := convert.NewEngine(name)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		cc, err := opencc.New(name)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		start := time.Now()
		e.Convert(text)
		ours := time.Since(start)
		start = time.Now()
		if _, err := cc.Convert(text); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		theirs := time.Since(start)
		fmt.Printf("  %-5s zhkb engine %6.1f MB/s   longbridgeapp/opencc %6.1f MB/s   (%.1f×)\n", name, mb/ours.Seconds(), mb/theirs.Seconds(), theirs.Seconds()/ours.Seconds())
	}
}
