// Package searchtest runs the search engine pages run (engine.js) in node,
// so that Go tests and benchmarks ask the one planner there is.
package searchtest

import (
	"bufio"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/zhkb/zhkb/internal/search"
)

//go:embed harness.js
var harness []byte

// Result is a search result as the engine gives it.
type Result struct {
	Doc     int      `json:"doc"`
	URL     string   `json:"url"` // page path, with #anchor when the match is under a heading
	Title   string   `json:"title"`
	Heading string   `json:"heading"` // the heading the match is under, or ""
	Snippet string   `json:"snippet"` // text around the first match
	Marks   [][2]int `json:"marks"`
	Score   float64  `json:"score"`
	Exact   bool     `json:"exact"` // the document holds every term of the query verbatim
	// Unplaced: an early result shown before its record loaded, its
	// heading, anchor and snippet still to come.
	Unplaced bool `json:"unplaced,omitempty"`
}

// Answer is the engine's answer to a query.
type Answer struct {
	Results []Result `json:"results"`
	Total   int      `json:"total"` // documents found, verbatim and in part
	Exact   int      `json:"exact"` // of them verbatim
}

// Node is a node process running the engine. Its methods are safe for
// concurrent use; requests are answered one after the other.
type Node struct {
	mu   sync.Mutex
	cmd  *exec.Cmd
	in   io.WriteCloser
	out  *bufio.Reader
	dir  string // harness, engine and opened indexes' files
	next int
}

var shared struct {
	once sync.Once
	node *Node
	err  error
}

// Shared returns the node process of this test binary, started on first
// use. Without node the test is skipped, or fails when the CI environment
// variable is set (CI must run every test).
func Shared(tb testing.TB) *Node {
	tb.Helper()
	shared.once.Do(func() { shared.node, shared.err = Start() })
	if errors.Is(shared.err, exec.ErrNotFound) {
		if os.Getenv("CI") != "" {
			tb.Fatal("node is not installed; the search engine's tests need it (Debian: apt-get install nodejs)")
		}
		tb.Skip("node is not installed; the search engine's tests are skipped")
	}
	if shared.err != nil {
		tb.Fatal(shared.err)
	}
	return shared.node
}

// Start starts a node process running the engine. Close ends it.
func Start() (*Node, error) {
	exe, err := exec.LookPath("node")
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "zhkb-node-")
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "harness.js"), harness, 0o644); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "engine.js"), search.EngineJS, 0o644); err != nil {
		return nil, err
	}
	cmd := exec.Command(exe, filepath.Join(dir, "harness.js"), filepath.Join(dir, "engine.js"))
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	n := &Node{cmd: cmd, in: in, out: bufio.NewReaderSize(out, 1<<20), dir: dir}
	// Once node has read both scripts (it says "ready") their folder goes:
	// a process shared by a whole test binary is never closed.
	line, err := n.out.ReadString('\n')
	os.RemoveAll(dir)
	if err != nil || line != "ready\n" {
		n.in.Close()
		cmd.Wait()
		return nil, fmt.Errorf("searchtest: node did not start the engine (%q): %v", line, err)
	}
	return n, nil
}

// Close ends the process and removes its files.
func (n *Node) Close() {
	n.in.Close()
	n.cmd.Wait()
	os.RemoveAll(n.dir)
}

// call sends a request and decodes its answer into v.
func (n *Node) call(req map[string]any, v any) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.next++
	req["id"] = n.next
	line, _ := json.Marshal(req)
	if _, err := n.in.Write(append(line, '\n')); err != nil {
		return fmt.Errorf("searchtest: node: %w", err)
	}
	ans, err := n.out.ReadBytes('\n')
	if err != nil {
		return fmt.Errorf("searchtest: node: %w", err)
	}
	var e struct {
		Error string `json:"error"`
	}
	json.Unmarshal(ans, &e)
	if e.Error != "" {
		return fmt.Errorf("searchtest: engine: %s", e.Error)
	}
	return json.Unmarshal(ans, v)
}

