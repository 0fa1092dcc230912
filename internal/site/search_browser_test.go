package site

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/zhkb/zhkb/internal/convert"
	"github.com/zhkb/zhkb/internal/search/searchtest"
	"github.com/zhkb/zhkb/internal/sitetest"
)

// engine opens a variant's search index of a built site in the search
// engine, run in node: read by ranges as from a web server, or whole as
// from file://.
func engine(t *testing.T, out, dir string, ranges bool) *searchtest.Searcher {
	t.Helper()
	return searchtest.OpenDir(t, filepath.Join(out, dir, "search"), ranges)
}

type jsResult struct {
	Doc     int      `json:"doc"`
	URL     string   `json:"url"`
	Title   string   `json:"title"`
	Heading string   `json:"heading"`
	Snippet string   `json:"snippet"`
	Marks   [][2]int `json:"marks"`
	Exact   bool     `json:"exact"`
}

// TestSearchInBrowser runs queries through the runtime in Chromium, over
// HTTP and from file://, and checks them against the engine run in node
// and against what each query must find.
func TestSearchInBrowser(t *testing.T) {
	t.Parallel()
	out, _ := build(t, fixture(t))
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer srv.Close()
	ctx := browserContext(t)

	queries := []struct {
		variant, q string
		want       []string // URLs (without anchor) that must be among the results
		none       bool     // no result holds the query verbatim
	}{
		{"zh-hans", "通讯录", []string{"zh-hans/laws/collection/"}, false}, // inside 爆通讯录
		{"zh-hans", "催收", []string{"zh-hans/laws/collection/", "zh-hans/guide/links/"}, false},
		{"zh-hans", "法", []string{"zh-hans/laws/collection/", "zh-hans/laws/law/"}, false}, // one character
		{"zh-hans", "pipl", []string{"zh-hans/laws/collection/"}, false},                   // Latin, any case
		{"zh-hans", "PI", []string{"zh-hans/laws/collection/"}, false},                     // prefix
		{"zh-hans", "12378", []string{"zh-hans/laws/collection/"}, false},
		{"zh-hans", "通訊錄", []string{"zh-hans/laws/collection/"}, false}, // Traditional query, Simplified site
		{"zh-hant", "通讯录", []string{"zh-hant/laws/collection/"}, false}, // and the other way round
		{"zh-hant", "頭髮", []string{"zh-hant/laws/collection/"}, false},
		{"zh-hk", "發展", []string{"zh-hk/laws/collection/"}, false},
		{"zh-hans", "私人生活 安宁", []string{"zh-hans/laws/collection/", "zh-hans/laws/law/"}, false},
		{"zh-hans", "拨打12378", []string{"zh-hans/laws/collection/"}, false},
		{"zh-hans", "通讯簿", []string{"zh-hans/laws/collection/"}, true}, // in part: 通讯
		{"zh-hans", "安宁私人", []string{"zh-hans/laws/law/"}, true},       // every bigram exists, the phrase does not
		{"zh-hans", "<img src=x onerror=alert(1)>", nil, true},
	}
	var dialogs atomic.Int32
	if err := chromedp.Listen(ctx, func(ev any) {
		if _, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			dialogs.Add(1)
		}
	}); err != nil {
		t.Fatal(err)
	}
	for scheme, base := range map[string]string{"http": srv.URL + "/", "file": "file://" + filepath.ToSlash(out) + "/"} {
		open := "" // queries of a variant ask the page open, one after the other
		for _, q := range queries {
			name := fmt.Sprintf("%s %s %s", scheme, q.variant, q.q)
			if pageURL := base + q.variant + "/index.html"; pageURL != open {
				if err := chromedp.Do(ctx, chromedp.Navigate(pageURL)); err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				open = pageURL
			}
			qJSON, _ := json.Marshal(q.q)
			raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](`zhkbSearch.query(`+string(qJSON)+`, 10).then(r => JSON.stringify(r.results))`, chromedp.EvalAsValue, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			var got []jsResult
			if err := json.Unmarshal([]byte(raw), &got); err != nil {
				t.Fatalf("%s: %v in %s", name, err, raw)
			}
			// The runtime in the page and the engine in node agree exactly.
			nodeRes := engine(t, out, q.variant, scheme == "http").Search(q.q, 10)
			if len(nodeRes) != len(got) {
				t.Errorf("%s: runtime found %d, node %d", name, len(got), len(nodeRes))
			}
			for i := 0; i < len(got) && i < len(nodeRes); i++ {
				g, w := got[i], nodeRes[i]
				if g.Doc != w.Doc || g.URL != w.URL || g.Heading != w.Heading || g.Snippet != w.Snippet || fmt.Sprint(g.Marks) != fmt.Sprint(w.Marks) || g.Exact != w.Exact {
					t.Errorf("%s: result %d differs:\nruntime %+v\nnode    %+v", name, i, g, w)
				}
			}
			exact := 0
			for i, g := range got {
				if g.Exact {
					if i > exact {
						t.Errorf("%s: exact result %s ranks below a partial one", name, g.URL)
					}
					exact++
				}
			}
			if q.none && exact > 0 {
				t.Errorf("%s: want no verbatim results, got %+v", name, got)
			}
			for _, w := range q.want {
				found := false
				for _, g := range got {
					found = found || strings.SplitN(g.URL, "#", 2)[0] == w
				}
				if !found {
					t.Errorf("%s: %s not among %+v", name, w, got)
				}
			}
		}
	}
	if n := dialogs.Load(); n > 0 {
		t.Errorf("%d JavaScript dialogs opened: query text reached the page as HTML", n)
	}
}

