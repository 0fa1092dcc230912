package site

import (
	"archive/zip"
	"context"
	"encoding/json"
	"fmt"
	stdhtml "html"
	"io"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/zhkb/zhkb/internal/sitetest"
)

// bundleOnce builds the bundles of the repository's own site once for the
// bundle tests.
var bundleOnce struct {
	sync.Once
	dir   string
	files []BundleFile
	err   error
}

// TestMain removes the bundles' directory after the tests.
func TestMain(m *testing.M) {
	code := m.Run()
	if bundleOnce.dir != "" {
		os.RemoveAll(bundleOnce.dir)
	}
	if lookOnce.out != "" {
		os.RemoveAll(lookOnce.out)
	}
	if longListOnce.dir != "" {
		os.RemoveAll(longListOnce.dir)
	}
	os.Exit(code)
}

func bundles(t *testing.T) (dir string, files []BundleFile) {
	t.Helper()
	bundleOnce.Do(func() {
		bundleOnce.dir, bundleOnce.err = os.MkdirTemp("", "zhkb-bundle-test-")
		if bundleOnce.err == nil {
			bundleOnce.files, bundleOnce.err = Bundle(BundleOptions{Root: "../..", Out: bundleOnce.dir})
		}
	})
	if bundleOnce.err != nil {
		t.Fatal(bundleOnce.err)
	}
	return bundleOnce.dir, bundleOnce.files
}

// consoleErrors collects the page's uncaught exceptions, console.error
// calls and browser log errors (such as files that failed to load).
func consoleErrors(ctx context.Context) func() []string {
	var mu sync.Mutex
	var errs []string
	chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventExceptionThrown:
			errs = append(errs, "exception: "+e.ExceptionDetails.Text+" "+fmt.Sprint(e.ExceptionDetails.Exception.Description))
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError {
				errs = append(errs, "console.error")
			}
		case *cdplog.EventEntryAdded:
			if e.Entry.Level == cdplog.EntryLevelError {
				errs = append(errs, "log: "+e.Entry.Text+" "+e.Entry.URL)
			}
		}
	})
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		out := errs
		errs = nil
		return out
	}
}

