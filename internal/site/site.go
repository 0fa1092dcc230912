// Package site builds a whole site: it runs config, content, markdown and
// conversion, render and output in order and is the only package that knows
// them all.
package site

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/zhkb/zhkb/internal/config"
	"github.com/zhkb/zhkb/internal/content"
	"github.com/zhkb/zhkb/internal/convert"
	"github.com/zhkb/zhkb/internal/diag"
	"github.com/zhkb/zhkb/internal/markdown"
	"github.com/zhkb/zhkb/internal/output"
	"github.com/zhkb/zhkb/internal/render"
	"github.com/zhkb/zhkb/internal/search"
	"github.com/zhkb/zhkb/internal/statute"
	"github.com/zhkb/zhkb/internal/strictoml"
	"github.com/zhkb/zhkb/internal/theme"
)

// Options control a build.
type Options struct {
	Root     string                // site root: holds config.toml, content/, layouts/, static/
	Config   string                // config file; default Root/config.toml
	Out      string                // output directory; default Root/public
	Drafts   bool                  // include draft articles
	Progress func(done, total int) // called as pages are rendered, if set
	Notice   func(msg string)      // called with news for the reader (waiting for another build), if set
	// BaseURL, when set, replaces the config's baseURL (deployments that
	// know their address only at build time).
	BaseURL string
	// review prepares a site whose links or markers have errors, for
	// zhkb check to look at.
	review bool
	// Offline builds for reading from files rather than a web server: no
	// base URL (so no absolute links), and no files only a server uses
	// (404.html, sitemap.xml, feeds, robots.txt).
	Offline bool
	// Context, when set, stops the build when done (Ctrl-C): it returns
	// the context's error, having removed everything it wrote on the way
	// and left the previous output as it was.
	Context context.Context
}

// interrupted is the error of opts.Context once it is done.
func (opts Options) interrupted() error {
	if opts.Context == nil {
		return nil
	}
	return opts.Context.Err()
}

// Stats describe a finished build.
type Stats struct {
	Articles int
	Variants int
	Pages    int // HTML files written
	Files    int // all files written
	Out      string
	Elapsed  time.Duration
	Phases   []Phase // where the time went, in order
	Warnings []string
	// Later, after a quick update of a preview, makes the search index the
	// returned tree still has from before the edit, and returns the tree
	// with the new one; nil otherwise.
	Later func() (*output.Memory, error)
}

// Phase is one step of a build and how long it took.
type Phase struct {
	Name     string
	Duration time.Duration
}

// Build builds the site described by opts and replaces the output directory
// with the result. On any error the output directory is left as it was.
func Build(opts Options) (Stats, error) {
	start := time.Now()
	// First of all, so that a build failing on the site's sources leaves
	// the previous output in place.
	out := opts.Out
	if out == "" {
		out = filepath.Join(opts.Root, "public")
	}
	if err := output.Recover(out); err != nil {
		return Stats{}, err
	}
	b, err := prepare(opts)
	if err != nil {
		return Stats{}, err
	}
	if err := output.Check(b.out); err != nil {
		return Stats{}, err // before any work; Stage checks again, under its lock
	}
	b.releaseDocs = true
	b.phase("load and parse")
	if b.cfg.Bundle.Publish && !opts.Offline {
		if b.downloads, err = b.makeBundles(""); err != nil {
			return Stats{}, err
		}
		b.phase("offline bundles")
	}
	if err := opts.interrupted(); err != nil {
		return Stats{}, err
	}
	stage, err := output.Stage(b.out, func(pid int) {
		if opts.Notice != nil {
			opts.Notice(fmt.Sprintf("waiting for another zhkb build (process %d) writing %s to finish", pid, b.out))
		}
	})
	if err != nil {
		return Stats{}, err
	}
	if err := b.render(stage); err != nil {
		stage.Discard()
		return Stats{}, err
	}
	if err := opts.interrupted(); err != nil {
		stage.Discard()
		return Stats{}, err
	}
	warnings := b.warnings()
	if len(b.content.Pages) == 0 {
		warnings = append(warnings, "content/ holds no articles, so the site built has none: articles go in content/<section>/<name>.md")
	}
	if err := stage.Commit(); errors.Is(err, output.ErrOldLeft) {
		warnings = append(warnings, err.Error())
	} else if err != nil {
		return Stats{}, err
	}
	b.phase("swap output")
	st := Stats{Articles: len(b.content.Pages), Variants: len(b.cfg.Variants), Out: b.out, Elapsed: time.Since(start), Phases: b.phases, Warnings: warnings}
	for _, p := range stage.Paths() {
		st.Files++
		if strings.HasSuffix(p, ".html") && !strings.HasPrefix(p, downloadDir) {
			st.Pages++
		}
	}
	return st, nil
}

