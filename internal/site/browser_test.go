package site

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/zhkb/zhkb/internal/content"
	"github.com/zhkb/zhkb/internal/sitetest"
)

// browserContext starts headless Chromium (see sitetest.Browser).
func browserContext(t *testing.T) context.Context { return sitetest.Browser(t) }

// TestLandingPicksVariant opens the root page with different browser
// languages, over HTTP and from file://, and checks where it sends the reader.
func TestLandingPicksVariant(t *testing.T) {
	t.Parallel()
	root := fixture(t)
	out, _ := build(t, root)
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer srv.Close()
	ctx := browserContext(t)

	version, err := chromedp.CallBrowser(ctx, browser.GetVersion, cdp.Empty{})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ lang, want string }{
		{"zh-TW,zh;q=0.9", "zh-hant/"},
		{"zh-HK,en;q=0.8", "zh-hk/"},
		{"zh-Hant-MO", "zh-hant/"},
		{"zh-CN,zh;q=0.9", "zh-hans/"},
		{"en-US,zh-TW;q=0.5", "zh-hant/"},
		{"en-US,fr", "zh-hans/"},
	}
	bases := map[string]string{
		"http": srv.URL + "/",
		"file": "file://" + filepath.ToSlash(out) + "/",
	}
	for scheme, base := range bases {
		for _, c := range cases {
			want := base + c.want
			if scheme == "file" {
				want += "index.html"
			}
			_, err := chromedp.Call(ctx, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{UserAgent: version.UserAgent, AcceptLanguage: c.lang})
			if err == nil {
				err = chromedp.Do(ctx, chromedp.Navigate(base+"index.html"),
					sitetest.Until(`location.href.indexOf("/zh-") >= 0 && document.readyState === "complete"`, 10*time.Second))
			}
			var got, lang string
			if err == nil {
				got, err = chromedp.Run(ctx, chromedp.Location())
			}
			if err == nil {
				lang, err = chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.lang`))
			}
			if err != nil {
				t.Errorf("%s %s: %v", scheme, c.lang, err)
				continue
			}
			if got != want {
				t.Errorf("%s with languages %s: went to %s, want %s", scheme, c.lang, got, want)
			}
			if scheme == "file" && !strings.HasPrefix(lang, "zh-") {
				t.Errorf("%s: page did not load from disk (lang %q)", got, lang)
			}
		}
	}
}

// TestRootNotFoundPicksVariant opens missing pages on a host that serves
// the root 404.html for every missing path (as GitHub Pages does) and
// checks that readers see the 404 page of the variant the path is in, else
// of their browser's languages, in their region's wording, with a search
// box that searches that variant.
func TestRootNotFoundPicksVariant(t *testing.T) {
	t.Parallel()
	root := fixture(t)
	out, _ := build(t, root)
	files := http.FileServer(http.Dir(out))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(r.URL.Path))); err != nil {
			page, _ := os.ReadFile(filepath.Join(out, "404.html"))
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			w.Write(page)
			return
		}
		files.ServeHTTP(w, r)
	}))
	defer srv.Close()
	ctx := browserContext(t)
	version, err := chromedp.CallBrowser(ctx, browser.GetVersion, cdp.Empty{})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ path, langs, wantLang, wantH1, wantIndex string }{
		{"/zh-hant/no/such/page/", "zh-CN", "zh-Hant", "找不到這個頁面", "/zh-hant/search/"},
		{"/zh-hk/gone.html", "en-US", "zh-HK", "找不到此頁面", "/zh-hk/search/"},
		{"/zh-hans/gone/", "zh-TW", "zh-Hans", "找不到这个页面", "/zh-hans/search/"},
		{"/gone/", "zh-TW,zh;q=0.9", "zh-Hant", "找不到這個頁面", "/zh-hant/search/"},
		{"/gone/", "en-US,fr", "zh-Hans", "找不到这个页面", "/zh-hans/search/"},
	}
	for _, c := range cases {
		_, err := chromedp.Call(ctx, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{UserAgent: version.UserAgent, AcceptLanguage: c.langs})
		if err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+c.path), chromedp.WaitReady("h1")); err != nil {
			t.Fatalf("%s: %v", c.path, err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[document.documentElement.lang, document.querySelector("main h1").textContent, document.querySelector("form.search").getAttribute("data-index"), document.title]`))
		if err != nil {
			t.Fatal(err)
		}
		if got[0] != c.wantLang || got[1] != c.wantH1 || got[2] != c.wantIndex {
			t.Errorf("%s with %s: lang %q, h1 %q, search index %q; want %q, %q, %q", c.path, c.langs, got[0], got[1], got[2], c.wantLang, c.wantH1, c.wantIndex)
		}
		if !strings.HasPrefix(got[3], c.wantH1) {
			t.Errorf("%s with %s: title %q", c.path, c.langs, got[3])
		}
	}
	// The search box of a Traditional 404 page searches the Traditional pages.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/zh-hant/gone/"), chromedp.WaitReady("h1")); err != nil {
		t.Fatal(err)
	}
	links := searchUI(t, ctx, "隱私")
	if len(links) == 0 || !strings.Contains(links[0], "/zh-hant/") {
		t.Errorf("search on the Traditional 404 page: %v", links)
	}
}