// TestSearchLongListsInBrowser runs queries whose pairs are in very many
// documents (their lists are not kept) through the runtime from file://,
// and checks that it loads the files the engine in node reads and finds
// the same.
func TestSearchLongListsInBrowser(t *testing.T) {
	t.Parallel()
	out := longListSite(t)
	ctx := browserContext(t)
	for _, q := range []string{"者以", "常见者以", "甲乙者以", "乙者以连", "丙丁者以", "丙丁者以中等", "有甲乙者以连在", "较多丙丁者以也在", "以者", "甲乙 者以"} {
		// A fresh page for each query, so that the files it loads can be
		// compared with those the engine in node reads.
		if err := chromedp.Do(ctx, chromedp.Navigate("file://"+filepath.ToSlash(out)+"/zh-hans/index.html")); err != nil {
			t.Fatal(err)
		}
		qJSON, _ := json.Marshal(q)
		raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](`zhkbSearch.query(`+string(qJSON)+`, 8).then(r => JSON.stringify({total: r.total, results: r.results,
			loaded: Array.from(document.querySelectorAll("script[src*='/search/']"), s => s.getAttribute("src").replace(/^.*\/search\//, "")).sort()}))`, chromedp.EvalAsValue, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		var got struct {
			Total   int        `json:"total"`
			Results []jsResult `json:"results"`
			Loaded  []string   `json:"loaded"`
		}
		if err := json.Unmarshal([]byte(raw), &got); err != nil {
			t.Fatal(err)
		}
		s := engine(t, out, "zh-hans", false)
		want := s.Search(q, 8)
		if wantLoaded := slices.Sorted(slices.Values(s.Reads)); !slices.Equal(got.Loaded, wantLoaded) {
			t.Errorf("%s: runtime loaded %v, node read %v", q, got.Loaded, wantLoaded)
		}
		sameResults(t, q, got.Results, want)
	}
}

var longListOnce struct {
	sync.Once
	dir, out string
	err      error
}

