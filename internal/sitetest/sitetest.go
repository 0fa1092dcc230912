// Package sitetest gives tests and benchmarks copies of sites they may
// change.
package sitetest

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// CopyTree copies the files below from into to, creating to.
func CopyTree(from, to string) error {
	return filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
}

// Fixture copies the test site (internal/site/testdata/site) with the
// repository's layouts and static files into a temporary directory and
// returns that site root. repo is the repository root, relative to the
// test's directory ("../..").
func Fixture(tb testing.TB, repo string) string {
	tb.Helper()
	root := tb.TempDir()
	for from, to := range map[string]string{"internal/site/testdata/site": "", "layouts": "layouts", "static": "static"} {
		if err := CopyTree(filepath.Join(repo, from), filepath.Join(root, to)); err != nil {
			tb.Fatal(err)
		}
	}
	return root
}
