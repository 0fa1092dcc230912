package site

import (
	"errors"
	"fmt"
	"hash/fnv"
	"path"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/zhkb/zhkb/internal/config"
	"github.com/zhkb/zhkb/internal/content"
	"github.com/zhkb/zhkb/internal/convert"
	"github.com/zhkb/zhkb/internal/markdown"
	"github.com/zhkb/zhkb/internal/output"
	"github.com/zhkb/zhkb/internal/render"
	"github.com/zhkb/zhkb/internal/search"
)

// job renders one output file.
type job struct {
	path string
	run  func() ([]byte, error)
	page *content.Page // the article rendered, if any
	from string        // what in the sources makes this page, for errors; "" for the site itself
}

// render renders every page of every variant, using all cores, into the
// staged output.
func (b *builder) render(tree output.Tree) error {
	// The variants' jobs in turn, so that an article's pages are rendered
	// one after the other and its parsed text can go once they are.
	var jobs []job
	perVariant := make([][]job, len(b.variants))
	for i, v := range b.variants {
		v.searchDocs = nil // filled in again by this pass's article jobs
		perVariant[i] = b.variantJobs(v)
	}
	for k := 0; ; k++ {
		n := len(jobs)
		for _, list := range perVariant {
			if k < len(list) {
				jobs = append(jobs, list[k])
			}
		}
		if len(jobs) == n {
			break
		}
	}
	jobs = append(jobs, b.rootJobs()...)
	if err := checkJobPaths(jobs); err != nil {
		return err
	}
	left := map[*content.Page]*atomic.Int32{} // pages of each article still to render
	for _, j := range jobs {
		if j.page != nil {
			if left[j.page] == nil {
				left[j.page] = new(atomic.Int32)
			}
			left[j.page].Add(1)
		}
	}

	var done atomic.Int64
	err := parallel(len(jobs), func(i int) error {
		if err := b.opts.interrupted(); err != nil {
			return err
		}
		data, err := jobs[i].run()
		if err != nil {
			return fmt.Errorf("rendering %s: %w", jobs[i].path, err)
		}
		if b.opts.Progress != nil {
			b.opts.Progress(int(done.Add(1)), len(jobs))
		}
		if pg := jobs[i].page; pg != nil && left[pg].Add(-1) == 0 && b.releaseDocs {
			b.release(pg)
		}
		if err := tree.Add(jobs[i].path, data); err != nil && jobs[i].from != "" {
			return fmt.Errorf("%s: %w", jobs[i].from, err)
		} else if err != nil {
			return err
		}
		return nil
	})
	if err != nil {
		return err
	}
	if b.releaseDocs {
		b.docs = nil
	}
	if !b.opts.Offline {
		b.phase("render and write")
	}
	if err := b.addSearch(tree); err != nil {
		return err
	}
	if !b.opts.Offline {
		b.phase("search index")
	}
	if err := b.addAliases(tree); err != nil {
		return err
	}
	if err := b.addHosting(tree); err != nil {
		return err
	}
	for _, f := range b.downloads {
		if err := tree.Add(downloadDir+f.name, f.data); err != nil {
			return err
		}
	}
	return b.copyStatic(tree)
}

// statuteNotes gives the texts of the articles pg cites, each once, in the
// order of their first citation, converted for the variant.
func (b *builder) statuteNotes(pg *content.Page, conv *convert.Variant) []render.Statute {
	var notes []render.Statute
	seen := map[string]bool{}
	for _, c := range b.cites[pg] {
		if !c.Found || seen[c.Anchor()] {
			continue
		}
		seen[c.Anchor()] = true
		label, text, _ := c.Law.Article(c.Number)
		// Converted in 《》, as a title: the book-title rule applies.
		title := strings.TrimSuffix(strings.TrimPrefix(conv.Convert("《"+c.Law.Title+"》"), "《"), "》")
		n := render.Statute{Anchor: c.Anchor(), Law: title, Article: conv.Convert(label)}
		if !c.Law.Current {
			n.Old, _, _ = strings.Cut(c.Law.Version, "-")
		}
		for _, para := range strings.Split(text, "\n") {
			if para = strings.TrimSpace(para); para != "" {
				n.Paragraphs = append(n.Paragraphs, conv.Convert(para))
			}
		}
		notes = append(notes, n)
	}
	return notes
}