func unzip(t *testing.T, file, dir string) {
	t.Helper()
	zr, err := zip.OpenReader(file)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if strings.HasPrefix(path.Base(f.Name), ".") {
			t.Errorf("the zip holds %s, which is no part of the site", f.Name)
		}
		dst := filepath.Join(dir, filepath.FromSlash(f.Name))
		if !strings.HasPrefix(dst, dir+string(filepath.Separator)) {
			t.Fatalf("zip entry %s leaves the folder", f.Name)
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestOfflineZipInBrowser unpacks the offline zip, opens index.html from
// file:// and follows every link from there: each page must be a file that
// exists, every #anchor must name an element of its page, no page may log
// an error, and every page of the site must be reached. Then a search must
// find results that link to existing files.
func TestOfflineZipInBrowser(t *testing.T) {
	t.Parallel()
	dist, files := bundles(t)
	ctx := browserContext(t)
	ctx, cancel := context.WithTimeout(ctx, 3*time.Minute)
	defer cancel()
	errs := consoleErrors(ctx)
	for _, f := range files {
		t.Logf("%s: %.1f KB", filepath.Base(f.Path), float64(f.Size)/1024)
	}
	dir := t.TempDir()
	unzip(t, filepath.Join(dist, "baotongxunlu-guide-offline.zip"), dir)
	root := filepath.Join(dir, "baotongxunlu-guide")
	rootURL := "file://" + filepath.ToSlash(root) + "/"

	// The landing page sends the reader to a variant's index.html.
	err := chromedp.Do(ctx, chromedp.Navigate(rootURL+"index.html"),
		sitetest.Until(`location.href.indexOf("/zh-") >= 0 && document.readyState === "complete"`, 10*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	start, _ := chromedp.Run(ctx, chromedp.Location())
	if !strings.HasSuffix(start, "/index.html") {
		t.Fatalf("landing page went to %s, not a file", start)
	}

	type link struct{ from, to string }
	queue := []string{start}
	seen := map[string]bool{start: true}
	anchors := map[string][]link{} // page → links into it with a fragment
	visited, opened := 0, 0
	kinds := map[string]int{} // variant and <body class> → pages of the kind opened in the browser
	for len(queue) > 0 {
		page := queue[0]
		queue = queue[1:]
		// Two pages of each kind of each variant are opened in the
		// browser (their links as its scripts leave them, and no error
		// logged); the others, made by the same templates and scripts,
		// are read as files.
		path, _ := url.PathUnescape(strings.TrimPrefix(strings.SplitN(page, "#", 2)[0], "file://"))
		src, err := os.ReadFile(filepath.FromSlash(path))
		if err != nil {
			t.Errorf("%s: %v", page, err)
			continue
		}
		kind := strings.SplitN(rel(root, path), "/", 2)[0] + " " + bodyClassRe.FindString(string(src))
		visited++
		var got, ids []string
		if kinds[kind]++; kinds[kind] <= 2 {
			opened++
			if err := chromedp.Do(ctx, chromedp.Navigate(page)); err != nil {
				t.Errorf("%s: %v", page, err)
				continue
			}
			got, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("a[href], link[href], script[src], img[src], form[action]"),
				e => e.href || e.src || e.action)`))
			if err != nil {
				t.Fatal(err)
			}
			ids, _ = chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("[id]"), e => e.id)`))
		} else {
			got, ids = fileLinks(t, page, string(src))
		}
		idSet := map[string]bool{}
		for _, id := range ids {
			idSet[id] = true
		}
		for _, l := range anchors[page] {
			frag := l.to[strings.Index(l.to, "#")+1:]
			if f, err := url.PathUnescape(frag); err == nil && !idSet[f] {
				t.Errorf("%s links to %s: no element has that id", rel(root, l.from), rel(root, l.to))
			}
		}
		if e := errs(); len(e) > 0 {
			t.Errorf("%s: %v", rel(root, page), e)
		}
		for _, href := range got {
			if !strings.HasPrefix(href, "file://") {
				if strings.HasPrefix(href, "https://") || strings.HasPrefix(href, "http://") || strings.HasPrefix(href, "mailto:") || strings.HasPrefix(href, "tel:") {
					continue // external: not followed
				}
				t.Errorf("%s: link %s", rel(root, page), href)
				continue
			}
			file, frag, _ := strings.Cut(href, "#")
			if file == strings.SplitN(page, "#", 2)[0] && frag != "" {
				if f, err := url.PathUnescape(frag); err == nil && !idSet[f] {
					t.Errorf("%s: in-page link #%s names no element", rel(root, page), frag)
				}
				continue
			}
			path, _ := url.PathUnescape(strings.TrimPrefix(file, "file://"))
			fi, err := os.Stat(filepath.FromSlash(path))
			if err != nil || fi.IsDir() {
				t.Errorf("%s: broken link %s", rel(root, page), rel(root, href))
				continue
			}
			if !strings.HasPrefix(file, rootURL) {
				t.Errorf("%s: link %s leaves the bundle", rel(root, page), href)
			}
			if !strings.HasSuffix(file, ".html") {
				continue
			}
			if frag != "" {
				anchors[file] = append(anchors[file], link{page, href})
			}
			if !seen[file] {
				seen[file] = true
				queue = append(queue, file)
			}
		}
	}
	// Every page was reached (alias pages aside: only old links lead there).
	var missed []string
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") || p == filepath.Join(root, "index.html") {
			return err
		}
		data, _ := os.ReadFile(p)
		if strings.Contains(string(data), `http-equiv="refresh"`) {
			return nil
		}
		if !seen["file://"+filepath.ToSlash(p)] {
			missed = append(missed, rel(root, p))
		}
		return nil
	})
	if len(missed) > 0 {
		t.Errorf("pages no link leads to: %v", missed)
	}
	t.Logf("visited %d pages from file://, %d of them in the browser", visited, opened)

	// Search from a page deep in the site.
	if err := chromedp.Do(ctx, chromedp.Navigate(start)); err != nil {
		t.Fatal(err)
	}
	results := searchUI(t, ctx, "通讯录")
	if len(results) == 0 {
		t.Fatal("search for 通讯录 found nothing")
	}
	for _, r := range results {
		file, _, _ := strings.Cut(r, "#")
		path, _ := url.PathUnescape(strings.TrimPrefix(file, "file://"))
		if fi, err := os.Stat(filepath.FromSlash(path)); err != nil || fi.IsDir() || !strings.HasPrefix(r, rootURL) {
			t.Errorf("search result %s is not a file of the bundle", r)
		}
	}
	// A reader's question finds the answer in part; a query that finds
	// nothing offers the start-here links, which are files of the bundle.
	if links := searchUI(t, ctx, "欠网贷会坐牢吗"); len(links) == 0 || !strings.Contains(links[0], "/faq/not-repaying-crime/index.html") {
		t.Errorf("a reader's question: %v", links)
	}
	for _, l := range startLinks(t, ctx) {
		path, _ := url.PathUnescape(strings.TrimPrefix(l, "file://"))
		if fi, err := os.Stat(filepath.FromSlash(path)); err != nil || fi.IsDir() {
			t.Errorf("start-here link %s is not a file of the bundle", l)
		}
	}
	if e := errs(); len(e) > 0 {
		t.Errorf("search: %v", e)
	}
}

