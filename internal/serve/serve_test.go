package serve

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/zhkb/zhkb/internal/search/searchtest"
	"github.com/zhkb/zhkb/internal/sitetest"
)

func testSite(t *testing.T) string { return sitetest.Fixture(t, "../..") }

// events reads Server-Sent Events from the preview into a channel, after
// the "hello" every stream starts with, which it checks.
func events(t *testing.T, url string) <-chan string {
	t.Helper()
	ch := rawEvents(t, url)
	select {
	case ev := <-ch:
		if !regexp.MustCompile(`^hello \{"gen":\d+,"error":".*"\}$`).MatchString(ev) {
			t.Fatalf("first event %q, want hello with the generation", ev)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no hello event")
	}
	return ch
}

// rawEvents reads every Server-Sent Event from the preview into a channel.
func rawEvents(t *testing.T, url string) <-chan string {
	t.Helper()
	resp, err := http.Get(url + "/__zhkb/events")
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("events: Content-Type %q", ct)
	}
	t.Cleanup(func() { resp.Body.Close() })
	ch := make(chan string, 16)
	go func() {
		defer close(ch)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		name := ""
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ch <- name + " " + strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	return ch
}

func next(t *testing.T, ch <-chan string, kind string) string {
	t.Helper()
	select {
	case ev := <-ch:
		if !strings.HasPrefix(ev, kind+" ") {
			t.Fatalf("event %q, want %s", ev, kind)
		}
		return ev
	case <-time.After(10 * time.Second):
		t.Fatalf("no %s event within 10s", kind)
	}
	return ""
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// raw sends a request line as written, so that no client cleans the path.
func raw(t *testing.T, addr, method, target string) int {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "%s %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", method, target, addr)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("%s %s: %v", method, target, err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestServe drives the preview over HTTP on loopback: pages with the reload
// script, a reload event and new content after an edit, the error overlay
// over the last good build after a broken edit, and a read-only server that
// keeps every path inside the build.
func TestServe(t *testing.T) {
	root := testSite(t)
	s, err := New(Options{Root: root, Log: io.Discard, Debounce: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close) // after the event stream's cleanup closes it
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go s.Watch(ctx)
	time.Sleep(200 * time.Millisecond) // let the watcher start

	page := srv.URL + "/zh-hans/guide/code/"
	code, body := get(t, page)
	if code != 200 || !strings.Contains(body, "这是正文") || !strings.Contains(body, `<script src="/__zhkb/reload.js" data-gen="1"></script>`) {
		t.Fatalf("page: %d\n%.500s", code, body)
	}
	// The reload script is added when serving, never to the built files.
	tree := s.Tree()
	for _, p := range tree.Paths() {
		if data, _ := tree.File(p); strings.Contains(string(data), "__zhkb") {
			t.Errorf("%s holds the reload script", p)
		}
	}

	ev := events(t, srv.URL)
	file := filepath.Join(root, "content", "guide", "code.md")
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, append(append([]byte(nil), src...), "\n新加的一段话。\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	next(t, ev, "reload")
	if _, body := get(t, page); !strings.Contains(body, "新加的一段话") {
		t.Errorf("after the edit the page lacks the new text")
	}
	// The search index follows the page.
	s.Settle()
	files := map[string][]byte{}
	tree = s.Tree()
	for _, p := range tree.Paths() {
		if name, ok := strings.CutPrefix(p, "zh-hans/search/"); ok {
			files[name], _ = tree.File(p)
		}
	}
	if rs := searchtest.Open(t, files, false).Search("新加的一段话", 5); len(rs) != 1 || !strings.Contains(rs[0].URL, "guide/code/") {
		t.Errorf("after the edit, the search finds %v", rs)
	}

	// A broken file: the overlay names file and line, escaped, over the old page.
	broken := strings.Replace(string(src), "+++\n", "+++\ntitle = 3 <b>\n", 1)
	if err := os.WriteFile(file, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	msg := next(t, ev, "build-error")
	if !strings.Contains(msg, "guide/code.md:2") {
		t.Errorf("error event %s does not name the file and line", msg)
	}
	code, body = get(t, page)
	if code != 200 || !strings.Contains(body, `id="zhkb-build-error"`) || !strings.Contains(body, "guide/code.md:2") || !strings.Contains(body, "新加的一段话") {
		t.Errorf("after a broken edit: %d, overlay or old page missing:\n%.800s", code, body)
	}
	if strings.Contains(body, "title = 3 <b>") {
		t.Error("the overlay shows the error unescaped")
	}
	if err := os.WriteFile(file, src, 0o644); err != nil {
		t.Fatal(err)
	}
	next(t, ev, "reload")
	if _, body := get(t, page); strings.Contains(body, "zhkb-build-error") || strings.Contains(body, "新加的一段话") {
		t.Error("after the fix: overlay still shown, or old text")
	}

	// A link in static/ to a file outside the site is refused.
	outside := filepath.Join(t.TempDir(), "secret.txt")
	os.WriteFile(outside, []byte("secret"), 0o644)
	link := filepath.Join(root, "static", "link.txt")
	if err := os.Symlink(outside, link); err != nil {
		t.Fatal(err)
	}
	if msg := next(t, ev, "build-error"); !strings.Contains(msg, "static/link.txt is a symbolic link to "+outside+", outside the site") {
		t.Errorf("symlink: %s", msg)
	}

	// Read-only, and nothing outside the build.
	addr := strings.TrimPrefix(srv.URL, "http://")
	for _, tt := range []struct {
		method, target string
		want           []int
	}{
		{"GET", "/zh-hans/guide/code/", []int{200}},
		{"HEAD", "/zh-hans/guide/code/", []int{200}},
		{"GET", "/css/zhkb.css", []int{200}},
		{"POST", "/zh-hans/", []int{405}},
		{"PUT", "/zh-hans/x", []int{405}},
		{"DELETE", "/zh-hans/", []int{405}},
		{"GET", "/../config.toml", []int{400, 404}},
		{"GET", "/zh-hans/../../config.toml", []int{400, 404}},
		{"GET", "/%2e%2e/config.toml", []int{400, 404}},
		{"GET", "/zh-hans/..%2f..%2fconfig.toml", []int{400, 404}},
		{"GET", "/zh-hans/%2e%2e%2f%2e%2e%2fconfig.toml", []int{400, 404}},
		{"GET", "/link.txt", []int{404}},
		{"GET", "/zh-hans/guide", []int{301}},
		{"GET", "/zh-hans/no-such-page/", []int{404}},
	} {
		got := raw(t, addr, tt.method, tt.target)
		ok := false
		for _, w := range tt.want {
			ok = ok || got == w
		}
		if !ok {
			t.Errorf("%s %s: %d, want one of %v", tt.method, tt.target, got, tt.want)
		}
	}
	if code, body := get(t, srv.URL+"/zh-hant/no-such-page/"); code != 404 || !strings.Contains(body, "找不到") {
		t.Errorf("miss: %d, not the site's 404 page", code)
	}
	resp, err := http.Get(srv.URL + "/css/zhkb.css")
	if err == nil {
		resp.Body.Close()
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/css") {
			t.Errorf("CSS served as %q", ct)
		}
	}
}

// TestRunStops starts the whole command loop and stops it as Ctrl-C does.
func TestRunStops(t *testing.T) {
	root := testSite(t)
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, "127.0.0.1:0", Options{Root: root, Log: io.Discard}, func(a string) { ready <- a })
	}()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		t.Fatalf("Run: %v", err)
	case <-time.After(20 * time.Second):
		t.Fatal("not listening after 20s")
	}
	if code, _ := get(t, "http://"+addr+"/zh-hans/"); code != 200 {
		t.Errorf("home page: %d", code)
	}
	// An open event stream must not keep the server from stopping.
	resp, err := http.Get("http://" + addr + "/__zhkb/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run returned %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after the context ended")
	}
}

// logBuffer is a log safe to write from the watcher and read from a test.
type logBuffer struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// watching starts a preview of root that rebuilds on changes, behind a test
// server, and returns the server's URL and the preview's log.
func watching(t *testing.T, root string) (url string, log *logBuffer) {
	t.Helper()
	log = &logBuffer{}
	s, err := New(Options{Root: root, Log: log, Debounce: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go s.Watch(ctx)
	time.Sleep(200 * time.Millisecond) // let the watcher start
	return srv.URL, log
}

// TestServeStaticEdit: editing a file under static/ updates the served
// build without building the site again; adding one builds it.
func TestServeStaticEdit(t *testing.T) {
	root := testSite(t)
	url, log := watching(t, root)
	ev := events(t, url)

	css := filepath.Join(root, "static", "images", "diagram.svg")
	data, _ := os.ReadFile(css)
	os.WriteFile(css, append(data, "\n/* edited */\n"...), 0o644)
	next(t, ev, "reload")
	if _, body := get(t, url+"/images/diagram.svg"); !strings.HasSuffix(body, "/* edited */\n") {
		t.Error("the edited static file is not served")
	}
	if l := log.String(); !strings.Contains(l, "updated 1 static file(s) without a build") || strings.Count(l, "built ") != 1 {
		t.Errorf("log after a static edit:\n%s", l)
	}
	os.WriteFile(filepath.Join(root, "static", "new.txt"), []byte("new"), 0o644)
	next(t, ev, "reload")
	if code, body := get(t, url+"/new.txt"); code != 200 || body != "new" {
		t.Errorf("new static file: %d %q", code, body)
	}
	if l := log.String(); strings.Count(l, "built ") != 2 {
		t.Errorf("adding a static file did not build the site:\n%s", l)
	}
}

// TestServeRefusesOtherHosts checks the preview against DNS rebinding: a
// request for any name but localhost or an IP address is refused, and so
// is an event stream asked for by a page of another origin.
func TestServeRefusesOtherHosts(t *testing.T) {
	s, err := New(Options{Root: testSite(t), Log: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	h := s.Handler()
	for host, want := range map[string]int{
		"localhost:1313": 200, "127.0.0.1:1313": 200, "[::1]:1313": 200, "192.168.1.5": 200, "app.localhost:8080": 200,
		"attacker.example:1313": http.StatusMisdirectedRequest, "localhost.attacker.example": http.StatusMisdirectedRequest, "127.0.0.1.nip.io": http.StatusMisdirectedRequest,
	} {
		r := httptest.NewRequest("GET", "/zh-hans/", nil)
		r.Host = host
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != want {
			t.Errorf("Host %s: status %d, want %d", host, w.Code, want)
		}
	}
	r := httptest.NewRequest("GET", "/__zhkb/events", nil)
	r.Host = "localhost:1313"
	r.Header.Set("Origin", "http://attacker.example")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != http.StatusForbidden {
		t.Errorf("event stream for another origin: status %d", w.Code)
	}
}

// TestReloadShowsErrorsAsText: in the browser, a failed build's message —
// here one quoting markup an editor typed — shows as text over the last
// good page, never as HTML; the next good build reloads the page.
func TestReloadShowsErrorsAsText(t *testing.T) {
	root := testSite(t)
	url, _ := watching(t, root)
	ctx := sitetest.Browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(url+"/zh-hans/"), chromedp.WaitReady("#main")); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond) // the page's event stream connects
	hostile := `<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>`
	bad := filepath.Join(root, "content", "guide", "hostile.md")
	if err := os.WriteFile(bad, []byte("+++\ntitle = \"坏\"\n\""+strings.ReplaceAll(hostile, `"`, `\"`)+"\" = 1\n+++\n正文\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	wait := 10 * time.Second
	if err := chromedp.Do(ctx, sitetest.Until(`document.getElementById("zhkb-build-error") !== null`, wait)); err != nil {
		t.Fatalf("no error box after a failed build: %v", err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => { const box = document.getElementById("zhkb-build-error");
		return [box.querySelector("pre").textContent, String(box.querySelectorAll("img, script").length), String(window.pwned)]; })()`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got[0], "hostile.md") || !strings.Contains(got[0], `<img src=x onerror=`) {
		t.Errorf("the box does not show the message as text: %q", got[0])
	}
	if got[1] != "0" || got[2] != "undefined" {
		t.Errorf("the message was run as HTML: %s elements, window.pwned = %s", got[1], got[2])
	}
	// The next good build reloads the page: a new document, without the box.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`window.beforeReload = true`)); err != nil {
		t.Fatal(err)
	}
	os.Remove(bad)
	reloaded := false
	for deadline := time.Now().Add(10 * time.Second); !reloaded && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		// Evaluating while the page navigates fails; try again.
		reloaded, _ = chromedp.Run(ctx, chromedp.Evaluate[bool](`window.beforeReload === undefined && document.readyState === "complete" && document.getElementById("zhkb-build-error") === null`))
	}
	if !reloaded {
		t.Error("the page did not reload after the good build")
	}
}

// TestServeIgnoresOtherFiles: a file in the site root that is no part of
// the site (here a log the preview writes there) builds nothing, while the
// site's TOML files do.
func TestServeIgnoresOtherFiles(t *testing.T) {
	root := testSite(t)
	url, log := watching(t, root)
	ev := events(t, url)
	for i := 0; i < 3; i++ {
		os.WriteFile(filepath.Join(root, "serve.log"), []byte(log.String()), 0o644)
		os.WriteFile(filepath.Join(root, "notes.md"), []byte("笔记"), 0o644)
		time.Sleep(150 * time.Millisecond)
	}
	if n := strings.Count(log.String(), "built "); n != 1 {
		t.Errorf("files outside the site built it %d times:\n%s", n-1, log.String())
	}
	glossary := filepath.Join(root, "glossary.toml")
	data, _ := os.ReadFile(glossary)
	os.WriteFile(glossary, append(data, '\n'), 0o644)
	next(t, ev, "reload")
	if n := strings.Count(log.String(), "built "); n != 2 {
		t.Errorf("editing glossary.toml: %d builds", n-1)
	}
}

// TestManyPreviewTabs: eight tabs of the preview all load (browsers keep
// six connections per host, and each page's event stream used to hold
// one), and one edit reloads every one of them.
func TestManyPreviewTabs(t *testing.T) {
	root := testSite(t)
	url, _ := watching(t, root)
	browser := sitetest.Browser(t)
	var tabs []context.Context
	for i := 0; i < 8; i++ {
		tab, cancel := chromedp.NewContext(browser)
		t.Cleanup(cancel)
		if err := chromedp.Do(tab); err != nil { // opens the tab, which lives as long as tab
			t.Fatal(err)
		}
		ctx, cancelLoad := context.WithTimeout(tab, 15*time.Second)
		err := chromedp.Do(ctx, chromedp.Navigate(url+"/zh-hans/guide/code/"), chromedp.WaitReady("#main"))
		cancelLoad()
		if err != nil {
			t.Fatalf("tab %d did not load: %v", i+1, err)
		}
		if _, err := chromedp.Run(tab, chromedp.Evaluate[chromedp.Void](`window.beforeReload = true`)); err != nil {
			t.Fatal(err)
		}
		tabs = append(tabs, tab)
	}
	time.Sleep(500 * time.Millisecond) // the listening tab's stream connects
	article := filepath.Join(root, "content", "guide", "code.md")
	src, err := os.ReadFile(article)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(article, []byte(strings.Replace(string(src), "这是正文", "这是改过的正文", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	for i, tab := range tabs {
		reloaded := false
		for deadline := time.Now().Add(15 * time.Second); !reloaded && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
			reloaded, _ = chromedp.Run(tab, chromedp.Evaluate[bool](`window.beforeReload === undefined && document.readyState === "complete" && document.body.textContent.includes("这是改过的正文")`))
		}
		if !reloaded {
			t.Errorf("tab %d did not reload with the edit", i+1)
		}
	}
}