// checkJobPaths finds two pages with one path, or a page whose path is the
// folder of another's, before anything is rendered, so the error names the
// same page whichever is rendered first.
func checkJobPaths(jobs []job) error {
	files := make(map[string]int, len(jobs))
	dirs := map[string]int{}
	blame := func(i, j int, msg string) error {
		if jobs[i].from == "" && jobs[j].from != "" {
			i = j
		}
		if jobs[i].from == "" {
			return fmt.Errorf("%w: %s", output.ErrDuplicate, msg)
		}
		return fmt.Errorf("%s: %w: %s", jobs[i].from, output.ErrDuplicate, msg)
	}
	for i, j := range jobs {
		if k, dup := files[j.path]; dup {
			return blame(i, k, j.path)
		}
		if k, dup := dirs[j.path]; dup {
			return blame(k, i, fmt.Sprintf("%s needs the folder %s/, which another output of this build has as a file", jobs[k].path, j.path))
		}
		files[j.path] = i
		for d := path.Dir(j.path); d != "." && d != "/"; d = path.Dir(d) {
			if k, clash := files[d]; clash {
				return blame(i, k, fmt.Sprintf("%s needs the folder %s/, which another output of this build has as a file", j.path, d))
			}
			if _, seen := dirs[d]; seen {
				break
			}
			dirs[d] = i
		}
	}
	return nil
}

// currentSection returns a copy of the section list with the i-th marked
// as the current one, for the menu of a page in that section.
func currentSection(sections []render.Section, i int) []render.Section {
	out := append([]render.Section(nil), sections...)
	out[i].Current = true
	return out
}

// release lets go of an article's source and parsed text once all its
// pages are rendered (nothing after reads them in a build to disk), so that
// the build never holds every article's syntax tree at once.
func (b *builder) release(pg *content.Page) {
	b.docs[&pg.Source].Release()
	pg.Body = nil
	for _, hw := range pg.Variants {
		b.docs[&hw.Source].Release()
		hw.Body = nil
	}
}

// page starts the data for the page at url (below the variant dir) in v.
func (b *builder) page(v *variant, kind, url string) *render.Page {
	full := v.Dir + "/" + url
	p := &render.Page{
		Kind: kind, Lang: v.Code, Script: v.Script, UI: v.ui,
		Site: v.site,
		Root: rootOf(full), URL: full, Home: v.Dir + "/", Sections: v.sections,
		StartHere: v.startHere,
	}
	if b.cfg.BaseURL != "" {
		p.Canonical = b.cfg.BaseURL + full
		p.Feed = b.cfg.BaseURL + v.Dir + "/" + feedFile
	}
	for _, f := range b.downloads {
		switch f.variant {
		case v.Dir:
			p.Downloads = append([]render.Link{{Title: v.ui["offlineHTML"], URL: downloadDir + f.name, Description: size(len(f.data))}}, p.Downloads...)
		case "":
			p.Downloads = append(p.Downloads, render.Link{Title: v.ui["offlineZip"], URL: downloadDir + f.name, Description: size(len(f.data))})
		}
	}
	for _, o := range b.variants {
		alt := render.Alternate{Lang: o.Code, Script: o.Script, Label: o.Label, URL: o.Dir + "/" + url, Current: o == v, UI: o.ui, Help: o.site.Help}
		if b.cfg.BaseURL != "" {
			alt.Abs = b.cfg.BaseURL + alt.URL
		}
		p.Variants = append(p.Variants, alt)
	}
	return p
}

// downloadDir is where a site that publishes its offline bundles keeps them.
const downloadDir = "download/"

// size writes a file size for readers: 760 KB, 1.2 MB.
func size(n int) string {
	if n < 1000*1024 {
		return fmt.Sprintf("%d KB", (n+1023)/1024)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1024*1024))
}

func (b *builder) exec(kind string, p *render.Page) ([]byte, error) {
	return b.layouts.Execute(kind, p)
}

func (b *builder) pageLink(v *variant, p *content.Page) render.Link {
	if hw, ok := p.Variants[strings.ToLower(v.Code)]; ok {
		return render.Link{Title: v.asWritten.Convert(hw.Front.Title), URL: v.Dir + "/" + p.URL(), Description: v.asWritten.Convert(hw.Front.Description)}
	}
	conv := v.convFor(p)
	return render.Link{Title: conv.Convert(p.Front.Title), URL: v.Dir + "/" + p.URL(), Description: conv.Convert(p.Front.Description)}
}

func (b *builder) homeCrumb(v *variant) render.Link {
	return render.Link{Title: v.ui["home"], URL: v.Dir + "/"}
}

