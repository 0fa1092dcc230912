package search

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
)

// partialIndex builds an index with stop words, question words and
// synonyms as the site gives them.
func partialIndex(t *testing.T, docs []Document, synonyms ...[]string) *Searcher {
	t.Helper()
	return index(t, docs, Synonyms(synonyms))
}

func TestPartialMatching(t *testing.T) {
	s := partialIndex(t, []Document{
		doc("crime/", "欠网贷还不上，会坐牢吗", "只是还不上钱，不是犯罪。"),
		doc("police/", "报警", "被威胁可以报警，警察会处理。"),
		doc("family/", "家人要替我还钱吗", "借款合同只约束签合同的人，父母不需要还。"),
		doc("jail/", "拘留", "只有法院能决定拘留。"),
		doc("coworker/", "单位", "催收打到单位，同事被骚扰。"),
		{URL: "kw/", Title: "征信", Keywords: []string{"会不会上征信"}, Sections: []Section{{Text: "逾期可以报送。"}}},
	}, []string{"坐牢", "拘留", "判刑"}, []string{"家人", "父母", "我妈"})
	tests := []struct {
		q, want string // want: the first results, in order
	}{
		{"欠网贷会坐牢吗", "crime/"},          // no verbatim match: the document with most of the question
		{"会坐牢吗", "crime/ jail/"},       // the synonym's document follows the typed word's
		{"我妈要替我还钱吗", "family/"},        // 我妈 stands for 家人 / 父母
		{"催收天天骚扰我的同事怎么办", "coworker/"}, // stop words weigh little
		{"会不会上征信", "kw/"},              // keywords are searched
		{"被威胁 报警", "police/"},          // every term verbatim
		{"通讯簿不存在的词语", ""},              // nothing at all
	}
	for _, tt := range tests {
		rs := s.Search(tt.q, 5)
		got := urls(rs)
		if !strings.HasPrefix(got, tt.want) || (tt.want == "" && got != "") {
			t.Errorf("Search(%q) = %q, want it to start with %q", tt.q, got, tt.want)
		}
	}
	// Verbatim results come first, partial ones after, marked as such.
	rs := s.Search("还不上 钱", 5)
	if len(rs) < 2 || !rs[0].Exact || rs[0].URL != "crime/" {
		t.Fatalf("还不上 钱: %+v", rs)
	}
	for i, r := range rs {
		if r.Exact && i > 0 && !rs[i-1].Exact {
			t.Errorf("an exact result follows a partial one: %+v", rs)
		}
	}
	// A partial result is found by its title: it links to the page, not
	// a section.
	rs = s.Search("欠网贷会坐牢吗", 1)
	if len(rs) != 1 || rs[0].Exact || rs[0].URL != "crime/" || rs[0].Heading != "" {
		t.Errorf("%+v", rs)
	}
}

func TestPartialOnlyWhenAsked(t *testing.T) {
	s := partialIndex(t, []Document{
		doc("a/", "甲", "寻衅滋事罪的条文。"),
		doc("b/", "乙", "寻衅滋事的行为。"),
	})
	// A bare phrase with a verbatim match gets just that.
	if got := urls(s.Search("寻衅滋事罪", 5)); got != "a/" {
		t.Errorf("bare phrase: %q", got)
	}
	// The same words asked as a question get the closest documents too.
	if got := urls(s.Search("寻衅滋事罪是什么", 5)); got != "a/ b/" {
		t.Errorf("question: %q", got)
	}
	// Several terms: documents with all of them first, then the rest.
	if got := urls(s.Search("条文 寻衅", 5)); got != "a/ b/" {
		t.Errorf("terms: %q", got)
	}
}