// BuildMemory builds the site described by opts into memory, writing no
// files. opts.Out is not used.
func BuildMemory(opts Options) (*output.Memory, Stats, error) {
	tree, st, _, err := NewPreview(opts).Update(nil)
	return tree, st, err
}

// phase records that the step called name has just ended.
func (b *builder) phase(name string) {
	now := time.Now()
	b.phases = append(b.phases, Phase{name, now.Sub(b.mark)})
	b.mark = now
}

// builder holds everything loaded for one build.
type builder struct {
	opts     Options
	phases   []Phase
	mark     time.Time // end of the last phase
	out      string
	cfg      *config.Config
	content  *content.Site
	layouts  *render.Templates
	formats  *render.Formats // sitemap.xml, atom.xml, robots.txt
	docs     map[*content.Source]*markdown.Document
	mdOpts   markdown.Options
	variants []*variant
	tags     []*tag
	// feedIndex numbers the articles the feeds list, newest first.
	feedIndex map[*content.Page]int
	// reviewErrs are the errors a review went on past.
	reviewErrs diag.List
	// glossary is the site's glossary file (nil without one).
	glossary *convert.Glossary
	// downloads are the offline bundles the site publishes.
	downloads []bundleFile
	// synonyms are the groups of the site's synonym table.
	synonyms [][]string
	// startHere are the articles the search offers when it finds nothing.
	startHere []*content.Page
	// statutes are the site's law texts (nil without them), and cites
	// each article's citations of them, in order.
	statutes *statute.Library
	cites    map[*content.Page][]statute.Cite
	// keepSearch keeps the search index a pass makes (searchFiles) for
	// the next: the offline pass of the bundles makes the one the site's
	// pages get too.
	keepSearch  bool
	searchFiles *output.Memory
	// releaseDocs lets go of the parsed articles and their sources once the
	// pages are rendered: a build to disk needs them no more (a preview's
	// quick updates and a review do).
	releaseDocs bool
}

// variant is a config variant with what rendering it needs.
type variant struct {
	config.Variant
	conv     *convert.Variant
	pageConv map[*content.Page]*convert.Variant // pages with their own glossary
	// asWritten keeps hand-written text as it is (markers aside).
	asWritten   *convert.Variant
	mdAsWritten *markdown.Renderer
	md          *markdown.Renderer
	ui          map[string]string
	site        render.Site // site title and description, converted
	sections    []render.Section
	// searchDocs are the articles' texts for the search index, filled in by
	// the render jobs (each writes its own element).
	searchDocs []search.Document
	// startHere links the articles the search offers when it finds nothing.
	startHere []render.Link
	// feed holds the articles of the variant's feed, in feedIndex order,
	// filled in by the render jobs.
	feed []feedEntry
}

type tag struct {
	name  string // source script
	slug  string
	pages []*content.Page
}