func (b *builder) variantJobs(v *variant) []job {
	var jobs []job
	add := func(url string, run func() ([]byte, error)) {
		file := v.Dir + "/" + url
		if url == "" || strings.HasSuffix(url, "/") {
			file += "index.html"
		}
		jobs = append(jobs, job{path: file, run: run})
	}
	addArticle := func(pg *content.Page, run func() ([]byte, error)) {
		add(pg.URL(), run)
		jobs[len(jobs)-1].page, jobs[len(jobs)-1].from = pg, pg.File
	}

	add("", func() ([]byte, error) {
		p := b.page(v, "home", "")
		p.Title = p.Site.Title
		p.Description = p.Site.Description
		if h := b.content.Home; h != nil {
			if h.Front.Title != "" {
				p.Title = v.conv.Convert(h.Front.Title)
			}
			if h.Front.Description != "" {
				p.Description = v.conv.Convert(h.Front.Description)
			}
			body, err := v.md.Render(b.docs[&h.Source])
			if err != nil {
				return nil, err
			}
			p.Content = html(body)
		}
		p.AllTags = b.tagList(v)
		return b.exec("home", p)
	})

	for i, s := range b.content.Sections {
		i, s := i, s
		add(s.URL(), func() ([]byte, error) {
			p := b.page(v, "section", s.URL())
			p.Sections = currentSection(v.sections, i)
			sec := p.Sections[i]
			p.Section = &sec
			p.Title, p.Description = sec.Title, sec.Description
			p.Articles = sec.Articles
			p.Breadcrumbs = []render.Link{b.homeCrumb(v)}
			if doc := b.docs[&s.Source]; doc != nil {
				body, err := v.md.Render(doc)
				if err != nil {
					return nil, err
				}
				p.Content = html(body)
			}
			return b.exec("section", p)
		})
		for j, pg := range s.Pages {
			j, pg, k := j, pg, len(v.searchDocs)
			v.searchDocs = append(v.searchDocs, search.Document{})
			addArticle(pg, func() ([]byte, error) { return b.article(v, i, j, k, pg) })
		}
	}

	add("tags/", func() ([]byte, error) {
		p := b.page(v, "tags", "tags/")
		p.Title = v.ui["allTags"]
		p.AllTags = b.tagList(v)
		p.Breadcrumbs = []render.Link{b.homeCrumb(v)}
		return b.exec("tags", p)
	})
	for _, t := range b.tags {
		t := t
		url := "tags/" + t.slug + "/"
		add(url, func() ([]byte, error) {
			p := b.page(v, "tag", url)
			p.Title = v.conv.Convert(t.name)
			for _, pg := range t.pages {
				p.Articles = append(p.Articles, b.pageLink(v, pg))
			}
			p.Breadcrumbs = []render.Link{b.homeCrumb(v), {Title: v.ui["allTags"], URL: v.Dir + "/tags/"}}
			return b.exec("tag", p)
		})
		jobs[len(jobs)-1].from = fmt.Sprintf("tag %q (of %s)", t.name, t.pages[0].File)
	}
	add("articles/", func() ([]byte, error) {
		p := b.page(v, "articles", "articles/")
		p.Title = v.ui["allArticles"]
		p.Breadcrumbs = []render.Link{b.homeCrumb(v)}
		return b.exec("articles", p)
	})
	if !b.opts.Offline {
		add("404.html", func() ([]byte, error) { return b.notFound(v, "404.html") })
	}
	return jobs
}