// Index is an index opened in the engine.
type Index struct {
	n  *Node
	ix int
	// Reads lists what the last query read: "name.js" for a whole file,
	// "name.js@start-end" for a byte range.
	Reads []string
	// KeepEarly asks for what queries give before their answers, kept
	// in Early (off, answers are much shorter: the early lists of a long
	// answer are most of its bytes).
	KeepEarly bool
	// Early lists what the last query gave before its answer, when
	// KeepEarly is set.
	Early []Early
}

// OpenDir opens the index in dir: read by byte ranges, as from a web
// server, when ranges is set, else whole files, as from file://.
func (n *Node) OpenDir(dir string, ranges bool) (*Index, error) {
	var a struct {
		Ix int `json:"ix"`
	}
	if err := n.call(map[string]any{"op": "open", "dir": dir, "ranges": ranges}, &a); err != nil {
		return nil, err
	}
	return &Index{n: n, ix: a.Ix}, nil
}

// Open writes an index's files (search.Index.Files) to a folder of the
// process, removed by Close, and opens them.
func (n *Node) Open(files map[string][]byte, ranges bool) (*Index, error) {
	n.mu.Lock()
	n.next++
	dir := filepath.Join(n.dir, fmt.Sprintf("ix%d", n.next))
	n.mu.Unlock()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return nil, err
		}
	}
	return n.OpenDir(dir, ranges)
}

// Ask answers query q with at most limit results.
func (ix *Index) Ask(q string, limit int) (Answer, error) {
	a, _, err := ix.ask(nil, q, limit)
	return a, err
}

// AskTypedOn answers q as the box does when a reader typed the queries
// before first, each given up for the next once its buckets came, with
// the index's reads let through a round at a time. stopped counts the
// reads of given-up queries that were stopped.
func (ix *Index) AskTypedOn(before []string, q string, limit int) (a Answer, stopped int, err error) {
	return ix.ask(before, q, limit)
}

func (ix *Index) ask(before []string, q string, limit int) (Answer, int, error) {
	var a struct {
		Res     Answer   `json:"res"`
		Reads   []string `json:"reads"`
		Early   []Early  `json:"early"`
		Stopped int      `json:"stopped"`
	}
	req := map[string]any{"op": "search", "ix": ix.ix, "q": q, "limit": limit}
	if before != nil {
		req["before"] = before
	}
	if ix.KeepEarly {
		req["early"] = true
	}
	if err := ix.n.call(req, &a); err != nil {
		return Answer{}, 0, err
	}
	ix.Reads, ix.Early = a.Reads, a.Early
	return a.Res, a.Stopped, nil
}

// Early is what the engine gave before its answer: results certain before
// their snippets came, and how many reads had been made by then.
type Early struct {
	Res   Answer `json:"res"`
	Reads int    `json:"reads"`
}

// Searcher is an index opened for a test: its queries fail the test on
// an error.
type Searcher struct {
	*Index
	tb testing.TB
}

// Open opens an index's files in the test binary's node process: read by
// byte ranges when ranges is set, else whole.
func Open(tb testing.TB, files map[string][]byte, ranges bool) *Searcher {
	tb.Helper()
	// In a folder of the test's own, gone when it ends.
	dir := tb.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return OpenDir(tb, dir, ranges)
}

// OpenDir opens the index in dir (a variant's search/ folder of a built
// site) in the test binary's node process.
func OpenDir(tb testing.TB, dir string, ranges bool) *Searcher {
	tb.Helper()
	ix, err := Shared(tb).OpenDir(dir, ranges)
	if err != nil {
		tb.Fatal(err)
	}
	return &Searcher{ix, tb}
}

// Search returns the results of q, at most limit.
func (s *Searcher) Search(q string, limit int) []Result {
	s.tb.Helper()
	a, err := s.Ask(q, limit)
	if err != nil {
		s.tb.Fatal(err)
	}
	return a.Results
}
