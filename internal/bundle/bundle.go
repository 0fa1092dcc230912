// Package bundle turns a site built for file:// into files to hand out: a
// zip of the whole site, and one self-contained HTML file per variant.
package bundle

import (
	"archive/zip"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"time"

	"golang.org/x/net/html"

	"github.com/zhkb/zhkb/internal/relpath"
)

// Site is a site built for reading from files (no base URL, no server
// files such as 404.html).
type Site struct {
	Files    Files  // the built output
	Name     string // file name stem of the bundles, e.g. "guide"
	Variants []Variant
}

// Files are a built site's files (output.Memory is one).
type Files interface {
	Paths() []string                 // slash-separated, sorted
	File(path string) ([]byte, bool) // the contents of a file
}

// read gives the contents of the site's file rel.
func (s *Site) read(rel string) ([]byte, error) {
	data, ok := s.Files.File(rel)
	if !ok {
		return nil, fmt.Errorf("%s: %w", rel, fs.ErrNotExist)
	}
	return data, nil
}

// list returns the site's files in order, leaving out dot files: the
// build's own marker (.zhkb-output) is no part of the site, and a build
// copies no other.
func (s *Site) list() []string {
	var files []string
	for _, p := range s.Files.Paths() {
		if !strings.HasPrefix(p, ".") && !strings.Contains(p, "/.") {
			files = append(files, p)
		}
	}
	return files
}

// Variant is one variant of the site.
type Variant struct {
	Dir  string // output directory, e.g. "zh-hans"
	Code string // BCP 47 code
}

// zipTime is the modification time of every file in the zip, so that the
// same site always gives the same bytes.
var zipTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// ZipName is the file name of the site's zip bundle.
func (s *Site) ZipName() string { return s.Name + "-offline.zip" }

// SingleName is the file name of a variant's single-file bundle.
func (s *Site) SingleName(v Variant) string { return s.Name + "-" + v.Dir + ".html" }

// Zip writes the whole site as a zip holding one folder, named after the
// site, to unpack anywhere and open with index.html: every link between
// pages points at a file (…/index.html), since browsers do not open a
// directory's index.html from file://.
func Zip(s *Site, w io.Writer) error {
	zw := zip.NewWriter(w)
	for _, rel := range s.list() {
		data, err := s.read(rel)
		if err != nil {
			return err
		}
		if strings.HasSuffix(rel, ".html") {
			if data, err = fileLinks(rel, data); err != nil {
				return fmt.Errorf("%s: %w", rel, err)
			}
		}
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: s.Name + "/" + rel, Method: zip.Deflate, Modified: zipTime})
		if err != nil {
			return err
		}
		if _, err := fw.Write(data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// fileLinks makes every link to a page of the site in the page at rel point
// at the page's file: "../laws/" becomes "../laws/index.html".
func fileLinks(rel string, data []byte) ([]byte, error) {
	return rewriteLinks(data, func(tag, attr, val string) (string, []html.Attribute, error) {
		p, frag, ok, err := target(rel, val)
		if err != nil || !ok {
			return val, nil, err
		}
		if strings.HasPrefix(val, "/") {
			return "", nil, fmt.Errorf("link %q is root-relative and cannot work from a file", val)
		}
		if p != pageFile(p) {
			out := relpath.Rel(rel, pageFile(p))
			if frag != "" {
				out += "#" + frag
			}
			return out, nil, nil
		}
		return val, nil, nil
	})
}
