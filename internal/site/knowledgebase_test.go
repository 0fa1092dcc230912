package site

import (
	"bufio"
	stdhtml "html"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/zhkb/zhkb/internal/content"
	"github.com/zhkb/zhkb/internal/convert"
)

// These tests check the bundled knowledge base itself (content/), not the
// generator.

var (
	citationRe  = regexp.MustCompile(`《([^》]+)》(?:（[^）]*）)?第[一二三四五六七八九十百千零]+条`)
	bookTitleRe = regexp.MustCompile(`《([^》]+)》`)
)

// revisedLaws are laws renumbered by a recent revision; a citation by
// article names the revision, so readers of older texts are not misled.
var revisedLaws = map[string]string{
	"中华人民共和国治安管理处罚法": "（2025 年修订）",
	"中华人民共和国网络安全法":   "（2025 年修改）",
	"中华人民共和国民事诉讼法":   "（2023 年修正）",
	"中华人民共和国仲裁法":     "（2025 年修订）",
}

// law is a law or judicial interpretation the fact sheet covers, with the
// short name articles use after its first full citation.
type law struct{ full, short string }

// coveredLaws reads testdata/covered-laws.txt into a map from every name
// (full and short) to its law.
func coveredLaws(t *testing.T) map[string]law {
	f, err := os.Open("testdata/covered-laws.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	laws := map[string]law{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		full, short, _ := strings.Cut(line, " | ")
		l := law{full, short}
		laws[full] = l
		if short != "" {
			laws[short] = l
		}
	}
	return laws
}

