package site

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/zhkb/zhkb/internal/render"
	"github.com/zhkb/zhkb/internal/sitetest"
)

// A lookPage is a page of the bundled site as a reader meets it: its
// address below the output root and, for the search, what the reader types.
type lookPage struct {
	name, path, query string
	tap               string // a control to tap once the page is open, e.g. a citation
}

// lookPages are the kinds of page a reader meets, in every variant.
func lookPages() []lookPage {
	var pages []lookPage
	for _, v := range []string{"zh-hans", "zh-hant"} {
		pages = append(pages,
			lookPage{v + "-home", v + "/index.html", "", ""},
			lookPage{v + "-section", v + "/steps/index.html", "", ""},
			lookPage{v + "-article", v + "/steps/first-24-hours/index.html", "", ""},
			lookPage{v + "-tag", v + "/tags/debt-collection/index.html", "", ""},
			lookPage{v + "-404", v + "/no/such/page/", "", ""},
			lookPage{v + "-search", v + "/faq/index.html", map[string]string{"zh-hans": "欠网贷会坐牢吗", "zh-hant": "欠網貸會坐牢嗎"}[v], ""},
			lookPage{v + "-letter", v + "/steps/deletion-request/index.html", "", ""},
			lookPage{v + "-law-text", v + "/rights/personal-information/index.html", "", "#main a.cite"},
		)
	}
	return pages
}

var lookOnce struct {
	sync.Once
	out   string
	stats Stats
	err   error
}

// lookSite builds the bundled site once for the tests that only read it.
func lookSite(t *testing.T) string {
	t.Helper()
	lookOnce.Do(func() {
		lookOnce.out, lookOnce.err = os.MkdirTemp("", "zhkb-look-")
		if lookOnce.err == nil {
			lookOnce.stats, lookOnce.err = Build(Options{Root: "../..", Out: filepath.Join(lookOnce.out, "public")})
		}
	})
	if lookOnce.err != nil {
		t.Fatalf("the bundled site does not build:\n%v", lookOnce.err)
	}
	return filepath.Join(lookOnce.out, "public")
}