// TestPublicFromDisk opens the built site from disk (file://), as the
// README's first instruction does, and checks that every link on the pages
// it visits leads to a file, not a folder listing, and that clicking one
// opens the page.
func TestPublicFromDisk(t *testing.T) {
	t.Parallel()
	out, _ := build(t, fixture(t))
	ctx := browserContext(t)
	base := "file://" + filepath.ToSlash(out) + "/"
	checkFromDisk(t, ctx, out, "zh-hans/index.html", "zh-hant/guide/code/index.html", "zh-hans/tags/index.html")
	// A click on a section link opens its page.
	err := chromedp.Do(ctx, chromedp.Navigate(base+"zh-hans/index.html"), chromedp.WaitReady("#main"),
		chromedp.Click(`a[href$="/zh-hans/guide/index.html"]`, chromedp.NodeVisible))
	if err != nil {
		t.Fatalf("clicking a section link from disk: %v", err)
	}
	var loc string
	for i := 0; i < 100 && !strings.HasSuffix(loc, "/zh-hans/guide/index.html"); i++ {
		time.Sleep(50 * time.Millisecond)
		loc, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`document.readyState === "complete" ? location.href : ""`))
	}
	if !strings.HasSuffix(loc, "/zh-hans/guide/index.html") {
		t.Fatalf("the click went to %q", loc)
	}
	if lang, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.lang`)); lang != "zh-Hans" {
		t.Errorf("the section page did not open (lang %q)", lang)
	}
}

// checkFromDisk opens each page of out from file:// and checks that every
// link to a file:// address leads to a file, not to a folder.
func checkFromDisk(t *testing.T, ctx context.Context, out string, pages ...string) {
	t.Helper()
	base := "file://" + filepath.ToSlash(out) + "/"
	for _, page := range pages {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+page), chromedp.WaitReady("#main")); err != nil {
			t.Fatal(err)
		}
		hrefs, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("a[href]"), a => a.href)`))
		if err != nil {
			t.Fatal(err)
		}
		checked := 0
		for _, h := range hrefs {
			if !strings.HasPrefix(h, "file://") {
				continue
			}
			p, _, _ := strings.Cut(strings.TrimPrefix(h, "file://"), "#")
			p, _ = url.PathUnescape(p)
			if info, err := os.Stat(p); err != nil || info.IsDir() {
				t.Errorf("%s: link %s is not a file", page, h)
			}
			checked++
		}
		if checked < 5 {
			t.Errorf("%s: only %d links to check", page, checked)
		}
	}
}