// longListSite builds the test site with 1,200 articles made to give the
// index pairs in very many documents, each with a paragraph more to make
// the index too large to load whole: one read by ranges. It is built once
// for the tests that only read it.
func longListSite(t *testing.T) string {
	t.Helper()
	longListOnce.Do(func() {
		longListOnce.dir, longListOnce.err = os.MkdirTemp("", "zhkb-longlists-")
		if longListOnce.err != nil {
			return
		}
		root := filepath.Join(longListOnce.dir, "site")
		if longListOnce.err = sitetest.CopyTree("testdata/site", root); longListOnce.err != nil {
			return
		}
		filler := strings.Repeat("另有一段说明文字放在这里。", 12)
		for i, body := range sitetest.LongListBodies() {
			p := filepath.Join(root, "content", "bulk", fmt.Sprintf("a%04d.md", i))
			if longListOnce.err = os.MkdirAll(filepath.Dir(p), 0o755); longListOnce.err != nil {
				return
			}
			if longListOnce.err = os.WriteFile(p, fmt.Appendf(nil, "+++\ntitle = \"标题%d\"\n+++\n\n%s\n\n%s\n", i, body, filler), 0o644); longListOnce.err != nil {
				return
			}
		}
		longListOnce.out = filepath.Join(longListOnce.dir, "public")
		_, longListOnce.err = Build(Options{Root: root, Out: longListOnce.out})
	})
	if longListOnce.err != nil {
		t.Fatal(longListOnce.err)
	}
	if _, err := os.Stat(filepath.Join(longListOnce.out, "zh-hans", "search", "p", "0.js")); err != nil {
		t.Fatalf("the index is read whole: %v", err)
	}
	return longListOnce.out
}

// TestSearchRangesInBrowser runs queries over HTTP, where the runtime reads
// posting buckets and documents by byte range, and checks that it reads
// exactly what the engine in node reads in that mode, and finds the same.
func TestSearchRangesInBrowser(t *testing.T) {
	t.Parallel()
	out := longListSite(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer srv.Close()
	ctx := browserContext(t)
	for _, q := range []string{"者以", "常见者以", "甲乙者以", "丙丁者以中等", "以者", "甲乙 者以", "通讯录", "爆通讯录合法吗"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/zh-hans/index.html")); err != nil {
			t.Fatal(err)
		}
		qJSON, _ := json.Marshal(q)
		raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](`zhkbSearch.query(`+string(qJSON)+`, 8).then(r => JSON.stringify({results: r.results, reads: zhkbSearch.reads.filter(f => f !== "meta.js")}))`, chromedp.EvalAsValue, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		var got struct {
			Results []jsResult `json:"results"`
			Reads   []string   `json:"reads"`
		}
		if err := json.Unmarshal([]byte(raw), &got); err != nil {
			t.Fatal(err)
		}
		s := engine(t, out, "zh-hans", true)
		want := s.Search(q, 8)
		reads := slices.DeleteFunc(slices.Clone(s.Reads), func(f string) bool { return f == "meta.js" })
		if !slices.Equal(slices.Sorted(slices.Values(got.Reads)), slices.Sorted(slices.Values(reads))) {
			t.Errorf("%s: runtime read %v, node read %v", q, got.Reads, reads)
		}
		ranged := 0
		for _, r := range got.Reads {
			if strings.Contains(r, "@") {
				ranged++
			}
		}
		if ranged == 0 && len(want) > 0 {
			t.Errorf("%s: nothing was read by range: %v", q, got.Reads)
		}
		sameResults(t, q, got.Results, want)
	}
}

