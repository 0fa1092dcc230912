package check

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/zhkb/zhkb/internal/config"
	"github.com/zhkb/zhkb/internal/content"
	"github.com/zhkb/zhkb/internal/convert"
	"github.com/zhkb/zhkb/internal/markdown"
	"github.com/zhkb/zhkb/internal/statute"
	"github.com/zhkb/zhkb/internal/strictoml"
)

// Site is what Lint reads of a site whose sources parse.
type Site struct {
	Config   *config.Config
	Content  *content.Site
	Sources  []*content.Source // every source file: home, sections, pages, hand-written versions
	Docs     map[*content.Source]*markdown.Document
	Cites    map[*content.Page][]statute.Cite // each article's citations of the law texts, in order
	Statutes *statute.Library                 // the site's law texts; nil without them
	Glossary []string                         // the glossary's source phrases, in order
	ScriptOf func(code string) string         // the script of a variant code
	Today    time.Time                        // for dates in the future
}

// Lint returns the warnings of a site: text in the other script, debris
// of scraped text and laws cited without 《》 (Checker.Text), articles
// without a description or dated in the future, letter templates without
// a rule, citations of articles whose text the site does not keep, kept
// articles no page cites, legal facts checked too long ago, and glossary
// entries that match no text.
func Lint(s Site) ([]Finding, error) {
	scripts, err := convert.Scripts()
	if err != nil {
		return nil, err
	}
	// Titles of laws: the glossary's, and every 《…》 the site cites.
	names := append([]string(nil), s.Glossary...)
	var sources [][]byte
	script := func(src *content.Source) string {
		if src.Code != "" {
			return s.ScriptOf(src.Code)
		}
		return s.Config.Source
	}
	for _, src := range s.Sources {
		names = append(names, BookTitles(src.Front.Title+src.Front.Description)...)
		names = append(names, BookTitles(string(src.Body))...)
		sources = append(sources, []byte(src.Front.Title), []byte(src.Front.Description), src.Body)
	}
	c := New(scripts, LawTitles(dedupe(names)))

	var out []Finding
	for _, src := range s.Sources {
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
			out = append(out, c.Text(src.File, script(src), Text{Text: text, Pos: frontLine(key)})...)
		}
		if doc := s.Docs[src]; doc != nil {
			for _, r := range doc.TextRuns() {
				out = append(out, c.Text(src.File, script(src), Text{Text: r.Text, Pos: r.Pos})...)
			}
		}
	}
	out = append(out, lintPages(s.Content.Pages, s.Today)...)
	out = append(out, lintStatutes(s)...)
	// Glossary entries that no text of the site contains.
	if len(s.Glossary) > 0 {
		file := s.Config.Conversion.Glossary
		src, _ := os.ReadFile(filepath.Join(s.Config.Root, filepath.FromSlash(file)))
		for _, key := range s.Glossary {
			found := false
			for _, text := range sources {
				if strings.Contains(string(text), key) {
					found = true
					break
				}
			}
			if !found {
				out = append(out, Finding{File: file, Line: strictoml.Line(src, key), Severity: Warning,
					Message: fmt.Sprintf("glossary entry %q matches no text of the site", key)})
			}
		}
	}
	return out, nil
}

// lintPages warns of articles without a description, dated or checked in
// the future, and letter templates without a rule before the letter.
func lintPages(pages []*content.Page, today time.Time) []Finding {
	var out []Finding
	for _, p := range pages {
		if strings.TrimSpace(p.Front.Description) == "" {
			out = append(out, Finding{File: p.File, Line: 1 + strictoml.Line(p.Front.Source, "description"), Severity: Warning,
				Message: "no description: article lists, search results and link previews show it"})
		}
		if p.Front.Date.After(today) {
			out = append(out, Finding{File: p.File, Line: 1 + strictoml.Line(p.Front.Source, "date"), Severity: Warning,
				Message: fmt.Sprintf("date %s is in the future", p.Front.Date.Format("2006-01-02"))})
		}
		if p.Front.Checked.After(today) {
			out = append(out, Finding{File: p.File, Line: 1 + strictoml.Line(p.Front.Source, "checked"), Severity: Warning,
				Message: fmt.Sprintf("checked %s is in the future: write the day the legal facts were checked", p.Front.Checked.Format("2006-01-02"))})
		}
		if fmt.Sprint(p.Front.Params["template"]) == "letter" && !ruleRe.Match(p.Body) {
			out = append(out, Finding{File: p.File, Line: 1 + strictoml.Line(p.Front.Source, "params", "template"), Severity: Warning,
				Message: "a letter template without a rule (a line ---, after a blank line) before the letter: readers get no form to fill in and no copy button"})
		}
	}
	return out
}

// ruleRe finds a thematic break (---, ***, ___) after a blank line, where
// a letter template's letter starts.
var ruleRe = regexp.MustCompile(`(?m)(?:\A|\n)[ \t]*\n {0,3}(?:-{3,}|\*{3,}|_{3,})[ \t]*$`)

// lintStatutes warns of citations of articles whose text the site does not
// keep, of kept articles no page cites, and of pages whose legal facts were
// checked too long ago, or never, when [check] maxAge is set.
func lintStatutes(s Site) []Finding {
	var out []Finding
	cited := map[string]bool{}
	for _, p := range s.Content.Pages {
		doc, reported := s.Docs[&p.Source], map[string]bool{}
		for _, c := range s.Cites[p] {
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
				if s.Statutes == nil {
					continue
				}
				msg = fmt.Sprintf("cites 《%s》%s, which is not among the laws in %s: the citation is not linked; add a file with its official text, or leave it unlinked", c.Law.Title, what, s.Config.Statutes.Dir)
			}
			out = append(out, Finding{File: p.File, Line: doc.LineOf(c), Severity: Warning, Message: msg})
		}
		if age := s.Config.Check.MaxAge; age > 0 && len(s.Cites[p]) > 0 {
			switch checked := p.Front.Checked; {
			case checked.IsZero():
				out = append(out, Finding{File: p.File, Line: 1, Severity: Warning,
					Message: fmt.Sprintf("cites the law (《%s》 first) but does not say when its legal facts were checked: check them and write checked = %s", s.Cites[p][0].Law.Title, s.Today.Format("2006-01-02"))})
			case checked.Add(age).Before(s.Today):
				out = append(out, Finding{File: p.File, Line: 1 + strictoml.Line(p.Front.Source, "checked"), Severity: Warning,
					Message: fmt.Sprintf("legal facts last checked on %s, more than %d days ago ([check] maxAge in %s): check them against the law, then set checked = %s", checked.Format("2006-01-02"), int(age.Hours()/24), filepath.Base(s.Config.File), s.Today.Format("2006-01-02"))})
			}
		}
	}
	if s.Statutes == nil {
		return out
	}
	for _, law := range s.Statutes.Laws {
		src, _ := os.ReadFile(filepath.Join(s.Config.Root, filepath.FromSlash(law.File)))
		for _, label := range law.Labels() {
			n, _ := statute.Number(label)
			if !cited[statute.Anchor(law, n)] {
				out = append(out, Finding{File: law.File, Line: strictoml.Line(src, "articles", label), Severity: Warning,
					Message: fmt.Sprintf("%s of 《%s》 is cited by no page: remove it, or cite it", label, law.Title)})
			}
		}
	}
	return out
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
