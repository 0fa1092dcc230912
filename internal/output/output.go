// Package output writes a built site to its output directory in one step:
// everything goes to a fresh directory first, which then replaces the old
// output, so a failed build leaves the previous output untouched.
package output

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
)

// Tree is the set of files a build produces, by slash-separated path below
// the output directory. It is safe for concurrent use.
type Tree struct {
	mu    sync.Mutex
	files map[string]entry
}

type entry struct {
	data []byte
	src  string // copy from this file when data is nil
}

// NewTree returns an empty tree.
func NewTree() *Tree { return &Tree{files: map[string]entry{}} }

// ErrDuplicate is returned when two parts of a build write the same path.
var ErrDuplicate = errors.New("two outputs with the same path")

// Add sets the contents of the file at path.
func (t *Tree) Add(path string, data []byte) error {
	return t.put(path, entry{data: data})
}

// Copy arranges for the file src to be copied to path.
func (t *Tree) Copy(path, src string) error {
	return t.put(path, entry{src: src})
}

func (t *Tree) put(path string, e entry) error {
	if path == "" || strings.HasPrefix(path, "/") || strings.Contains("/"+path+"/", "/../") {
		return fmt.Errorf("output: invalid path %q", path)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if _, dup := t.files[path]; dup {
		return fmt.Errorf("%w: %s", ErrDuplicate, path)
	}
	t.files[path] = e
	return nil
}

// Has reports whether path is in the tree.
func (t *Tree) Has(path string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	_, ok := t.files[path]
	return ok
}

// Paths lists the tree's paths in order.
func (t *Tree) Paths() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	paths := make([]string, 0, len(t.files))
	for p := range t.files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return paths
}

// Commit writes the tree to dir, replacing what dir held. The files are
// written to a sibling directory first (.<name>.zhkb-new), which is renamed
// to dir once complete; the old output is moved aside (.<name>.zhkb-old) and
// removed. If writing fails, dir is left as it was.
func (t *Tree) Commit(dir string) error {
	dir = filepath.Clean(dir)
	parent, name := filepath.Dir(dir), filepath.Base(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	tmp := filepath.Join(parent, "."+name+".zhkb-new")
	old := filepath.Join(parent, "."+name+".zhkb-old")
	for _, d := range []string{tmp, old} {
		if err := os.RemoveAll(d); err != nil {
			return fmt.Errorf("output: clearing %s: %w", d, err)
		}
	}
	if err := t.writeAll(tmp); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if _, err := os.Stat(dir); err == nil {
		if err := os.Rename(dir, old); err != nil {
			os.RemoveAll(tmp)
			return fmt.Errorf("output: moving old output aside: %w", err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		os.Rename(old, dir)
		os.RemoveAll(tmp)
		return fmt.Errorf("output: %w", err)
	}
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("output: removing old output %s: %w", old, err)
	}
	return nil
}

// writeAll writes every file below root using all cores.
func (t *Tree) writeAll(root string) error {
	paths := t.Paths()
	dirs := map[string]bool{}
	for _, p := range paths {
		dirs[filepath.Dir(filepath.Join(root, filepath.FromSlash(p)))] = true
	}
	for d := range dirs {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return fmt.Errorf("output: %w", err)
		}
	}
	jobs := make(chan string)
	errs := make(chan error, len(paths))
	var wg sync.WaitGroup
	for i := 0; i < runtime.GOMAXPROCS(0); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range jobs {
				if err := t.writeFile(root, p); err != nil {
					errs <- err
				}
			}
		}()
	}
	for _, p := range paths {
		jobs <- p
	}
	close(jobs)
	wg.Wait()
	close(errs)
	return <-errs
}

func (t *Tree) writeFile(root, path string) error {
	e := t.files[path]
	dst := filepath.Join(root, filepath.FromSlash(path))
	if e.data != nil || e.src == "" {
		if err := os.WriteFile(dst, e.data, 0o644); err != nil {
			return fmt.Errorf("output: %w", err)
		}
		return nil
	}
	in, err := os.Open(e.src)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("output: copying %s: %w", e.src, err)
	}
	return out.Close()
}