// TestSearchBox drives the search box as a reader does: typing, arrow keys,
// Enter, Escape and the / shortcut.
func TestSearchBox(t *testing.T) {
	t.Parallel()
	out, _ := build(t, fixture(t))
	ctx := browserContext(t)
	base := "file://" + filepath.ToSlash(out) + "/"
	wait := 10 * time.Second
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"zh-hans/guide/code/index.html"),
		chromedp.WaitReady(chromedp.ID("zhkb-q")),
		chromedp.KeyEvent("/"),
		sitetest.Until(`document.activeElement && document.activeElement.id === "zhkb-q"`, wait),
		chromedp.SendKeys(chromedp.ID("zhkb-q"), "通讯录"),
		// Typed a character at a time, each searched at once: wait for the
		// whole word's results, settled.
		sitetest.Until(`document.querySelector("form[data-index]").getAttribute("data-shown") === document.getElementById("zhkb-q").value.trim() && document.querySelectorAll("#zhkb-results [role=option]").length > 0 && !document.getElementById("zhkb-results").hasAttribute("aria-busy")`, wait),
	)
	if err != nil {
		t.Fatal(err)
	}
	state, err := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify({
		expanded: document.getElementById("zhkb-q").getAttribute("aria-expanded"),
		options: document.querySelectorAll("#zhkb-results a[role=option]").length,
		mark: (document.querySelector("#zhkb-results mark") || {}).textContent,
		status: document.querySelector(".search-status").textContent,
		hidden: document.getElementById("zhkb-results").hidden})`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(state, `"expanded":"true"`) || !strings.Contains(state, `"mark":"通讯录"`) || !strings.Contains(state, `"hidden":false`) || !strings.Contains(state, "找到") {
		t.Errorf("after typing: %s", state)
	}
	// Arrow down selects the first option; Enter opens it.
	err = chromedp.Do(ctx,
		chromedp.KeyEvent(kb.ArrowDown),
		sitetest.Until(`document.getElementById("zhkb-q").getAttribute("aria-activedescendant") === "zhkb-result-0"`, wait),
		chromedp.KeyEvent(kb.Enter),
	)
	if err != nil {
		t.Fatalf("arrow + enter: %v", err)
	}
	if loc := waitLocation(ctx, "/laws/collection/index.html"); !strings.HasSuffix(loc, "/laws/collection/index.html") {
		t.Fatalf("Enter on the first result went to %s", loc)
	}
	// Escape closes the list; an XSS attempt shows as text, and so do
	// $& and $' (replacement patterns of String.replace), as typed.
	err = chromedp.Do(ctx,
		chromedp.WaitReady(chromedp.ID("zhkb-q")),
		chromedp.SendKeys(chromedp.ID("zhkb-q"), "<img src=x onerror=alert(1)> $& $'"),
		sitetest.Until(`document.querySelector(".search-status").textContent.indexOf("<img src=x onerror=alert(1)> $& $'") >= 0`, wait),
	)
	if err != nil {
		t.Fatal(err)
	}
	imgs, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("form.search img").length`))
	if imgs != 0 {
		t.Error("query text was parsed as HTML")
	}
	err = chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](`document.getElementById("zhkb-q").value = ""`),
		chromedp.SendKeys(chromedp.ID("zhkb-q"), "催收"),
		sitetest.Until(`document.querySelector("form[data-index]").getAttribute("data-shown") === document.getElementById("zhkb-q").value.trim() && document.querySelectorAll("#zhkb-results [role=option]").length > 0 && !document.getElementById("zhkb-results").hasAttribute("aria-busy")`, wait),
		chromedp.KeyEvent(kb.Escape),
		sitetest.Until(`document.getElementById("zhkb-results").hidden && document.getElementById("zhkb-q").getAttribute("aria-expanded") === "false"`, wait),
	)
	if err != nil {
		t.Fatal(err)
	}
}

// TestSearchBoxComposing: while an input method composes (pinyin letters in
// the field) nothing is searched; the committed text is searched at once,
// with no pause.
func TestSearchBoxComposing(t *testing.T) {
	t.Parallel()
	out, _ := build(t, fixture(t))
	ctx := browserContext(t)
	err := chromedp.Do(ctx,
		chromedp.Navigate("file://"+filepath.ToSlash(out)+"/zh-hans/guide/code/index.html"),
		chromedp.WaitReady(chromedp.ID("zhkb-q")),
	)
	if err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]any](`new Promise(done => {
		const q = document.getElementById("zhkb-q"), list = document.getElementById("zhkb-results");
		const status = () => document.querySelector(".search-status").textContent;
		q.focus();
		q.dispatchEvent(new CompositionEvent("compositionstart", { data: "" }));
		q.value = "tongxunlu";
		q.dispatchEvent(new InputEvent("input", { bubbles: true, isComposing: true, data: "tongxunlu", inputType: "insertCompositionText" }));
		setTimeout(() => {
			const composing = { hidden: list.hidden, status: status() };
			q.value = "通讯录";
			q.dispatchEvent(new InputEvent("input", { bubbles: true, isComposing: true, data: "通讯录", inputType: "insertCompositionText" }));
			q.dispatchEvent(new CompositionEvent("compositionend", { data: "通讯录" }));
			const t0 = performance.now();
			const poll = () => {
				if (!list.hidden && list.querySelectorAll("[role=option]").length) return done({ composing, ms: performance.now() - t0, shown: document.querySelector("form[data-index]").getAttribute("data-shown") });
				if (performance.now() - t0 > 5000) return done({ composing, ms: -1 });
				setTimeout(poll, 5);
			};
			poll();
		}, 400);
	})`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	composing, _ := got["composing"].(map[string]any)
	if composing["hidden"] != true || composing["status"] != "" {
		t.Errorf("searched while composing: %v", composing)
	}
	if got["shown"] != "通讯录" || got["ms"].(float64) < 0 {
		t.Errorf("the committed text was not searched: %v", got)
	}
	t.Logf("committed text to results: %.0f ms", got["ms"])
}

