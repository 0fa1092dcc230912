// Package serve is the editors' preview: it builds a site, serves it on a
// local address, and whenever a source file changes rebuilds it and
// reloads the open pages, showing build errors over the last good build.
package serve

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
	"golang.org/x/net/netutil"

	"github.com/zhkb/zhkb/internal/output"
	"github.com/zhkb/zhkb/internal/site"
)

// Options control a preview server.
type Options struct {
	Root     string        // site root
	Config   string        // config file; default Root/config.toml
	Drafts   bool          // include drafts
	Log      io.Writer     // build results and errors; default os.Stderr
	Debounce time.Duration // wait for a burst of changes to end; default 100ms
}

// Server serves the last good build of a site, held in memory. Its reload
// script is added to pages as they are served, never to the built files.
type Server struct {
	opts    Options
	preview *site.Preview

	mu      sync.Mutex
	tree    *output.Memory // the last good build, nil before the first
	gen     int
	errText string // the last build's errors, "" when it succeeded
	clients map[chan event]bool
	// later makes the search index of the latest quick rebuild (laterGen),
	// while indexing one at a time; pending counts that goroutine.
	later    func() (*output.Memory, error)
	laterGen int
	indexing bool
	pending  sync.WaitGroup
}

type event struct{ name, data string }

// New prepares a server and runs the first build; a failed build is shown
// in the browser like any later one.
func New(opts Options) (*Server, error) {
	if opts.Root == "" {
		opts.Root = "."
	}
	if opts.Config == "" {
		opts.Config = filepath.Join(opts.Root, "config.toml")
	}
	if opts.Log == nil {
		opts.Log = os.Stderr
	}
	if opts.Debounce == 0 {
		opts.Debounce = 100 * time.Millisecond
	}
	s := &Server{opts: opts, clients: map[chan event]bool{},
		preview: site.NewPreview(site.Options{Root: opts.Root, Config: opts.Config, Drafts: opts.Drafts})}
	s.Rebuild(nil)
	return s, nil
}

// Tree is the last good build (nil if there is none).
func (s *Server) Tree() *output.Memory {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tree
}

// Rebuild brings the build up to date after the files in changed were
// written (nil: build it all): only the edited articles and the search
// index when the change allows, else the whole site. On success it serves
// the new build and tells open pages to reload; on failure it keeps serving
// the last good build and tells open pages to show the errors.
func (s *Server) Rebuild(changed []string) {
	start := time.Now()
	tree, st, full, err := s.preview.Update(changed)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gen++
	if err != nil {
		s.errText = err.Error()
		fmt.Fprintf(s.opts.Log, "build failed; still serving the last good build:\n%v\n", err)
		data, _ := json.Marshal(s.errText)
		s.broadcast(event{"build-error", string(data)})
		return
	}
	s.tree, s.errText = tree, ""
	if full {
		fmt.Fprintf(s.opts.Log, "built %d pages in %.2fs\n", st.Pages, time.Since(start).Seconds())
	} else {
		fmt.Fprintf(s.opts.Log, "rebuilt %d pages in %.2fs\n", st.Pages, time.Since(start).Seconds())
	}
	s.broadcast(event{"reload", fmt.Sprint(s.gen)})
	// The search index of a quick rebuild comes after: one at a time, the
	// latest edit's (a full build brings its own).
	s.later, s.laterGen = st.Later, s.gen
	if st.Later != nil && !s.indexing {
		s.indexing = true
		s.pending.Add(1)
		go s.index()
	}
}

// index makes the search indexes quick rebuilds leave for later, the
// latest one each time, and serves each unless a newer build came first.
func (s *Server) index() {
	defer s.pending.Done()
	for {
		s.mu.Lock()
		later, gen := s.later, s.laterGen
		s.later = nil
		if later == nil {
			s.indexing = false
			s.mu.Unlock()
			return
		}
		s.mu.Unlock()
		start := time.Now()
		tree, err := later()
		s.mu.Lock()
		switch {
		case s.gen != gen: // a newer build: its index (or the next one) wins
		case err != nil:
			fmt.Fprintf(s.opts.Log, "search index failed; the last one stays:\n%v\n", err)
		default:
			s.tree = tree
			fmt.Fprintf(s.opts.Log, "search index updated in %.2fs\n", time.Since(start).Seconds())
		}
		s.mu.Unlock()
	}
}

// Settle waits until the search indexes of past rebuilds are made.
func (s *Server) Settle() { s.pending.Wait() }

// broadcast sends ev to every open page; s.mu is held.
func (s *Server) broadcast(ev event) {
	for c := range s.clients {
		select {
		case c <- ev:
		default: // a page that does not keep up misses an event
		}
	}
}

