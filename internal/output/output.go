// Package output writes a built site to its output directory in one step:
// files are written to a fresh directory beside it as the build makes them,
// and that directory replaces the old output only when the build succeeds,
// so a failed build leaves the previous output untouched.
package output

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
)

// Staging is a build's output in the making. Its methods are safe for
// concurrent use.
type Staging struct {
	dir, tmp, old string
	lock          *os.File // the locked parent directory, until Commit or Discard
	mu            sync.Mutex
	paths         map[string]bool
	dirs          map[string]bool
}

// ErrDuplicate is returned when two parts of a build write the same path.
var ErrDuplicate = errors.New("two outputs with the same path")

// ErrNotOurs is returned for an output directory that holds files zhkb did
// not write: a build replaces its output whole, so it never takes over
// one.
var ErrNotOurs = errors.New("the output directory holds files zhkb did not write")

// ErrOldLeft is returned by Commit when the new output is in place but the
// previous one could not be removed.
var ErrOldLeft = errors.New("the previous output could not be removed")

// Marker is the file every output zhkb writes holds at its root: it lists
// every file the build wrote, and a later build replaces only a directory
// whose files are all on that list (or an empty one).
const Marker = ".zhkb-output"

// markerHead is the first line of a finished output's marker; the paths
// the build wrote follow, one a line, in order.
const markerHead = "This directory was written by zhkb build, which replaces it whole; it holds these files and no others:"

// busyHead starts the marker of an output still being written, with the
// writing process's ID.
const busyHead = "This directory is being written by zhkb build (process %d)"

// legacyMark is a file every output of zhkb before Marker holds.
const legacyMark = "js/zhkb-search.js"

// Check reports whether dir may be replaced by a build's output: it does
// not exist, or is an empty directory, or one a zhkb build wrote and
// nobody added files to since. The error for anything else names the
// files zhkb did not write. While another build writes the output, Check
// says yes: that build's output may be mid-swap, and Stage checks again
// under the lock.
func Check(dir string) error {
	s, parent := staging(dir)
	lock, err := lockDir(parent, func() bool { return false })
	if errors.Is(err, errBusy) {
		return nil
	}
	if err != nil {
		if os.IsNotExist(err) {
			return nil // no parent, so no output yet
		}
		return fmt.Errorf("output: locking %s: %w", parent, err)
	}
	defer unlockDir(lock)
	return check(s.dir)
}

// check is Check for a caller that holds the lock.
func check(dir string) error {
	info, err := os.Lstat(dir)
	switch {
	case os.IsNotExist(err):
		return nil
	case err != nil:
		return fmt.Errorf("output: %w", err)
	case info.Mode()&os.ModeSymlink != 0:
		return fmt.Errorf("%w: %s is a symbolic link; give the directory itself", ErrNotOurs, dir)
	case !info.IsDir():
		return fmt.Errorf("%w: %s is a file, not a directory; choose a directory for the output, such as public", ErrNotOurs, dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if len(entries) == 0 {
		return nil
	}
	data, err := os.ReadFile(filepath.Join(dir, Marker))
	if err != nil {
		names := make([]string, 0, 3)
		for _, e := range entries[:min(3, len(entries))] {
			names = append(names, e.Name())
		}
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(legacyMark))); err == nil {
			return older(dir)
		}
		return fmt.Errorf("%w: %s holds %s…, and no %s file from an earlier build. A build replaces its output directory whole: choose an empty or new directory, or empty this one yourself", ErrNotOurs, dir, strings.Join(names, ", "), Marker)
	}
	written, ok := parseMarker(data)
	if !ok {
		return older(dir)
	}
	foreign, err := foreignFiles(dir, written)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if len(foreign) > 0 {
		more := ""
		if len(foreign) > 5 {
			more = fmt.Sprintf(" and %d more", len(foreign)-5)
			foreign = foreign[:5]
		}
		return fmt.Errorf("%w: %s holds %s%s, which the build that wrote it did not write. A build replaces its output directory whole, so it would delete them: move them out first (files the site should publish, such as CNAME or .well-known/, belong in static/), or choose another output directory", ErrNotOurs, dir, strings.Join(foreign, ", "), more)
	}
	return nil
}

// older is Check's error for an output of a zhkb that did not list the
// files it wrote.
func older(dir string) error {
	return fmt.Errorf("%w: %s was written by an older zhkb, which did not record the files it wrote, so this build cannot tell them from files of yours that it would delete. Look through it, move out anything you added (a .git folder, CNAME…), delete it, and build again", ErrNotOurs, dir)
}

