package site

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/zhkb/zhkb/internal/content"
	"github.com/zhkb/zhkb/internal/diag"
	"github.com/zhkb/zhkb/internal/markdown"
	"github.com/zhkb/zhkb/internal/output"
)

// Preview is a site built in memory for zhkb serve, kept up to date as
// files change: when only the text of articles changed (not their front
// matter, not their headings' anchors, no file added or removed), just
// those articles' pages and the search index are made again; any other
// change builds the whole site.
type Preview struct {
	opts Options
	b    *builder // from the last full build that succeeded; nil after a failed update
	tree *output.Memory
}

// NewPreview returns a preview of the site described by opts (opts.Out is
// not used); Update builds it.
func NewPreview(opts Options) *Preview { return &Preview{opts: opts} }

// Update brings the preview up to date after the files in changed (paths
// as the watcher gives them) were written, and returns the new build. full
// reports whether the whole site was built. On error the previous build
// stays what Tree returns.
func (p *Preview) Update(changed []string) (tree *output.Memory, st Stats, full bool, err error) {
	start := time.Now()
	if p.b != nil && p.tree != nil {
		if tree, pages, ok, err := p.articles(changed); ok {
			if err != nil {
				p.b = nil // its documents are half updated: build anew next time
				return nil, Stats{}, false, err
			}
			p.tree = tree
			return tree, Stats{Articles: len(p.b.content.Pages), Variants: len(p.b.variants), Pages: pages, Elapsed: time.Since(start)}, false, nil
		}
	}
	b, err := prepare(p.opts)
	if err != nil {
		return nil, Stats{}, true, err
	}
	t := output.NewMemory()
	if err := b.render(t); err != nil {
		return nil, Stats{}, true, err
	}
	p.b, p.tree = b, t
	st = Stats{Articles: len(b.content.Pages), Variants: len(b.cfg.Variants), Elapsed: time.Since(start), Phases: b.phases, Warnings: b.warnings()}
	for _, path := range t.Paths() {
		st.Files++
		if strings.HasSuffix(path, ".html") {
			st.Pages++
		}
	}
	return t, st, true, nil
}