func TestKnowledgeBaseArticles(t *testing.T) {
	t.Parallel()
	site, err := content.Load("../../content", content.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(site.Pages) < 30 {
		t.Errorf("%d articles, the knowledge base needs at least 30", len(site.Pages))
	}
	want := map[string]bool{"rights": false, "laws": false, "steps": false, "faq": false, "glossary": false}
	for _, s := range site.Sections {
		if _, ok := want[s.Name]; ok && s.File != "" {
			want[s.Name] = true
		}
	}
	for name, ok := range want {
		if !ok {
			t.Errorf("section %s/ or its _index.md is missing", name)
		}
	}
	laws := coveredLaws(t)
	for _, p := range site.Pages {
		if p.Front.Description == "" {
			t.Errorf("%s has no description", p.File)
		}
		if len(p.Front.Tags) == 0 {
			t.Errorf("%s has no tags", p.File)
		}
		if p.Front.Date.IsZero() {
			t.Errorf("%s has no date", p.File)
		}
		body := string(p.Body)
		if !strings.Contains(body, "本站提供法律信息，不构成法律意见。") {
			t.Errorf("%s lacks the note that the site gives information, not legal advice", p.File)
		}
		if !strings.Contains(body, ".md") {
			t.Errorf("%s links to no other article", p.File)
		}
		for _, m := range citationRe.FindAllStringSubmatch(p.Front.Title+"\n"+p.Front.Description+"\n"+body, -1) {
			if _, ok := laws[m[1]]; !ok {
				t.Errorf("%s cites %s, which is not in testdata/covered-laws.txt", p.File, m[0])
			}
		}
		// Laws renumbered by a revision name the text they cite.
		for _, m := range citationRe.FindAllStringSubmatch(body, -1) {
			if l, ok := laws[m[1]]; ok && revisedLaws[l.full] != "" && !strings.Contains(m[0], revisedLaws[l.full]) {
				t.Errorf("%s cites %s without %s: the article numbers changed in that revision", p.File, m[0], revisedLaws[l.full])
			}
		}
		// One name per law: the full name first, then the short one.
		citedFull := map[string]bool{}
		for _, m := range bookTitleRe.FindAllStringSubmatch(body, -1) {
			l, ok := laws[m[1]]
			switch {
			case !ok:
			case m[1] == l.full:
				citedFull[l.full] = true
			case !citedFull[l.full]:
				t.Errorf("%s names 《%s》 before citing it in full as 《%s》", p.File, m[1], l.full)
			}
		}
		if citationRe.MatchString(body) && !strings.Contains(body, "## 依据") {
			t.Errorf("%s cites laws but has no 依据 list", p.File)
		}
	}
}

var (
	skipRe = regexp.MustCompile(`(?s)<(code|pre|script|style)\b.*?</(code|pre|script|style)>`)
	tagRe  = regexp.MustCompile(`<[^>]*>`)
)

// simplifiedOnly returns a test for characters that exist only in Simplified
// Chinese (convert.Scripts): 简 is caught, while 群 (Taiwan's standard form
// of 羣) and 干 (干涉) are not.
func simplifiedOnly(t *testing.T) func(rune) bool {
	scripts, err := convert.Scripts()
	if err != nil {
		t.Fatal(err)
	}
	return func(r rune) bool {
		_, ok := scripts.Foreign(convert.Hant, r)
		return ok
	}
}

// langRe matches elements marked as written in Simplified Chinese, such as the
// language switcher's 简体中文.
var langRe = regexp.MustCompile(`(?s)<(a|span)\b[^>]*\blang="zh-Hans"[^>]*>.*?</(a|span)>`)

func TestKnowledgeBaseTraditionalOutput(t *testing.T) {
	t.Parallel()
	out := lookSite(t) // the bundled site, built once for the tests that only read it
	isSimplified := simplifiedOnly(t)
	pages, _ := filepath.Glob(filepath.Join(out, "zh-hant", "*", "*", "index.html"))
	if len(pages) < 30 {
		t.Fatalf("only %d Traditional article pages", len(pages))
	}
	for _, p := range pages {
		data, _ := os.ReadFile(p)
		page := langRe.ReplaceAllString(skipRe.ReplaceAllString(string(data), ""), "")
		text := stdhtml.UnescapeString(tagRe.ReplaceAllString(page, " "))
		var bad []string
		seen := map[rune]bool{}
		for _, r := range text {
			if unicode.Is(unicode.Han, r) && isSimplified(r) && !seen[r] {
				seen[r] = true
				bad = append(bad, string(r))
			}
		}
		if len(bad) > 0 {
			rel, _ := filepath.Rel(out, p)
			t.Errorf("%s has Simplified-only characters: %s", rel, strings.Join(bad, " "))
		}
	}
}

// TestKnowledgeBaseRendered checks what readers see of the bundled
// knowledge base in both variants.
func TestKnowledgeBaseRendered(t *testing.T) {
	t.Parallel()
	out := lookSite(t) // the bundled site, built once for the tests that only read it
	read := func(rel string) string {
		data, err := os.ReadFile(filepath.Join(out, rel))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	pages, _ := filepath.Glob(filepath.Join(out, "*", "*", "*", "index.html"))
	quoted := 0
	for _, p := range pages {
		data, _ := os.ReadFile(p)
		text := tagRe.ReplaceAllString(skipRe.ReplaceAllString(string(data), ""), " ")
		rel, _ := filepath.Rel(out, p)
		if strings.Contains(text, "**") {
			t.Errorf("%s shows a literal ** (emphasis that CommonMark could not close)", rel)
		}
		// zh-Hant is set with quotes = "corner": Taiwan's 「」『』, and
		// Taiwan's 帳 in every account word.
		if strings.HasPrefix(rel, "zh-hant") {
			if i := strings.IndexAny(text, "“”‘"); i >= 0 {
				t.Errorf("%s shows mainland quotation marks: …%s…", rel, clipAround(text, i))
			}
			if i := strings.Index(text, "賬"); i >= 0 {
				t.Errorf("%s writes 賬, not Taiwan's 帳: …%s…", rel, clipAround(text, i))
			}
			quoted += strings.Count(text, "「")
		}
	}
	if quoted < 50 {
		t.Errorf("zh-Hant pages show only %d 「: quotes = \"corner\" did not apply", quoted)
	}
	// Crisis help is one tap away on every page, the landing and 404 pages
	// included, with numbers of the reader's region (zh-Hant: Taiwan and
	// Hong Kong); the home page and the first checklist link it in text too.
	crisisLine := regexp.MustCompile(`<aside class="help-line"[^>]*>\s*<p class="wrap"><a class="help-link" href="[^"]*self-care/#%e9%a9%ac%e4%b8%8a%e6%b1%82%e5%8a%a9">`)
	helpNumbers := map[string][]string{"zh-hans": {"12356", "120", "110"}, "zh-hant": {"1925", "119", "999", "18111"}}
	pagesSeen := 0
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		rel, _ := filepath.Rel(out, p)
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") || strings.HasPrefix(rel, "download") {
			return err
		}
		html := read(rel)
		if strings.Contains(html, `http-equiv="refresh"`) {
			return nil // an alias: it sends the reader on at once
		}
		pagesSeen++
		if !crisisLine.MatchString(html) {
			t.Errorf("%s has no help line linking the crisis help", rel)
		}
		for dir, numbers := range helpNumbers {
			if strings.HasPrefix(rel, dir+"/") {
				for _, n := range numbers {
					if !strings.Contains(html, `href="tel:`+n+`"`) {
						t.Errorf("%s: the help line does not dial %s", rel, n)
					}
				}
			}
		}
		return nil
	})
	if pagesSeen < 100 {
		t.Errorf("only %d pages looked at", pagesSeen)
	}
	crisis := `self-care/#` + url.PathEscape("马上求助") + `"`
	for _, dir := range []string{"zh-hans", "zh-hant"} {
		for _, page := range []string{dir + "/index.html", dir + "/steps/first-24-hours/index.html"} {
			if !strings.Contains(read(page), crisis) {
				t.Errorf("%s does not link the crisis help (%s)", page, crisis)
			}
		}
		if !strings.Contains(read(dir+"/steps/self-care/index.html"), `id="马上求助"`) {
			t.Errorf("%s/steps/self-care has no #马上求助 section", dir)
		}
		// The site's own disclaimer and search hint, in each variant's wording.
		home := read(dir + "/index.html")
		want := map[string][]string{"zh-hans": {"本站提供法律信息，不构成法律意见。", "搜索：通讯录、催收、法条……"}, "zh-hant": {"本站提供法律資訊，不構成法律意見。", "搜尋：通訊錄、催收、法條……"}}[dir]
		for _, w := range want {
			if !strings.Contains(home, w) {
				t.Errorf("%s/index.html lacks %s", dir, w)
			}
		}
		// The numbers to call are one tap away on a phone; 12321's phone line
		// is 010-12321 (12321 alone takes text messages).
		for page, numbers := range map[string][]string{"steps/self-care": {"12356", "120", "110"}, "steps/first-24-hours": {"110", "12378", "010-12321", "12345"},
			"steps/complaint-channels": {"110", "12378", "12363", "010-12321", "12377", "12345", "12348", "12356"}} {
			html := read(dir + "/" + page + "/index.html")
			for _, n := range numbers {
				if !strings.Contains(html, `href="tel:`+n+`"`) {
					t.Errorf("%s/%s: %s is not a tel: link", dir, page, n)
				}
			}
			if strings.Contains(html, `href="tel:12321"`) {
				t.Errorf("%s/%s: 12321 dials the SMS number", dir, page)
			}
		}
	}
	// Traditional readers are told the menu names their phones show.
	hant := read("zh-hant/steps/turn-off-contacts-permission/index.html")
	for _, w := range []string{"「設定」", "「隱私權與安全性」", "「聯絡人」", "「應用程式」"} {
		if !strings.Contains(hant, w) {
			t.Errorf("zh-Hant permission steps lack the Taiwanese menu name %s", w)
		}
	}
	for _, w := range []string{"設置", "“隱私與安全性”", "“通訊錄”"} {
		if strings.Contains(hant, w) {
			t.Errorf("zh-Hant permission steps show the mainland menu name %s", w)
		}
	}
	hans := read("zh-hans/steps/turn-off-contacts-permission/index.html")
	for _, w := range []string{"“设置”", "“隐私与安全性”", "“通讯录”"} {
		if !strings.Contains(hans, w) {
			t.Errorf("zh-Hans permission steps lack %s", w)
		}
	}
}