func prepare(opts Options) (*builder, error) {
	if opts.Root == "" {
		opts.Root = "."
	}
	if opts.Config == "" {
		opts.Config = filepath.Join(opts.Root, config.FileName)
	}
	if opts.Out == "" {
		opts.Out = filepath.Join(opts.Root, "public")
	}
	cfg, err := config.Load(opts.Config, opts.Root)
	if err != nil {
		return nil, err
	}
	if err := cfg.CheckOutput(opts.Out); err != nil {
		return nil, err
	}
	if opts.BaseURL != "" {
		if cfg.BaseURL, err = config.NormalizeBaseURL(opts.BaseURL); err != nil {
			return nil, err
		}
	}
	if opts.Offline {
		cfg.BaseURL = ""
	}
	b := &builder{opts: opts, out: opts.Out, cfg: cfg, mark: time.Now()}

	var errs diag.List
	codes := make([]string, len(cfg.Variants))
	for i, v := range cfg.Variants {
		codes[i] = v.Code
	}
	b.content, err = content.Load(filepath.Join(cfg.Root, "content"), content.Options{Drafts: opts.Drafts, Variants: codes, TimeZone: cfg.TimeZone})
	errs.Add(err)
	b.layouts, err = render.Load(theme.Overlay(filepath.Join(cfg.Root, "layouts"), theme.Layouts()))
	if err == nil {
		b.formats, err = render.LoadFormats(theme.Overlay(filepath.Join(cfg.Root, "layouts"), theme.Layouts()))
	}
	errs.Add(err)
	if err := errs.Err(); err != nil {
		return nil, err
	}

	if err := b.converters(); err != nil {
		return nil, err
	}
	if err := b.loadStatutes(); err != nil {
		return nil, err
	}
	if err := b.searchSettings(); err != nil {
		return nil, err
	}
	// Errors in links and markers leave the documents parsed; a review
	// (zhkb check) notes them and goes on to look at the documents.
	if err := b.parse(markdown.NewParser(b.mdOpts)); err != nil {
		if !opts.review {
			return nil, err
		}
		b.reviewErrs.Add(err)
	}
	if b.tags, err = collectTags(cfg, b.content); err != nil {
		if !opts.review {
			return nil, err
		}
		b.reviewErrs.Add(err)
	}
	b.feedIndex = map[*content.Page]int{}
	for i, p := range feedPages(b.content.Pages) {
		b.feedIndex[p] = i
	}
	for _, v := range b.variants {
		v.feed = make([]feedEntry, len(b.feedIndex))
		v.site = render.Site{Title: v.conv.Convert(cfg.Title), Description: v.conv.Convert(cfg.Description), BaseURL: cfg.BaseURL, Statutes: b.statutes != nil}
		if v.site.Help, err = b.help(v); err != nil {
			return nil, err
		}
		v.ui = config.DefaultUI(v.Code)
		for k, s := range cfg.UI {
			v.ui[k] = v.conv.Convert(s)
		}
		for k, s := range v.UI {
			v.ui[k] = s
		}
		for _, s := range b.content.Sections {
			sec := render.Section{Title: v.conv.Convert(s.Title()), Description: v.conv.Convert(s.Front.Description), URL: v.Dir + "/" + s.URL()}
			for _, p := range s.Pages {
				sec.Articles = append(sec.Articles, b.pageLink(v, p))
			}
			v.sections = append(v.sections, sec)
		}
		for _, p := range b.startHere {
			v.startHere = append(v.startHere, b.pageLink(v, p))
		}
	}
	return b, nil
}

// converters sets up each variant's conversion: OpenCC through the fast
// engine, the site's glossary, the book-title rule, and each page's own
// glossary. Malformed markers in front matter are reported here.
func (b *builder) converters() error {
	cfg := b.cfg
	codes := make([]string, len(cfg.Variants))
	for i, v := range cfg.Variants {
		codes[i] = v.Code
	}
	var errs diag.List
	glossary, err := convert.LoadGlossary(filepath.Join(cfg.Root, cfg.Conversion.Glossary), cfg.Conversion.Glossary, !cfg.Conversion.GlossarySet, codes)
	errs.Add(err)
	b.glossary = glossary
	pageGlossaries := map[*content.Page]*convert.Glossary{}
	for _, pg := range b.content.Pages {
		if len(pg.Front.Glossary) > 0 {
			g, err := convert.NewGlossary(pg.File, 2, pg.Front.Source, pg.Front.Glossary, codes, "glossary")
			errs.Add(err)
			pageGlossaries[pg] = g
		}
		errs.Add(checkFrontMarkup(pg.File, pg.Front))
		for _, hw := range pg.Variants {
			errs.Add(checkFrontMarkup(hw.File, hw.Front))
		}
	}
	for _, s := range b.content.Sections {
		errs.Add(checkFrontMarkup(s.File, s.Front))
	}
	if err := errs.Err(); err != nil {
		return err
	}
	b.mdOpts = markdown.Options{UnsafeHTML: cfg.Markdown.UnsafeHTML, Source: cfg.Source, PhoneLinks: cfg.Markdown.PhoneLinks}
	for _, v := range cfg.Variants {
		b.mdOpts.Codes = append(b.mdOpts.Codes, v.Code)
	}
	for _, v := range cfg.Variants {
		conv, err := convert.NewVariant(convert.VariantOptions{
			Conversion: v.Convert, Code: v.Code, Script: v.Script, Source: cfg.Source,
			BookTitles: cfg.Conversion.BookTitles, Glossary: glossary, CornerQuotes: v.Quotes == "corner",
		})
		if err != nil {
			return err
		}
		asWritten, err := convert.NewVariant(convert.VariantOptions{Code: v.Code, Script: v.Script, Source: cfg.Source, CornerQuotes: v.Quotes == "corner"})
		if err != nil {
			return err
		}
		vr := &variant{Variant: v, conv: conv, md: markdown.NewRenderer(conv, b.mdOpts), pageConv: map[*content.Page]*convert.Variant{},
			asWritten: asWritten, mdAsWritten: markdown.NewRenderer(asWritten, b.mdOpts)}
		for pg, g := range pageGlossaries {
			vr.pageConv[pg] = conv.With(g)
		}
		b.variants = append(b.variants, vr)
	}
	return nil
}