// article renders the j-th article of the i-th section, and records its
// text as the k-th document of the variant's search index.
func (b *builder) article(v *variant, i, j, k int, pg *content.Page) ([]byte, error) {
	doc := b.docs[&pg.Source]
	conv, md := v.convFor(pg), v.md
	if conv != v.conv {
		md = markdown.NewRenderer(conv, b.mdOpts)
	}
	front := pg.Front
	if hw, ok := pg.Variants[strings.ToLower(v.Code)]; ok {
		doc, conv, md = b.docs[&hw.Source], v.asWritten, v.mdAsWritten
		front.Title, front.Description, front.TOC = hw.Front.Title, hw.Front.Description, hw.Front.TOC
		if !hw.Front.Lastmod.IsZero() {
			front.Lastmod = hw.Front.Lastmod
		}
	}
	body, sections, err := md.RenderSections(doc)
	if err != nil {
		return nil, err
	}
	sd := search.Document{URL: v.Dir + "/" + pg.URL(), Title: conv.Convert(front.Title), Description: conv.Convert(front.Description)}
	for _, t := range pg.Front.Tags {
		sd.Tags = append(sd.Tags, v.conv.Convert(t))
	}
	for _, k := range pg.Front.Keywords {
		sd.Keywords = append(sd.Keywords, conv.Convert(k))
	}
	for _, s := range sections {
		sd.Sections = append(sd.Sections, search.Section{Heading: s.Heading, Anchor: s.Anchor, Text: s.Text})
	}
	v.searchDocs[k] = sd
	if n, ok := b.feedIndex[pg]; ok {
		e := feedEntry{url: v.Dir + "/" + pg.URL(), title: sd.Title, description: sd.Description, date: front.Date, updated: updated(front), body: body}
		for _, t := range pg.Front.Tags {
			e.tags = append(e.tags, v.conv.Convert(t))
		}
		v.feed[n] = e
	}
	sec := v.sections[i]
	p := b.page(v, "page", pg.URL())
	p.Title = conv.Convert(front.Title)
	p.Description = conv.Convert(front.Description)
	p.Date, p.Lastmod = front.Date, front.Lastmod
	p.Params = front.Params
	p.Checked = pg.Front.Checked
	if _, own := pg.Variants[strings.ToLower(v.Code)]; !own {
		p.Statutes = b.statuteNotes(pg, conv) // a hand-written text links no citations
	}
	p.Content = html(body)
	p.Sections = currentSection(v.sections, i)
	p.Section = &sec
	p.Breadcrumbs = []render.Link{b.homeCrumb(v), {Title: sec.Title, URL: sec.URL}}
	p.Nearby = sec.Articles[max(0, j-render.NearbyEach):min(len(sec.Articles), j+render.NearbyEach+1)]
	if j > 0 {
		p.Prev = &sec.Articles[j-1]
	}
	if j+1 < len(sec.Articles) {
		p.Next = &sec.Articles[j+1]
	}
	var toc []render.Heading
	for _, h := range doc.Headings {
		if h.Level == 2 || h.Level == 3 {
			toc = append(toc, render.Heading{Level: h.Level, ID: h.ID, Text: conv.Convert(h.Text)})
		}
	}
	if show := front.TOC; (show != nil && *show) || (show == nil && len(toc) >= 3) {
		p.TOC = toc
	}
	for _, name := range pg.Front.Tags {
		t := b.tagByName(name)
		p.Tags = append(p.Tags, render.Tag{Name: v.conv.Convert(name), URL: v.Dir + "/tags/" + t.slug + "/", Count: len(t.pages)})
	}
	return b.exec("page", p)
}

// notFound renders a 404 page. It can be served at any path, so its links
// start from the base URL, or from the server root when there is none.
func (b *builder) notFound(v *variant, file string) ([]byte, error) {
	return b.exec("404", b.notFoundPage(v, file))
}

// notFoundPage is the data of variant v's 404 page, served as file.
func (b *builder) notFoundPage(v *variant, file string) *render.Page {
	p := b.page(v, "404", "404.html")
	p.URL = file
	p.Root = "/"
	if b.cfg.BaseURL != "" {
		p.Root = b.cfg.BaseURL
	}
	p.Canonical = ""
	p.Title = v.ui["notFound"]
	for k := range p.Variants {
		p.Variants[k].URL = b.variants[k].Dir + "/"
	}
	return p
}

// rootJobs render the landing page that picks a variant, and the root 404.
func (b *builder) rootJobs() []job {
	src := b.variants[0]
	jobs := []job{
		{path: "index.html", run: func() ([]byte, error) {
			p := b.page(src, "landing", "")
			p.URL, p.Root = "", ""
			p.Title, p.Description = p.Site.Title, p.Site.Description
			if b.cfg.BaseURL != "" {
				p.Canonical = b.cfg.BaseURL
			}
			return b.exec("landing", p)
		}},
	}
	if !b.opts.Offline {
		jobs = append(jobs, job{path: "404.html", run: b.rootNotFound})
	}
	return jobs
}

// addAliases writes a redirect page for every alias an article lists, in
// every variant.
func (b *builder) addAliases(tree output.Tree) error {
	for _, pg := range b.content.Pages {
		for _, alias := range pg.Front.Aliases {
			a := strings.Trim(path.Clean("/"+alias), "/")
			if a == "" || a == "." {
				return fmt.Errorf("%s: alias %q names the site root", pg.File, alias)
			}
			for _, v := range b.variants {
				url := a + "/"
				file := v.Dir + "/" + a + "/index.html"
				if strings.HasSuffix(a, ".html") {
					url, file = a, v.Dir+"/"+a
				}
				p := b.page(v, "alias", url)
				p.Title = v.conv.Convert(pg.Front.Title)
				target := v.Dir + "/" + pg.URL()
				p.Canonical = p.Root + target
				if b.cfg.BaseURL != "" {
					p.Canonical = b.cfg.BaseURL + target
				}
				p.Home = target
				data, err := b.exec("alias", p)
				if err != nil {
					return fmt.Errorf("rendering alias %s: %w", file, err)
				}
				if err := tree.Add(file, data); errors.Is(err, output.ErrDuplicate) {
					return fmt.Errorf("%s: alias %q: %w (it is the URL of another page)", pg.File, alias, err)
				} else if err != nil {
					return fmt.Errorf("%s: alias %q: %w", pg.File, alias, err)
				}
			}
		}
	}
	return nil
}

