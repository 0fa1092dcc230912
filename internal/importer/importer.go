// Package importer turns a pasted plain-text article into a Markdown draft:
// in the site's source script, without the pinyin annotations, boilerplate
// lines and half-width punctuation of text copied from content farms.
package importer

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/zhkb/zhkb/internal/check"
	"github.com/zhkb/zhkb/internal/convert"
)

// Options control an import.
type Options struct {
	Convert convert.Converter // to the site's source script; nil keeps the text's
	Source  string            // the site's source script: convert.Hans (default) or convert.Hant
	Script  string            // the source script's name for the report, e.g. "Simplified"
	Today   time.Time         // the draft's date
}

// Result is a draft and what was changed to make it.
type Result struct {
	Markdown []byte
	Changes  []string // one line each, for the editor
}

var (
	// Lines of content-farm boilerplate: takedown and contact notes,
	// copyright and source lines, calls to follow an account.
	boilerplateRe = regexp.MustCompile(`(联系|聯繫|聯系|联络|聯絡).{0,8}(删除|刪除|删|刪)|侵[权權].{0,8}(删|刪)|如有侵[权權]|版[权權](归|歸)原作者|[转轉]载请注明|[轉转][載载]請註明|免[责責]声明|免[責责]聲明|本文(来源|來源|转载|轉載)|(来源|來源)[：:]\s*(网络|網絡|網路|互联网|互聯網)|(关注|關注)(我们|我們|公众号|公眾號|微信)|(扫码|掃碼|长按|長按).{0,6}(关注|關注|识别|識別)|(点击|點擊)(阅读|閱讀|查看)原文|(责任编辑|責任編輯)[：:]`)
	// Headings of "related articles" lists: the list follows, to the next
	// blank line.
	relatedRe = regexp.MustCompile(`^[【\[]?(相关文章|相關文章|相关阅读|相關閱讀|推荐阅读|推薦閱讀|延伸阅读|延伸閱讀|热门文章|熱門文章|猜你喜欢|猜你喜歡|往期回顾|往期回顧)[】\]]?[：:]?$`)
	// A space between two Chinese characters, which Chinese text never has.
	hanSpaceRe = regexp.MustCompile(`(\p{Han}|[，。、；：！？）」』》])[ \t\x{3000}]+(\p{Han}|[（「『《])`)
	spaceRunRe = regexp.MustCompile(`[ \t\x{3000}]{2,}`)
)

// Article imports one plain-text article: it drops boilerplate and pinyin,
// converts the script, mends punctuation and spaces, and writes the
// Markdown with its front matter. Result.Changes says what changed.
func Article(text []byte, opts Options) (Result, error) {
	if !utf8.Valid(text) {
		return Result{}, fmt.Errorf("the text is not UTF-8; save it as UTF-8 and import it again")
	}
	var res Result
	s := strings.TrimPrefix(string(text), "\ufeff")
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	note := func(change string) {
		if change != "" {
			res.Changes = append(res.Changes, change)
		}
	}
	var change string
	s, change = dropBoilerplate(s)
	note(change)
	s, change = dropPinyin(s)
	note(change)
	if opts.Convert != nil {
		converted, err := toSource(s, opts)
		if err != nil {
			return Result{}, err
		}
		if n := changedRunes(s, converted); n > 0 {
			note(fmt.Sprintf("converted %d character(s) to %s", n, opts.Script))
		}
		s = converted
	}
	s, change = fullWidthMarks(s)
	note(change)
	s, change = dropSpaces(s)
	note(change)
	md, err := markdown(s, opts.Today)
	if err != nil {
		return Result{}, err
	}
	res.Markdown = md
	return res, nil
}

// dropBoilerplate drops boilerplate lines and "related articles" lists,
// and trims every line; the change is "" when none was dropped.
func dropBoilerplate(s string) (string, string) {
	var kept, dropped []string
	lines := strings.Split(s, "\n")
	for i := 0; i < len(lines); i++ {
		line := strings.TrimSpace(lines[i])
		if relatedRe.MatchString(line) {
			j := i + 1
			for j < len(lines) && strings.TrimSpace(lines[j]) != "" {
				j++
			}
			dropped = append(dropped, fmt.Sprintf("%d–%d: %s…", i+1, j, line))
			i = j - 1
			continue
		}
		if boilerplateRe.MatchString(line) {
			dropped = append(dropped, fmt.Sprintf("%d: %s", i+1, line))
			continue
		}
		kept = append(kept, line)
	}
	if len(dropped) == 0 {
		return strings.Join(kept, "\n"), ""
	}
	return strings.Join(kept, "\n"), fmt.Sprintf("removed %d boilerplate line(s) or list(s): %s", len(dropped), strings.Join(dropped, "; "))
}

// dropPinyin drops pinyin annotations.
func dropPinyin(s string) (string, string) {
	spans := check.Pinyin(s)
	if len(spans) == 0 {
		return s, ""
	}
	var b strings.Builder
	at := 0
	var examples []string
	for _, sp := range spans {
		b.WriteString(s[at:sp[0]])
		if len(examples) < 5 {
			examples = append(examples, s[sp[0]:sp[1]])
		}
		at = sp[1]
	}
	b.WriteString(s[at:])
	return b.String(), fmt.Sprintf("removed %d pinyin annotation(s): %s", len(spans), strings.Join(examples, " "))
}