func TestPartialSnippet(t *testing.T) {
	long := strings.Repeat("前面是无关的很长一段话。", 12) + "催收给家人打电话，家人被骚扰。" + strings.Repeat("后面也是无关的话。", 12)
	s := partialIndex(t, []Document{{URL: "x/", Title: "标题", Sections: []Section{{Text: "开头。"}, {Heading: "家人", Anchor: "家人", Text: long}}}})
	rs := s.Search("催收天天给家人打电话怎么办", 1)
	if len(rs) != 1 || rs[0].Exact || rs[0].URL != "x/#家人" {
		t.Fatalf("%+v", rs)
	}
	r := []rune(rs[0].Snippet)
	var marked []string
	for _, m := range rs[0].Marks {
		marked = append(marked, string(r[m[0]:m[1]]))
	}
	if !strings.Contains(strings.Join(marked, " "), "催收") || !strings.Contains(strings.Join(marked, " "), "打电话") {
		t.Errorf("snippet %q marks %q", rs[0].Snippet, marked)
	}
}

// TestSynonymInOtherScript checks a Traditional query for a synonym that
// no document writes (崩潰, the table's 崩溃): its characters fold like
// the site's own, so it finds the group's other words.
func TestSynonymInOtherScript(t *testing.T) {
	s := partialIndex(t, []Document{
		doc("help/", "撑不下去的时候", "拨打心理援助热线。"),
		doc("other/", "报警", "被威胁可以报警。"),
	}, []string{"撑不下去", "崩溃", "绝望"})
	for _, q := range []string{"崩溃了", "崩潰了", "絕望"} {
		if got := urls(s.Search(q, 5)); !strings.HasPrefix(got, "help/") {
			t.Errorf("Search(%q) = %q, want help/ first", q, got)
		}
	}
}

func TestParseSynonyms(t *testing.T) {
	groups, err := ParseSynonyms("s.toml", []byte("groups = [\n  [\"坐牢\", \"拘留\"],\n  [\"家人\", \"父母\"],\n]\n"))
	if err != nil || len(groups) != 2 {
		t.Fatalf("%v %v", groups, err)
	}
	for _, tt := range []struct{ src, want string }{
		{"groups = [\n  [\"坐牢\"],\n]\n", "s.toml:2: group 1 has 1 word(s)"},
		{"groups = [\n  [\"坐牢\", \"坐牢\"],\n]\n", "s.toml:2: group 1 names \"坐牢\" twice"},
		{"group = []\n", "s.toml:1"},
		{"groups = [\n  [\"甲\", 5],\n]\n", "s.toml:"},
	} {
		_, err := ParseSynonyms("s.toml", []byte(tt.src))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: error %v, want %q", tt.src, err, tt.want)
		}
	}
}

// TestExactRecall draws substrings of documents made of a small alphabet of
// characters (so that queries have many partial matches) and checks that
// every document holding a query verbatim is found, before any partial one.
func TestExactRecall(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	alphabet := []rune("的是了我催收通讯录平台借款利息报警删除家人同事征信法院")
	var docs []Document
	var texts []string
	for i := 0; i < 300; i++ {
		r := make([]rune, 40+rng.Intn(200))
		for k := range r {
			r[k] = alphabet[rng.Intn(len(alphabet))]
		}
		texts = append(texts, string(r))
		docs = append(docs, Document{URL: fmt.Sprintf("d%d/", i), Title: fmt.Sprintf("第%d篇", i), Sections: []Section{{Text: string(r)}}})
	}
	s := partialIndex(t, docs, []string{"家人", "同事"})
	for n := 0; n < 200; n++ {
		src := []rune(texts[rng.Intn(len(texts))])
		l := 1 + rng.Intn(6)
		at := rng.Intn(len(src) - l)
		q := string(src[at : at+l])
		if rng.Intn(3) == 0 {
			q += "吗" // a question: partial matches follow
		}
		rs := s.Search(q, 1<<20)
		found := map[string]bool{}
		partial := false
		for _, r := range rs {
			if !r.Exact {
				partial = true
				continue
			}
			if partial {
				t.Fatalf("%s: an exact result after a partial one", q)
			}
			found[r.URL] = true
		}
		for i, text := range texts {
			if strings.Contains(text, q) != found[fmt.Sprintf("d%d/", i)] {
				t.Errorf("%s: document %d holds it %v, found %v", q, i, strings.Contains(text, q), found[fmt.Sprintf("d%d/", i)])
			}
		}
	}
}