// parseMarker returns the set of paths a finished output's marker lists,
// and false for a marker of another form.
func parseMarker(data []byte) (map[string]bool, bool) {
	lines := strings.Split(string(data), "\n")
	if lines[0] != markerHead {
		return nil, false
	}
	written := make(map[string]bool, len(lines))
	for _, l := range lines[1:] {
		if l != "" {
			written[l] = true
		}
	}
	return written, true
}

// foreignFiles lists what dir holds besides the marker and the files
// written (folders of foreign files as "name/"), in order.
func foreignFiles(dir string, written map[string]bool) ([]string, error) {
	folders := map[string]bool{}
	for p := range written {
		for d := path.Dir(p); d != "." && !folders[d]; d = path.Dir(d) {
			folders[d] = true
		}
	}
	var foreign []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		switch {
		case rel == "." || rel == Marker:
		case d.IsDir() && !folders[rel]:
			foreign = append(foreign, rel+"/")
			return fs.SkipDir
		case !d.IsDir() && !written[rel]:
			foreign = append(foreign, rel)
		}
		return nil
	})
	return foreign, err
}

// Stage starts the output for dir: an empty directory .<name>.zhkb-new
// beside it, which Commit will move into dir's place. It refuses a dir that
// Check refuses. Builds of outputs in one directory take turns: while
// another holds it, Stage calls waiting (if set) with that build's process
// ID (0 if unknown) and waits. A build killed between Commit's two renames
// left no dir but a .<name>.zhkb-old: Stage puts it back first.
func Stage(dir string, waiting func(pid int)) (*Staging, error) {
	s, parent := staging(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	lock, err := lockDir(parent, func() bool {
		if waiting != nil {
			waiting(holder(s.tmp))
		}
		return true
	})
	if err != nil {
		return nil, fmt.Errorf("output: locking %s: %w", parent, err)
	}
	s.lock = lock
	if err := s.recover(); err != nil {
		s.unlock()
		return nil, err
	}
	if err := check(s.dir); err != nil {
		s.unlock()
		return nil, err
	}
	if err := os.Mkdir(s.tmp, 0o755); err != nil {
		s.unlock()
		return nil, besideErr(parent, s.tmp, err)
	}
	mark := fmt.Sprintf(busyHead+"\n", os.Getpid())
	if err := os.WriteFile(filepath.Join(s.tmp, Marker), []byte(mark), 0o644); err != nil {
		s.Discard()
		return nil, besideErr(parent, s.tmp, err)
	}
	return s, nil
}

// besideErr explains a failure to write the staging folder: zhkb builds
// beside the output, in its parent folder, and swaps the result in, so
// the parent must be writable too, not only the output.
func besideErr(parent, tmp string, err error) error {
	switch {
	case errors.Is(err, syscall.EROFS):
		return fmt.Errorf("output: %s is on a read-only disk; build to a writable place with -o: %w", parent, syscall.EROFS)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("output: cannot write in %s (%w): zhkb builds the new output beside the old one, as %s, and swaps it in when complete, so the folder that holds the output must be writable; choose another -o, or make %s writable", parent, err, filepath.Base(tmp), parent)
	case errors.Is(err, syscall.ENOSPC):
		return fmt.Errorf("output: the disk holding %s is full; the previous output was left as it was: %w", parent, syscall.ENOSPC)
	}
	return fmt.Errorf("output: %w", err)
}

// staging returns the (not yet locked) staging of the output dir, with the
// names of its scratch directories beside it, and dir's parent.
func staging(dir string) (*Staging, string) {
	dir = filepath.Clean(dir)
	parent, name := filepath.Dir(dir), filepath.Base(dir)
	return &Staging{
		dir:   dir,
		tmp:   filepath.Join(parent, "."+name+".zhkb-new"),
		old:   filepath.Join(parent, "."+name+".zhkb-old"),
		paths: map[string]bool{},
		dirs:  map[string]bool{},
	}, parent
}

// errBusy is lockDir's answer when another build holds the lock and the
// caller would not wait.
var errBusy = errors.New("another build holds the output")

// Recover puts back the output a build killed inside its swap left aside
// (see Stage), unless another build is writing the output now. A build
// calls it before anything else, so that one failing before Stage still
// leaves the previous output in place.
func Recover(dir string) error {
	s, parent := staging(dir)
	if _, err := os.Lstat(s.old); err != nil {
		return nil // nothing aside: the usual case
	}
	lock, err := lockDir(parent, func() bool { return false })
	if errors.Is(err, errBusy) {
		return nil // that build's own Stage or Commit deals with it
	}
	if err != nil {
		return fmt.Errorf("output: locking %s: %w", parent, err)
	}
	s.lock = lock
	defer s.unlock()
	return s.recover()
}

// recover tidies what a killed build left: the old output is put back if
// the new one never took its place, and scratch directories are removed.
func (s *Staging) recover() error {
	if _, err := os.Lstat(s.old); err == nil {
		if _, err := os.Lstat(s.dir); os.IsNotExist(err) {
			if err := os.Rename(s.old, s.dir); err != nil {
				return fmt.Errorf("output: %s is missing and the previous output is in %s, which could not be put back (%v); rename it to %s by hand", s.dir, s.old, err, s.dir)
			}
		}
	}
	for _, d := range []string{s.tmp, s.old} {
		if _, err := os.Lstat(d); errors.Is(err, fs.ErrNotExist) {
			continue // nothing left (removing it anyway fails on a read-only disk)
		}
		if err := os.RemoveAll(d); err != nil {
			return fmt.Errorf("output: %s is left from an earlier build and could not be removed (%v); remove it by hand", d, err)
		}
	}
	return nil
}

// holder returns the process ID an unfinished staging directory's marker
// names, or 0.
func holder(tmp string) int {
	data, err := os.ReadFile(filepath.Join(tmp, Marker))
	if err != nil {
		return 0
	}
	var pid int
	if _, err := fmt.Sscanf(string(data), busyHead, &pid); err != nil {
		return 0
	}
	return pid
}

func (s *Staging) unlock() {
	if s.lock != nil {
		unlockDir(s.lock)
		s.lock = nil
	}
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
			if errors.Is(err, syscall.ENAMETOOLONG) {
				return "", fmt.Errorf("output: %s: a name in it is too long for the file system (at most 255 bytes; a Chinese character takes 3): shorten the slug", path)
			}
			if errors.Is(err, syscall.ENOTDIR) || errors.Is(err, fs.ErrExist) {
				return "", fmt.Errorf("%w: %s needs the folder %s/, which another output of this build has as a file", ErrDuplicate, path, filepath.ToSlash(filepath.Dir(filepath.FromSlash(path))))
			}
			return "", besideErr(filepath.Dir(s.tmp), s.tmp, err)
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
		if errors.Is(err, syscall.EISDIR) {
			return fmt.Errorf("%w: %s is a folder of other outputs of this build", ErrDuplicate, path)
		}
		if errors.Is(err, syscall.ENAMETOOLONG) {
			return fmt.Errorf("output: %s: a name in it is too long for the file system (at most 255 bytes; a Chinese character takes 3): shorten the slug", path)
		}
		return besideErr(filepath.Dir(s.tmp), s.tmp, err)
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
// output is moved aside (.<name>.zhkb-old) and then removed. When only the
// removal fails, the new output is live and the error wraps ErrOldLeft.
func (s *Staging) Commit() error {
	defer s.unlock()
	var mark strings.Builder
	mark.WriteString(markerHead + "\n")
	for _, p := range s.Paths() {
		mark.WriteString(p + "\n")
	}
	if err := os.WriteFile(filepath.Join(s.tmp, Marker), []byte(mark.String()), 0o644); err != nil {
		os.RemoveAll(s.tmp)
		return fmt.Errorf("output: %w", err)
	}
	if _, err := os.Lstat(s.dir); err == nil {
		if err := os.Rename(s.dir, s.old); err != nil {
			os.RemoveAll(s.tmp)
			if errors.Is(err, syscall.EBUSY) || errors.Is(err, syscall.EXDEV) {
				return fmt.Errorf("output: %s cannot be moved aside (%w): it is probably a mount point (a Docker volume, tmpfs); zhkb replaces the output folder whole, so build into a folder inside it, e.g. -o %s", s.dir, err, filepath.Join(s.dir, "site"))
			}
			return fmt.Errorf("output: moving the old output aside: %w", err)
		}
	}
	if afterMoveAside != nil {
		afterMoveAside()
	}
	if err := os.Rename(s.tmp, s.dir); err != nil {
		os.Rename(s.old, s.dir)
		os.RemoveAll(s.tmp)
		return fmt.Errorf("output: %w", err)
	}
	if err := os.RemoveAll(s.old); err != nil {
		return fmt.Errorf("%w: the new output is live in %s, but removing the previous one in %s failed (%v); the next build removes it, or remove it by hand", ErrOldLeft, s.dir, s.old, err)
	}
	return nil
}

// afterMoveAside, when set (by tests), runs between Commit's two renames;
// killhook.go, built only with the tag zhkbkilltest, sets it from the
// environment for the command's kill test.
var afterMoveAside func()

// Discard removes the staged files; the output directory stays as it was.
func (s *Staging) Discard() {
	os.RemoveAll(s.tmp)
	s.unlock()
}