// lookServer serves out as a static host does: a missing path gets the
// root 404.html with status 404.
func lookServer(t *testing.T, out string) string {
	files := http.FileServer(http.Dir(out))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := filepath.Join(out, filepath.FromSlash(path.Clean(r.URL.Path)))
		if _, err := os.Stat(name); err != nil {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			data, _ := os.ReadFile(filepath.Join(out, "404.html"))
			w.Write(data)
			return
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// open shows p from the server at base at the current viewport; for a
// search page it types the query and waits for the results.
func (p lookPage) open(ctx context.Context, base string) error {
	err := chromedp.Do(ctx, chromedp.Navigate(base+"/"+p.path), chromedp.WaitReady("#main"))
	if err == nil && p.tap != "" {
		err = chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(%q).click()`, p.tap)),
			sitetest.Until(`document.querySelector(".cite-panel") !== null`, 5*time.Second))
	}
	if err != nil || p.query == "" {
		return err
	}
	return chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.ID("zhkb-q"), p.query),
		sitetest.Until(fmt.Sprintf(`document.querySelector("form[data-index]").getAttribute("data-shown") === %q && document.querySelectorAll("#zhkb-results [role=option]").length > 0 && !document.getElementById("zhkb-results").hasAttribute("aria-busy")`, p.query), 10*time.Second),
	)
}

// A lookPass is one screen and colour scheme every kind of page is opened
// in, and what is checked there.
type lookPass struct {
	name          string // in messages and screenshot names
	width, height int64
	scheme        string // prefers-color-scheme
	variants      []string
	maxHeader     float64  // the layout's checks, when not 0: the header at most this high
	axe           []string // axe-core's rules for the variants: nil for none, "all" for all
	axeVariant    string   // the variant axe runs on, "" for all
	axePages      []string // the kinds of page axe runs on (lookPage names without the variant), nil for all
}

// lookPasses: the layout at both sizes and in both variants; axe-core, all
// its rules, in both variants on a phone, and in one on a laptop on the
// pages with what a phone does not show (the sections in the header, the
// current one marked on a section's page, an article's sidebars and
// contents, a citation's panel beside the text, the search panel); and in
// dark mode, which changes only colours, the same elements as on a phone
// in light, only the rules colours decide.
var lookPasses = []lookPass{
	{"phone", 390, 844, "light", []string{"zh-hans", "zh-hant"}, 110, []string{"all"}, "", nil},
	{"laptop", 1280, 800, "light", []string{"zh-hans", "zh-hant"}, 80, []string{"all"}, "zh-hans", []string{"home", "section", "article", "search", "law-text"}},
	{"phone-dark", 390, 844, "dark", []string{"zh-hant"}, 0, []string{"color-contrast", "link-in-text-block"}, "", nil},
}

// TestLook opens every kind of page on a phone (390×844) and a laptop
// (1280×800), in light and dark, and checks what a reader sees first:
// nothing wider than the screen, a compact header, the heading on the
// first screen; and it runs axe-core on them (no violations; see
// lookPasses). With ZHKB_SCREENSHOTS=DIR it writes a screenshot of each
// to DIR, to be looked at.
func TestLook(t *testing.T) {
	t.Parallel()
	axe := axeScript(t)
	base := lookServer(t, lookSite(t))
	ctx := browserContext(t)
	shots := os.Getenv("ZHKB_SCREENSHOTS")
	if shots != "" {
		if err := os.MkdirAll(shots, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// The site has one stylesheet: axe-core reads it (for its rule on
	// locked orientation) on the first page of each variant, not on all.
	styles := map[string]bool{}
	for _, pass := range lookPasses {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(pass.width, pass.height)); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: pass.scheme}}}); err != nil {
			t.Fatal(err)
		}
		for _, p := range lookPages() {
			variant := p.name[:len("zh-hans")]
			if !slices.Contains(pass.variants, variant) {
				continue
			}
			if err := p.open(ctx, base); err != nil {
				t.Fatalf("%s: %v", p.name, err)
			}
			if dark, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`matchMedia("(prefers-color-scheme: dark)").matches`)); dark != (pass.scheme == "dark") {
				t.Fatalf("%s: the page does not see the %s scheme", p.name, pass.scheme)
			}
			if pass.maxHeader != 0 {
				lookLayout(t, ctx, p, pass)
			}
			kind := p.name[len("zh-hans-"):]
			if axe != "" && pass.axe != nil && (pass.axeVariant == "" || pass.axeVariant == variant) && (pass.axePages == nil || slices.Contains(pass.axePages, kind)) {
				lookAxe(t, ctx, axe, p, pass, !styles[variant])
				styles[variant] = true
			}
			if shots != "" {
				png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(shots, fmt.Sprintf("%s-%s.png", p.name, pass.name)), png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}

// lookLayout checks the open page p's first screen in pass.
func lookLayout(t *testing.T, ctx context.Context, p lookPage, pass lookPass) {
	t.Helper()
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`[
		document.documentElement.scrollWidth,
		document.querySelector(".site-header").getBoundingClientRect().height,
		document.querySelector("main h1").getBoundingClientRect().bottom]`))
	if err != nil {
		t.Fatalf("%s: %v", p.name, err)
	}
	if got[0] > float64(pass.width) {
		t.Errorf("%s on a %s: the page is %.0f px wide, wider than the screen", p.name, pass.name, got[0])
	}
	if got[1] > pass.maxHeader {
		t.Errorf("%s on a %s: the header takes %.0f px (at most %.0f)", p.name, pass.name, got[1], pass.maxHeader)
	}
	if p.query != "" {
		w, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.querySelector(".search-panel").getBoundingClientRect().width`))
		if err != nil {
			t.Fatal(err)
		}
		if min := min(float64(pass.width)-32, 500); w < min {
			t.Errorf("%s on a %s: the search results are %.0f px wide (at least %.0f)", p.name, pass.name, w, min)
		}
	}
	if p.query == "" && got[2] > float64(pass.height) {
		t.Errorf("%s on a %s: the heading ends at %.0f px, below the first screen", p.name, pass.name, got[2])
	}
}