// TestPrintStyles checks what a printout of an article shows: the site's
// name and disclaimer, no search box or menu, and where a link leads.
func TestPrintStyles(t *testing.T) {
	t.Parallel()
	out, _ := build(t, fixture(t))
	ctx := browserContext(t)
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+filepath.ToSlash(out)+"/zh-hans/guide/code/index.html"), chromedp.WaitReady("#main")); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => {
		const shown = sel => { const e = document.querySelector(sel); return e ? String(e.getClientRects().length > 0) : "missing"; };
		const ext = document.querySelector('.prose a[href^="http"]');
		return [shown(".site-title"), shown(".site-footer p"), shown("form.search"), shown(".site-nav"),
			ext ? getComputedStyle(ext, "::after").content : "no web link"];
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if got[0] != "true" || got[1] != "true" || got[2] != "false" || got[3] != "false" || !strings.Contains(got[4], "https://") {
		t.Errorf("printout: site title %s, disclaimer %s, search box %s, menu %s, link target %s", got[0], got[1], got[2], got[3], got[4])
	}
}

// TestCopyButtons checks the copy button under each quoted block of an
// article: it puts the block's text on the clipboard and says so.
func TestCopyButtons(t *testing.T) {
	t.Parallel()
	root := fixture(t)
	writeFile(t, root, "content/guide/letter.md", "+++\ntitle = \"信\"\n+++\n\n> 你好，请删除我的号码。\n>\n> 谢谢。\n\n正文。\n\n> 第二封\n")
	out, _ := build(t, root)
	ctx := browserContext(t)
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+filepath.ToSlash(out)+"/zh-hant/guide/letter/index.html"), chromedp.WaitReady("#main")); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`new Promise(done => {
		let copied = null;
		Object.defineProperty(navigator, "clipboard", { value: { writeText: s => { copied = s; return Promise.resolve(); } } });
		const buttons = document.querySelectorAll(".prose blockquote + button.copy");
		const label = buttons[0].textContent;
		buttons[0].click();
		setTimeout(() => done([String(buttons.length), label, copied, buttons[0].textContent]), 100);
	})`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if got[0] != "2" || got[1] != "複製" || got[2] != "你好，請刪除我的號碼。\n\n謝謝。" || got[3] != "已複製" {
		t.Errorf("buttons %s, label %q, copied %q, then %q", got[0], got[1], got[2], got[3])
	}

	// A letter template: one button after the first rule copies the whole
	// letter up to the next rule, its list numbers kept, and nothing above
	// or below it.
	writeFile(t, root, "content/guide/form.md", "+++\ntitle = \"申请书\"\n[params]\ntemplate = \"letter\"\n+++\n\n把方括号换成你的情况。\n\n---\n\n**申请书**\n\n致：[平台名称]\n\n3. 删除我的信息；\n4. 书面答复。\n\n- 附件\n\n---\n\n寄出以后保存回执。\n")
	out, _ = build(t, root)
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+filepath.ToSlash(out)+"/zh-hans/guide/form/index.html"), chromedp.WaitReady("#main")); err != nil {
		t.Fatal(err)
	}
	got, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](`new Promise(done => {
		let copied = null;
		Object.defineProperty(navigator, "clipboard", { value: { writeText: s => { copied = s; return Promise.resolve(); } } });
		const buttons = document.querySelectorAll("button.copy-letter");
		const b = document.querySelector(".prose > hr + .letter-tools button.copy-letter");
		b.click();
		setTimeout(() => done([String(buttons.length), b.textContent, copied]), 100);
	})`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if got[0] != "1" || got[2] != "申请书\n\n致：[平台名称]\n\n3. 删除我的信息；\n4. 书面答复。\n\n- 附件" {
		t.Errorf("letter: %s buttons, after the click %q, copied %q", got[0], got[1], got[2])
	}
}

// TestPhoneLayout opens a long article on a phone-sized screen and checks
// that the text starts within the first screen: the contents are closed
// there (and open on a wide screen).
func TestPhoneLayout(t *testing.T) {
	t.Parallel()
	out := lookSite(t) // the bundled site, built once for the tests that only read it
	ctx := browserContext(t)
	page := "file://" + filepath.ToSlash(out) + "/zh-hans/steps/first-24-hours/index.html"
	for _, c := range []struct {
		width, height int64
		open          bool
	}{{390, 844, false}, {1280, 900, true}} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(c.width, c.height), chromedp.Navigate(page), chromedp.WaitReady("#main")); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`[document.querySelector("details.toc").open ? 1 : 0, document.querySelector(".prose p").getBoundingClientRect().top, document.querySelector(".site-header").getBoundingClientRect().height]`))
		if err != nil {
			t.Fatal(err)
		}
		if (got[0] == 1) != c.open {
			t.Errorf("%d px wide: contents open = %v", c.width, got[0] == 1)
		}
		if got[1] > float64(c.height) {
			t.Errorf("%d px wide: the text starts at %.0f px, below the first screen", c.width, got[1])
		}
		t.Logf("%d×%d: header %.0f px, text starts at %.0f px", c.width, c.height, got[2], got[1])
	}
}

