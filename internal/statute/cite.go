package statute

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Cite is a citation of an article found in text.
type Cite struct {
	Start, End int  // byte offsets of the words to link: 第四十七条, 第四十七条第一款
	Law        *Law // the version cited
	Number     int  // the article: its number times 1000, plus its 之 number
	Found      bool // the library holds the article's text
	// Implied: an article inside a range (第四十四条至第四十六条: 第四十五条),
	// cited by no words of its own; Start and End are where the range's
	// first article ends.
	Implied bool
}

// Anchor is the id of the note that holds the cited article.
func (c Cite) Anchor() string { return Anchor(c.Law, c.Number) }

// Find returns the citations of articles in text. An article is cited by
// the law named last before it: 《中华人民共和国民法典》, 《民法典》 or 民法典 —
// in this text or, given as scope, before it (nil: none). A name in 《》 that
// is no law of the library (《借款合同》) is in scope as a Law with no ID
// and no articles, whose citations are never found; the caller resets the
// scope where a new subject starts. Where the
// words just before say that an older text is meant (旧法第二十六条, 2017 年文本为
// 第四十一条), the citation is of the older version, if the library has it.
// after is the law in scope at the end of text.
func (lib *Library) Find(text string, scope *Law) (cites []Cite, after *Law) {
	for i := 0; i < len(text); {
		rest := text[i:]
		switch {
		case strings.HasPrefix(rest, "《"):
			end := closing(rest)
			if end < 0 {
				i += len("《")
				continue
			}
			title := rest[len("《"):end]
			law := lib.named(title, true)
			i += end + len("》")
			if law == nil {
				scope = &Law{Title: title} // not kept: its articles are cited, not found
			} else if !inPassing(text[i:]) {
				scope = law
			}
			continue
		case strings.HasPrefix(rest, "第"):
			n, size := parseArticle(rest)
			if n == 0 || contractual(text[:i]) {
				i += len("第")
				continue
			}
			end := i + size
			for {
				_, k := parseNumbered(text[end:], "款", "项")
				if k == 0 {
					break
				}
				end += k
			}
			law := scope
			if old, year := olderMeant(text[:i]); old && law != nil {
				law = lib.older(law, year)
			}
			if law != nil {
				_, _, found := law.Article(n)
				found = found && law.ID != ""
				cites = append(cites, Cite{Start: i, End: end, Law: law, Number: n, Found: found})
				if to, ok := strings.CutPrefix(text[end:], "至"); ok && n%1000 == 0 {
					if m, _ := parseArticle(to); m > n && m-n <= 20*1000 {
						for k := n + 1000; k < m; k += 1000 {
							_, _, found := law.Article(k)
							cites = append(cites, Cite{Start: end, End: end, Law: law, Number: k, Found: found, Implied: true})
						}
					}
				}
			}
			i = end
			continue
		}
		if l, size := lib.bareName(rest); size > 0 {
			i += size
			if !inPassing(text[i:]) {
				scope = l
			}
			continue
		}
		_, size := utf8.DecodeRuneInString(rest)
		i += size
	}
	return cites, scope
}

// closing finds the 》 that closes the 《 s starts with, titles nesting
// (最高人民法院关于适用《中华人民共和国民事诉讼法》的解释); -1 if none does.
func closing(s string) int {
	depth := 0
	for i := 0; i < len(s); {
		switch {
		case strings.HasPrefix(s[i:], "《"):
			depth++
			i += len("《")
		case strings.HasPrefix(s[i:], "》"):
			depth--
			if depth == 0 {
				return i
			}
			i += len("》")
		default:
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
		}
	}
	return -1
}

// named returns the law a title names, or nil.
func (lib *Library) named(title string, bracketed bool) *Law {
	title = strings.NewReplacer("〈", "《", "〉", "》").Replace(title)
	for _, n := range lib.names {
		if n.text == title && (bracketed || !n.bracket) {
			return n.law
		}
	}
	return nil
}

// bareName matches a law's name written without 《》 at the start of s.
func (lib *Library) bareName(s string) (*Law, int) {
	for _, n := range lib.names {
		if !n.bracket && strings.HasPrefix(s, n.text) {
			return n.law, len(n.text)
		}
	}
	return nil, 0
}

