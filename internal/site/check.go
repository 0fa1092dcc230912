package site

import (
	"errors"
	"sort"
	"strings"
	"time"

	"github.com/zhkb/zhkb/internal/check"
	"github.com/zhkb/zhkb/internal/diag"
	"github.com/zhkb/zhkb/internal/output"
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
	ws, err := check.Lint(check.Site{
		Config: b.cfg, Content: b.content, Sources: b.sources(), Docs: b.docs, Cites: b.cites, Statutes: b.statutes,
		Glossary: b.glossaryKeys(), ScriptOf: b.scriptOf, Today: opts.Today,
	})
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
