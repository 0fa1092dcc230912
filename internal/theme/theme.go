// Package theme holds zhkb's built-in theme: the layouts, stylesheet and
// icon used for every file a site does not provide itself.
package theme

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

//go:embed layouts static
var files embed.FS

// Layouts returns the built-in layouts: base.html, partials/*.html and one
// file per page kind.
func Layouts() fs.FS { return sub("layouts") }

// Static returns the built-in static files, copied to the output root.
func Static() fs.FS { return sub("static") }

func sub(dir string) fs.FS {
	f, err := fs.Sub(files, dir)
	if err != nil {
		panic(err) // the directory is embedded above
	}
	return f
}

// Overlay returns a file system that opens each name from the site's own
// directory dir when the file exists there, and from base otherwise — the
// lookup order of Hugo's themes: the site's file wins.
func Overlay(dir string, base fs.FS) fs.FS {
	return overlay{site: os.DirFS(dir), base: base}
}

type overlay struct{ site, base fs.FS }

func (o overlay) Open(name string) (fs.File, error) {
	// A named pipe would block the open for ever: stat first (which does
	// not open it).
	if info, err := fs.Stat(o.site, name); err == nil && !info.IsDir() && !info.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "open", Path: name, Err: errors.New("a named pipe, socket or device, not a regular file: replace it with a file")}
	}
	f, err := o.site.Open(name)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return f, err
	}
	return o.base.Open(name)
}

// ReadDir lists a directory of both, the site's entry winning where both
// have the same name.
func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	a, errA := fs.ReadDir(o.site, name)
	b, errB := fs.ReadDir(o.base, name)
	if errA != nil && errB != nil {
		return nil, errA
	}
	seen := map[string]bool{}
	var all []fs.DirEntry
	for _, e := range append(a, b...) {
		if !seen[e.Name()] {
			seen[e.Name()] = true
			all = append(all, e)
		}
	}
	return all, nil
}

// Export writes the built-in theme under dir, as layouts/… and static/…,
// for a site to customise: files the site keeps there win over the built-in
// ones. It refuses to overwrite a file that exists and returns the paths
// it wrote, relative to dir.
func Export(dir string) ([]string, error) {
	var todo []string
	err := fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(p))); err == nil {
			return fmt.Errorf("%s already exists; move it away or export into another directory (files a site keeps win over the built-in theme, so an export is only needed once)", filepath.Join(dir, filepath.FromSlash(p)))
		}
		todo = append(todo, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, p := range todo {
		data, err := files.ReadFile(p)
		if err != nil {
			return nil, err
		}
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			return nil, err
		}
	}
	return todo, nil
}
