package site

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/zhkb/zhkb/internal/check"
	"github.com/zhkb/zhkb/internal/content"
	"github.com/zhkb/zhkb/internal/convert"
	"github.com/zhkb/zhkb/internal/diag"
	"github.com/zhkb/zhkb/internal/output"
	"github.com/zhkb/zhkb/internal/statute"
	"github.com/zhkb/zhkb/internal/strictoml"
)

// CheckOptions control zhkb check.
type CheckOptions struct {
	Root   string    // site root
	Config string    // config file; default Root/config.toml
	Today  time.Time // for dates in the future; default now
}

// Check reviews a site without touching its output: every problem a build
// would reject (drafts included) as an error, and as warnings what a build
// accepts but an editor should fix: text in the other script, debris of
// scraped text, laws cited without 《》, articles without a description or
// dated in the future, and glossary entries that match no text. The error
// is for problems that stop the review itself.
func Check(opts CheckOptions) ([]check.Finding, error) {
	if opts.Today.IsZero() {
		opts.Today = time.Now()
	}
	b, err := prepare(Options{Root: opts.Root, Config: opts.Config, Drafts: true, review: true})
	if err != nil {
		fs, ok := asFindings(err)
		if !ok {
			return nil, err
		}
		check.Sort(fs)
		return fs, nil // the sources do not load: nothing more to look at
	}
	var findings []check.Finding
	if err := b.reviewErrs.Err(); err != nil {
		fs, _ := asFindings(err)
		findings = append(findings, fs...)
	} else if err := b.render(output.NewMemory()); err != nil {
		// The rest of what a build checks: templates, output paths.
		fs, ok := asFindings(err)
		if !ok {
			fs = []check.Finding{{Severity: check.Error, Message: err.Error()}}
		}
		findings = append(findings, fs...)
	}
	ws, err := b.lint(opts.Today)
	if err != nil {
		return nil, err
	}
	findings = append(findings, ws...)
	check.Sort(findings)
	return findings, nil
}

// asFindings turns a build's errors into findings; ok is false when err is
// not about the site's files (say, an unreadable directory).
func asFindings(err error) (fs []check.Finding, ok bool) {
	var list diag.List
	errs := []error{err}
	if errors.As(err, &list) {
		errs = list
	}
	for _, e := range errs {
		var d *diag.Error
		if !errors.As(e, &d) {
			if len(errs) == 1 {
				return nil, false
			}
			fs = append(fs, check.Finding{Severity: check.Error, Message: e.Error()})
			continue
		}
		msg := d.Msg
		if d.Hint != "" {
			msg += " (" + d.Hint + ")"
		}
		fs = append(fs, check.Finding{File: d.File, Line: d.Line, Col: d.Col, Severity: check.Error, Message: msg})
	}
	return fs, true
}

// lint collects the warnings of a site whose sources parse.
func (b *builder) lint(today time.Time) ([]check.Finding, error) {
	scripts, err := convert.Scripts()
	if err != nil {
		return nil, err
	}
	// Titles of laws: the glossary's, and every 《…》 the site cites.
	var names []string
	glossary := b.glossaryKeys()
	names = append(names, glossary...)
	var sources [][]byte
	all := b.sources()
	script := func(src *content.Source) string {
		if src.Code != "" {
			return b.scriptOf(src.Code)
		}
		return b.cfg.Source
	}
	for _, src := range all {
		names = append(names, check.BookTitles(src.Front.Title+src.Front.Description)...)
		names = append(names, check.BookTitles(string(src.Body))...)
		sources = append(sources, []byte(src.Front.Title), []byte(src.Front.Description), src.Body)
	}
	c := check.New(scripts, check.LawTitles(dedupe(names)))

	var out []check.Finding
	for _, src := range all {
		front := src.Front
		frontLine := func(key string) func(int) (int, int) {
			l := 1 + strictoml.Line(front.Source, key)
			return func(int) (int, int) { return l, 0 }
		}
		for _, key := range []string{"title", "description"} {
			text := front.Title
			if key == "description" {
				text = front.Description
			}
			out = append(out, c.Text(src.File, script(src), check.Text{Text: text, Pos: frontLine(key)})...)
		}
		if doc := b.docs[src]; doc != nil {
			for _, r := range doc.TextRuns() {
				out = append(out, c.Text(src.File, script(src), check.Text{Text: r.Text, Pos: r.Pos})...)
			}
		}
	}
	for _, p := range b.content.Pages {
		if strings.TrimSpace(p.Front.Description) == "" {
			out = append(out, check.Finding{File: p.File, Line: 1 + strictoml.Line(p.Front.Source, "description"), Severity: check.Warning,
				Message: "no description: article lists, search results and link previews show it"})
		}
		if p.Front.Date.After(today) {
			out = append(out, check.Finding{File: p.File, Line: 1 + strictoml.Line(p.Front.Source, "date"), Severity: check.Warning,
				Message: fmt.Sprintf("date %s is in the future", p.Front.Date.Format("2006-01-02"))})
		}
		if p.Front.Checked.After(today) {
			out = append(out, check.Finding{File: p.File, Line: 1 + strictoml.Line(p.Front.Source, "checked"), Severity: check.Warning,
				Message: fmt.Sprintf("checked %s is in the future: write the day the legal facts were checked", p.Front.Checked.Format("2006-01-02"))})
		}
		if fmt.Sprint(p.Front.Params["template"]) == "letter" && !ruleRe.Match(p.Body) {
			out = append(out, check.Finding{File: p.File, Line: 1 + strictoml.Line(p.Front.Source, "params", "template"), Severity: check.Warning,
				Message: "a letter template without a rule (a line ---, after a blank line) before the letter: readers get no form to fill in and no copy button"})
		}
	}
	out = append(out, b.lintStatutes(today)...)
	// Glossary entries that no text of the site contains.
	if len(glossary) > 0 {
		file := b.cfg.Conversion.Glossary
		src, _ := os.ReadFile(filepath.Join(b.cfg.Root, filepath.FromSlash(file)))
		for _, key := range glossary {
			found := false
			for _, s := range sources {
				if strings.Contains(string(s), key) {
					found = true
					break
				}
			}
			if !found {
				out = append(out, check.Finding{File: file, Line: strictoml.Line(src, key), Severity: check.Warning,
					Message: fmt.Sprintf("glossary entry %q matches no text of the site", key)})
			}
		}
	}
	return out, nil
}