// searchSettings reads the synonym table and finds the articles the search
// offers when it finds nothing.
func (b *builder) searchSettings() error {
	cfg := b.cfg
	var errs diag.List
	if name := cfg.Search.Synonyms; name != "" {
		data, err := strictoml.ReadFile(filepath.Join(cfg.Root, name))
		if err != nil {
			errs.Add(diag.At(name, 0, "cannot read the synonym table: %v", err).WithHint("create it, or remove synonyms from [search] in %s", filepath.Base(cfg.File)))
		} else {
			b.synonyms, err = search.ParseSynonyms(name, data)
			errs.Add(err)
		}
	}
	for _, file := range cfg.Search.StartHere {
		p := b.content.Lookup(filepath.ToSlash(filepath.Join("content", file))).Article()
		if p == nil {
			errs.Add(diag.At(filepath.Base(cfg.File), 0, "[search] startHere names %q, which is not a published article", file).WithHint(`name articles by their file under content/, e.g. "steps/first.md"`))
			continue
		}
		b.startHere = append(b.startHere, p)
	}
	return errs.Err()
}

// help returns v's help line: the variant's own as written, else the
// site's converted, with its link resolved to the article's page.
func (b *builder) help(v *variant) (*render.Help, error) {
	h, conv := v.Help, v.asWritten
	if h == nil {
		h, conv = b.cfg.Help, v.conv
	}
	if h == nil {
		return nil, nil
	}
	out := &render.Help{Text: conv.Convert(h.Text)}
	if h.Link != "" {
		file, anchor, _ := strings.Cut(h.Link, "#")
		p := b.content.Lookup(filepath.ToSlash(filepath.Join("content", file))).Article()
		switch {
		case p == nil:
			return nil, diag.At(filepath.Base(b.cfg.File), h.Line, "[help] link names %q, which is not a published article", file).WithHint(`name the article by its file under content/, e.g. "steps/help.md#call-now"`)
		case anchor != "" && !b.docs[&p.Source].HasAnchor(anchor):
			return nil, diag.At(filepath.Base(b.cfg.File), h.Line, "[help] link: %s has no heading with anchor #%s", file, anchor)
		}
		out.URL = v.Dir + "/" + p.URL()
		if anchor != "" {
			out.URL += "#" + anchor
		}
	}
	for _, ph := range h.Phones {
		tel := strings.NewReplacer(" ", "", "-", "").Replace(ph.Number)
		out.Phones = append(out.Phones, render.Phone{Number: ph.Number, Tel: tel, Label: conv.Convert(ph.Label)})
	}
	return out, nil
}

