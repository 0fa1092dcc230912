// Command phone measures site search as a reader on a phone network meets
// it. A built site is served the way a static host serves it — HTTP/2 over
// TLS, text files gzip-compressed, byte ranges answered with 206 (or, with
// -no-range, ignored: every request gets the whole file) — to headless
// Chromium throttled by the DevTools network emulation (150 ms round trip,
// 1.6 Mbit/s down by default). Readers' questions are typed into the search
// box the way readers type them: focus the box, pause, then the words in
// chunks as an input method commits them. For zhkb's box and Pagefind's
// default UI (indexed over the same pages) it reports the time from the
// last keystroke to the first result on screen — its title, a link the
// reader can follow — and to the first result with its snippet (zhkb
// shows certain results before their snippets come; Pagefind shows empty
// placeholders until a result's title and excerpt come together, and
// these do not count), on a freshly loaded page with an empty cache (cold)
// and for the next question in the same page (warm); the requests and the
// sequential rounds of requests the query waited on for the first result
// and for the first snippet; and the bytes transferred from focusing the
// box until the results stopped changing.
//
//	go run ./bench/phone -site DIR [-variant zh-hans] [-runs 3] [-no-range] [questions.toml …]
//
// Without question files it draws -draw questions (Han substrings of 2 to
// 6 characters) from the text of the variant's pages. bench/phone.sh builds
// the bundled site and the 5,000-statute library with Pagefind's indexes
// and runs it on both.
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"log"
	"math/big"
	mrand "math/rand"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/BurntSushi/toml"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/zhkb/zhkb/internal/convert"
)

func main() {
	fs := flag.NewFlagSet("phone", flag.ExitOnError)
	site := fs.String("site", "", "built site, with Pagefind's index in <variant>/pagefind/ (see bench/phone.sh)")
	variant := fs.String("variant", "zh-hans", "variant directory; Traditional variants get the questions converted with s2tw")
	runs := fs.Int("runs", 3, "runs over all questions; the report gives medians over all of them")
	count := fs.Int("n", 20, "questions per run (the first n of the files, or drawn)")
	draw := fs.Int64("seed", 1, "seed for drawing questions from the pages when no question file is given")
	rtt := fs.Int("rtt", 150, "emulated round trip, ms")
	down := fs.Float64("down", 1.6, "emulated download speed, Mbit/s")
	noRange := fs.Bool("no-range", false, "serve every request whole, ignoring Range (as some hosts and proxies do)")
	engines := fs.String("engines", "zhkb,pagefind", "engines to measure")
	pause := fs.Duration("pause", time.Second, "pause between focusing the box and typing")
	fs.BoolVar(&verbose, "v", false, "print every request of every question")
	fs.Parse(os.Args[1:])
	if *site == "" {
		log.Fatal("phone: -site is required")
	}
	qs := questions(fs.Args(), *site, *variant, *count, *draw)
	if strings.HasPrefix(*variant, "zh-hant") || strings.HasPrefix(*variant, "zh-tw") {
		s2tw, err := convert.New("s2tw")
		must(err)
		for i, q := range qs {
			qs[i] = s2tw.Convert(q)
		}
	}
	srv := newServer(*site, !*noRange)
	defer srv.close()
	page := srv.url + "/" + *variant + "/" + firstArticle(*site, *variant)
	ctx, cancel := browser()
	defer cancel()
	cond := network.EmulateNetworkConditionsByRuleParams{MatchedNetworkConditions: []*network.Conditions{{
		Latency: float64(*rtt), DownloadThroughput: *down * 1e6 / 8, UploadThroughput: 0.75e6 / 8}}}
	if _, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, cond); err != nil {
		log.Fatal("phone: network emulation: ", err)
	}
	fmt.Printf("site %s, %s; %d questions × %d runs; %d ms round trip, %.1f Mbit/s; byte ranges %s\n",
		*site, *variant, len(qs), *runs, *rtt, *down, map[bool]string{true: "answered", false: "ignored"}[!*noRange])
	fmt.Printf("\n%-9s %-7s %16s %16s %14s %14s %14s %12s\n", "engine", "", "first result ms", "with snippet ms", "requests", "rounds", "rounds snippet", "KB (gzip)")
	fmt.Printf("%-9s %-7s %8s %7s %8s %7s %7s %6s %7s %6s %7s %6s %7s %6s\n", "", "", "median", "p95", "median", "p95", "median", "max", "median", "max", "median", "max", "median", "p95")
	for _, engine := range strings.Split(*engines, ",") {
		var cold, warm []sample
		for r := 0; r < *runs; r++ {
			for i, q := range qs {
				next := qs[(i+1)%len(qs)]
				c, w := measure(ctx, srv, engine, page, q, next, *pause, float64(*rtt))
				cold, warm = append(cold, c), append(warm, w)
			}
		}
		report(engine, "cold", cold)
		report(engine, "warm", warm)
	}
}

