package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/zhkb/zhkb/internal/convert"
	"github.com/zhkb/zhkb/internal/search/searchtest"
)

// question is a reader's question with the articles that answer it.
type question struct {
	Text   string   `toml:"text"`
	Accept []string `toml:"accept"` // section/name of content/
}

func readQuestions(t *testing.T, file string) []question {
	t.Helper()
	var f struct {
		Q []question `toml:"q"`
	}
	if _, err := toml.DecodeFile(filepath.Join("../../bench/questions", file), &f); err != nil {
		t.Fatal(err)
	}
	return f.Q
}

// topHit reports whether one of the first n results is an accepted article.
func topHit(rs []searchtest.Result, dir string, accept []string, n int) bool {
	for i, r := range rs {
		if i == n {
			break
		}
		url := strings.SplitN(r.URL, "#", 2)[0]
		for _, a := range accept {
			if url == dir+"/"+a+"/" {
				return true
			}
		}
	}
	return false
}

// TestSearchQuestions runs the readers' questions of bench/questions
// through the search engine (in node; TestPlannerAgreesInBrowser checks
// that the runtime in pages answers alike) on the bundled site, Simplified questions on the Simplified
// variant and Traditional ones on the Traditional, and wants an accepted
// article among the first three results for at least 90 % of them.
func TestSearchQuestions(t *testing.T) {
	t.Parallel()
	for _, set := range []struct {
		file string
		want float64
	}{{"questions.toml", 0.9}, {"heldout.toml", 0.85}} {
		t.Run(set.file, func(t *testing.T) { searchQuestions(t, set.file, set.want) })
	}
}

func searchQuestions(t *testing.T, file string, want float64) {
	qs := readQuestions(t, file)
	if len(qs) < 60 {
		t.Fatalf("%d questions, want at least 60", len(qs))
	}
	out := lookSite(t) // the bundled site, built once for the tests that only read it
	s2tw, err := convert.New("s2tw")
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{"zh-hans", "zh-hant"} {
		s := engine(t, out, dir, false)
		hits := 0
		for _, q := range qs {
			for _, a := range q.Accept {
				if _, err := os.Stat(filepath.Join("../../content", a+".md")); err != nil {
					t.Errorf("question %q accepts %s, which is not an article", q.Text, a)
				}
			}
			text := q.Text
			if dir == "zh-hant" {
				text = s2tw.Convert(text)
			}
			rs := s.Search(text, 5)
			if topHit(rs, dir, q.Accept, 3) {
				hits++
				continue
			}
			var got []string
			for _, r := range rs {
				got = append(got, strings.TrimPrefix(strings.SplitN(r.URL, "#", 2)[0], dir+"/"))
			}
			t.Logf("%s: %s → %s", dir, text, strings.Join(got, " "))
		}
		rate := float64(hits) / float64(len(qs))
		t.Logf("%s: %d of %d questions (%.0f %%) have an accepted article in the first three results", dir, hits, len(qs), 100*rate)
		if rate < want {
			t.Errorf("%s: top-3 rate %.2f, want at least %.2f", dir, rate, want)
		}
	}
}

// TestSearchCrisisFirst types the ways readers say they cannot go on, in
// both variants (Taiwan's and Hong Kong's words in the Traditional one):
// the crisis help is the first result every time.
func TestSearchCrisisFirst(t *testing.T) {
	t.Parallel()
	out := lookSite(t) // the bundled site, built once for the tests that only read it
	s2tw, err := convert.New("s2tw")
	if err != nil {
		t.Fatal(err)
	}
	phrasings := []string{"想不开", "我想死", "活不下去了", "不想活了怎么办", "撑不下去了", "想自杀", "轻生", "走投无路了", "死了算了", "一了百了", "想结束生命", "想伤害自己", "心理援助热线", "崩溃了怎么办"}
	hant := []string{"想不開", "不想活了", "台灣安心專線", "香港情緒通", "撐不下去了"}
	for _, dir := range []string{"zh-hans", "zh-hant"} {
		s := engine(t, out, dir, false)
		qs := phrasings
		if dir == "zh-hant" {
			qs = nil
			for _, q := range phrasings {
				qs = append(qs, s2tw.Convert(q))
			}
			qs = append(qs, hant...)
		}
		for _, q := range qs {
			rs := s.Search(q, 3)
			if len(rs) == 0 || strings.SplitN(rs[0].URL, "#", 2)[0] != dir+"/steps/self-care/" {
				var got []string
				for _, r := range rs {
					got = append(got, r.URL)
				}
				t.Errorf("%s: %q → %v; want the crisis help first", dir, q, got)
			}
		}
	}
}

// TestSearchHonest asks questions the knowledge base cannot answer
// (bench/questions/unanswerable.toml), in both variants: at least three in
// four find nothing at all, so that the box says so and offers the
// start-here links, rather than showing pages that share a word or two.
func TestSearchHonest(t *testing.T) {
	t.Parallel()
	qs := readQuestions(t, "unanswerable.toml")
	if len(qs) < 12 {
		t.Fatalf("%d questions, want at least 12", len(qs))
	}
	out := lookSite(t) // the bundled site, built once for the tests that only read it
	s2tw, err := convert.New("s2tw")
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{"zh-hans", "zh-hant"} {
		s := engine(t, out, dir, false)
		honest := 0
		for _, q := range qs {
			text := q.Text
			if dir == "zh-hant" {
				text = s2tw.Convert(text)
			}
			rs := s.Search(text, 5)
			if len(rs) == 0 {
				honest++
				continue
			}
			t.Logf("%s: %s → %s", dir, text, rs[0].URL)
		}
		t.Logf("%s: %d of %d questions the site cannot answer find nothing", dir, honest, len(qs))
		if honest*4 < len(qs)*3 {
			t.Errorf("%s: only %d of %d questions the site cannot answer find nothing", dir, honest, len(qs))
		}
	}
}
