// Command searchbench measures zhkb's search side by side with Pagefind on
// one built site: recall on exact substrings, cross-script recall, precision,
// bytes downloaded for the first and later queries, and time to the first
// result, in headless Chromium over loopback HTTP. bench/search.sh builds
// the sites and runs it.
package main

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"math/rand"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/zhkb/zhkb/bench/internal/queries"
	"github.com/zhkb/zhkb/internal/convert"
	"github.com/zhkb/zhkb/internal/search"
	"github.com/zhkb/zhkb/internal/search/searchtest"
)

func main() {
	fs := flag.NewFlagSet("searchbench", flag.ExitOnError)
	site := fs.String("site", "", "built site (zhkb output with Pagefind's index in <variant>/pagefind/)")
	variant := fs.String("variant", "zh-hans", "variant directory to search")
	perLen := fs.Int("per-length", 12, "queries per length 1…8")
	sessions := fs.Int("sessions", 12, "browser sessions for bytes and latency")
	limit := fs.Int("results", 5, "results shown per query (their snippets are loaded)")
	seed := fs.Int64("seed", 1, "random seed")
	speedOnly := fs.Bool("speed-only", false, "skip recall and precision; measure bytes and time only")
	fs.Parse(os.Args[1:])
	if *site == "" {
		log.Fatal("searchbench: -site is required")
	}
	s := openIndex(filepath.Join(*site, *variant, "search"))
	rng := rand.New(rand.NewSource(*seed))
	qs := queries.Substrings(s.Stored, rng, *perLen)
	s2t, err := convert.New("s2tw")
	must(err)

	srv := serve(*site)
	defer srv.Close()
	ctx, cancel := browser()
	defer cancel()
	base := "http://" + srv.Addr + "/" + *variant + "/"
	page := base + firstArticle(s)
	must(chromedp.Do(ctx, chromedp.Navigate(page)))
	must(chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](pagefindHelpers(base), chromedp.EvalAwaitPromise)))

	fmt.Printf("site %s, variant %s: %d documents\n\n", *site, *variant, len(s.Docs))
	if !*speedOnly {
		quality(ctx, s, qs, s2t)
	}
	var all []string
	for L := 1; L <= 8; L++ {
		all = append(all, qs[L]...)
	}
	fmt.Printf("\nbytes downloaded (gzip-compressed, as static hosts send them; below: as stored)\nand time to the first shown result (%d sessions of 8 queries, %d results with snippets each)\n", *sessions, *limit)
	for _, engine := range []string{"zhkb", "pagefind"} {
		m := sessionsRun(page, engine, all, rng, *sessions, *limit)
		fmt.Printf("%-9s first query  %s   later queries %s   cold %s   warm %s\n", engine, kb(m.first), kb(m.later), ms(m.cold), ms(m.warm))
		fmt.Printf("%-9s  as stored   %s                 %s\n", "", kb(m.firstRaw), kb(m.laterRaw))
	}
}

// quality measures recall, cross-script recall and precision of both engines.
func quality(ctx context.Context, s *index, qs map[int][]string, s2t convert.Converter) {
	fmt.Println("recall on exact substrings (documents found / documents containing the query)")
	fmt.Println("length  zhkb   pagefind")
	var cross []string
	precZ, precP := map[int][]float64{}, map[int][]float64{}
	for L := 1; L <= 8; L++ {
		var rz, rp []float64
		for _, q := range qs[L] {
			truth := groundTruth(s, q)
			z := zhkbURLs(s, q)
			p := pagefindURLs(ctx, q)
			rz = append(rz, recall(z, truth))
			rp = append(rp, recall(p, truth))
			if L >= 3 {
				precZ[L] = append(precZ[L], precision(z, truth))
				precP[L] = append(precP[L], precision(p, truth))
			}
			if L >= 2 && L <= 4 && len(cross) < 40 {
				cross = append(cross, q)
			}
		}
		fmt.Printf("%6d  %.3f  %.3f\n", L, mean(rz), mean(rp))
	}
	fmt.Println("\nprecision, queries of 3+ characters (results that contain the query)")
	fmt.Println("length  zhkb   pagefind")
	for L := 3; L <= 8; L++ {
		fmt.Printf("%6d  %.3f  %.3f\n", L, mean(precZ[L]), mean(precP[L]))
	}
	var xz, xp []float64
	for _, q := range cross {
		truth := groundTruth(s, q)
		t := s2t.Convert(q)
		xz = append(xz, recall(zhkbURLs(s, t), truth))
		xp = append(xp, recall(pagefindURLs(ctx, t), truth))
	}
	fmt.Printf("\nTraditional query finds Simplified text (recall, %d queries): zhkb %.3f, pagefind %.3f\n", len(cross), mean(xz), mean(xp))
}