// articles tries the quick update: ok is false when the changes need a
// full build. It returns the new tree and the number of pages rendered.
func (p *Preview) articles(changed []string) (tree *output.Memory, pages int, ok bool, err error) {
	b := p.b
	contentDir, err := filepath.Abs(filepath.Join(b.cfg.Root, "content"))
	if err != nil {
		return nil, 0, false, nil
	}
	for _, c := range changed {
		abs, err := filepath.Abs(c)
		if err != nil || !strings.HasPrefix(abs, contentDir+string(filepath.Separator)) || !strings.HasSuffix(abs, ".md") || filepath.Base(abs) == "_index.md" {
			return nil, 0, false, nil
		}
	}
	codes := make([]string, len(b.cfg.Variants))
	for i, v := range b.cfg.Variants {
		codes[i] = v.Code
	}
	fresh, err := content.Load(filepath.Join(b.cfg.Root, "content"), content.Options{Drafts: p.opts.Drafts, Variants: codes})
	if err != nil {
		return nil, 0, false, nil // a build reports it
	}
	// The same files with the same front matter; note whose text changed.
	type edit struct {
		key  any // *content.Page or *content.Handwritten of the build
		body []byte
		line int
	}
	var edits []edit
	if len(fresh.Sections) != len(b.content.Sections) || len(fresh.Pages) != len(b.content.Pages) {
		return nil, 0, false, nil
	}
	for i, s := range b.content.Sections {
		f := fresh.Sections[i]
		if f.Name != s.Name || len(f.Pages) != len(s.Pages) || !bytes.Equal(f.Front.Source, s.Front.Source) || !bytes.Equal(f.Body, s.Body) {
			return nil, 0, false, nil
		}
		for j, pg := range s.Pages {
			fp := f.Pages[j]
			if fp.File != pg.File || fp.Slug != pg.Slug || !bytes.Equal(fp.Front.Source, pg.Front.Source) || len(fp.Variants) != len(pg.Variants) {
				return nil, 0, false, nil
			}
			if !bytes.Equal(fp.Body, pg.Body) {
				edits = append(edits, edit{pg, fp.Body, fp.Line})
			}
			for code, hw := range pg.Variants {
				fh := fp.Variants[code]
				if fh == nil || fh.File != hw.File || !bytes.Equal(fh.Front.Source, hw.Front.Source) {
					return nil, 0, false, nil
				}
				if !bytes.Equal(fh.Body, hw.Body) {
					edits = append(edits, edit{hw, fh.Body, fh.Line})
				}
			}
		}
	}
	if len(edits) == 0 {
		return nil, 0, false, nil
	}

	// Parse the new text; the anchors other pages may link to must stay.
	parser := markdown.NewParser(b.mdOpts)
	var errs diag.List
	docs := map[any]*markdown.Document{}
	for _, e := range edits {
		var file string
		var source *markdown.Document
		switch k := e.key.(type) {
		case *content.Page:
			file = k.File
		case *content.Handwritten:
			file, source = k.File, b.docs[k.Page]
			if d, ok := docs[k.Page]; ok {
				source = d
			}
		}
		d := parser.Parse(file, e.line, e.body)
		errs.Add(d.CheckMarkup())
		if source != nil {
			errs.Add(d.AdoptAnchors(source))
		}
		errs.Add(d.ResolveLinks(b.resolver(file, urlOf(e.key))))
		if !sameAnchors(d, b.docs[e.key]) {
			return nil, 0, false, nil
		}
		docs[e.key] = d
	}
	if err := errs.Err(); err != nil {
		return nil, 0, true, err
	}

	// Render the changed articles in every variant, then the search index.
	for _, e := range edits {
		switch k := e.key.(type) {
		case *content.Page:
			k.Body, k.Line = e.body, e.line
		case *content.Handwritten:
			k.Body, k.Line = e.body, e.line
		}
		b.docs[e.key] = docs[e.key]
	}
	rendered := map[string][]byte{}
	k := 0
	for i, s := range b.content.Sections {
		for j, pg := range s.Pages {
			if changedPage(pg, docs) {
				for _, v := range b.variants {
					data, err := b.article(v, i, j, k, pg)
					if err != nil {
						return nil, 0, true, fmt.Errorf("rendering %s: %w", pg.File, err)
					}
					rendered[v.Dir+"/"+pg.URL()+"index.html"] = data
				}
			}
			k++
		}
	}
	// The search index and the hosting files (the feeds hold the
	// articles' text) are made again.
	search := output.NewMemory()
	if err := b.addSearch(search); err != nil {
		return nil, 0, true, err
	}
	if err := b.addHosting(search); err != nil {
		return nil, 0, true, err
	}
	tree = p.tree.Clone(func(path string) bool {
		for _, v := range b.variants {
			if strings.HasPrefix(path, v.Dir+"/search/") {
				return false // the old index: its files may differ in number
			}
		}
		_, again := rendered[path]
		_, renewed := search.File(path)
		return !again && !renewed
	})
	for path, data := range rendered {
		if err := tree.Add(path, data); err != nil {
			return nil, 0, true, err
		}
	}
	for _, path := range search.Paths() {
		data, _ := search.File(path)
		if err := tree.Add(path, data); err != nil {
			return nil, 0, true, err
		}
	}
	return tree, len(rendered), true, nil
}

// changedPage reports whether page pg or one of its hand-written versions
// is among the new documents.
func changedPage(pg *content.Page, docs map[any]*markdown.Document) bool {
	if _, ok := docs[pg]; ok {
		return true
	}
	for _, hw := range pg.Variants {
		if _, ok := docs[hw]; ok {
			return true
		}
	}
	return false
}

// sameAnchors reports whether two versions of a document have the same
// heading anchors.
func sameAnchors(a, b *markdown.Document) bool {
	if a == nil || b == nil || len(a.Headings) != len(b.Headings) {
		return false
	}
	for i := range a.Headings {
		if a.Headings[i].ID != b.Headings[i].ID {
			return false
		}
	}
	return true
}