var verbose bool

// sample is one question as a reader met it.
type sample struct {
	ms         float64 // last keystroke → first result on screen (its title); -1 if none came
	msFull     float64 // last keystroke → first result with its snippet; -1 if none came
	roundsFull int     // sequential rounds until then
	requests   int     // requests the query waited on (after the last keystroke, until the first result)
	rounds     int     // sequential rounds among them: requests arriving more than half a round trip after the one before start a new round
	bytes      float64 // body bytes sent (gzip-compressed as hosts send text) from focus until the results settled
}

func report(engine, kind string, ss []sample) {
	var ms, full, req, rounds, roundsFull, kb []float64
	missed := 0
	for _, s := range ss {
		if s.ms < 0 {
			missed++
			continue
		}
		ms = append(ms, s.ms)
		if s.msFull >= 0 {
			full = append(full, s.msFull)
			roundsFull = append(roundsFull, float64(s.roundsFull))
		}
		req = append(req, float64(s.requests))
		rounds = append(rounds, float64(s.rounds))
		kb = append(kb, s.bytes/1024)
	}
	note := ""
	if missed > 0 {
		note = fmt.Sprintf("  (%d of %d showed no result within 15 s)", missed, len(ss))
	}
	fmt.Printf("%-9s %-7s %8.0f %7.0f %8.0f %7.0f %7.0f %6.0f %7.0f %6.0f %7.0f %6.0f %7.1f %6.1f%s\n", engine, kind,
		pct(ms, 50), pct(ms, 95), pct(full, 50), pct(full, 95), pct(req, 50), pct(req, 100), pct(rounds, 50), pct(rounds, 100),
		pct(roundsFull, 50), pct(roundsFull, 100), pct(kb, 50), pct(kb, 95), note)
}

// measure asks q on a fresh page with an empty cache, then next in the same page.
func measure(ctx context.Context, srv *server, engine, page, q, next string, pause time.Duration, rtt float64) (cold, warm sample) {
	_, err := chromedp.Call(ctx, network.ClearBrowserCache, cdp.Empty{})
	must(err)
	must(chromedp.Do(ctx, chromedp.Navigate(page), chromedp.WaitReady("body")))
	setup := map[string]string{"zhkb": zhkbSetup, "pagefind": pagefindSetup}[engine]
	if setup == "" {
		log.Fatalf("phone: unknown engine %q", engine)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool]("(async () => {"+setup+probe+"})()", chromedp.EvalAwaitPromise)); err != nil {
		log.Fatalf("phone: %s setup: %v", engine, err)
	}
	cold = ask(ctx, srv, q, pause, rtt)
	time.Sleep(200 * time.Millisecond) // the cold query's tail of requests is not the warm one's
	warm = ask(ctx, srv, next, pause, rtt)
	return cold, warm
}

// boxSel finds the search box of either engine, for a tap.
const boxSel = "form[data-index] input[type=search], #pf input"