// lookAxe runs axe-core's rules of pass on the open page p; styles says
// whether axe-core reads the stylesheets too.
func lookAxe(t *testing.T, ctx context.Context, axe string, p lookPage, pass lookPass, styles bool) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](axe)); err != nil {
		t.Fatal(err)
	}
	opts := map[string]any{"resultTypes": []string{"violations"}, "preload": styles, "noHtml": true}
	if pass.axe[0] != "all" {
		opts["runOnly"] = pass.axe
	}
	js, _ := json.Marshal(opts)
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](`axe.run(document, `+string(js)+`).then(r => JSON.stringify(r.violations.map(v => ({
		id: v.id, impact: v.impact, help: v.help,
		nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ") + " — " + n.failureSummary.replace(/\s+/g, " "))}))))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: %v", p.name, err)
	}
	var violations []struct {
		ID, Impact, Help string
		Nodes            []string
	}
	if err := json.Unmarshal([]byte(raw), &violations); err != nil {
		t.Fatal(err)
	}
	for _, v := range violations {
		t.Errorf("%s on a %s: %s (%s): %s\n\t%s", p.name, pass.name, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n\t"))
	}
}

// axeScript finds axe-core's axe.min.js: ZHKB_AXE, else where .ci/run
// puts it. Without it, "": in CI a failure, elsewhere the pages are
// checked without it (said in the log).
func axeScript(t *testing.T) string {
	t.Helper()
	paths := []string{os.Getenv("ZHKB_AXE")}
	if cache, err := os.UserCacheDir(); err == nil {
		paths = append(paths, filepath.Join(cache, "zhkb", "axe-core-"+axeVersion, "axe.min.js"))
	}
	for _, p := range paths {
		if p == "" {
			continue
		}
		if data, err := os.ReadFile(p); err == nil {
			return string(data)
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("axe-core not found; .ci/run fetches it (set ZHKB_AXE to its axe.min.js)")
	}
	t.Log("axe-core not found, so the accessibility checks are skipped: run .ci/run once, or set ZHKB_AXE to axe-core " + axeVersion + "'s axe.min.js")
	return ""
}

// axeVersion is the axe-core release .ci/run fetches.
const axeVersion = "4.10.3"

// TestHeaderAndSidebars: on a phone the sections fold into a menu that
// opens on a tap; on a laptop they show in the bar, an article has its
// section's articles on the left (itself marked) and its contents on the
// right, both still in view far down the text, with a button back to the
// top.
func TestHeaderAndSidebars(t *testing.T) {
	t.Parallel()
	base := lookServer(t, lookSite(t))
	ctx := browserContext(t)
	article := "/zh-hans/steps/first-24-hours/"
	shown := func(sel string) string {
		return `(() => { const e = document.querySelector(` + "`" + sel + "`" + `); return !!e && e.checkVisibility({visibilityProperty: true}); })()`
	}
	err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(base+article), chromedp.WaitReady("#main"))
	if err != nil {
		t.Fatal(err)
	}
	if on, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](shown(".site-nav a"))); on {
		st, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`innerWidth + " " + document.querySelector("details.site-menu").open + " " + matchMedia("(max-width: 47.99rem)").matches`))
		t.Errorf("phone: the sections' menu is open before a tap (%s)", st)
	}
	if err := chromedp.Do(ctx, chromedp.Click(".site-menu summary", chromedp.NodeVisible)); err != nil {
		t.Fatal(err)
	}
	if on, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](shown(".site-nav a[aria-current]"))); !on {
		t.Error("phone: a tap on the menu does not show the sections, the current one marked")
	}

	// Without scripts the sections are a row of links in the header, not a
	// panel over the text.
	for _, width := range []int64{390, 1280} {
		if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatal(err)
		}
		err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 800), chromedp.Navigate(base+article), chromedp.WaitReady("#main"))
		if err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`[document.querySelectorAll(".site-nav a").length, Array.from(document.querySelectorAll(".site-nav a")).filter(a => a.checkVisibility()).length,
			document.querySelector(".site-header").getBoundingClientRect().height, document.querySelector(".site-nav").getBoundingClientRect().bottom <= document.querySelector(".site-header").getBoundingClientRect().bottom ? 1 : 0]`))
		if err != nil {
			t.Fatal(err)
		}
		if dir := os.Getenv("ZHKB_SCREENSHOTS"); dir != "" {
			png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
			if err == nil {
				err = os.WriteFile(filepath.Join(dir, fmt.Sprintf("zh-hans-article-noscript-%d.png", width)), png, 0o644)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		if got[0] < 2 || got[1] != got[0] || got[2] > 170 || got[3] != 1 {
			t.Errorf("%d px without scripts: %.0f of %.0f section links shown, header %.0f px, menu inside the header %v", width, got[1], got[0], got[2], got[3] == 1)
		}
	}
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: false}); err != nil {
		t.Fatal(err)
	}

	err = chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(base+article), chromedp.WaitReady("#main"))
	if err != nil {
		t.Fatal(err)
	}
	for _, sel := range []string{".site-nav a", ".side-nav a[aria-current=page]", ".toc ol a"} {
		if on, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](shown(sel))); !on {
			t.Errorf("laptop: %s is not shown", sel)
		}
	}
	if cur, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(".side-nav a[aria-current=page]").getAttribute("href")`)); !strings.HasSuffix(cur, "steps/first-24-hours/") {
		t.Errorf("the left menu marks %q, not the article", cur)
	}
	if on, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](shown(".to-top"))); on {
		t.Error("the back-to-top button shows at the top of the page")
	}
	// Scrolled to where the article's end meets the screen's bottom: the
	// furthest both sidebars must stay in view.
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`new Promise(done => { scrollTo(0, scrollY + document.querySelector("#main article").getBoundingClientRect().bottom - innerHeight); setTimeout(() => done([
		scrollY, document.querySelector(".toc").getBoundingClientRect().top, document.querySelector(".side-nav").getBoundingClientRect().top,
		document.querySelector(".prose").getBoundingClientRect().left - document.querySelector(".side-nav").getBoundingClientRect().right,
		document.querySelector(".toc").getBoundingClientRect().left - document.querySelector(".prose").getBoundingClientRect().right]), 300); })`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if got[0] < 1000 {
		t.Fatalf("the article is too short to scroll (%.0f px)", got[0])
	}
	if got[1] < 0 || got[1] > 100 || got[2] < 0 || got[2] > 100 {
		t.Errorf("scrolled down: contents at %.0f px, section menu at %.0f px; want both in view at the top", got[1], got[2])
	}
	if got[3] < 16 || got[4] < 16 {
		t.Errorf("the sidebars touch the text: gaps %.0f and %.0f px", got[3], got[4])
	}
	if on, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](shown(".to-top"))); !on {
		t.Fatal("scrolled down: no back-to-top button")
	}
	if err := chromedp.Do(ctx, chromedp.Click("button.to-top", chromedp.NodeVisible)); err != nil {
		t.Fatalf("click: %v", err)
	}
	err = chromedp.Do(ctx,
		sitetest.Until(`scrollY === 0 && document.activeElement.matches("main h1")`, 5*time.Second))
	if err != nil {
		t.Errorf("the back-to-top button did not bring the reader to the heading: %v", err)
	}
}

