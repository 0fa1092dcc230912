// Package starter writes a new site that builds at once: a commented
// config.toml, a home page, one section of example articles, a glossary,
// .gitignore and a GitHub Pages workflow.
package starter

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

//go:embed all:site
var files embed.FS

// Init writes the starter site into dir, which must be new or empty, and
// returns the paths it wrote, relative to dir.
func Init(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	switch {
	case err == nil && len(entries) > 0:
		return nil, fmt.Errorf("%s is not empty; zhkb init starts a site only in a new or empty directory", dir)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil, err
	}
	site, err := fs.Sub(files, "site")
	if err != nil {
		return nil, err
	}
	var wrote []string
	err = fs.WalkDir(site, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := fs.ReadFile(site, p)
		if err != nil {
			return err
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			return err
		}
		wrote = append(wrote, p)
		return nil
	})
	return wrote, err
}