var (
	bodyClassRe = regexp.MustCompile(`<body[^>]*>`)
	linkTagRe   = regexp.MustCompile(`<(?:a|link|script|img|form)\b[^>]*>`)
	linkAttrRe  = regexp.MustCompile(`\s(?:href|src|action)="([^"]*)"`)
	idAttrRe    = regexp.MustCompile(`<[a-zA-Z][^>]*?\sid="([^"]*)"`)
)

// fileLinks reads what the browser would give for a page of the bundle
// from its HTML: the URLs of its links, stylesheets, scripts, images and
// forms, resolved against the page's URL, and the ids of its elements.
// Links the search box's script rewrites (data-url) are left to the pages
// opened in the browser.
func fileLinks(t *testing.T, page, text string) (links, ids []string) {
	t.Helper()
	base, err := url.Parse(page)
	if err != nil {
		t.Fatal(err)
	}
	for _, tag := range linkTagRe.FindAllString(text, -1) {
		m := linkAttrRe.FindStringSubmatch(tag)
		if m == nil || strings.Contains(tag, " data-url=") {
			continue
		}
		u, err := url.Parse(stdhtml.UnescapeString(m[1]))
		if err != nil {
			t.Errorf("%s: link %q: %v", page, m[1], err)
			continue
		}
		links = append(links, base.ResolveReference(u).String())
	}
	for _, m := range idAttrRe.FindAllStringSubmatch(text, -1) {
		ids = append(ids, stdhtml.UnescapeString(m[1]))
	}
	return links, ids
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// startLinks searches for something no page holds and returns the
// start-here links the search box offers.
func startLinks(t *testing.T, ctx context.Context) []string {
	t.Helper()
	searchUI(t, ctx, "zzqqxx")
	links, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`document.querySelector(".search-start").hidden ? [] : Array.from(document.querySelectorAll(".search-start a"), a => a.href)`))
	if err != nil {
		t.Fatal(err)
	}
	if len(links) < 2 {
		t.Errorf("start-here links: %v", links)
	}
	return links
}

// searchUI types q into the search box of the page open and returns the
// result links.
func searchUI(t *testing.T, ctx context.Context, q string) []string {
	t.Helper()
	wait := 10 * time.Second
	err := chromedp.Do(ctx,
		chromedp.WaitReady(chromedp.ID("zhkb-q")),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("zhkb-q").value = ""`),
		chromedp.SendKeys(chromedp.ID("zhkb-q"), q),
		sitetest.Until(`document.querySelector("form.search").getAttribute("data-shown") === `+jsString(q), wait),
	)
	if err != nil {
		t.Fatal(err)
	}
	links, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#zhkb-results a[role=option]"), a => a.href)`))
	if err != nil {
		t.Fatal(err)
	}
	return links
}

func rel(root, p string) string {
	p = strings.TrimPrefix(p, "file://")
	if r, err := filepath.Rel(filepath.ToSlash(root), p); err == nil {
		return r
	}
	return p
}