// TestSideNavWindow: an article's left menu lists its neighbours in the
// section, not all of a long section (a library of thousands would grow
// quadratically), and links to the whole section.
func TestSideNavWindow(t *testing.T) {
	t.Parallel()
	root := fixture(t)
	for i := 0; i < 40; i++ {
		writeFile(t, root, fmt.Sprintf("content/many/a%02d.md", i), fmt.Sprintf("+++\ntitle = \"第%d篇\"\nweight = %d\n+++\n正文\n", i, i+1))
	}
	out, _ := build(t, root)
	page := read(t, out, "zh-hans/many/a20/index.html")
	nav := page[strings.Index(page, `<nav class="side-nav"`):]
	nav = nav[:strings.Index(nav, "</nav>")]
	if n := strings.Count(nav, "<li>"); n != 2*render.NearbyEach+1 {
		t.Errorf("the menu lists %d articles, want %d", n, 2*render.NearbyEach+1)
	}
	for _, want := range []string{`aria-current="page">第20篇`, fmt.Sprintf(">第%d篇<", 20-render.NearbyEach), fmt.Sprintf(">第%d篇<", 20+render.NearbyEach), `<p class="side-more"><a href="../../../zh-hans/many/">40 篇文章</a>`} {
		if !strings.Contains(nav, want) {
			t.Errorf("the menu lacks %q:\n%s", want, nav)
		}
	}
	if strings.Contains(nav, fmt.Sprintf(">第%d篇<", 19-render.NearbyEach)) || strings.Contains(nav, fmt.Sprintf(">第%d篇<", 21+render.NearbyEach)) {
		t.Error("the menu goes beyond the window")
	}
	first := read(t, out, "zh-hans/many/a00/index.html")
	if n := strings.Count(first[strings.Index(first, `<nav class="side-nav"`):strings.Index(first, `<article>`)], "<li>"); n != render.NearbyEach+1 {
		t.Errorf("first article: %d in the menu, want %d", n, render.NearbyEach+1)
	}
}
