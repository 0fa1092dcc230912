// Package content loads a site's content/ folder: sections, articles and
// their front matter, and gives each an ASCII URL path.
package content

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/zhkb/zhkb/internal/diag"
	"github.com/zhkb/zhkb/internal/strictoml"
)

// IndexFile is the name of a section's own page.
const IndexFile = "_index.md"

// Reserved names that a section may not take, since the build writes its own
// pages there.
var reservedSections = map[string]bool{"tags": true, "articles": true, "search": true, "css": true, "js": true, "404.html": true,
	"atom.xml": true, "index.html": true, "sitemap.xml": true, "robots.txt": true} // files the build writes in a variant's folder

var segmentRe = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*$`)

// usableSegment reports whether a section folder or article name can be a
// URL segment: not a page's file name (index.html, x.html), which the
// segment's own index.html would clash with.
func usableSegment(s string) bool {
	return segmentRe.MatchString(s) && !strings.HasSuffix(s, ".html")
}

// codeSuffixRe matches a file name ending in what looks like a Chinese
// language code (name.zh-TW.md), which is meant as a hand-written version.
var codeSuffixRe = regexp.MustCompile(`(?i)^[^.]+\.(zh(?:-[a-z0-9]+)+)\.md$`)

// Site is everything under content/.
type Site struct {
	Dir      string     // the content directory, as given to Load
	Home     *Section   // content/_index.md, with no pages; nil if absent
	Sections []*Section // ordered by weight, then title, then name
	Pages    []*Page    // every article, section by section in order
	byFile   map[string]*Source
}

// Source is what every Markdown file of the site is, whatever it makes: an
// article, a hand-written variant of one, or the _index.md of a section or
// of the home page. The build parses, checks and renders sources alike.
type Source struct {
	File  string // path relative to the content dir's parent, slash-separated ("content/…"); "" for a section without _index.md
	Front FrontMatter
	Body  []byte // Markdown after the front matter
	Line  int    // line of File where Body starts

	// What the file makes: an article (Page), a hand-written variant of
	// one (Page and Code), a section's intro (Section), or the home
	// page's (neither).
	Page    *Page
	Code    string
	Section *Section
}

// URL is the path below a variant directory of the page the source makes:
// "laws/pipl/" for an article and its hand-written variants, "laws/" for a
// section, "" for the home page.
func (s *Source) URL() string {
	switch {
	case s.Page != nil:
		return s.Page.URL()
	case s.Section != nil && s.Section.Name != "":
		return s.Section.URL()
	}
	return ""
}

// Article is the article the source is the source file of, nil for a
// hand-written variant, a section, the home page or no source (s nil).
func (s *Source) Article() *Page {
	if s == nil || s.Code != "" {
		return nil
	}
	return s.Page
}

// Section is a folder of articles.
type Section struct {
	Source
	Name  string // folder name, the section's URL segment
	Pages []*Page
}

// Page is one article.
type Page struct {
	Source
	Section *Section
	Slug    string // URL segment
	// Variants holds hand-written versions (name.zh-Hant.md beside
	// name.md) by lower-case variant code; they replace the converted page.
	Variants map[string]*Handwritten
}

// Handwritten is a page written by hand for one variant: its Front has the
// title and description in the variant's script; Source.Page is the
// article it replaces.
type Handwritten struct {
	Source
}

// structural front matter keys belong to the source file only.
var structural = []string{"slug", "weight", "date", "draft", "tags", "categories", "aliases", "law", "checked"}

// URL is the section's path below a variant directory, e.g. "laws/".
func (s *Section) URL() string { return s.Name + "/" }

// Title is the section's title, falling back to its folder name.
func (s *Section) Title() string {
	if s.Front.Title != "" {
		return s.Front.Title
	}
	return s.Name
}

// URL is the page's path below a variant directory, e.g. "laws/pipl/".
func (p *Page) URL() string { return p.Section.Name + "/" + p.Slug + "/" }

// Options control which files Load takes in.
type Options struct {
	Drafts   bool           // include pages with draft = true
	Variants []string       // variant codes: name.<code>.md is a hand-written variant
	TimeZone *time.Location // what dates without a zone mean (date = 2026-12-02); nil for UTC
}

// CheckSymlink is the site's one rule for symbolic links, in content/ and
// static/ alike: a link is followed when it leads to a file inside the site
// root; a link to a folder, to anything outside the site or in a hidden
// folder of it (.git/config), or to nothing is refused (the error says
// which).
func CheckSymlink(root, p string) error {
	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		return fmt.Errorf("a symbolic link that leads nowhere (%v)", err)
	}
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return err
	}
	if !strings.HasPrefix(real, realRoot+string(filepath.Separator)) {
		return fmt.Errorf("a symbolic link to %s, outside the site", real)
	}
	for _, seg := range strings.Split(filepath.ToSlash(strings.TrimPrefix(real, realRoot+string(filepath.Separator))), "/") {
		if strings.HasPrefix(seg, ".") {
			return fmt.Errorf("a symbolic link to %s, in a hidden file or folder of the site (such as .git), which is not for publishing", real)
		}
	}
	info, err := os.Stat(real)
	if err != nil || info.IsDir() {
		return fmt.Errorf("a symbolic link to a folder (%s); only links to files are followed", real)
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("a symbolic link to %s, which is not a regular file", real)
	}
	return nil
}

// CheckSpecial reports a named pipe, socket or device among the files of
// content/ or static/: reading one could block a build for ever.
func CheckSpecial(d fs.DirEntry) error {
	if t := d.Type(); !d.IsDir() && t&fs.ModeSymlink == 0 && !t.IsRegular() {
		return fmt.Errorf("a named pipe, socket or device, not a regular file")
	}
	return nil
}

// Load reads every Markdown file under dir. All problems found are returned
// together as a diag.List, with file names relative to the site root.
func Load(dir string, opts Options) (*Site, error) {
	l := &loader{dir: dir, opts: opts, site: &Site{Dir: dir, byFile: map[string]*Source{}}, sections: map[string]*Section{}}
	err := filepath.WalkDir(dir, l.visit)
	if errors.Is(err, fs.ErrNotExist) {
		if _, serr := os.Stat(dir); errors.Is(serr, fs.ErrNotExist) {
			return nil, diag.At(filepath.Base(dir)+"/", 0, "the folder of articles is missing (looked for %s)", absDir(dir)).WithHint("create it: articles go in %s/<section>/<name>.md (zhkb new makes one); or name the site's folder with -s DIR", filepath.Base(dir))
		}
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", dir, err)
	}
	l.orderSections()
	l.orderPages()
	l.attachHandwritten()
	if err := l.errs.Err(); err != nil {
		return nil, err
	}
	return l.site, nil
}

// loader is the state of Load: what it has read so far.
type loader struct {
	dir         string
	opts        Options
	site        *Site
	sections    map[string]*Section // by folder name
	handwritten []*Handwritten      // to attach to their articles
	errs        diag.List
}

// rel names a path below the content dir as messages do ("content/…").
func (l *loader) rel(p string) string {
	return filepath.ToSlash(filepath.Join(filepath.Base(l.dir), p))
}

// visit is Load's WalkDir function: it checks each folder and file and
// reads the Markdown files.
func (l *loader) visit(p string, d fs.DirEntry, err error) error {
	if err != nil {
		return err
	}
	name := d.Name()
	if p != l.dir && strings.HasPrefix(name, ".") {
		if d.IsDir() {
			return filepath.SkipDir
		}
		return nil
	}
	r, _ := filepath.Rel(l.dir, p)
	r = filepath.ToSlash(r)
	depth := strings.Count(r, "/")
	if d.Type()&fs.ModeSymlink != 0 {
		if err := CheckSymlink(filepath.Dir(l.dir), p); err != nil {
			l.errs.Add(diag.At(l.rel(r), 0, "%v", err).WithHint("copy the file itself into content/ instead of linking to it"))
			return nil
		}
	}
	if d.IsDir() {
		return l.folder(p, r, name, depth)
	}
	if ext := path.Ext(name); ext != ".md" {
		switch strings.ToLower(ext) {
		case ".md", ".markdown", ".mdown", ".mkd", ".mkdn":
			l.errs.Add(diag.At(l.rel(r), 0, "a Markdown file named %s, which zhkb does not read: it reads files ending in .md (lower case)", ext).
				WithHint("rename it to %s.md", strings.TrimSuffix(name, ext)))
		}
		return nil
	}
	if err := CheckSpecial(d); err != nil {
		l.errs.Add(diag.At(l.rel(r), 0, "%v", err).WithHint("replace it with a Markdown file"))
		return nil
	}
	src, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	l.file(l.rel(r), r, name, depth, src)
	return nil
}

// folder takes a folder of content/: a section, when its name can be one.
func (l *loader) folder(p, r, name string, depth int) error {
	if p == l.dir {
		return nil
	}
	if depth > 0 {
		l.errs.Add(diag.At(l.rel(r), 0, "nested folder").WithHint("articles go directly in content/<section>/; move the files up or make it a section of its own"))
		return filepath.SkipDir
	}
	if !usableSegment(name) || reservedSections[name] {
		l.errs.Add(diag.At(l.rel(r), 0, "section folder name %q is not usable in a URL", name).WithHint("rename it using lower-case ASCII letters, digits and '-' (not tags, articles or search); the Chinese title goes in its _index.md"))
		return filepath.SkipDir
	}
	l.sections[name] = &Section{Name: name}
	return nil
}

// file takes a Markdown file (file as messages name it, r from the content
// dir): the home page's or a section's _index.md, a hand-written version,
// or an article.
func (l *loader) file(file, r, name string, depth int, src []byte) {
	errs, opts := &l.errs, l.opts
	if depth == 0 {
		if name != IndexFile {
			errs.Add(diag.At(file, 0, "article outside a section").WithHint("move it into a folder such as content/faq/"))
			return
		}
		home, err := loadIndex(file, src)
		if err != nil {
			errs.Add(err)
			return
		}
		home.Front.InZone(opts.TimeZone)
		home.File = file
		l.site.Home = home
		l.site.byFile[file] = &home.Source
		return
	}
	sec := l.sections[path.Dir(r)]
	if name == IndexFile {
		s, err := loadIndex(file, src)
		if err != nil {
			errs.Add(err)
			return
		}
		s.Front.InZone(opts.TimeZone)
		sec.File, sec.Front, sec.Body, sec.Line = file, s.Front, s.Body, s.Line
		return
	}
	if code, ok := variantSuffix(name, opts.Variants); ok {
		if strings.TrimSuffix(name, "."+code+".md") == strings.TrimSuffix(IndexFile, ".md") {
			errs.Add(diag.At(file, 0, "a hand-written %s version of a section's _index.md, which zhkb does not use", code).
				WithHint("a section's title and intro are converted from %s; mark words that differ by variant with -{zh-hans:…;zh-hant:…}- there, and delete this file", path.Join(path.Dir(file), IndexFile)))
			return
		}
		hw, err := loadHandwritten(file, code, src)
		errs.Add(err)
		if hw != nil {
			hw.Front.InZone(opts.TimeZone)
			l.handwritten = append(l.handwritten, hw)
		}
		return
	}
	if m := codeSuffixRe.FindStringSubmatch(name); m != nil {
		errs.Add(diag.At(file, 0, "a hand-written version for %s, which is not a variant of the site", m[1]).WithHint("name it <article>.<code>.md with one of the variants' codes: %s", strings.Join(opts.Variants, ", ")))
		return
	}
	page, err := loadPage(file, src)
	if err != nil {
		errs.Add(err)
		return
	}
	page.Front.InZone(opts.TimeZone)
	if page.Front.Draft && !opts.Drafts {
		return
	}
	page.Section = sec
	sec.Pages = append(sec.Pages, page)
}

// orderSections keeps the sections that have articles or an _index.md and
// are not drafts, in order.
func (l *loader) orderSections() {
	site := l.site
	for _, s := range l.sections {
		if len(s.Pages) == 0 && s.File == "" {
			continue
		}
		if s.Front.Draft && !l.opts.Drafts {
			continue // a draft section is left out with its articles
		}
		site.Sections = append(site.Sections, s)
		s.Source.Section = s
		if s.File != "" {
			site.byFile[s.File] = &s.Source
		}
	}
	sort.Slice(site.Sections, func(i, j int) bool { return sectionLess(site.Sections[i], site.Sections[j]) })
}

// orderPages orders each section's articles, lists them all, and refuses
// two with one URL.
func (l *loader) orderPages() {
	site := l.site
	urls := map[string]string{}
	for _, s := range site.Sections {
		sort.Slice(s.Pages, func(i, j int) bool { return pageLess(s.Pages[i], s.Pages[j]) })
		for _, p := range s.Pages {
			site.Pages = append(site.Pages, p)
			p.Source.Page = p
			site.byFile[p.File] = &p.Source
			if other, dup := urls[p.URL()]; dup {
				l.errs.Add(diag.At(p.File, 0, "URL /%s is also the URL of %s", p.URL(), other).WithHint("give one of them a different slug"))
			}
			urls[p.URL()] = p.File
		}
	}
}

// attachHandwritten gives each hand-written version to its article.
func (l *loader) attachHandwritten() {
	for _, hw := range l.handwritten {
		source := strings.TrimSuffix(strings.TrimSuffix(hw.File, ".md"), "."+hw.Code) + ".md"
		src, ok := l.site.byFile[source]
		ok = ok && src.Article() != nil
		if !ok && fileExists(filepath.Join(filepath.Dir(l.dir), filepath.FromSlash(source))) {
			continue // the source is a draft
		}
		if !ok {
			l.errs.Add(diag.At(hw.File, 0, "hand-written %s version without its source file %s", hw.Code, source).WithHint("a page written for one variant replaces the converted %s; create that file, or rename this one", source))
			continue
		}
		pg := src.Article()
		if pg.Variants == nil {
			pg.Variants = map[string]*Handwritten{}
		}
		hw.Page = pg
		pg.Variants[strings.ToLower(hw.Code)] = hw
	}
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// variantSuffix reports whether name is <base>.<code>.md for one of codes.
func variantSuffix(name string, codes []string) (string, bool) {
	base := strings.TrimSuffix(name, ".md")
	for _, c := range codes {
		if len(base) > len(c)+1 && strings.EqualFold(base[len(base)-len(c):], c) && base[len(base)-len(c)-1] == '.' {
			return base[len(base)-len(c):], true
		}
	}
	return "", false
}

func loadHandwritten(file, code string, src []byte) (*Handwritten, error) {
	fm, body, line, err := parseFile(file, src, true)
	if err != nil {
		return nil, err
	}
	front := fm.Source
	var errs diag.List
	for _, key := range structural {
		if strictoml.Line(front, key) > 0 {
			errs.Add(diag.At(file, 1+strictoml.Line(front, key), "%s is set by the source file; a hand-written version may set title, description, lastmod, toc, glossary and params", key))
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return &Handwritten{Source{Code: code, File: file, Front: fm, Body: body, Line: line}}, nil
}

// Lookup finds the article or section whose source file is file (relative to
// the site root, like Page.File), or nil.
func (s *Site) Lookup(file string) *Source { return s.byFile[file] }

// parseFile splits a Markdown file and parses its front matter.
func parseFile(file string, src []byte, requireTitle bool) (fm FrontMatter, body []byte, line int, err error) {
	front, body, line, err := split(file, src)
	if err != nil {
		return fm, nil, 0, err
	}
	fm, err = ParseFrontMatter(file, front, requireTitle)
	return fm, body, line, err
}

func loadIndex(file string, src []byte) (*Section, error) {
	fm, body, line, err := parseFile(file, src, false)
	if err != nil {
		return nil, err
	}
	return &Section{Source: Source{Front: fm, Body: body, Line: line}}, nil
}

func loadPage(file string, src []byte) (*Page, error) {
	fm, body, line, err := parseFile(file, src, true)
	if err != nil {
		return nil, err
	}
	front := fm.Source
	slug := fm.Slug
	base := strings.TrimSuffix(path.Base(file), ".md")
	if slug == "" {
		slug = strings.ToLower(base)
		if !usableSegment(slug) {
			return nil, diag.At(file, 1, "file name %q cannot be used as a URL", base).WithHint(`add slug = "an-ascii-name" to the front matter, or rename the file using lower-case ASCII letters, digits and '-'`)
		}
	} else {
		slug = strings.ToLower(slug)
		if !usableSegment(slug) {
			return nil, diag.At(file, 1+strictoml.Line(front, "slug"), "slug %q is not a valid URL segment", fm.Slug).WithHint("use lower-case ASCII letters, digits, '-', '_' or '.', not ending in .html")
		}
	}
	return &Page{Source: Source{File: file, Front: fm, Body: body, Line: line}, Slug: slug}, nil
}

func split(file string, src []byte) (front, body []byte, line int, err error) {
	if !utf8.Valid(src) {
		bad := 0
		for i := 0; i < len(src); {
			r, n := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && n <= 1 {
				bad = i
				break
			}
			i += n
		}
		ln := bytes.Count(src[:bad], []byte("\n")) + 1
		col := utf8.RuneCount(src[bytes.LastIndexByte(src[:bad], '\n')+1:bad]) + 1
		return nil, nil, 0, &diag.Error{File: file, Line: ln, Col: col, Msg: "invalid UTF-8", Hint: "save the file as UTF-8 (GBK/Big5 files must be converted first, e.g. iconv -f GBK -t UTF-8)"}
	}
	return SplitFrontMatter(file, src)
}

// sectionLess orders sections by weight (weighted first), title, then name.
func sectionLess(a, b *Section) bool {
	if wa, wb := a.Front.Weight, b.Front.Weight; wa != wb {
		return weightLess(wa, wb)
	}
	if a.Title() != b.Title() {
		return a.Title() < b.Title()
	}
	return a.Name < b.Name
}

// pageLess orders articles by weight (weighted first), then title, then file.
func pageLess(a, b *Page) bool {
	if wa, wb := a.Front.Weight, b.Front.Weight; wa != wb {
		return weightLess(wa, wb)
	}
	if a.Front.Title != b.Front.Title {
		return a.Front.Title < b.Front.Title
	}
	return a.File < b.File
}

// weightLess puts set weights in ascending order before unset (zero) ones,
// as Hugo does.
func weightLess(a, b int) bool {
	if a == 0 || b == 0 {
		return b == 0
	}
	return a < b
}

// absDir is dir made absolute, for messages that say where zhkb looked.
func absDir(dir string) string {
	if abs, err := filepath.Abs(dir); err == nil {
		return abs
	}
	return dir
}
