package content

import (
	"bytes"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/zhkb/zhkb/internal/diag"
	"github.com/zhkb/zhkb/internal/strictoml"
)

// FrontMatter holds the keys an article or _index.md may set, named as Hugo
// names them. Site-specific values go in Params.
type FrontMatter struct {
	Title       string
	Description string
	Date        time.Time // zero when not set
	Lastmod     time.Time // zero when not set
	Slug        string
	Weight      int
	Draft       bool
	Tags        []string
	// Keywords are words and whole questions the article answers: the
	// search indexes them as a strong field; pages do not show them.
	Keywords   []string
	Categories []string
	Aliases    []string
	TOC        *bool // nil: automatic
	Params     map[string]any
	// Glossary holds the page's own conversion entries: source phrase →
	// variant code or script → text.
	Glossary map[string]map[string]string
	// Law is the ID of the law the page is about (a file of the site's
	// statutes folder, without .toml): an article number the page cites
	// without naming a law, e.g. in a heading, is that law's.
	Law string
	// Checked is when the page's legal facts were last checked against
	// the law: shown near the title, and zhkb check warns when it is older
	// than [check] maxAge. Zero when not set.
	Checked time.Time
	// Source is the front matter as written (from line 2 of the file), for
	// placing later errors on the right line.
	Source []byte
}

type frontMatterFile struct {
	Title       string         `toml:"title"`
	Description string         `toml:"description"`
	Date        any            `toml:"date"`
	Lastmod     any            `toml:"lastmod"`
	Slug        string         `toml:"slug"`
	Weight      int            `toml:"weight"`
	Draft       bool           `toml:"draft"`
	Tags        []string       `toml:"tags"`
	Keywords    []string       `toml:"keywords"`
	Categories  []string       `toml:"categories"`
	Aliases     []string       `toml:"aliases"`
	TOC         *bool          `toml:"toc"`
	Params      map[string]any `toml:"params"`
	Glossary    map[string]any `toml:"glossary"`
	Law         string         `toml:"law"`
	Checked     any            `toml:"checked"`
}

const delimiter = "+++"

// SplitFrontMatter separates the TOML front matter between +++ lines from
// the Markdown body. bodyLine is the 1-based line of src on which the body
// starts.
func SplitFrontMatter(file string, src []byte) (front, body []byte, bodyLine int, err error) {
	if bytes.IndexByte(src, '\r') >= 0 && bytes.IndexByte(src, '\n') < 0 {
		return nil, nil, 0, diag.At(file, 1, "lines end in CR only (old Mac line endings), so the whole file reads as one line").
			WithHint("save it with LF (or CRLF) line endings; most editors offer it under line endings or EOL")
	}
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	first = bytes.TrimRight(bytes.TrimPrefix(first, []byte("\uFEFF")), " \t\r")
	switch string(first) {
	case delimiter:
	case "---":
		return nil, nil, 0, diag.At(file, 1, "front matter starts with ---").WithHint("zhkb reads TOML front matter between +++ lines, as Hugo does: write +++, then title = \"…\", then +++")
	default:
		return nil, nil, 0, diag.At(file, 1, "missing front matter").WithHint("start the file with a +++ line, title = \"…\", and another +++ line")
	}
	line := 2
	for len(rest) > 0 {
		l, next, _ := bytes.Cut(rest, []byte("\n"))
		if string(bytes.TrimRight(l, " \t\r")) == delimiter {
			return frontBetween(src, rest), next, line + 1, nil
		}
		rest = next
		line++
	}
	return nil, nil, 0, diag.At(file, 1, "front matter is not closed").WithHint("add a line containing only +++ after the front matter")
}

// frontBetween returns the bytes of src from after the opening +++ line up to
// the start of rest (the closing delimiter line).
func frontBetween(src, rest []byte) []byte {
	start := bytes.IndexByte(src, '\n') + 1
	return src[start : len(src)-len(rest)]
}