// checkFrontMarkup reports malformed -{…}- markers in the title,
// description and tags of a page or section.
func checkFrontMarkup(file string, fm content.FrontMatter) error {
	var errs diag.List
	check := func(key, text string) {
		if _, err := convert.ParseMarkup(text); err != nil {
			errs.Add(diag.At(file, 1+strictoml.Line(fm.Source, key), "conversion marker in %s: %v", key, err))
		}
	}
	check("title", fm.Title)
	if fm.Title != "" && errs.Err() == nil {
		for _, script := range []string{config.Hans, config.Hant} {
			if strings.TrimSpace(convert.SourceText(fm.Title, script)) == "" {
				errs.Add(diag.At(file, 1+strictoml.Line(fm.Source, "title"), "title %q is empty once its markers are read (in %s)", fm.Title, script).
					WithHint(`write the title's words outside the marker, or give each script its own: -{zh-hans:…;zh-hant:…}-`))
				break
			}
		}
	}
	check("description", fm.Description)
	for _, t := range fm.Tags {
		check("tags", t)
	}
	return errs.Err()
}

// convFor returns the converter for page pg in v: the variant's, with the
// page's own glossary if it has one.
func (v *variant) convFor(pg *content.Page) *convert.Variant {
	if c, ok := v.pageConv[pg]; ok {
		return c
	}
	return v.conv
}

// parse parses every Markdown body using all cores, then resolves the links
// between them.
func (b *builder) parse(p *markdown.Parser) error {
	units := b.sources()
	docs := make([]*markdown.Document, len(units))
	markupErrs := make([]error, len(units))
	parallel(len(units), func(i int) error {
		docs[i] = p.Parse(units[i].File, units[i].Line, units[i].Body)
		markupErrs[i] = docs[i].Check()
		return nil
	})
	b.docs = make(map[*content.Source]*markdown.Document, len(units))
	for i, u := range units {
		b.docs[u] = docs[i]
	}
	var errs diag.List
	for i, u := range units {
		errs.Add(markupErrs[i])
		if u.Code != "" {
			errs.Add(docs[i].AdoptAnchors(b.docs[&u.Page.Source]))
		}
	}
	if b.statutes != nil {
		b.cites = map[*content.Page][]statute.Cite{}
		for i, u := range units {
			if pg := u.Article(); pg != nil {
				b.cites[pg] = docs[i].LinkCitations(b.statutes, b.statutes.Law(pg.Front.Law))
			}
		}
	}
	for i, u := range units {
		errs.Add(docs[i].ResolveLinks(b.resolver(u.File, u.URL())))
	}
	return errs.Err()
}

// sources lists every Markdown file of the site in order: the home page's,
// then each section's _index.md, articles and their hand-written variants.
func (b *builder) sources() []*content.Source {
	var list []*content.Source
	if h := b.content.Home; h != nil {
		list = append(list, &h.Source)
	}
	for _, s := range b.content.Sections {
		if s.File != "" {
			list = append(list, &s.Source)
		}
		for _, pg := range s.Pages {
			list = append(list, &pg.Source)
			for _, hw := range sortedHandwritten(pg) {
				list = append(list, &hw.Source)
			}
		}
	}
	return list
}

// loadStatutes reads the site's law texts, and checks that each article's
// own law (front matter law) is one of them.
func (b *builder) loadStatutes() error {
	var errs diag.List
	if dir := b.cfg.Statutes.Dir; dir != "" {
		lib, err := statute.Load(b.cfg.Root, dir)
		if err != nil {
			return err
		}
		b.statutes = lib
	}
	for _, pg := range b.content.Pages {
		id := pg.Front.Law
		if id == "" {
			continue
		}
		line := 1 + strictoml.Line(pg.Front.Source, "law")
		switch {
		case b.statutes == nil:
			errs.Add(diag.At(pg.File, line, "law = %q, but the site keeps no law texts", id).WithHint(`set dir in [statutes] of config.toml, e.g. dir = "data/statutes", or remove law`))
		case b.statutes.Law(id) == nil:
			errs.Add(diag.At(pg.File, line, "law = %q names no file of %s", id, b.cfg.Statutes.Dir).WithHint("write the ID of a law there, the name of its file without .toml: %s", strings.Join(b.statutes.IDs(), ", ")))
		}
	}
	return errs.Err()
}