// ruleRe finds a thematic break (---, ***, ___) after a blank line, where
// a letter template's letter starts.
var ruleRe = regexp.MustCompile(`(?m)(?:\A|\n)[ \t]*\n {0,3}(?:-{3,}|\*{3,}|_{3,})[ \t]*$`)

// lintStatutes warns of citations of articles whose text the site does not
// keep, of kept articles no page cites, and of pages whose legal facts were
// checked too long ago, or never, when [check] maxAge is set.
func (b *builder) lintStatutes(today time.Time) []check.Finding {
	var out []check.Finding
	cited := map[string]bool{}
	for _, p := range b.content.Pages {
		doc, reported := b.docs[&p.Source], map[string]bool{}
		for _, c := range b.cites[p] {
			key := c.Law.Title + "#" + strconv.Itoa(c.Number)
			if c.Law.ID != "" {
				cited[c.Anchor()] = true
			}
			if c.Found || reported[key] {
				continue
			}
			reported[key] = true
			what := doc.Quote(c)
			msg := fmt.Sprintf("cites 《%s》%s (article %d), whose text %s does not hold: the citation is not linked; copy the article's official text into its [articles], or correct the number", c.Law.Title, what, c.Number/1000, c.Law.File)
			if c.Law.ID == "" {
				if b.statutes == nil {
					continue
				}
				msg = fmt.Sprintf("cites 《%s》%s, which is not among the laws in %s: the citation is not linked; add a file with its official text, or leave it unlinked", c.Law.Title, what, b.cfg.Statutes.Dir)
			}
			out = append(out, check.Finding{File: p.File, Line: doc.LineOf(c), Severity: check.Warning, Message: msg})
		}
		if age := b.cfg.Check.MaxAge; age > 0 && len(b.cites[p]) > 0 {
			switch checked := p.Front.Checked; {
			case checked.IsZero():
				out = append(out, check.Finding{File: p.File, Line: 1, Severity: check.Warning,
					Message: fmt.Sprintf("cites the law (《%s》 first) but does not say when its legal facts were checked: check them and write checked = %s", b.cites[p][0].Law.Title, today.Format("2006-01-02"))})
			case checked.Add(age).Before(today):
				out = append(out, check.Finding{File: p.File, Line: 1 + strictoml.Line(p.Front.Source, "checked"), Severity: check.Warning,
					Message: fmt.Sprintf("legal facts last checked on %s, more than %d days ago ([check] maxAge in %s): check them against the law, then set checked = %s", checked.Format("2006-01-02"), int(age.Hours()/24), filepath.Base(b.cfg.File), today.Format("2006-01-02"))})
			}
		}
	}
	if b.statutes == nil {
		return out
	}
	for _, law := range b.statutes.Laws {
		src, _ := os.ReadFile(filepath.Join(b.cfg.Root, filepath.FromSlash(law.File)))
		for _, label := range law.Labels() {
			n, _ := statute.Number(label)
			if !cited[statute.Anchor(law, n)] {
				out = append(out, check.Finding{File: law.File, Line: strictoml.Line(src, "articles", label), Severity: check.Warning,
					Message: fmt.Sprintf("%s of 《%s》 is cited by no page: remove it, or cite it", label, law.Title)})
			}
		}
	}
	return out
}

// glossaryKeys lists the source phrases of the site's glossary file, in
// order.
func (b *builder) glossaryKeys() []string {
	if b.glossary == nil {
		return nil
	}
	keys := make([]string, 0, len(b.glossary.Entries))
	for k := range b.glossary.Entries {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// scriptOf gives the script of a variant code.
func (b *builder) scriptOf(code string) string {
	for _, v := range b.cfg.Variants {
		if strings.EqualFold(v.Code, code) {
			return v.Script
		}
	}
	return b.cfg.Source
}

func dedupe(list []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