// TestSingleFileInBrowser opens each variant's single-file bundle and
// reaches every route by following links from the home route (reading the
// routes' templates), checking that each holds its page and that every link
// leads to a route, anchor, or the other variants' files; the router shows
// two routes of each kind of page, with nothing logged as an error; and
// search results lead to routes. It prints the file's size and, with the CPU slowed four times
// as on a mid-range phone, how long it takes to become interactive.
func TestSingleFileInBrowser(t *testing.T) {
	t.Parallel()
	dist, files := bundles(t)
	for _, f := range files {
		if !strings.HasSuffix(f.Path, ".html") {
			continue
		}
		name := filepath.Base(f.Path)
		t.Run(name, func(t *testing.T) {
			ctx := browserContext(t)
			errs := consoleErrors(ctx)
			fileURL := "file://" + filepath.ToSlash(f.Path)

			// Time to interactive on a slowed CPU: one load, a figure for
			// the log, not a target.
			if _, err := chromedp.Call(ctx, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: 4}); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(ctx, chromedp.Navigate(fileURL)); err != nil {
				t.Fatal(err)
			}
			timing, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(() => { const n = performance.getEntriesByType("navigation")[0]; return [n.domInteractive, n.loadEventEnd]; })()`))
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: %.1f KB; with the CPU slowed 4× (one load): DOM interactive %.0f ms, load event %.0f ms", name, float64(f.Size)/1024, timing[0], timing[1])
			if _, err := chromedp.Call(ctx, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: 1}); err != nil {
				t.Fatal(err)
			}

			// Every route's page, read from its template: the router shows
			// a route by putting a copy of its template in #main.
			type route struct {
				Route, Class string
				H1           bool
				Links, IDs   []string
			}
			routes, err := chromedp.Run(ctx, chromedp.Evaluate[[]route](`Array.from(document.querySelectorAll("template[data-route]"), t => ({
				route: t.getAttribute("data-route"), class: t.getAttribute("data-class"), h1: !!t.content.querySelector("h1"),
				links: Array.from(t.content.querySelectorAll("a[href]"), a => a.getAttribute("href")),
				ids: Array.from(t.content.querySelectorAll("[id]"), e => e.id)}))`))
			if err != nil {
				t.Fatal(err)
			}
			// The frame's links (header, footer), the same on every route
			// but those to the other variants' files, which carry the route.
			frameLinks, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("a[href]"), a => a).filter(a => !document.getElementById("main").contains(a)).map(a => a.getAttribute("href"))`))
			if err != nil {
				t.Fatal(err)
			}
			byRoute := map[string]*route{}
			for i := range routes {
				byRoute[routes[i].Route] = &routes[i]
			}
			// From the home route, follow every link; each route holds a
			// heading, and each link leads to a route (and anchor), to
			// the other variants' files, or out of the bundle.
			queue, seen := []string{""}, map[string]bool{"": true}
			type anchorLink struct{ from, anchor string }
			anchors := map[string][]anchorLink{}
			var visited []*route
			for len(queue) > 0 {
				r := byRoute[queue[0]]
				queue = queue[1:]
				visited = append(visited, r)
				if !r.H1 {
					t.Errorf("route %q shows no heading", r.Route)
				}
				links := r.Links
				if r.Route == "" {
					links = append(links, frameLinks...)
				}
				for _, href := range links {
					switch {
					case strings.HasPrefix(href, "#/"):
						to, anchor, _ := strings.Cut(href[2:], "#")
						if byRoute[to] == nil {
							t.Errorf("route %q: link %s leads to no page", r.Route, href)
							continue
						}
						if anchor != "" {
							a, _ := url.PathUnescape(anchor)
							anchors[to] = append(anchors[to], anchorLink{r.Route, a})
						}
						if !seen[to] {
							seen[to] = true
							queue = append(queue, to)
						}
					case href == "#main" || strings.HasPrefix(href, "https://") || strings.HasPrefix(href, "http://") || strings.HasPrefix(href, "data:") || strings.HasPrefix(href, "tel:"):
					case strings.Contains(href, ".html#/"):
						other, _, _ := strings.Cut(href, "#")
						if _, err := os.Stat(filepath.Join(dist, other)); err != nil {
							t.Errorf("route %q: link %s: no such file beside the bundle", r.Route, href)
						}
					default:
						t.Errorf("route %q: link %q would need another file", r.Route, href)
					}
				}
			}
			for to, links := range anchors {
				for _, l := range links {
					if !slices.Contains(byRoute[to].IDs, l.anchor) {
						t.Errorf("route %q links to #%s in %q: no such element", l.from, l.anchor, to)
					}
				}
			}
			var missed []string
			for _, r := range routes {
				if !seen[r.Route] {
					missed = append(missed, r.Route)
				}
			}
			sort.Strings(missed)
			if len(missed) > 0 {
				t.Errorf("routes no link leads to: %v", missed)
			}

			// The router shows them: the first two routes of each kind of
			// page, as the crawl reached them, each through its hash, with
			// its heading, the template's links and no error; and the
			// links to the other variants' files carry the route.
			shown, showed := map[string]int{}, 0
			for _, r := range visited {
				if shown[r.Class]++; shown[r.Class] > 2 {
					continue
				}
				showed++
				err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`location.hash = %q`, "#/"+r.Route)),
					sitetest.Until(fmt.Sprintf(`document.documentElement.getAttribute("data-route") === %q`, r.Route), 5*time.Second))
				if err != nil {
					t.Errorf("route %q: %v", r.Route, err)
					continue
				}
				state, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]any](`({
					h1: (document.querySelector("#main h1") || {}).textContent || "",
					links: Array.from(document.querySelectorAll("#main a[href]"), a => a.getAttribute("href")).join(" "),
					variants: Array.from(document.querySelectorAll("a[data-variant-file]"), a => a.getAttribute("href"))})`))
				if err != nil {
					t.Fatal(err)
				}
				if state["h1"] == "" {
					t.Errorf("route %q: the router shows no heading", r.Route)
				}
				if got := state["links"].(string); got != strings.Join(r.Links, " ") {
					t.Errorf("route %q: the router shows other links than its template's", r.Route)
				}
				for _, v := range state["variants"].([]any) {
					if _, hash, _ := strings.Cut(v.(string), "#"); hash != "/"+r.Route {
						t.Errorf("route %q: the link to another variant's file is %s", r.Route, v)
					}
				}
				if e := errs(); len(e) > 0 {
					t.Errorf("route %q: %v", r.Route, e)
				}
			}
			t.Logf("crawled %d of %d routes; the router showed %d, at most two of each of %d kinds of page", len(seen), len(routes), showed, len(shown))

			// Search: results link to routes, and following one shows it.
			if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`location.hash = "#/laws/"`)); err != nil {
				t.Fatal(err)
			}
			links := searchUI(t, ctx, "通讯录")
			if len(links) == 0 {
				t.Fatal("search for 通讯录 found nothing")
			}
			for _, l := range links {
				_, hash, _ := strings.Cut(l, "#")
				r, _, _ := strings.Cut(strings.TrimPrefix(hash, "/"), "#")
				if !strings.HasPrefix(hash, "/") || byRoute[r] == nil {
					t.Errorf("search result %s is not a route of the file", l)
				}
			}
			_, firstHash, _ := strings.Cut(links[0], "#")
			err = chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#zhkb-results a[role=option]`)),
				sitetest.Until(fmt.Sprintf(`document.getElementById("zhkb-results").hidden && decodeURIComponent(location.hash) === decodeURIComponent(%q) && document.querySelector("#main h1")`, "#"+firstHash), 5*time.Second))
			if err != nil {
				t.Errorf("following a search result: %v", err)
			}
			// A reader's question; nothing found: start-here routes.
			if links := searchUI(t, ctx, "欠网贷会坐牢吗"); len(links) == 0 || !strings.Contains(links[0], "#/faq/not-repaying-crime/") {
				t.Errorf("a reader's question: %v", links)
			}
			for _, l := range startLinks(t, ctx) {
				_, hash, _ := strings.Cut(l, "#")
				if r, _, _ := strings.Cut(strings.TrimPrefix(hash, "/"), "#"); !strings.HasPrefix(hash, "/") || byRoute[r] == nil {
					t.Errorf("start-here link %s is not a route of the file", l)
				}
			}
			if e := errs(); len(e) > 0 {
				t.Errorf("search: %v", e)
			}
		})
	}
}