func (b *builder) tagByName(name string) *tag {
	for _, t := range b.tags {
		if t.name == name {
			return t
		}
	}
	return nil
}

func (b *builder) tagList(v *variant) []render.Tag {
	list := make([]render.Tag, len(b.tags))
	for i, t := range b.tags {
		list[i] = render.Tag{Name: v.conv.Convert(t.name), URL: v.Dir + "/tags/" + t.slug + "/", Count: len(t.pages)}
	}
	return list
}

var asciiTagRe = regexp.MustCompile(`^[A-Za-z0-9 _.-]+$`)

// tagSlug gives a tag its URL segment: the one set in [tagSlugs], the tag
// itself when it is ASCII (and more than punctuation), or else a short
// stable hash of its source text.
func tagSlug(cfg *config.Config, name string) string {
	if s, ok := cfg.TagSlugFor(name); ok {
		return s
	}
	if asciiTagRe.MatchString(name) {
		// A tag of dots and dashes only ("...", "-") trims to nothing,
		// which would be the all-tags page: it gets a hash instead.
		if slug := strings.Trim(strings.ToLower(strings.ReplaceAll(name, " ", "-")), "-._ "); slug != "" {
			return slug
		}
	}
	h := fnv.New32a()
	h.Write([]byte(name))
	return fmt.Sprintf("t-%08x", h.Sum32())
}

// addSearch builds each variant's search index from the article texts the
// render jobs recorded, and adds the search runtime.
func (b *builder) addSearch(tree output.Tree) error {
	if kept := b.searchFiles; kept != nil && !b.keepSearch {
		// Made by the pass before, from the same texts.
		b.searchFiles = nil
		return addAll(tree, kept)
	}
	docs := make([][]search.Document, len(b.variants))
	for i, v := range b.variants {
		docs[i] = v.searchDocs
	}
	if !b.keepSearch {
		return b.addSearchDocs(tree, docs)
	}
	b.searchFiles = output.NewMemory()
	if err := b.addSearchDocs(b.searchFiles, docs); err != nil {
		return err
	}
	return addAll(tree, b.searchFiles)
}

// SearchFolder returns the folding of every site's search index: OpenCC's
// Traditional characters to Simplified (t2s, then tw2s and hk2s for what
// t2s keeps), Taiwan's account words, and every pair of characters the
// script conversions write for each other, so that a converted variant
// folds to what its source folds to. It is built once per process.
var SearchFolder = sync.OnceValues(func() (*search.Folder, error) {
	var convs []func(string) string
	for _, name := range []string{"t2s", "tw2s", "hk2s"} {
		c, err := convert.New(name)
		if err != nil {
			return nil, err
		}
		convs = append(convs, c.Convert)
	}
	fold := search.NewFolder(convs...)
	fold.Join(convert.TaiwanVariants())
	pairs, err := convert.ScriptPairs("s2t", "s2tw", "s2hk", "t2s", "tw2s", "hk2s")
	if err != nil {
		return nil, err
	}
	fold.JoinPairs(pairs)
	return fold, nil
})

// addSearchDocs writes the search index of each variant from docs, the
// variants' articles in order.
func (b *builder) addSearchDocs(tree output.Tree, docs [][]search.Document) error {
	fold, err := SearchFolder()
	if err != nil {
		return err
	}
	opts := []search.Option{
		search.StopWords(append(append([]string(nil), search.DefaultStopWords...), b.cfg.Search.StopWords...)),
		search.Synonyms(b.synonyms),
	}
	if n := b.cfg.Search.MaxFiles; n > 0 {
		opts = append(opts, search.MaxFiles(n))
	}
	indexes, err := search.BuildVariants(docs, fold, opts...)
	if err != nil {
		return err
	}
	for i, ix := range indexes {
		for name, data := range ix.Files {
			if err := tree.Add(b.variants[i].Dir+"/search/"+name, data); err != nil {
				return err
			}
		}
	}
	return tree.Add(search.RuntimePath, search.Runtime)
}