// ParseFrontMatter decodes front (which starts on line 2 of file) and checks
// it. requireTitle is false for _index.md files.
func ParseFrontMatter(file string, front []byte, requireTitle bool) (FrontMatter, error) {
	var f frontMatterFile
	if err := strictoml.Decode(file, front, &f); err != nil {
		return FrontMatter{}, diag.Shift(err, 1)
	}
	fm := FrontMatter{
		Title: strings.TrimSpace(f.Title), Description: strings.TrimSpace(f.Description),
		Slug: f.Slug, Weight: f.Weight, Draft: f.Draft,
		Tags: trimAll(f.Tags), Keywords: trimAll(f.Keywords), Categories: trimAll(f.Categories), Aliases: f.Aliases,
		TOC: f.TOC, Params: f.Params, Law: strings.TrimSpace(f.Law), Source: front,
	}
	var errs diag.List
	if f.Glossary != nil {
		g, err := strictoml.StringTables(file, front, f.Glossary, "glossary")
		errs.Add(diag.Shift(err, 1))
		fm.Glossary = g
	}
	if requireTitle && fm.Title == "" {
		errs.Add(diag.At(file, 1, "title is required").WithHint(`add title = "…" to the front matter`))
	}
	var err error
	if fm.Date, err = parseDate(f.Date); err != nil {
		errs.Add(diag.At(file, 1+strictoml.Line(front, "date"), "bad date: %v", err).WithHint("write date = 2024-05-01 or date = 2024-05-01T08:00:00+08:00"))
	}
	if fm.Lastmod, err = parseDate(f.Lastmod); err != nil {
		errs.Add(diag.At(file, 1+strictoml.Line(front, "lastmod"), "bad lastmod: %v", err).WithHint("write lastmod = 2024-05-01 or lastmod = 2024-05-01T08:00:00+08:00"))
	}
	if fm.Checked, err = parseDate(f.Checked); err != nil {
		errs.Add(diag.At(file, 1+strictoml.Line(front, "checked"), "checked is not a date: %v", err).WithHint("write checked = 2026-12-07, the day the page's legal facts were last checked"))
	}
	for _, a := range fm.Aliases {
		if err := checkAlias(a); err != nil {
			errs.Add(diag.At(file, 1+strictoml.Line(front, "aliases"), "alias %q %v", a, err).WithHint(`write old URLs below the variant's home, e.g. aliases = ["old/pipl"]`))
		}
	}
	return fm, errs.Err()
}

// checkAlias refuses an alias that is not a plain path below the variant's
// home: a leading /, a . or .. segment (also written %2e), a backslash, a
// control character, or a query or fragment.
func checkAlias(a string) error {
	switch {
	case strings.TrimSpace(a) == "" || strings.Trim(a, "/") == "":
		return fmt.Errorf("names the home page")
	case strings.HasPrefix(a, "/"):
		return fmt.Errorf("starts with /")
	case strings.ContainsAny(a, "\\?#") || strings.IndexFunc(a, unicode.IsControl) >= 0:
		return fmt.Errorf("holds a backslash, ?, # or a control character")
	}
	for _, seg := range strings.Split(strings.ToLower(a), "/") {
		if seg = strings.ReplaceAll(seg, "%2e", "."); seg == "." || seg == ".." {
			return fmt.Errorf("has a %q segment", seg)
		}
	}
	if first, _, _ := strings.Cut(strings.ToLower(a), "/"); reservedSections[first] {
		return fmt.Errorf("starts with %q, a name the build uses in every variant's folder", first)
	}
	return nil
}

func trimAll(list []string) []string {
	out := list[:0:0]
	for _, s := range list {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

var dateLayouts = []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02"}

// floating marks a date or time written without a zone: its wall clock
// is read in the site's time zone (InZone). The name is the one
// BurntSushi/toml gives TOML's local date-times.
var floating = time.FixedZone("datetime-local", 0)

// parseDate accepts TOML dates and date-times and the same written as strings.
func parseDate(v any) (time.Time, error) {
	switch d := v.(type) {
	case nil:
		return time.Time{}, nil
	case time.Time:
		if d.Location().String() == "time-local" { // TOML's local time: 07:32:00
			return time.Time{}, fmt.Errorf("%s is a time of day without a date", d.Format("15:04:05"))
		}
		return d, nil
	case string:
		for _, layout := range dateLayouts {
			if t, err := time.ParseInLocation(layout, strings.TrimSpace(d), floating); err == nil {
				return t, nil
			}
		}
		return time.Time{}, fmt.Errorf("%q is not a date", d)
	default:
		return time.Time{}, fmt.Errorf("%v is a %T, not a date", d, d)
	}
}

// InZone reads the dates written without a zone (date = 2026-12-02, a TOML
// local date or date-time, or the same as a string) as wall clock in loc
// (UTC when nil), so that they mean the same on every build machine;
// dates with a zone or offset are kept.
func (fm *FrontMatter) InZone(loc *time.Location) {
	if loc == nil {
		loc = time.UTC
	}
	for _, t := range []*time.Time{&fm.Date, &fm.Lastmod, &fm.Checked} {
		switch t.Location().String() {
		case "datetime-local", "date-local":
			*t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc)
		}
	}
}