// Watch rebuilds the site whenever a file under content/, layouts/ or
// static/, the config or the glossary changes, until ctx is done.
func (s *Server) Watch(ctx context.Context) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	add := func(dir string) {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				if strings.HasPrefix(d.Name(), ".") && p != dir {
					return filepath.SkipDir
				}
				w.Add(p)
			}
			return nil
		})
	}
	if err := w.Add(s.opts.Root); err != nil {
		return err
	}
	for _, d := range []string{"content", "layouts", "static", "data"} {
		add(filepath.Join(s.opts.Root, d))
	}
	if dir := filepath.Dir(s.opts.Config); dir != filepath.Clean(s.opts.Root) {
		w.Add(dir)
	}
	var timer <-chan time.Time
	changed := map[string]bool{}
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if ignored(ev.Name) || !s.ofSite(ev.Name) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					add(ev.Name)
				}
			}
			changed[ev.Name] = true
			timer = time.After(s.opts.Debounce)
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			fmt.Fprintf(s.opts.Log, "watching: %v\n", err)
		case <-timer:
			timer = nil
			if !s.updateStatic(changed) {
				names := make([]string, 0, len(changed))
				for name := range changed {
					names = append(names, name)
				}
				s.Rebuild(names)
			}
			changed = map[string]bool{}
		}
	}
}

// updateStatic brings edits of files under static/ into the served build
// without building the site again: static files are copied as they are.
// It reports false, changing nothing, when anything else changed, or when a
// file was added or removed (a build checks those against the pages).
func (s *Server) updateStatic(changed map[string]bool) bool {
	static := filepath.Join(s.opts.Root, "static") + string(filepath.Separator)
	s.mu.Lock()
	tree, failed := s.tree, s.errText != ""
	s.mu.Unlock()
	if tree == nil || failed || len(changed) == 0 {
		return false
	}
	for name := range changed {
		rel := filepath.ToSlash(strings.TrimPrefix(name, static))
		if !strings.HasPrefix(name, static) {
			return false
		}
		if _, ok := tree.File(rel); !ok {
			return false // new
		}
		fi, err := os.Lstat(name)
		if err != nil || !fi.Mode().IsRegular() {
			return false // removed, or a link
		}
		data, err := os.ReadFile(name)
		if err != nil {
			return false
		}
		if tree, err = tree.With(rel, data); err != nil {
			return false
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tree = tree
	s.gen++
	fmt.Fprintf(s.opts.Log, "updated %d static file(s) without a build\n", len(changed))
	s.broadcast(event{"reload", fmt.Sprint(s.gen)})
	return true
}

// ofSite reports whether a change to name can change the site: anything
// below content/, layouts/, static/ or data/ (law texts), and in the site root (or the config
// file's folder) those folders themselves and the TOML files (config,
// glossary, synonyms) — not, say, a log the preview writes there.
func (s *Server) ofSite(name string) bool {
	dir := filepath.Dir(name)
	if dir != filepath.Clean(s.opts.Root) && dir != filepath.Dir(s.opts.Config) {
		return true // watched only below content/, layouts/, static/ and data/
	}
	if name == filepath.Clean(s.opts.Config) {
		return true
	}
	switch base := filepath.Base(name); base {
	case "content", "layouts", "static", "data":
		return true
	default:
		return strings.HasSuffix(base, ".toml")
	}
}

// ignored tells editors' temporary files, which change nothing.
func ignored(name string) bool {
	base := filepath.Base(name)
	return strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") || strings.HasSuffix(base, ".swp") ||
		strings.HasSuffix(base, ".swx") || strings.HasSuffix(base, ".tmp") || base == "4913"
}

//go:embed reload.js
var reloadJS []byte

// Handler serves the last good build, read-only.
func (s *Server) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !localHost(r.Host) {
			// DNS rebinding: a web page on a name that resolves to this
			// machine could otherwise read the drafts being previewed.
			http.Error(w, fmt.Sprintf("zhkb serve answers requests for localhost or an IP address only, not for %q", r.Host), http.StatusMisdirectedRequest)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "the preview is read-only", http.StatusMethodNotAllowed)
			return
		}
		switch r.URL.Path {
		case "/__zhkb/events":
			s.events(w, r)
			return
		case "/__zhkb/reload.js":
			w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
			w.Header().Set("Cache-Control", "no-store")
			w.Write(reloadJS)
			return
		}
		p := r.URL.Path
		if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") || hasDotDot(p) {
			http.Error(w, "bad path", http.StatusBadRequest)
			return
		}
		s.mu.Lock()
		tree, st := s.tree, pageState{s.gen, s.errText}
		s.mu.Unlock()
		if tree == nil {
			s.page(w, r, http.StatusServiceUnavailable, []byte("<!DOCTYPE html><title>zhkb</title><body><p>The site has not built yet.</p></body>"), st)
			return
		}
		// Paths name files of the build in memory: nothing else can be
		// reached, whatever the path says.
		rel := strings.TrimPrefix(p, "/")
		if rel == "" || strings.HasSuffix(rel, "/") {
			rel += "index.html"
		}
		data, ok := tree.File(rel)
		if !ok {
			if _, dir := tree.File(rel + "/index.html"); dir {
				http.Redirect(w, r, path.Base(p)+"/", http.StatusMovedPermanently)
				return
			}
			s.notFound(w, r, tree, p, st)
			return
		}
		if strings.HasSuffix(rel, ".html") {
			s.page(w, r, http.StatusOK, data, st)
			return
		}
		w.Header().Set("Cache-Control", "no-cache")
		http.ServeContent(w, r, rel, time.Time{}, bytes.NewReader(data))
	})
}