// TestKnowledgeBaseLetters checks the letter templates ([params] template =
// "letter"): each names its addressee and carries the sender's contact
// fields, a date and what to attach.
func TestKnowledgeBaseLetters(t *testing.T) {
	t.Parallel()
	site, err := content.Load("../../content", content.Options{})
	if err != nil {
		t.Fatal(err)
	}
	letters := 0
	for _, p := range site.Pages {
		if p.Front.Params["template"] != "letter" {
			continue
		}
		letters++
		body := string(p.Body)
		for _, field := range []string{"\n致：", "联系电话", "日期：", "附件"} {
			if !strings.Contains(body, field) {
				t.Errorf("%s: the letter lacks %q", p.File, strings.TrimSpace(field))
			}
		}
	}
	if letters < 5 {
		t.Errorf("%d letter templates, want at least 5", letters)
	}
}

// TestKnowledgeBaseLinkedArticles checks that every article is linked from
// another one, so that readers can reach it without the search.
func TestKnowledgeBaseLinkedArticles(t *testing.T) {
	t.Parallel()
	site, err := content.Load("../../content", content.Options{})
	if err != nil {
		t.Fatal(err)
	}
	linkRe := regexp.MustCompile(`\]\(([^)#\s]+\.md)(?:#[^)]*)?\)`)
	linked := map[string]bool{}
	for _, p := range site.Pages {
		for _, m := range linkRe.FindAllStringSubmatch(string(p.Body), -1) {
			target := filepath.ToSlash(filepath.Join(filepath.Dir(p.File), m[1]))
			if target != filepath.ToSlash(p.File) {
				linked[target] = true
			}
		}
	}
	for _, p := range site.Pages {
		if !linked[filepath.ToSlash(p.File)] {
			t.Errorf("no other article links to %s", p.File)
		}
	}
}

// clipAround returns the 20 bytes either side of text[i], cut at characters.
func clipAround(text string, i int) string {
	lo, hi := max(0, i-20), min(len(text), i+20)
	for lo > 0 && !utf8.RuneStart(text[lo]) {
		lo--
	}
	for hi < len(text) && !utf8.RuneStart(text[hi]) {
		hi++
	}
	return text[lo:hi]
}
