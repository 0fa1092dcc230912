package content

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/zhkb/zhkb/internal/relpath"
)

// Link is a relative link written in a source file: the path of an article
// or of a file under static/, and the #anchor after it, if any.
type Link struct {
	Path     string // unescaped, relative to the file it is written in
	Fragment string // unescaped, "" for none
}

// Resolve gives the URL that a link written in file (a path from the site
// root, like Source.File) has on file's page, whose path below a variant
// directory is fromURL: a link to an article's or a section's Markdown
// file leads to its page, one into static/ to the copied file (static/ is
// copied to the output root). root is the site root, where other files are
// looked for to say what is wrong; hasAnchor tells whether a source's page
// has a heading with an anchor. The error says why a link is broken.
func (s *Site) Resolve(root, file, fromURL string, l Link, hasAnchor func(*Source, string) bool) (string, error) {
	target := path.Join(path.Dir(file), l.Path)
	if strings.HasSuffix(l.Path, "/") || l.Path == "." || l.Path == ".." || strings.HasSuffix(l.Path, "/.") || strings.HasSuffix(l.Path, "/..") {
		return "", fmt.Errorf("%s is a folder: link to an article's .md file (e.g. %s) or to a section's _index.md", l.Path, path.Join(l.Path, "name.md"))
	}
	exists := func(rel string) bool {
		fi, err := os.Stat(filepath.Join(root, filepath.FromSlash(rel)))
		return err == nil && !fi.IsDir()
	}
	if path.Ext(target) != ".md" {
		return resolveStatic(target, fromURL, l, exists)
	}
	src := s.Lookup(target)
	if src == nil {
		if exists(target) {
			return "", fmt.Errorf("%s is not a published article (is it a draft?)", target)
		}
		return "", fmt.Errorf("%s does not exist", target)
	}
	dest := relpath.Rel(fromURL, src.URL())
	if l.Fragment != "" {
		if !hasAnchor(src, l.Fragment) {
			return "", fmt.Errorf("%s has no heading with anchor #%s", target, l.Fragment)
		}
		dest += "#" + l.Fragment
	}
	return dest, nil
}

// resolveStatic resolves a link to a file that is not an article: it must be
// under static/, which is copied to the output root.
func resolveStatic(target, fromURL string, l Link, exists func(string) bool) (string, error) {
	rest, ok := strings.CutPrefix(target, "static/")
	if !ok {
		if exists(target) {
			return "", fmt.Errorf("%s is not an article; files that pages link to go under static/", target)
		}
		return "", fmt.Errorf("%s does not exist (files that pages link to go under static/)", target)
	}
	if !exists(target) {
		return "", fmt.Errorf("%s does not exist", target)
	}
	// One level for the variant directory, then the page's own depth.
	dest := strings.Repeat("../", 1+strings.Count(fromURL, "/")) + rest
	if l.Fragment != "" {
		dest += "#" + l.Fragment
	}
	return dest, nil
}