// TestKnowledgeBaseLetterCopy clicks the letter button of every letter
// template of the bundled knowledge base, in both variants: the text
// copied is the letter between the article's first two rules — its first
// and last lines, every numbered request with its number — and nothing of
// what follows it (what to do after sending, the legal basis, the footer).
func TestKnowledgeBaseLetterCopy(t *testing.T) {
	t.Parallel()
	site, err := content.Load("../../content", content.Options{})
	if err != nil {
		t.Fatal(err)
	}
	base := lookServer(t, lookSite(t))
	ctx := browserContext(t)
	inline := regexp.MustCompile(`\*\*|\[([^\]]*)\]\([^)]*\)`)
	plain := func(s string) string {
		return strings.TrimSpace(inline.ReplaceAllStringFunc(s, func(m string) string {
			if m == "**" {
				return ""
			}
			return inline.FindStringSubmatch(m)[1]
		}))
	}
	letters := 0
	for _, p := range site.Pages {
		if p.Front.Params["template"] != "letter" {
			continue
		}
		letters++
		parts := strings.Split(string(p.Body), "\n---\n")
		if len(parts) < 3 {
			t.Errorf("%s: the letter does not stand between two rules (---)", p.File)
			continue
		}
		var lines []string
		for _, l := range strings.Split(parts[1], "\n") {
			if l = plain(l); l != "" {
				lines = append(lines, l)
			}
		}
		numbered := regexp.MustCompile(`(?m)^\d+\. `).FindAllString(parts[1], -1)
		next := "" // the first line after the letter
		for _, l := range strings.Split(parts[2], "\n") {
			if l = plain(l); l != "" {
				next = l
				break
			}
		}
		for _, dir := range []string{"zh-hans", "zh-hant"} {
			err := chromedp.Do(ctx, chromedp.Navigate(base+"/"+dir+"/"+p.URL()), chromedp.WaitReady("#main"))
			if err != nil {
				t.Fatal(err)
			}
			copied, err := chromedp.Run(ctx, chromedp.Evaluate[string](`new Promise(done => {
				let copied = "";
				Object.defineProperty(navigator, "clipboard", { value: { writeText: s => { copied = s; return Promise.resolve(); } } });
				const b = document.querySelector(".prose > hr + .letter-tools button.copy-letter");
				if (!b) return done("no button");
				b.click();
				setTimeout(() => done(copied), 100);
			})`, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatal(err)
			}
			after := map[string]string{"zh-hans": "本站提供法律信息", "zh-hant": "本站提供法律資訊"}[dir]
			heading := regexp.MustCompile(`(?m)^(依据|依據)$`)
			if strings.Contains(copied, after) || heading.MatchString(copied) || (dir == "zh-hans" && next != "" && strings.Contains(copied, next)) {
				t.Errorf("%s/%s: the copied letter runs past its end:\n%s", dir, p.URL(), copied)
			}
			if got := len(regexp.MustCompile(`(?m)^\d+\. `).FindAllString(copied, -1)); got != len(numbered) {
				t.Errorf("%s/%s: %d numbered lines copied, the letter has %d:\n%s", dir, p.URL(), got, len(numbered), copied)
			}
			if dir == "zh-hans" && (!strings.HasPrefix(copied, lines[0]) || !strings.HasSuffix(copied, lines[len(lines)-1])) {
				t.Errorf("%s/%s: the copy does not run from %q to %q:\n%s", dir, p.URL(), lines[0], lines[len(lines)-1], copied)
			}
		}
	}
	if letters < 5 {
		t.Errorf("%d letter templates, want at least 5", letters)
	}
}