// index is a variant's search index: as stored, and opened in the engine.
type index struct {
	*search.Stored
	engine *searchtest.Index
}

func openIndex(dir string) *index {
	stored, err := search.ReadStored(dir)
	must(err)
	node, err := searchtest.Start()
	must(err)
	engine, err := node.OpenDir(dir, false)
	must(err)
	return &index{stored, engine}
}

func firstArticle(s *index) string {
	_, rest, _ := strings.Cut(s.Docs[0].URL, "/")
	return rest
}

func groundTruth(s *index, q string) map[string]bool {
	fq := s.Fold(q)
	truth := map[string]bool{}
	for _, d := range s.Docs {
		if strings.Contains(s.Fold(d.Text()), fq) {
			truth[d.URL] = true
		}
	}
	return truth
}

// zhkbURLs returns the documents zhkb finds holding q verbatim. (Partial
// matches, which follow them for queries that read as questions, do not
// claim to hold q and are left out of recall and precision.)
func zhkbURLs(s *index, q string) []string {
	a, err := s.engine.Ask(q, 1<<30)
	must(err)
	var out []string
	for _, r := range a.Results {
		if r.Exact {
			out = append(out, strings.SplitN(r.URL, "#", 2)[0])
		}
	}
	return out
}

// pagefindHelpers loads Pagefind in the page and defines pfURLs(q), which
// returns the URL of every result.
func pagefindHelpers(base string) string {
	return `(async () => {
	window.pf = await import(` + js(base+"pagefind/pagefind.js") + `);
	await pf.options({ excerptLength: 30 });
	await pf.init();
	window.pfURLs = async (q) => {
		const r = await pf.search(q);
		const data = await Promise.all(r.results.map(x => x.data()));
		return data.map(d => d.url);
	};
})()`
}

func pagefindURLs(ctx context.Context, q string) []string {
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`pfURLs(`+js(q)+`)`, chromedp.EvalAwaitPromise))
	must(err)
	var out []string
	for _, u := range raw {
		u = strings.TrimPrefix(u, "/")
		out = append(out, strings.TrimSuffix(u, "index.html"))
	}
	return out
}

func recall(found []string, truth map[string]bool) float64 {
	if len(truth) == 0 {
		return 1
	}
	hit := map[string]bool{}
	for _, u := range found {
		if truth[u] {
			hit[u] = true
		}
	}
	return float64(len(hit)) / float64(len(truth))
}

func precision(found []string, truth map[string]bool) float64 {
	if len(found) == 0 {
		return 1
	}
	good := 0
	for _, u := range found {
		if truth[u] {
			good++
		}
	}
	return float64(good) / float64(len(found))
}

// measures holds per-query figures: bytes sent gzip-compressed and as
// stored, and milliseconds to the first shown result.
type measures struct {
	first, later, firstRaw, laterRaw, cold, warm []float64
}

