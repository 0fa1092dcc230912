package site

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/zhkb/zhkb/internal/content"
	"github.com/zhkb/zhkb/internal/diag"
	"github.com/zhkb/zhkb/internal/markdown"
	"github.com/zhkb/zhkb/internal/output"
	"github.com/zhkb/zhkb/internal/search"
	"github.com/zhkb/zhkb/internal/statute"
)

// Preview is a site built in memory for zhkb serve, kept up to date as
// files change: when only the text of articles changed (not their front
// matter, not their headings' anchors, no file added or removed), just
// those articles' pages are made again, and the search index after them
// (Stats.Later); any other change builds the whole site.
type Preview struct {
	opts Options
	b    *builder // from the last full build that succeeded; nil after a failed update
	mu   sync.Mutex
	tree *output.Memory // guarded by mu: Stats.Later replaces it
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
	if p.b != nil && p.current() != nil {
		if tree, pages, later, ok, err := p.articles(changed); ok {
			if err != nil {
				p.b = nil // its documents are half updated: build anew next time
				return nil, Stats{}, false, err
			}
			p.mu.Lock()
			p.tree = tree
			p.mu.Unlock()
			return tree, Stats{Articles: len(p.b.content.Pages), Variants: len(p.b.variants), Pages: pages, Elapsed: time.Since(start), Later: later}, false, nil
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
	p.mu.Lock()
	p.b, p.tree = b, t
	p.mu.Unlock()
	st = Stats{Articles: len(b.content.Pages), Variants: len(b.cfg.Variants), Elapsed: time.Since(start), Phases: b.phases, Warnings: b.warnings()}
	for _, path := range t.Paths() {
		st.Files++
		if strings.HasSuffix(path, ".html") {
			st.Pages++
		}
	}
	return t, st, true, nil
}

// edit is a changed text of an article, or of a hand-written version of
// one, of the last build.
type edit struct {
	key  *content.Source
	body []byte
	line int
}

// articles tries the quick update: ok is false when the changes need a
// full build. It returns the new tree and the number of pages rendered.
func (p *Preview) articles(changed []string) (tree *output.Memory, pages int, later func() (*output.Memory, error), ok bool, err error) {
	b := p.b
	edits, ok := b.readEdits(changed)
	if !ok {
		return nil, 0, nil, false, nil
	}
	docs, cites, ok, err := b.parseEdits(edits)
	if !ok || err != nil {
		return nil, 0, nil, ok, err
	}
	for _, e := range edits {
		e.key.Body, e.key.Line = e.body, e.line
		b.docs[e.key] = docs[e.key]
	}
	for pg, c := range cites {
		b.cites[pg] = c
	}
	rendered, err := b.renderChanged(docs)
	if err != nil {
		return nil, 0, nil, true, err
	}
	// The hosting files (the feeds hold the articles' text) are made again
	// now, the search index later (Stats.Later): the new page does not
	// wait for it.
	hosting := output.NewMemory()
	if err := b.addHosting(hosting); err != nil {
		return nil, 0, nil, true, err
	}
	tree = p.current().Clone(func(path string) bool {
		_, again := rendered[path]
		_, renewed := hosting.File(path)
		return !again && !renewed
	})
	for path, data := range rendered {
		if err := tree.Add(path, data); err != nil {
			return nil, 0, nil, true, err
		}
	}
	if err := addAll(tree, hosting); err != nil {
		return nil, 0, nil, true, err
	}
	return tree, len(rendered), p.laterIndex(tree), true, nil
}

// readEdits reads the changed files: ok only when each is an article (or a
// hand-written version of one) of the last build with the same front
// matter; the edits are those whose text changed (none: not ok).
func (b *builder) readEdits(changed []string) (edits []edit, ok bool) {
	root, err := filepath.Abs(b.cfg.Root)
	if err != nil {
		return nil, false
	}
	for _, c := range changed {
		abs, err := filepath.Abs(c)
		if err != nil || !strings.HasSuffix(abs, ".md") || filepath.Base(abs) == content.IndexFile {
			return nil, false
		}
		rel, err := filepath.Rel(root, abs)
		if err != nil {
			return nil, false
		}
		key, front, body := b.sourceOf(filepath.ToSlash(rel))
		if key == nil {
			return nil, false // a new, removed or draft file
		}
		src, err := os.ReadFile(abs)
		if err != nil || !utf8.Valid(src) {
			return nil, false // a build reports it
		}
		newFront, newBody, line, err := content.SplitFrontMatter(filepath.ToSlash(rel), src)
		if err != nil || !bytes.Equal(newFront, front) {
			return nil, false
		}
		if !bytes.Equal(newBody, body) {
			edits = append(edits, edit{key, newBody, line})
		}
	}
	return edits, len(edits) > 0
}

// parseEdits parses the new texts, links their citations and resolves
// their links: ok is false when a text's anchors changed (other pages may
// link to them), err what the texts got wrong.
func (b *builder) parseEdits(edits []edit) (docs map[*content.Source]*markdown.Document, cites map[*content.Page][]statute.Cite, ok bool, err error) {
	parser := markdown.NewParser(b.mdOpts)
	var errs diag.List
	docs = map[*content.Source]*markdown.Document{}
	cites = map[*content.Page][]statute.Cite{}
	for _, e := range edits {
		var source *markdown.Document // the article whose anchors a hand-written version keeps
		if e.key.Code != "" {
			source = b.docs[&e.key.Page.Source]
			if d, ok := docs[&e.key.Page.Source]; ok {
				source = d
			}
		}
		d := parser.Parse(e.key.File, e.line, e.body)
		errs.Add(d.Check())
		if source != nil {
			errs.Add(d.AdoptAnchors(source))
		}
		if pg := e.key.Article(); pg != nil && b.statutes != nil {
			cites[pg] = d.LinkCitations(b.statutes, b.statutes.Law(pg.Front.Law))
		}
		errs.Add(d.ResolveLinks(b.resolver(e.key.File, e.key.URL())))
		if !sameAnchors(d, b.docs[e.key]) {
			return nil, nil, false, nil
		}
		docs[e.key] = d
	}
	return docs, cites, true, errs.Err()
}

// renderChanged renders, in every variant, the articles of which docs holds
// a new text, by output path.
func (b *builder) renderChanged(docs map[*content.Source]*markdown.Document) (map[string][]byte, error) {
	rendered := map[string][]byte{}
	k := 0
	for i, s := range b.content.Sections {
		for j, pg := range s.Pages {
			if changedPage(pg, docs) {
				for _, v := range b.variants {
					data, err := b.article(v, i, j, k, pg)
					if err != nil {
						return nil, fmt.Errorf("rendering %s: %w", pg.File, err)
					}
					rendered[v.Dir+"/"+pg.URL()+"index.html"] = data
				}
			}
			k++
		}
	}
	return rendered, nil
}

// laterIndex returns what makes the search index of the texts as they are
// now (later edits change the builder's) and puts it into tree, becoming
// the preview's tree unless an update came since.
func (p *Preview) laterIndex(tree *output.Memory) func() (*output.Memory, error) {
	b := p.b
	texts := make([][]search.Document, len(b.variants))
	for i, v := range b.variants {
		texts[i] = append([]search.Document(nil), v.searchDocs...)
	}
	return func() (*output.Memory, error) {
		index := output.NewMemory()
		if err := b.addSearchDocs(index, texts); err != nil {
			return nil, err
		}
		full := tree.Clone(func(path string) bool {
			for _, v := range b.variants {
				if strings.HasPrefix(path, v.Dir+"/search/") {
					return false // the old index: its files may differ in number
				}
			}
			_, renewed := index.File(path)
			return !renewed
		})
		if err := addAll(full, index); err != nil {
			return nil, err
		}
		p.mu.Lock()
		if p.tree == tree { // no update since
			p.tree = full
		}
		p.mu.Unlock()
		return full, nil
	}
}

// addAll adds every file of from to tree.
func addAll(tree output.Tree, from *output.Memory) error {
	for _, path := range from.Paths() {
		data, _ := from.File(path)
		if err := tree.Add(path, data); err != nil {
			return err
		}
	}
	return nil
}

// current is the tree of the last update (or of its Stats.Later).
func (p *Preview) current() *output.Memory {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.tree
}

// sourceOf finds the article or hand-written version whose file is rel
// (slash-separated, from the site root) and returns it with its front
// matter and body as last built; nil if the build has no such file.
func (b *builder) sourceOf(rel string) (key *content.Source, front, body []byte) {
	if pg := b.content.Lookup(rel).Article(); pg != nil {
		return &pg.Source, pg.Front.Source, pg.Body
	}
	for _, pg := range b.content.Pages {
		for _, hw := range pg.Variants {
			if hw.File == rel {
				return &hw.Source, hw.Front.Source, hw.Body
			}
		}
	}
	return nil, nil, nil
}

// changedPage reports whether page pg or one of its hand-written versions
// is among the new documents.
func changedPage(pg *content.Page, docs map[*content.Source]*markdown.Document) bool {
	if _, ok := docs[&pg.Source]; ok {
		return true
	}
	for _, hw := range pg.Variants {
		if _, ok := docs[&hw.Source]; ok {
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
