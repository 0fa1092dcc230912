// Package output writes a built site to its output directory in one step:
// files are written to a fresh directory beside it as the build makes them,
// and that directory replaces the old output only when the build succeeds,
// so a failed build leaves the previous output untouched.
package output

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// Staging is a build's output in the making. Its methods are safe for
// concurrent use.
type Staging struct {
	dir, tmp, old string
	mu            sync.Mutex
	paths         map[string]bool
	dirs          map[string]bool
}

// ErrDuplicate is returned when two parts of a build write the same path.
var ErrDuplicate = errors.New("two outputs with the same path")

// Stage starts the output for dir: an empty directory .<name>.zhkb-new
// beside it, which Commit will move into dir's place.
func Stage(dir string) (*Staging, error) {
	dir = filepath.Clean(dir)
	parent, name := filepath.Dir(dir), filepath.Base(dir)
	s := &Staging{
		dir:   dir,
		tmp:   filepath.Join(parent, "."+name+".zhkb-new"),
		old:   filepath.Join(parent, "."+name+".zhkb-old"),
		paths: map[string]bool{},
		dirs:  map[string]bool{},
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	for _, d := range []string{s.tmp, s.old} { // left over from a build that was killed
		if err := os.RemoveAll(d); err != nil {
			return nil, fmt.Errorf("output: clearing %s: %w", d, err)
		}
	}
	if err := os.Mkdir(s.tmp, 0o755); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	return s, nil
}

// checkPath refuses paths that would leave the output.
func checkPath(path string) error {
	if path == "" || strings.HasPrefix(path, "/") || strings.Contains("/"+path+"/", "/../") {
		return fmt.Errorf("output: invalid path %q", path)
	}
	return nil
}

// reserve claims path and creates its directory.
func (s *Staging) reserve(path string) (string, error) {
	if err := checkPath(path); err != nil {
		return "", err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.paths[path] {
		return "", fmt.Errorf("%w: %s", ErrDuplicate, path)
	}
	s.paths[path] = true
	dst := filepath.Join(s.tmp, filepath.FromSlash(path))
	if d := filepath.Dir(dst); !s.dirs[d] {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return "", fmt.Errorf("output: %w", err)
		}
		s.dirs[d] = true
	}
	return dst, nil
}

// Add writes the file at path.
func (s *Staging) Add(path string, data []byte) error {
	dst, err := s.reserve(path)
	if err != nil {
		return err
	}
	if err := os.WriteFile(dst, data, 0o644); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	return nil
}

// Copy copies the file src to path.
func (s *Staging) Copy(path, src string) error {
	dst, err := s.reserve(path)
	if err != nil {
		return err
	}
	in, err := os.Open(src)
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
		return fmt.Errorf("output: copying %s: %w", src, err)
	}
	return out.Close()
}

// Has reports whether path has been written.
func (s *Staging) Has(path string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.paths[path]
}

// Paths lists the paths written, in order.
func (s *Staging) Paths() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return sortedKeys(s.paths)
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Commit puts the staged files in the output directory's place. The old
// output is moved aside (.<name>.zhkb-old) and then removed.
func (s *Staging) Commit() error {
	if _, err := os.Stat(s.dir); err == nil {
		if err := os.Rename(s.dir, s.old); err != nil {
			s.Discard()
			return fmt.Errorf("output: moving old output aside: %w", err)
		}
	}
	if err := os.Rename(s.tmp, s.dir); err != nil {
		os.Rename(s.old, s.dir)
		s.Discard()
		return fmt.Errorf("output: %w", err)
	}
	if err := os.RemoveAll(s.old); err != nil {
		return fmt.Errorf("output: removing old output %s: %w", s.old, err)
	}
	return nil
}

// Discard removes the staged files; the output directory stays as it was.
func (s *Staging) Discard() {
	os.RemoveAll(s.tmp)
}
