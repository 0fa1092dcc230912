// Package relpath computes the relative references that lead from one file
// of a built site to another, as pages and bundles write their links.
package relpath

import (
	"path"
	"strings"
)

// Rel returns the relative reference from the document at from to to. Both
// are slash-separated paths below the same root, without a leading slash;
// a path ending in "/" (or "") is a folder, standing for its index page.
// A folder that is from's own gives "./".
//
//	Rel("laws/pipl/", "laws/civil/")                       = "../civil/"
//	Rel("zh-hans/laws/pipl/index.html", "zh-hans/laws/index.html") = "../index.html"
func Rel(from, to string) string {
	dir := from
	if !strings.HasSuffix(from, "/") && from != "" {
		dir = path.Dir(from) + "/"
		if dir == "./" {
			dir = ""
		}
	}
	f := split(dir)
	t := split(to)
	// The target's folders are all its segments but a file name.
	folders := len(t)
	if !strings.HasSuffix(to, "/") && to != "" {
		folders--
	}
	i := 0
	for i < len(f) && i < folders && f[i] == t[i] {
		i++
	}
	rel := strings.Repeat("../", len(f)-i) + strings.Join(t[i:], "/")
	if strings.HasSuffix(to, "/") && len(t) > i {
		rel += "/"
	}
	if rel == "" {
		return "./"
	}
	return rel
}

// split gives the segments of a folder path ("a/b/" → a, b) or of a file
// path ("a/b.html" → a, b.html).
func split(p string) []string {
	p = strings.TrimSuffix(p, "/")
	if p == "" {
		return nil
	}
	return strings.Split(p, "/")
}