// fullWidthMarks makes half-width punctuation between Chinese characters
// full-width, with the space that often follows it dropped.
func fullWidthMarks(s string) (string, string) {
	marks := 0
	for {
		idx := check.HalfWidth(s)
		if len(idx) == 0 {
			break
		}
		var b strings.Builder
		at := 0
		for _, i := range idx {
			b.WriteString(s[at:i])
			b.WriteString(check.FullWidth(s[i : i+1]))
			at = i + 1
			for at < len(s) && (s[at] == ' ' || s[at] == '\t') {
				at++
			}
		}
		b.WriteString(s[at:])
		s = b.String()
		marks += len(idx)
	}
	if marks == 0 {
		return s, ""
	}
	return s, fmt.Sprintf("replaced %d half-width punctuation mark(s) between Chinese characters with full-width ones", marks)
}

// dropSpaces drops spaces between Chinese characters and makes runs of
// spaces one.
func dropSpaces(s string) (string, string) {
	spaces := 0
	for {
		next := hanSpaceRe.ReplaceAllStringFunc(s, func(m string) string {
			spaces++
			a, _ := utf8.DecodeRuneInString(m)
			z, _ := utf8.DecodeLastRuneInString(m)
			return string(a) + string(z)
		})
		if next == s {
			break
		}
		s = next
	}
	s = spaceRunRe.ReplaceAllStringFunc(s, func(string) string { spaces++; return " " })
	if spaces == 0 {
		return s, ""
	}
	return s, fmt.Sprintf("removed the spaces in %d place(s) between Chinese characters or doubled", spaces)
}

// markdown writes the article: its first line the title, the others
// paragraphs, the first sentence the description, a draft dated today.
func markdown(s string, today time.Time) ([]byte, error) {
	var title string
	var paras []string
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if title == "" {
			title = strings.TrimLeft(strings.TrimPrefix(strings.TrimPrefix(line, "标题："), "標題："), "#　 ")
			continue
		}
		paras = append(paras, escapeLine(line))
	}
	if title == "" {
		return nil, fmt.Errorf("the text is empty")
	}
	desc := ""
	if len(paras) > 0 {
		desc = firstSentence(paras[0])
	}
	var md bytes.Buffer
	fmt.Fprintf(&md, "+++\ntitle = %s\ndescription = %s\ndate = %s\ndraft = true\ntags = []\n+++\n\n", tomlString(title), tomlString(desc), today.Format("2006-01-02"))
	md.WriteString(strings.Join(paras, "\n\n"))
	md.WriteString("\n")
	return md.Bytes(), nil
}

// toSource converts text to the site's source script only as far as it is
// in the other: text with no character of the other script stays as it is;
// text mostly in the source script gets only its foreign characters
// replaced; text mostly in the other script goes through the conversion,
// which never touches 么 when converting to Simplified (tw2s would make
// 什么 什幺).
func toSource(text string, opts Options) (string, error) {
	source := opts.Source
	if source == "" {
		source = convert.Hans
	}
	other := convert.Hant
	if source == convert.Hant {
		other = convert.Hans
	}
	scripts, err := convert.Scripts()
	if err != nil {
		return "", err
	}
	foreign, native := 0, 0
	for _, r := range text {
		if _, ok := scripts.Foreign(source, r); ok {
			foreign++
		} else if _, ok := scripts.Foreign(other, r); ok {
			native++
		}
	}
	switch {
	case foreign == 0:
		return text, nil
	case native > foreign:
		return strings.Map(func(r rune) rune {
			if to, ok := scripts.Foreign(source, r); ok {
				return to
			}
			return r
		}, text), nil
	case source == convert.Hans:
		parts := strings.Split(text, "么")
		for i, p := range parts {
			parts[i] = opts.Convert.Convert(p)
		}
		return strings.Join(parts, "么"), nil
	}
	return opts.Convert.Convert(text), nil
}

// changedRunes counts the characters conversion changed, position by
// position (conversion keeps the number of characters nearly always).
func changedRunes(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	n := 0
	for i := 0; i < len(ra) && i < len(rb); i++ {
		if ra[i] != rb[i] {
			n++
		}
	}
	if d := len(ra) - len(rb); d != 0 {
		n += max(d, -d)
	}
	return n
}

// escapeLine keeps a line of text from being read as Markdown markup.
func escapeLine(line string) string {
	line = strings.NewReplacer(`\`, `\\`, "<", `\<`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`).Replace(line)
	if r, _ := utf8.DecodeRuneInString(line); strings.ContainsRune("#>-+=|", r) {
		return `\` + line
	}
	// "1. " and "1) " start ordered lists.
	i := 0
	for i < len(line) && line[i] >= '0' && line[i] <= '9' {
		i++
	}
	if i > 0 && i < len(line) && (line[i] == '.' || line[i] == ')') {
		return line[:i] + `\` + line[i:]
	}
	return line
}

// firstSentence is the first sentence of a paragraph, at most 100
// characters, as a draft description.
func firstSentence(p string) string {
	p = strings.NewReplacer(`\`, "").Replace(p)
	end := strings.IndexFunc(p, func(r rune) bool { return r == '。' || r == '！' || r == '？' })
	if end >= 0 {
		_, n := utf8.DecodeRuneInString(p[end:])
		p = p[:end+n]
	}
	if r := []rune(p); len(r) > 100 {
		p = string(r[:100]) + "……"
	}
	return p
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case unicode.IsControl(r):
			fmt.Fprintf(&b, "\\u%04X", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