// waitLocation waits up to ten seconds for the page's URL to end in suffix
// (a navigation replaces the page, so it is polled from Go) and returns it.
func waitLocation(ctx context.Context, suffix string) string {
	var loc string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		l, err := chromedp.Run(ctx, chromedp.Location())
		if err == nil {
			loc = l
			if strings.HasSuffix(l, suffix) {
				break
			}
		}
	}
	return loc
}

// TestSearchBoxAnswers drives the search box of the bundled site on a phone
// screen from file://: a question with no verbatim match says so above the
// closest results, a query that finds nothing offers the start-here links,
// the panel keeps within the screen and never moves the page, results of
// the text before a keystroke cannot be followed, and a field that still
// holds a query shows its results again when focused.
func TestSearchBoxAnswers(t *testing.T) {
	t.Parallel()
	out := lookSite(t) // the bundled site, built once for the tests that only read it
	ctx := browserContext(t)
	wait := 10 * time.Second
	typeQuery := func(q string) chromedp.Action[chromedp.Void] {
		qJSON, _ := json.Marshal(q)
		return chromedp.Evaluate[chromedp.Void](`(() => { const i = document.getElementById("zhkb-q"); i.focus(); i.value = ` + string(qJSON) + `; i.dispatchEvent(new Event("input")); })()`)
	}
	state := func() map[string]any {
		st, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]any](`(() => {
			const r = s => document.querySelector(s).getBoundingClientRect();
			const panel = document.querySelector(".search-panel"), more = document.querySelector(".search-more");
			return {
				note: !document.querySelector(".search-note").hidden,
				start: document.querySelector(".search-start").hidden ? [] : Array.from(document.querySelectorAll(".search-start a"), a => a.getAttribute("href")),
				options: document.querySelectorAll("#zhkb-results a[role=option][href]").length,
				nested: document.querySelectorAll("[role=option] a, [role=option] button, #zhkb-results > :not([role=option])").length,
				listHidden: document.getElementById("zhkb-results").hidden,
				stale: document.getElementById("zhkb-results").classList.contains("stale"),
				mainTop: r("main").top,
				panelBottom: r(".search-panel").bottom,
				moreShown: !more.hidden, moreBottom: more.getBoundingClientRect().bottom,
				height: window.innerHeight,
			};
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate("file://"+filepath.ToSlash(out)+"/zh-hans/steps/first-24-hours/index.html"),
		chromedp.WaitReady(chromedp.ID("zhkb-q")),
	)
	if err != nil {
		t.Fatal(err)
	}
	before := state()

	// A reader's question: no verbatim match, the closest results, said so.
	if err := chromedp.Do(ctx, typeQuery("欠网贷会坐牢吗"), sitetest.Until(`!document.getElementById("zhkb-results").hidden`, wait)); err != nil {
		t.Fatal(err)
	}
	st := state()
	if st["note"] != true || st["options"].(float64) == 0 {
		t.Errorf("a question with no verbatim match: %v", st)
	}
	if st["nested"].(float64) != 0 {
		t.Errorf("the listbox holds %v elements that are not options, or options holding controls", st["nested"])
	}
	if st["mainTop"] != before["mainTop"] {
		t.Errorf("the page moved while searching: main at %v, was %v", st["mainTop"], before["mainTop"])
	}

	// Verbatim results, then the loose ones under a line that says so.
	if err := chromedp.Do(ctx, typeQuery("停息挂账 靠谱吗"), sitetest.Until(`document.querySelector("form.search").getAttribute("data-shown") === "停息挂账 靠谱吗"`, wait)); err != nil {
		t.Fatal(err)
	}
	loose, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
		const opts = Array.from(document.querySelectorAll("#zhkb-results [role=option]")), i = opts.findIndex(o => o.classList.contains("loose-first"));
		return i + " " + (i >= 0 ? opts[i].getAttribute("data-loose") + " " + getComputedStyle(opts[i], "::before").content : "");
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(loose, "1 以下结果只包含你问的部分词语") && !strings.HasPrefix(loose, "2 以下结果只包含你问的部分词语") || !strings.Contains(loose, `"以下结果只包含你问的部分词语"`) {
		t.Errorf("verbatim then loose results: the line before the first loose one: %q", loose)
	}

	// A query that finds nothing: the start-here links and all articles.
	if err := chromedp.Do(ctx, typeQuery("zzqqxx"), sitetest.Until(`!document.querySelector(".search-start").hidden`, wait)); err != nil {
		t.Fatal(err)
	}
	st = state()
	start, _ := st["start"].([]any)
	// The site's five start-here articles, crisis help first, and all articles.
	if len(start) != 6 || !strings.Contains(start[0].(string), "/steps/self-care/") {
		t.Errorf("start-here links: %v", start)
	}
	for _, h := range start {
		if !strings.HasSuffix(h.(string), "/index.html") {
			t.Errorf("start-here link %v does not open from disk", h)
		}
	}

	// Many results: the panel, "more" included, stays on the screen.
	if err := chromedp.Do(ctx, typeQuery("催收"), sitetest.Until(`!document.querySelector(".search-more").hidden`, wait)); err != nil {
		t.Fatal(err)
	}
	st = state()
	if st["panelBottom"].(float64) > st["height"].(float64) || st["moreBottom"].(float64) > st["height"].(float64) {
		t.Errorf("the results panel runs off a 390×844 screen: %v", st)
	}

	// A keystroke makes the shown results stale at once: what is on show
	// is hidden or marked stale, unless it is already the new text's.
	if err := chromedp.Do(ctx, typeQuery("催收公")); err != nil {
		t.Fatal(err)
	}
	shownFor := func() string {
		q, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("form[data-index]").getAttribute("data-shown") || ""`))
		if err != nil {
			t.Fatal(err)
		}
		return q
	}
	if st = state(); st["listHidden"] != true && st["stale"] != true && shownFor() != "催收公" {
		t.Errorf("results of the previous text stay usable after a keystroke: %v (shown for %q)", st, shownFor())
	}

	// Closed by a click elsewhere, shown again when the field is clicked.
	err = chromedp.Do(ctx,
		sitetest.Until(`!document.getElementById("zhkb-results").hidden && !document.getElementById("zhkb-results").classList.contains("stale")`, wait),
		chromedp.Evaluate[chromedp.Void](`document.activeElement.blur(); document.querySelector("main").click()`),
		sitetest.Until(`document.getElementById("zhkb-results").hidden`, wait),
		chromedp.Click(chromedp.ID("zhkb-q")),
		sitetest.Until(`!document.getElementById("zhkb-results").hidden`, wait),
	)
	if err != nil {
		t.Errorf("focusing a field that holds a query: %v", err)
	}
}

