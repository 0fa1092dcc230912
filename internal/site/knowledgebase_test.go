package site

import (
	"bufio"
	stdhtml "html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/zhkb/zhkb/internal/content"
	"github.com/zhkb/zhkb/internal/convert"
)

// These tests check the bundled knowledge base itself (content/), not the
// generator.

var citationRe = regexp.MustCompile(`《([^》]+)》(?:（[^）]*）)?第[一二三四五六七八九十百千零]+条`)

func coveredLaws(t *testing.T) map[string]bool {
	f, err := os.Open("testdata/covered-laws.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	laws := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" && !strings.HasPrefix(line, "#") {
			laws[line] = true
		}
	}
	return laws
}

func TestKnowledgeBaseArticles(t *testing.T) {
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
			if !laws[m[1]] {
				t.Errorf("%s cites %s, which is not in testdata/covered-laws.txt", p.File, m[0])
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
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Root: "../..", Out: out}); err != nil {
		t.Fatal(err)
	}
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