// sessionsRun opens fresh pages (HTTP cache off) and runs 8 queries in each,
// counting the bytes each query downloads (at the server, so that requests
// from Pagefind's Web Worker count too) and the time to its first result.
func sessionsRun(page, engine string, all []string, rng *rand.Rand, sessions, limit int) (m measures) {
	for i := 0; i < sessions; i++ {
		ctx, cancel := browser()
		_, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true})
		must(err)
		must(chromedp.Do(ctx, chromedp.Navigate(page)))
		for k := 0; k < 8; k++ {
			q := all[rng.Intn(len(all))]
			before, beforeGz := served.Load(), servedGzip.Load()
			var expr string
			if engine == "zhkb" {
				expr = `(async () => { const t = performance.now(); await zhkbSearch.query(` + js(q) + `, ` + fmt.Sprint(limit) + `); return performance.now() - t; })()`
			} else {
				expr = `(async () => {
					const t = performance.now();
					if (!window.pf) { window.pf = await import("../../pagefind/pagefind.js"); await pf.init(); }
					const r = await pf.search(` + js(q) + `);
					await Promise.all(r.results.slice(0, ` + fmt.Sprint(limit) + `).map(x => x.data()));
					return performance.now() - t; })()`
			}
			t, err := chromedp.Run(ctx, chromedp.Evaluate[float64](expr, chromedp.EvalAwaitPromise))
			must(err)
			raw, gz := float64(served.Load()-before), float64(servedGzip.Load()-beforeGz)
			if k == 0 {
				m.first, m.firstRaw, m.cold = append(m.first, gz), append(m.firstRaw, raw), append(m.cold, t)
			} else {
				m.later, m.laterRaw, m.warm = append(m.later, gz), append(m.laterRaw, raw), append(m.warm, t)
			}
		}
		cancel()
	}
	return
}

func browser() (context.Context, context.CancelFunc) {
	exe, err := exec.LookPath("chromium")
	must(err)
	dir, _ := os.MkdirTemp("", "searchbench-")
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true), chromedp.UserDataDir(dir))
	actx, c1 := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, c2 := chromedp.NewContext(actx)
	ctx, c3 := context.WithTimeout(ctx, 20*time.Minute)
	must(chromedp.Do(ctx))
	_, err = chromedp.Call(ctx, network.Enable, network.EnableParams{})
	must(err)
	return ctx, func() { c3(); c2(); c1(); os.RemoveAll(dir) }
}

// served and servedGzip count the bytes of search files (index, runtime,
// Pagefind) sent: as stored, and as sent gzip-compressed the way static
// hosts (GitHub Pages, CDNs, nginx with gzip_types) send text files.
// Pagefind's index files are gzip-compressed already.
var served, servedGzip atomic.Int64

// countingWriter counts what is written to it into n.
type countingWriter struct {
	io.Writer
	n *atomic.Int64
}

func (w countingWriter) Write(b []byte) (int, error) {
	n, err := w.Writer.Write(b)
	w.n.Add(int64(n))
	return n, err
}

// gzipResponse compresses a response body (level 6, gzip's and nginx's
// usual choice), counting bytes before and after compression.
type gzipResponse struct {
	http.ResponseWriter
	raw        io.Writer
	compressed bool
}

func (w gzipResponse) Write(b []byte) (int, error) { return w.raw.Write(b) }

func (w gzipResponse) WriteHeader(code int) {
	if w.compressed {
		w.Header().Del("Content-Length")
	}
	w.ResponseWriter.WriteHeader(code)
}

func serve(dir string) *http.Server {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	must(err)
	files := http.FileServer(http.Dir(dir))
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if !strings.Contains(p, "/search/") && !strings.Contains(p, "/pagefind/") && !strings.HasSuffix(p, "zhkb-search.js") {
			files.ServeHTTP(w, r)
			return
		}
		// A range is sent as stored, as static hosts send partial content.
		if r.Header.Get("Range") != "" || !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			files.ServeHTTP(gzipResponse{w, countingWriter{countingWriter{w, &servedGzip}, &served}, false}, r)
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Add("Vary", "Accept-Encoding")
		zw, _ := gzip.NewWriterLevel(countingWriter{w, &servedGzip}, 6)
		defer zw.Close()
		files.ServeHTTP(gzipResponse{w, countingWriter{zw, &served}, true}, r)
	})
	srv := &http.Server{Addr: ln.Addr().String(), Handler: handler}
	go srv.Serve(ln)
	return srv
}

func js(s string) string { b, _ := json.Marshal(s); return string(b) }

func mean(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	t := 0.0
	for _, x := range v {
		t += x
	}
	return t / float64(len(v))
}

func pct(v []float64, p float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	return s[min(len(s)-1, int(p*float64(len(s))))]
}

func kb(v []float64) string {
	return fmt.Sprintf("median %6.1f KB, p95 %6.1f KB", pct(v, .5)/1024, pct(v, .95)/1024)
}

func ms(v []float64) string {
	return fmt.Sprintf("median %5.0f ms, p95 %5.0f ms", pct(v, .5), pct(v, .95))
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