func sortedHandwritten(pg *content.Page) []*content.Handwritten {
	list := make([]*content.Handwritten, 0, len(pg.Variants))
	for _, hw := range pg.Variants {
		list = append(list, hw)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].File < list[j].File })
	return list
}

// resolver resolves the links written in file, whose page is at fromURL
// (see content.Site.Resolve), against the parsed documents' anchors.
func (b *builder) resolver(file, fromURL string) markdown.LinkResolver {
	return func(l markdown.Link) (string, error) {
		return b.content.Resolve(b.cfg.Root, file, fromURL, content.Link{Path: l.Path, Fragment: l.Fragment},
			func(src *content.Source, anchor string) bool { return b.docs[src].HasAnchor(anchor) })
	}
}

// rootOf gives the relative path from the page at url to the output root.
func rootOf(url string) string {
	dir := url
	if !strings.HasSuffix(url, "/") {
		dir = path.Dir(url) + "/"
		if dir == "./" {
			dir = ""
		}
	}
	return strings.Repeat("../", strings.Count(dir, "/"))
}

func collectTags(cfg *config.Config, c *content.Site) ([]*tag, error) {
	byName := map[string]*tag{}
	for _, p := range c.Pages {
		for _, name := range p.Front.Tags {
			t := byName[name]
			if t == nil {
				t = &tag{name: name, slug: tagSlug(cfg, name)}
				byName[name] = t
			}
			if len(t.pages) == 0 || t.pages[len(t.pages)-1] != p {
				t.pages = append(t.pages, p)
			}
		}
	}
	tags := make([]*tag, 0, len(byName))
	for _, t := range byName {
		tags = append(tags, t)
	}
	sort.Slice(tags, func(i, j int) bool {
		if len(tags[i].pages) != len(tags[j].pages) {
			return len(tags[i].pages) > len(tags[j].pages)
		}
		return tags[i].name < tags[j].name
	})
	slugs := map[string]string{}
	for _, t := range tags {
		if other, dup := slugs[t.slug]; dup {
			return nil, diag.At(cfg.File, 0, "tags %q and %q both get the URL tags/%s/", other, t.name, t.slug).WithHint("give one of them its own entry in [tagSlugs]")
		}
		slugs[t.slug] = t.name
	}
	return tags, nil
}

// parallel runs f(0..n-1) on every core and returns the error of the
// lowest i that failed, so a build reports the same error on every run.
func parallel(n int, f func(i int) error) error {
	var next atomic.Int64
	var mu sync.Mutex
	var first error
	firstAt := n
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	if workers > n {
		workers = n
	}
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				if err := f(i); err != nil {
					mu.Lock()
					if i < firstAt {
						first, firstAt = err, i
					}
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	return first
}

// copyStatic adds every file under static/ to the tree, at the same path,
// then each file of the built-in theme's static files that the site does
// not provide itself.
func (b *builder) copyStatic(tree output.Tree) error {
	dir := filepath.Join(b.cfg.Root, "static")
	own := map[string]bool{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == dir {
				return nil
			}
			return err
		}
		if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if d.Type()&fs.ModeSymlink != 0 {
			// A link may lead anywhere; publish only files of the site.
			if err := content.CheckSymlink(b.cfg.Root, p); err != nil {
				return fmt.Errorf("static/%s is %v; copy the file itself into static/ instead", rel, err)
			}
		}
		if err := content.CheckSpecial(d); err != nil {
			return fmt.Errorf("static/%s is %v; remove it from static/", rel, err)
		}
		own[rel] = true
		if err := tree.Copy(rel, p); errors.Is(err, output.ErrDuplicate) {
			return fmt.Errorf("static/%s: %w (a generated page has that path)", rel, err)
		} else if err != nil {
			return fmt.Errorf("static/%s could not be copied: %w", rel, err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	builtIn := theme.Static()
	return fs.WalkDir(builtIn, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || own[p] {
			return err
		}
		data, err := fs.ReadFile(builtIn, p)
		if err != nil {
			return err
		}
		if err := tree.Add(p, data); err != nil {
			return fmt.Errorf("the built-in theme's static/%s: %w (a generated page has that path)", p, err)
		}
		return nil
	})
}

// html marks rendered Markdown as safe for templates.
func html(b []byte) template.HTML { return template.HTML(b) }