// localHost reports whether a request's Host names this machine in a way
// no other site can: localhost (or a name below .localhost) or an IP
// address, with any port.
func localHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
	return net.ParseIP(host) != nil || host == "localhost" || strings.HasSuffix(host, ".localhost")
}

// hasDotDot reports whether a path has a ".." segment.
func hasDotDot(p string) bool {
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." {
			return true
		}
	}
	return false
}

// notFound serves the site's 404 page: the variant's for paths in a
// variant, else the root one.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, tree *output.Memory, p string, st pageState) {
	candidates := []string{"404.html"}
	if i := strings.Index(strings.TrimPrefix(p, "/"), "/"); i > 0 {
		candidates = append([]string{p[1:i+1] + "/404.html"}, candidates...)
	}
	for _, c := range candidates {
		if data, ok := tree.File(c); ok {
			s.page(w, r, http.StatusNotFound, data, st)
			return
		}
	}
	http.NotFound(w, r)
}

// pageState is what a served page was built from: the build generation
// and the last build's errors.
type pageState struct {
	gen     int
	errText string
}

// page serves an HTML page with the reload script (which knows the
// generation it shows) and, after a failed build, the errors over it.
func (s *Server) page(w http.ResponseWriter, r *http.Request, status int, data []byte, st pageState) {
	var inject bytes.Buffer
	if st.errText != "" {
		inject.WriteString(overlay(st.errText))
	}
	fmt.Fprintf(&inject, `<script src="/__zhkb/reload.js" data-gen="%d"></script>`, st.gen)
	if i := bytes.LastIndex(data, []byte("</body>")); i >= 0 {
		data = append(append(append([]byte(nil), data[:i]...), inject.Bytes()...), data[i:]...)
	} else {
		data = append(append([]byte(nil), data...), inject.Bytes()...)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// overlay shows build errors over the page, escaped.
func overlay(errText string) string {
	return `<div id="zhkb-build-error" role="alert" style="position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.94);color:#ffd7d7;padding:1.5rem;font:14px/1.5 ui-monospace,monospace">` +
		`<p style="font:bold 16px system-ui,sans-serif;color:#fff;margin:0 0 1rem">zhkb: the build failed; the page below is the last good build.</p>` +
		`<pre style="white-space:pre-wrap;margin:0">` + html.EscapeString(errText) + `</pre></div>`
}

// events streams build results to a page as Server-Sent Events: first
// "hello" with the current generation and errors (a page that missed a
// build while no page listened catches up), then "reload" after a good
// build and "build-error" with the errors after a failed one. One page of
// a browser listens for all its pages (see reload.js).
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	if o := r.Header.Get("Origin"); o != "" {
		if u, err := url.Parse(o); err != nil || u.Host != r.Host {
			http.Error(w, "zhkb serve streams build events to its own pages only", http.StatusForbidden)
			return
		}
	}
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	c := make(chan event, 8)
	s.mu.Lock()
	s.clients[c] = true
	hello, _ := json.Marshal(struct {
		Gen   int    `json:"gen"`
		Error string `json:"error"`
	}{s.gen, s.errText})
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, c)
		s.mu.Unlock()
	}()
	fmt.Fprintf(w, ": zhkb\n\nevent: hello\ndata: %s\n\n", hello)
	flusher.Flush()
	keepAlive := time.NewTicker(20 * time.Second)
	defer keepAlive.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case ev := <-c:
			fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, ev.data)
			flusher.Flush()
		case <-keepAlive.C:
			fmt.Fprint(w, ": keep-alive\n\n")
			flusher.Flush()
		}
	}
}

// maxConns is the most connections zhkb serve keeps open at once.
const maxConns = 256

// Run serves the site on addr and rebuilds it on changes until ctx is done;
// ready, if set, is called with the address once the server listens.
func Run(ctx context.Context, addr string, opts Options, ready func(addr string)) error {
	s, err := New(opts)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	// At most maxConns connections at once (each open page holds one for
	// its event stream), idle ones closed after a while.
	ln = netutil.LimitListener(ln, maxConns)
	// Requests end with ctx, so that open event streams do not hold up
	// the shutdown.
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 30 * time.Second,
		BaseContext: func(net.Listener) context.Context { return ctx }}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	if ready != nil {
		ready(ln.Addr().String())
	}
	watchErr := make(chan error, 1)
	go func() { watchErr <- s.Watch(ctx) }()
	select {
	case <-ctx.Done():
	case err := <-done:
		return err
	case err := <-watchErr:
		if err != nil {
			srv.Close()
			return err
		}
		<-ctx.Done()
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	srv.Shutdown(shutdown)
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