// zhkbSetup finds zhkb's search box; shown tells when the results of the
// text in the box are on screen.
const zhkbSetup = `window.box = document.querySelector("form[data-index] input[type=search]");
const form = box.form;
window.shown = () => form.getAttribute("data-shown") === box.value.trim() && !form.querySelector("[role=listbox]").hidden &&
  form.querySelector("[role=option]") !== null;
window.full = () => shown() && form.querySelector("[role=option] .result-snippet:not(.pending)") !== null;`

// pagefindSetup adds Pagefind's default UI to the page (before the
// measurement starts: a site using it loads it with the page), with the
// same input delay as zhkb's box.
const pagefindSetup = `await new Promise((ok, fail) => {
  const s = document.createElement("script");
  s.src = "../../pagefind/pagefind-ui.js"; s.onload = ok; s.onerror = fail;
  document.head.appendChild(s);
});
const d = document.createElement("div"); d.id = "pf"; document.body.prepend(d);
window.pfui = new PagefindUI({ element: "#pf", showImages: false, debounceTimeoutMs: 80, resetStyles: false });
await new Promise(r => setTimeout(r, 50));
window.box = document.querySelector("#pf input");
window.shown = () => {
  const m = document.querySelector("#pf .pagefind-ui__message");
  return !!m && m.textContent.includes(box.value.trim()) && document.querySelector("#pf .pagefind-ui__result-link") !== null;
};
window.full = () => shown() && document.querySelector("#pf .pagefind-ui__result-excerpt:not(.pagefind-ui__loading)") !== null;`

// probe records, in the page's clock, the last input event and the first
// time the results of the text typed are on screen after it.
const probe = `
performance.setResourceTimingBufferSize(100000);
window.lastInput = 0; window.firstResult = 0; window.firstFull = 0; window.lastChange = 0;
box.addEventListener("input", () => { window.lastInput = performance.now(); window.firstResult = 0; window.firstFull = 0; }, true);
new MutationObserver(() => {
  window.lastChange = performance.now();
  if (!window.firstResult && window.lastInput && shown()) window.firstResult = performance.now();
  if (!window.firstFull && window.lastInput && full()) window.firstFull = performance.now();
}).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
return true;`

