// Package sitetest gives tests and benchmarks copies of sites they may
// change.
package sitetest

import (
	"fmt"
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

// Fixture copies the test site (internal/site/testdata/site), which uses
// the built-in theme, into a temporary directory and returns that site root. repo is the repository root, relative to the
// test's directory ("../..").
func Fixture(tb testing.TB, repo string) string {
	tb.Helper()
	root := tb.TempDir()
	if err := CopyTree(filepath.Join(repo, "internal/site/testdata/site"), root); err != nil {
		tb.Fatal(err)
	}
	return root
}

// LongListBodies returns the texts of 1,200 articles made to give the
// search index long posting lists: pairs in every article (常见, 者以), in
// three of four (中等), in one of fifty (丙丁) and in one of two hundred
// (甲乙), with phrases the search tests look for.
func LongListBodies() []string {
	bodies := make([]string, 1200)
	for i := range bodies {
		body := fmt.Sprintf("第%d篇：常见者以词出现于此。", i)
		if i%200 == 7 {
			body += "稀有甲乙者以连在一起。"
		}
		if i%50 == 3 {
			body += "较多丙丁者以也在。"
		}
		if i%200 == 3 {
			body += "丙丁者以中等。"
		}
		if i%4 != 0 {
			body += "中等。又中等。"
		}
		bodies[i] = body
	}
	return bodies
}
