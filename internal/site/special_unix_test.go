//go:build unix

package site

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSpecialFiles: a named pipe in static/ or content/, or a link to one,
// fails the build with a message naming it, instead of blocking it for ever.
func TestSpecialFiles(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ name, fifo, link, want string }{
		{"pipe in static", "static/pipe.txt", "", "static/pipe.txt is a named pipe, socket or device"},
		{"pipe in content", "content/guide/pipe.md", "", "content/guide/pipe.md: a named pipe, socket or device"},
		{"link to a pipe", "pipe", "static/link.txt", "static/link.txt is a symbolic link to"},
	} {
		t.Run(c.name, func(t *testing.T) {
			root := fixture(t)
			if err := syscall.Mkfifo(filepath.Join(root, c.fifo), 0o644); err != nil {
				t.Skipf("no named pipes here: %v", err)
			}
			if c.link != "" {
				if err := os.Symlink(filepath.Join(root, c.fifo), filepath.Join(root, c.link)); err != nil {
					t.Fatal(err)
				}
			}
			done := make(chan error, 1)
			go func() {
				_, err := Build(Options{Root: root, Out: filepath.Join(t.TempDir(), "public")})
				done <- err
			}()
			select {
			case err := <-done:
				if err == nil || !strings.Contains(err.Error(), c.want) {
					t.Errorf("build: %v, want %q", err, c.want)
				}
			case <-time.After(20 * time.Second):
				t.Fatal("the build blocked on the named pipe")
			}
		})
	}
}
