package site

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/chromedp/chromedp"

	"github.com/zhkb/zhkb/internal/convert"
	"github.com/zhkb/zhkb/internal/search"
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
func topHit(rs []search.Result, dir string, accept []string, n int) bool {
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
// through the Go searcher (which the runtime mirrors; the browser tests
// check that) on the bundled site, Simplified questions on the Simplified
// variant and Traditional ones on the Traditional, and wants an accepted
// article among the first three results for at least 90 % of them.
func TestSearchQuestions(t *testing.T) {
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
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Root: "../..", Out: out}); err != nil {
		t.Fatal(err)
	}
	s2tw, err := convert.New("s2tw")
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{"zh-hans", "zh-hant"} {
		files, err := search.ReadFiles(filepath.Join(out, dir, "search"))
		if err != nil {
			t.Fatal(err)
		}
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
			s, err := search.NewSearcher(files)
			if err != nil {
				t.Fatal(err)
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

// TestSearchQuestionsInBrowser runs every reader question through the
// search runtime in Chromium, from file://, in both variants of the bundled
// site, and checks that it returns what the Go searcher returns, result by
// result (ranking, partial matches, snippets and marks included).
func TestSearchQuestionsInBrowser(t *testing.T) {
	qs := append(readQuestions(t, "questions.toml"), readQuestions(t, "heldout.toml")...)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Root: "../..", Out: out}); err != nil {
		t.Fatal(err)
	}
	ctx := browserContext(t)
	s2tw, err := convert.New("s2tw")
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{"zh-hans", "zh-hant"} {
		if err := chromedp.Do(ctx, chromedp.Navigate("file://"+filepath.ToSlash(out)+"/"+dir+"/index.html")); err != nil {
			t.Fatal(err)
		}
		files := indexFiles(t, out, dir)
		var texts []string
		for _, q := range qs {
			text := q.Text
			if dir == "zh-hant" {
				text = s2tw.Convert(text)
			}
			texts = append(texts, text)
		}
		qJSON, _ := json.Marshal(texts)
		raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(async () => {
			const out = [];
			for (const q of `+string(qJSON)+`) out.push((await zhkbSearch.query(q, 5)).results);
			return JSON.stringify(out);
		})()`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		var got [][]jsResult
		if err := json.Unmarshal([]byte(raw), &got); err != nil {
			t.Fatal(err)
		}
		for i, text := range texts {
			s, err := search.NewSearcher(files)
			if err != nil {
				t.Fatal(err)
			}
			want := s.Search(text, 5)
			if len(got[i]) != len(want) {
				t.Errorf("%s %s: runtime found %d, Go searcher %d", dir, text, len(got[i]), len(want))
				continue
			}
			for k, g := range got[i] {
				w := want[k]
				if g.Doc != w.Doc || g.URL != w.URL || g.Heading != w.Heading || g.Snippet != w.Snippet || fmt.Sprint(g.Marks) != fmt.Sprint(w.Marks) || g.Exact != w.Exact {
					t.Errorf("%s %s: result %d differs:\nruntime %+v\nGo      %+v", dir, text, k, g, w)
				}
			}
		}
	}
}

// TestSearchCrisisFirst types the ways readers say they cannot go on, in
// both variants (Taiwan's and Hong Kong's words in the Traditional one):
// the crisis help is the first result every time.
func TestSearchCrisisFirst(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Root: "../..", Out: out}); err != nil {
		t.Fatal(err)
	}
	s2tw, err := convert.New("s2tw")
	if err != nil {
		t.Fatal(err)
	}
	phrasings := []string{"想不开", "我想死", "活不下去了", "不想活了怎么办", "撑不下去了", "想自杀", "轻生", "走投无路了", "死了算了", "一了百了", "想结束生命", "想伤害自己", "心理援助热线", "崩溃了怎么办"}
	hant := []string{"想不開", "不想活了", "台灣安心專線", "香港情緒通", "撐不下去了"}
	for _, dir := range []string{"zh-hans", "zh-hant"} {
		files, err := search.ReadFiles(filepath.Join(out, dir, "search"))
		if err != nil {
			t.Fatal(err)
		}
		qs := phrasings
		if dir == "zh-hant" {
			qs = nil
			for _, q := range phrasings {
				qs = append(qs, s2tw.Convert(q))
			}
			qs = append(qs, hant...)
		}
		for _, q := range qs {
			s, err := search.NewSearcher(files)
			if err != nil {
				t.Fatal(err)
			}
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
