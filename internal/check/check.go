// Package check finds what a build accepts but an editor should fix: in a
// site's text, characters of the other script, debris of text copied from
// content farms (pinyin in brackets, half-width punctuation, doubled
// spaces) and laws cited by article without 《》; in a loaded site (Lint),
// also missing descriptions, dates in the future, citations the law texts
// cannot back, and the like.
package check

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/zhkb/zhkb/internal/config"
	"github.com/zhkb/zhkb/internal/convert"
)

// Severity says whether a finding stops a build.
type Severity string

const (
	Error   Severity = "error"   // a build rejects it
	Warning Severity = "warning" // a build accepts it, but it is most likely a mistake
)

// Finding is one problem at a place in a file. Line and Col start at 1;
// zero means unknown.
type Finding struct {
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Col      int      `json:"col"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
}

// String formats f as path:line:col: severity: message.
func (f Finding) String() string {
	pos := f.File
	if f.Line > 0 {
		pos += fmt.Sprintf(":%d", f.Line)
		if f.Col > 0 {
			pos += fmt.Sprintf(":%d", f.Col)
		}
	}
	if pos == "" {
		return fmt.Sprintf("%s: %s", f.Severity, f.Message)
	}
	return fmt.Sprintf("%s: %s: %s", pos, f.Severity, f.Message)
}

// Sort orders findings by file and position.
func Sort(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// Text is a run of text and where its bytes are in a file.
type Text struct {
	Text string
	Pos  func(i int) (line, col int) // of byte i of Text
}

// Checker reviews text. It is safe for concurrent use.
type Checker struct {
	scripts *convert.ScriptTable
	laws    []string // titles of laws, longest first
}

// New returns a Checker that knows the script table and the titles of laws
// (without 《》).
func New(scripts *convert.ScriptTable, laws []string) *Checker {
	ls := append([]string(nil), laws...)
	sort.Slice(ls, func(i, j int) bool {
		if len(ls[i]) != len(ls[j]) {
			return len(ls[i]) > len(ls[j])
		}
		return ls[i] < ls[j]
	})
	return &Checker{scripts: scripts, laws: ls}
}

var (
	// Pinyin in brackets after a character, as content farms annotate
	// words: 網(wǎng), 風(fēng)險(xiǎn). At least one tone mark, so that
	// 应用程序(App) is left alone.
	pinyinRe = regexp.MustCompile(`\p{Han}[(（]([a-zA-Züāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]+(?:\s+[a-zA-Züāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]+)*)[)）]`)
	toneRe   = regexp.MustCompile(`[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]`)
	// Half-width punctuation after a Chinese character (HalfWidth checks
	// that one follows).
	halfRe = regexp.MustCompile(`\p{Han}([,;:!?])`)
	// Two or more spaces inside a line of running text.
	spacesRe = regexp.MustCompile(`[^ \t]([ \t\x{3000}]{2,})[^ \t]`)
)

// Pinyin returns the [start, end) byte spans of pinyin annotations in s:
// the bracketed pinyin after a character, 網(wǎng) → "(wǎng)".
func Pinyin(s string) [][2]int {
	var out [][2]int
	for _, m := range pinyinRe.FindAllStringSubmatchIndex(s, -1) {
		if !toneRe.MatchString(s[m[2]:m[3]]) {
			continue
		}
		_, n := utf8.DecodeRuneInString(s[m[0]:])
		out = append(out, [2]int{m[0] + n, m[1]})
	}
	return out
}

func prevRune(s string, i int) string {
	_, n := utf8.DecodeLastRuneInString(s[:i])
	return s[i-n : i]
}

// HalfWidth returns the byte offsets of half-width punctuation marks
// between Chinese characters in s.
func HalfWidth(s string) []int {
	var out []int
	for _, m := range halfRe.FindAllStringSubmatchIndex(s, -1) {
		rest := strings.TrimLeft(s[m[3]:], " \t")
		if r, _ := utf8.DecodeRuneInString(rest); unicode.Is(unicode.Han, r) {
			out = append(out, m[2])
		}
	}
	return out
}

// FullWidth gives the Chinese form of half-width punctuation.
func FullWidth(p string) string { return fullWidth[p] }

// fullWidth gives the Chinese form of half-width punctuation.
var fullWidth = map[string]string{",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}

// Text reviews one run of text written in script (convert.Hans or Hant),
// found in file.
func (c *Checker) Text(file, script string, t Text) []Finding {
	var out []Finding
	at := func(i int, format string, args ...any) {
		line, col := t.Pos(i)
		out = append(out, Finding{File: file, Line: line, Col: col, Severity: Warning, Message: fmt.Sprintf(format, args...)})
	}
	s := t.Text

	// Characters of the other script: one finding per run, at the first.
	// A marker's text for a variant is checked against that variant's
	// script; text a marker keeps as written is the editor's choice.
	pieces, err := convert.ParseMarkup(s)
	if err != nil {
		pieces = []convert.Piece{{Text: s, End: len(s)}}
	}
	for _, p := range pieces {
		switch {
		case !p.Marker:
			if i, pairs := c.foreign(script, p.Text); i >= 0 {
				at(p.Start+i, "%s", scriptMessage(script, pairs))
			}
		case p.Variants != nil:
			for _, code := range sortedCodes(p.Variants) {
				if i, pairs := c.foreign(config.ScriptOf(code), p.Variants[code]); i >= 0 {
					at(p.Start, "%s (in the marker's %s text)", scriptMessage(config.ScriptOf(code), pairs), code)
				}
			}
		}
	}

	for _, m := range Pinyin(s) {
		at(m[0], "pinyin %s after %s: text copied from a content farm? remove it", s[m[0]:m[1]], prevRune(s, m[0]))
	}
	for _, i := range HalfWidth(s) {
		p := s[i : i+1]
		at(i, "half-width %q between Chinese characters: write %s", p, fullWidth[p])
	}
	for _, m := range spacesRe.FindAllStringSubmatchIndex(s, -1) {
		if m[3] == len(s) {
			continue
		}
		at(m[2], "%d spaces in a row: was a word cut out here?", utf8.RuneCountInString(s[m[2]:m[3]]))
	}
	for _, law := range c.laws {
		for i := 0; ; {
			j := strings.Index(s[i:], law)
			if j < 0 {
				break
			}
			j += i
			i = j + len(law)
			before, _ := utf8.DecodeLastRuneInString(s[:j])
			after := strings.TrimLeft(s[i:], " ")
			if before == '《' || before == '〈' || !strings.HasPrefix(after, "第") {
				continue
			}
			if covered(s, j, c.laws, law) {
				continue // part of a longer title found on its own
			}
			at(j, "%s cited by article without 《》: write 《%s》", law, law)
		}
	}
	return out
}

// foreign returns the byte offset of the first character of text that
// belongs only to the other script than script, or -1, and each such
// character with its counterpart.
func (c *Checker) foreign(script, text string) (int, []string) {
	first, seen := -1, map[rune]bool{}
	var pairs []string
	for i, r := range text {
		if cp, ok := c.scripts.Foreign(script, r); ok {
			if first < 0 {
				first = i
			}
			if !seen[r] {
				seen[r] = true
				pairs = append(pairs, fmt.Sprintf("%c→%c", r, cp))
			}
		}
	}
	return first, pairs
}

func scriptMessage(script string, pairs []string) string {
	other, mine := "Traditional", "Simplified"
	if script == convert.Hant {
		other, mine = mine, other
	}
	return fmt.Sprintf("%s characters in %s text: %s", other, mine, strings.Join(pairs, " "))
}

func sortedCodes(m map[string]string) []string {
	codes := make([]string, 0, len(m))
	for c := range m {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	return codes
}

// covered reports whether the occurrence of law at j lies inside an
// occurrence of a longer title (个人信息保护法 inside 未成年人个人信息保护法…).
func covered(s string, j int, laws []string, law string) bool {
	for _, l := range laws {
		if len(l) <= len(law) || !strings.Contains(l, law) {
			continue
		}
		k := strings.Index(l, law)
		if j-k >= 0 && strings.HasPrefix(s[j-k:], l) {
			return true
		}
	}
	return false
}

// LawTitles picks out the titles of laws among names: those of two or more
// characters ending in 法,
// 条例, 规定, 办法, 解释, 规则 or 决定 (or their Traditional forms).
func LawTitles(names []string) []string {
	var out []string
	for _, n := range names {
		n = strings.TrimSpace(n)
		if utf8.RuneCountInString(n) < 2 {
			continue
		}
		for _, suffix := range []string{"法", "法典", "条例", "條例", "规定", "規定", "办法", "辦法", "解释", "解釋", "规则", "規則", "决定", "決定"} {
			if strings.HasSuffix(n, suffix) {
				out = append(out, n)
				break
			}
		}
	}
	return out
}

// BookTitles returns the text inside every 《…》 in s (the titles of laws,
// books and documents a text cites).
func BookTitles(s string) []string {
	var out []string
	for {
		i := strings.Index(s, "《")
		if i < 0 {
			return out
		}
		s = s[i+len("《"):]
		j := strings.Index(s, "》")
		if j < 0 {
			return out
		}
		if t := s[:j]; t != "" && !strings.ContainsFunc(t, unicode.IsSpace) {
			out = append(out, t)
		}
		s = s[j:]
	}
}