// sameResults reports where the runtime's results for q differ from the
// engine's in node (URL, snippet and highlights, in order).
func sameResults(t *testing.T, q string, got []jsResult, want []searchtest.Result) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: runtime %d results, node %d", q, len(got), len(want))
		return
	}
	for i := range want {
		if got[i].URL != want[i].URL || got[i].Snippet != want[i].Snippet || fmt.Sprint(got[i].Marks) != fmt.Sprint(want[i].Marks) {
			t.Errorf("%s: result %d: runtime %+v, node %+v", q, i, got[i], want[i])
		}
	}
}

// TestPlannerAgreesInBrowser runs 300 generated queries through the search
// runtime in Chromium (the minified runtime pages load) and through the
// engine in node, on the bundled site's index served over HTTP, and
// requires the same results, in the same order,
// with the same snippets and highlights: substrings of the articles of 1–8
// characters, their Traditional forms, pairs of them with a space, readers'
// question words around them, and hostile strings (markup, regular
// expression syntax, lone punctuation, very long input, emoji).
func TestPlannerAgreesInBrowser(t *testing.T) {
	t.Parallel()
	out := lookSite(t) // the bundled site, built once for the tests that only read it
	var text []rune
	filepath.WalkDir("../../content", func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			data, _ := os.ReadFile(p)
			text = append(text, []rune(string(data))...)
		}
		return nil
	})
	s2tw, err := convert.New("s2tw")
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewSource(7))
	piece := func() string {
		for {
			n := 1 + rng.Intn(8)
			at := rng.Intn(len(text) - n)
			if p := strings.TrimSpace(string(text[at : at+n])); p != "" && !strings.ContainsAny(p, "\n") {
				return p
			}
		}
	}
	queries := []string{"<script>alert(1)</script>", "\" onmouseover=\"x", ".*+?^${}()|[]\\", "，。！？", "-{}-", strings.Repeat("催收", 120), "😀通讯录", "a", "   ", "%2e%2e/", "个人信息保护法第十三条"}
	for len(queries) < 300 {
		switch rng.Intn(4) {
		case 0:
			queries = append(queries, piece())
		case 1:
			queries = append(queries, s2tw.Convert(piece()))
		case 2:
			queries = append(queries, piece()+" "+piece())
		default:
			queries = append(queries, []string{"怎么", "会不会", "能不能", "吗", "怎么办"}[rng.Intn(5)]+piece()+"吗")
		}
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer srv.Close()
	ctx := browserContext(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/zh-hans/index.html")); err != nil {
		t.Fatal(err)
	}
	qJSON, _ := json.Marshal(queries)
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(async qs => { const all = []; for (const q of qs) all.push((await zhkbSearch.query(q, 8)).results); return JSON.stringify(all); })(`+string(qJSON)+`)`, chromedp.EvalAsValue, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	var got [][]jsResult
	if err := json.Unmarshal([]byte(raw), &got); err != nil {
		t.Fatal(err)
	}
	s := engine(t, out, "zh-hans", true)
	found := 0
	for i, q := range queries {
		want := s.Search(q, 8)
		sameResults(t, q, got[i], want)
		if len(want) > 0 {
			found++
		}
	}
	if found < 200 {
		t.Errorf("only %d of %d queries found anything: the queries do not exercise the planner", found, len(queries))
	}
	t.Logf("%d queries, %d with results, runtime and node agree", len(queries), found)
}

// TestSearchNoRangeHost serves a site read by ranges from a host that
// ignores Range (it answers every request with the whole file, and does not
// say Accept-Ranges): the runtime finds that out from the first answers,
// reads whole files from then on (no range after the first query's), finds
// what the engine finds, and never asks for a file twice.
func TestSearchNoRangeHost(t *testing.T) {
	t.Parallel()
	out := longListSite(t)
	var mu sync.Mutex
	asked := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		if r.Method == http.MethodGet {
			asked[r.URL.Path]++
		}
		mu.Unlock()
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(r.URL.Path)))
		if strings.HasSuffix(r.URL.Path, "/") {
			data, err = os.ReadFile(filepath.Join(out, filepath.FromSlash(r.URL.Path), "index.html"))
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		}
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Write(data) // the whole file, whatever Range says
	}))
	defer srv.Close()
	ctx := browserContext(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/zh-hans/")); err != nil {
		t.Fatal(err)
	}
	queries := []string{"常见者以", "甲乙 者以", "通讯录", "丙丁者以中等"}
	qJSON, _ := json.Marshal(queries)
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(async qs => { const all = [], marks = []; for (const q of qs) { all.push((await zhkbSearch.query(q, 8)).results); marks.push(zhkbSearch.reads.length); } return JSON.stringify({all, marks, reads: zhkbSearch.reads}); })(`+string(qJSON)+`)`, chromedp.EvalAsValue, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		All   [][]jsResult `json:"all"`
		Marks []int        `json:"marks"`
		Reads []string     `json:"reads"`
	}
	if err := json.Unmarshal([]byte(raw), &got); err != nil {
		t.Fatal(err)
	}
	s := engine(t, out, "zh-hans", false)
	for i, q := range queries {
		sameResults(t, q, got.All[i], s.Search(q, 8))
	}
	for i, r := range got.Reads {
		if strings.Contains(r, "@") && i >= got.Marks[0] {
			t.Errorf("read %s by range after the first query had shown the host ignores ranges", r)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	for path, n := range asked {
		if n > 1 && strings.Contains(path, "/search/") {
			t.Errorf("%s was fetched %d times", path, n)
		}
	}
}