// inPassing reports whether the words after a law's name speak of the
// law's making (新《仲裁法》施行后), not of what it says: the articles cited
// next are still those of the law named before.
func inPassing(after string) bool {
	for _, w := range []string{"施行", "实施", "生效", "修改", "修订", "修正", "出台", "公布", "通过"} {
		if strings.HasPrefix(after, w) {
			return true
		}
	}
	return false
}

// contractual reports whether the words before an article number make it
// an article of a contract or of rules, not of a law (合同第五条).
func contractual(before string) bool {
	for _, w := range []string{"合同", "协议", "章程", "条款", "约定", "细则"} {
		if strings.HasSuffix(before, w) {
			return true
		}
	}
	return false
}

// olderMeant looks at the words just before an article number, back to the
// start of the sentence or a title, for 旧法, 修订前, 修改前 or N 年文本,
// which say that an older text of the law is meant; year is N, or 0.
func olderMeant(before string) (old bool, year int) {
	start := len(before)
	for k := 0; k < 12 && start > 0; k++ {
		r, size := utf8.DecodeLastRuneInString(before[:start])
		if strings.ContainsRune("。；！？》\n", r) {
			break
		}
		start -= size
	}
	near := before[start:]
	if i := strings.Index(near, "年文本"); i >= 0 {
		digits := strings.TrimRight(near[:i], " ")
		j := len(digits)
		for j > 0 && digits[j-1] >= '0' && digits[j-1] <= '9' {
			j--
		}
		year, _ = strconv.Atoi(digits[j:])
		return true, year
	}
	for _, w := range []string{"旧法", "修订前", "修改前"} {
		if strings.Contains(near, w) {
			return true, 0
		}
	}
	return false, 0
}

// parseArticle reads 第…条, perhaps 之一, at the start of s: the article's
// number (see articleNumber) and the bytes read; 0, 0 if s does not start
// with one.
func parseArticle(s string) (int, int) {
	n, size := parseNumbered(s, "条")
	if n == 0 {
		return 0, 0
	}
	if rest := s[size:]; strings.HasPrefix(rest, "之") {
		r, k := utf8.DecodeRuneInString(rest[len("之"):])
		if d := strings.IndexRune("一二三四五六七八九", r); d >= 0 {
			return n*1000 + d/len("一") + 1, size + len("之") + k
		}
	}
	return n * 1000, size
}

// parseNumbered reads 第, a number in Chinese or Arabic digits, and one of
// the units at the start of s: the number and the bytes read, or 0, 0.
func parseNumbered(s string, units ...string) (int, int) {
	if !strings.HasPrefix(s, "第") {
		return 0, 0
	}
	i := len("第")
	for i < len(s) && s[i] == ' ' {
		i++
	}
	n, k := parseNumber(s[i:])
	if n == 0 {
		return 0, 0
	}
	i += k
	for i < len(s) && s[i] == ' ' {
		i++
	}
	for _, u := range units {
		if strings.HasPrefix(s[i:], u) {
			return n, i + len(u)
		}
	}
	return 0, 0
}

// parseNumber reads a positive number below 10,000 written in Arabic
// digits or in Chinese numerals (一千零三十二, 十五, 二百一十一).
func parseNumber(s string) (int, int) {
	if s != "" && s[0] >= '0' && s[0] <= '9' {
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		n, err := strconv.Atoi(s[:i])
		if err != nil || n >= 10000 {
			return 0, 0
		}
		return n, i
	}
	total, digit, i := 0, -1, 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if d := strings.IndexRune("零一二三四五六七八九", r); d >= 0 {
			digit = d / len("一")
		} else if r == '两' {
			digit = 2
		} else if u := map[rune]int{'十': 10, '百': 100, '千': 1000}[r]; u > 0 {
			if digit < 0 {
				if u != 10 {
					return 0, 0 // 百 and 千 need a digit before them
				}
				digit = 1
			}
			total += digit * u
			digit = -1
		} else {
			break
		}
		i += size
	}
	if digit > 0 {
		total += digit
	}
	if total == 0 {
		return 0, 0
	}
	return total, i
}
