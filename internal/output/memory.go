package output

import (
	"fmt"
	"os"
	"sync"
)

// Tree receives the files of a build: a Staging directory, or a Memory.
type Tree interface {
	Add(path string, data []byte) error // write the file at path
	Copy(path, src string) error        // copy the file src to path
}

// Memory is a build's output held in memory, for a preview server that
// serves it without writing files. Its methods are safe for concurrent use.
type Memory struct {
	mu    sync.Mutex
	files map[string][]byte
}

// NewMemory returns an empty tree.
func NewMemory() *Memory { return &Memory{files: map[string][]byte{}} }

// Add keeps the file at path.
func (m *Memory) Add(path string, data []byte) error {
	if err := checkPath(path); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, dup := m.files[path]; dup {
		return fmt.Errorf("%w: %s", ErrDuplicate, path)
	}
	m.files[path] = data
	return nil
}

// Copy reads the file src and keeps it at path.
func (m *Memory) Copy(path, src string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	return m.Add(path, data)
}

// File returns the file at path.
func (m *Memory) File(path string) ([]byte, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	data, ok := m.files[path]
	return data, ok
}

// Paths lists the files, in order.
func (m *Memory) Paths() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return sortedKeys(m.files)
}

// With returns a copy of the tree with the file at path replaced by data,
// or removed when data is nil. The tree itself is left as it is, so that
// readers of it need no lock.
func (m *Memory) With(path string, data []byte) (*Memory, error) {
	if err := checkPath(path); err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	c := &Memory{files: make(map[string][]byte, len(m.files)+1)}
	for p, d := range m.files {
		c.files[p] = d
	}
	if data == nil {
		delete(c.files, path)
	} else {
		c.files[path] = data
	}
	return c, nil
}

// Clone returns a copy of the tree with the files keep accepts.
func (m *Memory) Clone(keep func(path string) bool) *Memory {
	m.mu.Lock()
	defer m.mu.Unlock()
	c := &Memory{files: make(map[string][]byte, len(m.files))}
	for p, d := range m.files {
		if keep(p) {
			c.files[p] = d
		}
	}
	return c
}
