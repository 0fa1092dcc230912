// Command questions measures how well the search answers readers'
// questions: each question of a set (questions.toml, heldout.toml) is typed
// into the real search box of a built site in headless Chromium, opened from
// file://, in every variant (Traditional questions for Traditional
// variants), and counts as answered when an accepted article is among the
// first three results shown. With -pagefind it also asks Pagefind, which has
// indexed the same pages (over loopback HTTP: Pagefind does not run from
// file://). bench/questions.sh builds the site and Pagefind's index.
//
//	go run ./bench/questions -site public [-pagefind] [-v] bench/questions/questions.toml …
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/chromedp/chromedp"

	"github.com/zhkb/zhkb/internal/convert"
)

type question struct {
	Text   string   `toml:"text"`
	Accept []string `toml:"accept"`
}

func main() {
	fs := flag.NewFlagSet("questions", flag.ExitOnError)
	site := fs.String("site", "public", "built site")
	variants := fs.String("variants", "zh-hans,zh-hant", "variant directories, the Traditional ones converted with s2tw")
	pagefind := fs.Bool("pagefind", false, "also ask Pagefind (its index in <variant>/pagefind/)")
	verbose := fs.Bool("v", false, "print the questions that miss")
	fs.Parse(os.Args[1:])
	sets := fs.Args()
	if len(sets) == 0 {
		sets = []string{"bench/questions/questions.toml", "bench/questions/heldout.toml"}
	}
	abs, err := filepath.Abs(*site)
	must(err)
	s2tw, err := convert.New("s2tw")
	must(err)
	ctx, cancel := browser()
	defer cancel()
	var srv *http.Server
	if *pagefind {
		srv = serve(abs)
		defer srv.Close()
	}
	fmt.Printf("%-28s %-8s %9s %9s\n", "question set", "variant", "zhkb", "pagefind")
	for _, set := range sets {
		var f struct{ Q []question }
		_, err := toml.DecodeFile(set, &f)
		must(err)
		for _, dir := range strings.Split(*variants, ",") {
			z, p := 0, 0
			for _, q := range f.Q {
				text := q.Text
				if strings.Contains(dir, "hant") || strings.Contains(dir, "tw") || strings.Contains(dir, "hk") {
					text = s2tw.Convert(text)
				}
				got := typeQuestion(ctx, abs, dir, text)
				if answered(got, q.Accept) {
					z++
				} else if *verbose {
					fmt.Printf("  zhkb %s %s → %s\n", dir, text, strings.Join(got, " "))
				}
				if *pagefind {
					pf := askPagefind(ctx, srv, dir, text)
					if answered(pf, q.Accept) {
						p++
					} else if *verbose {
						fmt.Printf("  pagefind %s %s → %s\n", dir, text, strings.Join(pf, " "))
					}
				}
			}
			pf := "-"
			if *pagefind {
				pf = pct(p, len(f.Q))
			}
			fmt.Printf("%-28s %-8s %9s %9s   (%d questions, accepted article in the first three)\n", filepath.Base(set), dir, pct(z, len(f.Q)), pf, len(f.Q))
		}
	}
}

func pct(n, of int) string { return fmt.Sprintf("%.0f %%", 100*float64(n)/float64(of)) }

// answered reports whether one of the first three articles is accepted.
func answered(got, accept []string) bool {
	for i, g := range got {
		if i == 3 {
			break
		}
		for _, a := range accept {
			if g == a {
				return true
			}
		}
	}
	return false
}

// typeQuestion types text into the search box of the variant's home page,
// opened from file://, and returns the articles (section/name) the box
// lists, in order.
func typeQuestion(ctx context.Context, site, dir, text string) []string {
	page := "file://" + filepath.ToSlash(site) + "/" + dir + "/index.html"
	qJSON, _ := json.Marshal(text)
	must(chromedp.Do(ctx,
		chromedp.Navigate(page),
		chromedp.WaitReady(chromedp.ID("zhkb-q")),
		chromedp.Click(chromedp.ID("zhkb-q")),
		chromedp.Evaluate[chromedp.Void](`(() => { const i = document.getElementById("zhkb-q"); i.value = `+string(qJSON)+`; i.dispatchEvent(new Event("input")); })()`),
		chromedp.Poll[chromedp.Void](`document.querySelector(".search-status").textContent !== ""`, chromedp.WithPollingTimeout(10*time.Second)),
	))
	hrefs, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#zhkb-results a[role=option]"), a => a.href)`))
	must(err)
	var out []string
	for _, h := range hrefs {
		out = append(out, article(h, dir))
	}
	return out
}

// article turns a result link into section/name.
func article(href, dir string) string {
	u, err := url.Parse(href)
	if err != nil {
		return href
	}
	p := u.Path
	if i := strings.Index(p, "/"+dir+"/"); i >= 0 {
		p = p[i+len(dir)+2:]
	}
	return strings.TrimSuffix(strings.TrimSuffix(p, "index.html"), "/")
}

func askPagefind(ctx context.Context, srv *http.Server, dir, text string) []string {
	base := "http://" + srv.Addr + "/" + dir + "/"
	qJSON, _ := json.Marshal(text)
	must(chromedp.Do(ctx, chromedp.Navigate(base+"index.html")))
	urls, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(async () => {
		const pf = await import("./pagefind/pagefind.js");
		await pf.init();
		const r = await pf.search(`+string(qJSON)+`);
		const data = await Promise.all(r.results.slice(0, 3).map(x => x.data()));
		return data.map(d => d.url);
	})()`, chromedp.EvalAwaitPromise))
	must(err)
	var out []string
	for _, u := range urls {
		out = append(out, article("http://x"+u, dir))
	}
	return out
}

func browser() (context.Context, context.CancelFunc) {
	exe, err := exec.LookPath("chromium")
	must(err)
	dir, _ := os.MkdirTemp("", "questions-")
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true), chromedp.UserDataDir(dir))
	actx, c1 := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, c2 := chromedp.NewContext(actx)
	ctx, c3 := context.WithTimeout(ctx, 30*time.Minute)
	must(chromedp.Do(ctx))
	return ctx, func() { c3(); c2(); c1(); os.RemoveAll(dir) }
}

func serve(dir string) *http.Server {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	must(err)
	srv := &http.Server{Addr: ln.Addr().String(), Handler: http.FileServer(http.Dir(dir))}
	go srv.Serve(ln)
	return srv
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