// ask focuses the box, pauses, types q in chunks of two characters (as an
// input method commits words) 250 ms apart, and waits for the results to
// settle. Requests are counted where the server sees them, so that those
// of a Web Worker (Pagefind's) count too; the page's clock is turned into
// the server's with performance.timeOrigin.
func ask(ctx context.Context, srv *server, q string, pause time.Duration, rtt float64) sample {
	// Blur and clear the box, then tap it, as a reader does.
	focusAt, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`box.blur(); box.value = ""; box.dispatchEvent(new Event("input", {bubbles: true}));
		window.lastInput = 0; window.firstResult = 0; window.firstFull = 0; performance.timeOrigin + performance.now()`))
	must(err)
	must(chromedp.Do(ctx, chromedp.Click(boxSel, chromedp.NodeVisible)))
	time.Sleep(pause)
	runes := []rune(q)
	for i := 0; i < len(runes); i += 2 {
		_, err := chromedp.Call(ctx, input.InsertText, input.InsertTextParams{Text: string(runes[i:min(i+2, len(runes))])})
		must(err)
		if i+2 < len(runes) {
			time.Sleep(250 * time.Millisecond)
		}
	}
	deadline := time.Now().Add(15 * time.Second)
	var state struct {
		Origin, LastInput, FirstResult, FirstFull, LastChange, Now float64
	}
	for time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
		raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify({origin: performance.timeOrigin, lastInput, firstResult, firstFull, lastChange, now: performance.now()})`))
		must(err)
		must(json.Unmarshal([]byte(raw), &state))
		// Settled: results shown and nothing changed for 1.5 s.
		if state.FirstResult > 0 && state.Now-state.LastChange > 1500 {
			break
		}
	}
	s := sample{ms: -1, msFull: -1}
	if state.FirstResult > 0 {
		s.ms = state.FirstResult - state.LastInput
	}
	if state.FirstFull > 0 {
		s.msFull = state.FirstFull - state.LastInput
	}
	last, first, firstFull := state.Origin+state.LastInput, state.Origin+state.FirstResult, state.Origin+state.FirstFull
	if verbose {
		fmt.Printf("%q: first result %.0f ms after the last keystroke, with snippet %.0f ms (%.0f ms after focus)\n", q, s.ms, s.msFull, last-focusAt)
	}
	// A round: requests that arrive together; the next one's requests
	// arrive at least a round trip later, when what they depend on came.
	prev, prevFull := -1e18, -1e18
	for _, r := range srv.since(focusAt) {
		if r.at >= last && (state.FirstFull == 0 || r.at < firstFull) {
			if r.at-prevFull > rtt/2 {
				s.roundsFull++
			}
			prevFull = r.at
		}
		s.bytes += float64(r.bytes)
		if verbose {
			fmt.Printf("  %6.0f %7d B  %s\n", r.at-focusAt, r.bytes, r.path)
		}
		if r.at >= last && (state.FirstResult == 0 || r.at < first) {
			s.requests++
			if r.at-prev > rtt/2 {
				s.rounds++
			}
			prev = r.at
		}
	}
	if verbose {
		fmt.Printf("  → %d rounds to the first result, %d to its snippet\n", s.rounds, s.roundsFull)
	}
	return s
}

// questions reads the question files (bench/questions format), or draws
// Han substrings of 2 to 6 characters from the variant's pages.
func questions(files []string, site, variant string, n int, seed int64) []string {
	var qs []string
	for _, f := range files {
		var set struct {
			Q []struct {
				Text string `toml:"text"`
			} `toml:"q"`
		}
		_, err := toml.DecodeFile(f, &set)
		must(err)
		for _, q := range set.Q {
			qs = append(qs, q.Text)
		}
	}
	if len(files) > 0 {
		return qs[:min(n, len(qs))]
	}
	var pages []string
	filepath.WalkDir(filepath.Join(site, variant), func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Name() == "index.html" && strings.Count(strings.TrimPrefix(p, filepath.Join(site, variant)), "/") == 3 {
			pages = append(pages, p)
		}
		return nil
	})
	sort.Strings(pages)
	rng := mrand.New(mrand.NewSource(seed))
	prose := regexp.MustCompile(`(?s)<div class="prose">(.*?)</div>\s*(?:<p class="tags"|</article>)`)
	tag := regexp.MustCompile(`<[^>]*>`)
	for len(qs) < n && len(pages) > 0 {
		data, err := os.ReadFile(pages[rng.Intn(len(pages))])
		must(err)
		m := prose.FindSubmatch(data)
		if m == nil {
			continue
		}
		text := []rune(html.UnescapeString(tag.ReplaceAllString(string(m[1]), " ")))
		L := 2 + rng.Intn(5)
		if len(text) <= L {
			continue
		}
		i := rng.Intn(len(text) - L)
		q := text[i : i+L]
		han := true
		for _, r := range q {
			han = han && unicode.Is(unicode.Han, r)
		}
		if han {
			qs = append(qs, string(q))
		}
	}
	return qs
}

// firstArticle returns the path of the first article of the variant, below
// it ("steps/first/").
func firstArticle(site, variant string) string {
	var first string
	filepath.WalkDir(filepath.Join(site, variant), func(p string, d os.DirEntry, err error) error {
		rel, _ := filepath.Rel(filepath.Join(site, variant), p)
		if first == "" && err == nil && d.Name() == "index.html" && strings.Count(rel, "/") == 2 && !strings.HasPrefix(rel, "tags/") {
			first = strings.TrimSuffix(filepath.ToSlash(rel), "index.html")
		}
		return nil
	})
	if first == "" {
		log.Fatal("phone: no article page in ", filepath.Join(site, variant))
	}
	return first
}

// server serves a site as a static host does: HTTP/2 over TLS, text gzip-
// compressed (level 6), byte ranges answered as stored, a 10-minute cache
// lifetime (GitHub Pages').
type server struct {
	url  string
	srv  *http.Server
	mu   sync.Mutex
	gzip map[string][]byte
	log  []served // every request, in order of arrival
}

// served is a request as the server saw it: when it arrived (Unix ms),
// what it asked for and the body bytes sent (compressed, as sent).
type served struct {
	at    float64
	path  string
	bytes int
}

// countWriter counts the body bytes of a response.
type countWriter struct {
	http.ResponseWriter
	n int
}

func (w *countWriter) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	w.n += n
	return n, err
}

// since returns the requests that arrived at or after Unix ms t.
func (s *server) since(t float64) []served {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []served
	for _, r := range s.log {
		if r.at >= t {
			out = append(out, r)
		}
	}
	return out
}

func newServer(dir string, ranges bool) *server {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	must(err)
	s := &server{url: "https://" + ln.Addr().String(), gzip: map[string][]byte{}}
	files := http.FileServer(http.Dir(dir))
	s.srv = &http.Server{Handler: http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		at := float64(time.Now().UnixNano()) / 1e6
		w := &countWriter{ResponseWriter: rw}
		defer func() {
			s.mu.Lock()
			s.log = append(s.log, served{at, r.URL.Path, w.n})
			s.mu.Unlock()
		}()
		w.Header().Set("Cache-Control", "max-age=600")
		if !ranges {
			r.Header.Del("Range")
			r.Header.Del("If-Range")
		}
		p := filepath.Join(dir, filepath.FromSlash(r.URL.Path))
		if strings.HasSuffix(r.URL.Path, "/") {
			p = filepath.Join(p, "index.html")
		}
		ext := filepath.Ext(p)
		text := ext == ".js" || ext == ".html" || ext == ".css" || ext == ".svg" || ext == ".json"
		if r.Header.Get("Range") != "" || !text || !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			files.ServeHTTP(w, r)
			return
		}
		data, err := s.compressed(p)
		if err != nil {
			files.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Vary", "Accept-Encoding")
		w.Header().Set("Content-Type", map[string]string{".js": "text/javascript; charset=utf-8", ".html": "text/html; charset=utf-8",
			".css": "text/css; charset=utf-8", ".svg": "image/svg+xml", ".json": "application/json"}[ext])
		w.Write(data)
	})}
	s.srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{selfSigned()}, NextProtos: []string{"h2", "http/1.1"}}
	go s.srv.ServeTLS(ln, "", "")
	return s
}

func (s *server) compressed(p string) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if data, ok := s.gzip[p]; ok {
		return data, nil
	}
	raw, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, 6)
	zw.Write(raw)
	zw.Close()
	s.gzip[p] = b.Bytes()
	return s.gzip[p], nil
}

func (s *server) close() { s.srv.Close() }

// selfSigned makes a certificate for 127.0.0.1 (Chromium is told to accept it).
func selfSigned() tls.Certificate {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	must(err)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	must(err)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

func browser() (context.Context, context.CancelFunc) {
	exe, err := exec.LookPath("chromium")
	must(err)
	dir, _ := os.MkdirTemp("", "phonebench-")
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true), chromedp.Flag("ignore-certificate-errors", true),
		chromedp.Flag("disable-quic", true), chromedp.UserDataDir(dir), chromedp.WindowSize(390, 844))
	actx, c1 := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, c2 := chromedp.NewContext(actx)
	ctx, c3 := context.WithTimeout(ctx, 2*time.Hour)
	must(chromedp.Do(ctx))
	_, err = chromedp.Call(ctx, network.Enable, network.EnableParams{})
	must(err)
	return ctx, func() { c3(); c2(); c1(); os.RemoveAll(dir) }
}

// pct returns the p-th percentile of v (nearest rank), 0 for none.
func pct(v []float64, p float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	i := int(p/100*float64(len(s)) + 0.5)
	return s[min(max(i-1, 0), len(s)-1)]
}

func must(err error) {
	if err != nil {
		log.Fatal("phone: ", err)
	}
}