// TestRouterHostileHashes opens the single-file bundle with hostile hashes
// (markup, script, bad percent-encoding, path climbing, selectors that
// would break a query) and checks that nothing runs, nothing throws, and
// the reader lands on a page of the bundle (the home page for unknown
// routes).
func TestRouterHostileHashes(t *testing.T) {
	t.Parallel()
	_, files := bundles(t)
	var single string
	for _, f := range files {
		if strings.HasSuffix(f.Path, "-zh-hans.html") {
			single = f.Path
		}
	}
	if single == "" {
		t.Fatal("no zh-hans single-file bundle")
	}
	ctx := browserContext(t)
	errs := consoleErrors(ctx)
	fileURL := "file://" + filepath.ToSlash(single)
	for _, hash := range []string{
		`#/"><img src=x onerror="window.__pwned=1">`,
		`#/%3Cscript%3Ewindow.__pwned=1%3C%2Fscript%3E`,
		`#/../../../etc/passwd`,
		`#%E0%A4%A`,
		`#/laws/#"]</style><img src=x onerror=window.__pwned=1>`,
		`#')]},{x:1}//`,
		`#/` + strings.Repeat("长", 500),
		`#javascript:window.__pwned=1`,
	} {
		name := hash
		if r := []rune(name); len(r) > 40 {
			name = string(r[:40]) + "…"
		}
		err := chromedp.Do(ctx, chromedp.Navigate("about:blank"), chromedp.Navigate(fileURL+hash), chromedp.WaitReady("#main"),
			sitetest.Until(`document.documentElement.hasAttribute("data-route")`, 10*time.Second))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[String(window.__pwned), document.documentElement.getAttribute("data-route"), String(document.querySelectorAll("#main img[src=x]").length)]`))
		if err != nil {
			t.Fatal(err)
		}
		if got[0] != "undefined" || got[2] != "0" {
			t.Errorf("%s: injected markup ran or was inserted: %v", name, got)
		}
		if e := errs(); len(e) > 0 {
			t.Errorf("%s: errors: %v", name, e)
		}
	}
}
