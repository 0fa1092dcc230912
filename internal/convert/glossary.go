package convert

import (
	"errors"
	"io/fs"
	"sort"
	"strings"

	"github.com/zhkb/zhkb/internal/diag"
	"github.com/zhkb/zhkb/internal/strictoml"
)

// Glossary maps source phrases to the text each variant must show for
// them, by variant code or by script (zh-Hant, zh-Hans). Entries win over
// OpenCC wherever they match at least as long a stretch of text.
type Glossary struct {
	Entries map[string]map[string]string // source → lower-case code or script → text
}

// For returns the entries that apply to a variant: its exact code first,
// else its script. Entries with neither do not apply.
func (g *Glossary) For(code, script string) map[string]string {
	if g == nil {
		return nil
	}
	out := map[string]string{}
	code, script = strings.ToLower(code), strings.ToLower(script)
	for src, byCode := range g.Entries {
		if t, ok := byCode[code]; ok {
			out[src] = t
		} else if t, ok := byCode[script]; ok {
			out[src] = t
		}
	}
	return out
}

// Merge returns a glossary with the entries of both; those of other win.
func (g *Glossary) Merge(other *Glossary) *Glossary {
	out := &Glossary{Entries: map[string]map[string]string{}}
	for _, x := range []*Glossary{g, other} {
		if x == nil {
			continue
		}
		for src, m := range x.Entries {
			out.Entries[src] = m
		}
	}
	return out
}

// ParseGlossary reads a glossary written in TOML, one entry a line:
//
//	"权限" = { zh-Hant = "權限" }
//
// codes lists the variant codes (and scripts) an entry may name; file and
// firstLine place errors.
func ParseGlossary(file string, firstLine int, src []byte, codes []string) (*Glossary, error) {
	if raw, ok := fastGlossary(src); ok {
		return NewGlossary(file, firstLine, src, raw, codes)
	}
	var decoded map[string]any
	if err := strictoml.Decode(file, src, &decoded); err != nil {
		return nil, diag.Shift(err, firstLine-1)
	}
	raw, err := strictoml.StringTables(file, src, decoded)
	if err != nil {
		return nil, diag.Shift(err, firstLine-1)
	}
	return NewGlossary(file, firstLine, src, raw, codes)
}

// NewGlossary checks entries already decoded from src (a glossary file, or
// front matter starting on firstLine); within src the entries sit under the
// table path (none for a glossary file, "glossary" in front matter).
func NewGlossary(file string, firstLine int, src []byte, raw map[string]map[string]string, codes []string, path ...string) (*Glossary, error) {
	known := map[string]bool{"zh-hans": true, "zh-hant": true}
	for _, c := range codes {
		known[strings.ToLower(c)] = true
	}
	g := &Glossary{Entries: map[string]map[string]string{}}
	var errs diag.List
	sources := make([]string, 0, len(raw))
	for s := range raw {
		sources = append(sources, s)
	}
	sort.Strings(sources)
	for _, source := range sources {
		// The line is found only for an error: finding it scans src, and
		// doing so for every entry made a long glossary quadratic.
		line := func() int { return firstLine - 1 + strictoml.Line(src, append(path[:len(path):len(path)], source)...) }
		if strings.TrimSpace(source) == "" {
			errs.Add(diag.At(file, line(), "glossary entry with an empty source phrase"))
			continue
		}
		if _, err := ParseMarkup(source); err != nil || strings.Contains(source, "-{") {
			errs.Add(diag.At(file, line(), "glossary source %q contains a -{…}- marker", source))
			continue
		}
		m := map[string]string{}
		for code, text := range raw[source] {
			if !known[strings.ToLower(code)] {
				errs.Add(diag.At(file, line(), "glossary entry %q names %q, which is neither a variant code nor zh-Hans/zh-Hant", source, code).WithHint("variants: %s", strings.Join(codes, ", ")))
				continue
			}
			if strings.TrimSpace(text) == "" {
				errs.Add(diag.At(file, line(), "glossary entry %q gives %s an empty text, which would delete the phrase from every page of it", source, code).
					WithHint(`write the text readers should see, e.g. %s = %q to keep the phrase as written`, code, source))
				continue
			}
			m[strings.ToLower(code)] = text
		}
		if len(m) > 0 {
			g.Entries[source] = m
		}
	}
	return g, errs.Err()
}

// LoadGlossary reads the glossary file at path; a missing file gives an empty
// glossary when optional is set.
func LoadGlossary(path, name string, optional bool, codes []string) (*Glossary, error) {
	src, err := strictoml.ReadFile(path)
	if err != nil {
		if optional && errors.Is(err, fs.ErrNotExist) {
			return &Glossary{}, nil
		}
		if errors.Is(err, fs.ErrNotExist) {
			return nil, diag.At(name, 0, "the glossary file is missing").WithHint(`config.toml names it under [conversion] glossary = %q: create it, or remove that line`, name)
		}
		return nil, diag.At(name, 0, "the glossary cannot be read: %v", err)
	}
	return ParseGlossary(name, 1, src, codes)
}
