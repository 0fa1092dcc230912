package search_test

// The engine's tests: indexes written here, queries answered by the engine
// pages run (engine.js) in node, through searchtest.

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/zhkb/zhkb/internal/convert"
	. "github.com/zhkb/zhkb/internal/search"
	"github.com/zhkb/zhkb/internal/search/searchtest"
	"github.com/zhkb/zhkb/internal/sitetest"
)

func folder(t testing.TB) *Folder {
	t2s, err := convert.New("t2s")
	if err != nil {
		t.Fatal(err)
	}
	tw2s, err := convert.New("tw2s")
	if err != nil {
		t.Fatal(err)
	}
	hk2s, err := convert.New("hk2s")
	if err != nil {
		t.Fatal(err)
	}
	f := NewFolder(t2s.Convert, tw2s.Convert, hk2s.Convert)
	f.Join(convert.TaiwanVariants())
	pairs, err := convert.ScriptPairs("s2t", "s2tw", "s2hk", "t2s", "tw2s", "hk2s")
	if err != nil {
		t.Fatal(err)
	}
	f.JoinPairs(pairs)
	return f // as site.SearchFolder builds it
}

// engines answers every query three ways: the same documents indexed for
// ranges, read by byte range (from a web server) and read whole (from
// file://), which must agree result for result; and indexed whole (the
// engine finds tokens in the text), which must find the same documents,
// verbatim or in part, though it may rank and show them differently where
// the ranged index keeps less (a character in most documents is kept by
// document only, a pair in very many by its best documents).
type engines struct {
	t                           *testing.T
	whole, byRange, rangedWhole *searchtest.Searcher
}

// index builds indexes of docs and returns engines on them.
func index(t *testing.T, docs []Document, opts ...Option) *engines {
	t.Helper()
	whole, err := Build(docs, folder(t), opts...)
	if err != nil {
		t.Fatal(err)
	}
	ranged, err := Build(docs, folder(t), append(opts, WholeLimit(0))...)
	if err != nil {
		t.Fatal(err)
	}
	return &engines{t, searchtest.Open(t, whole.Files, false), searchtest.Open(t, ranged.Files, true), searchtest.Open(t, ranged.Files, false)}
}

// Search returns the results of q read by ranges, having checked the
// other two ways.
func (e *engines) Search(q string, limit int) []searchtest.Result {
	e.t.Helper()
	want := e.byRange.Search(q, limit)
	if got := e.rangedWhole.Search(q, limit); !sameResults(got, want) {
		e.t.Errorf("%s: read whole gives %s", q, firstDifference(got, want))
	}
	if got := e.whole.Search(q, limit); !sameDocuments(got, want) {
		e.t.Errorf("%s: the whole index finds other documents: %s", q, firstDifference(got, want))
	}
	return want
}

// sameDocuments reports whether a and b hold the same documents, found
// verbatim or in part alike.
func sameDocuments(a, b []searchtest.Result) bool {
	found := map[int]bool{}
	for _, r := range a {
		found[r.Doc] = r.Exact
	}
	for _, r := range b {
		if exact, ok := found[r.Doc]; !ok || exact != r.Exact {
			return false
		}
	}
	return len(a) == len(b)
}

// firstDifference describes where results a and b (by ranges) part.
func firstDifference(a, b []searchtest.Result) string {
	for i := range min(len(a), len(b)) {
		if !sameResults(a[i:i+1], b[i:i+1]) {
			return fmt.Sprintf("%d results, by ranges %d; result %d:\n%+v\nby ranges\n%+v", len(a), len(b), i, a[i], b[i])
		}
	}
	return fmt.Sprintf("%d results, by ranges %d", len(a), len(b))
}

// sameResults compares results but for scores' last bits.
func sameResults(a, b []searchtest.Result) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if x.URL != y.URL || x.Snippet != y.Snippet || x.Exact != y.Exact || x.Heading != y.Heading || !reflect.DeepEqual(x.Marks, y.Marks) || math.Abs(x.Score-y.Score) > 1e-9 {
			return false
		}
	}
	return true
}

func doc(url, title, body string, tags ...string) Document {
	return Document{URL: url, Title: title, Tags: tags, Sections: []Section{{Text: body}}}
}

func urls(rs []searchtest.Result) string {
	var out []string
	for _, r := range rs {
		out = append(out, r.URL)
	}
	return strings.Join(out, " ")
}

// exact keeps the results that hold the query verbatim.
func exact(rs []searchtest.Result) []searchtest.Result {
	var out []searchtest.Result
	for _, r := range rs {
		if r.Exact {
			out = append(out, r)
		}
	}
	return out
}

// partialIndex builds an index with stop words, question words and
// synonyms as the site gives them.
func partialIndex(t *testing.T, docs []Document, synonyms ...[]string) *engines {
	t.Helper()
	return index(t, docs, Synonyms(synonyms))
}

// TestAccountVariants checks that 帳 賬 帐 账 are one search key: 轉帳,
// 帳戶 and 帳號 are found from either script in either variant's text.
func TestAccountVariants(t *testing.T) {
	for _, text := range []string{"转账到银行账户，注册账号。", "轉帳到銀行帳戶，註冊帳號。", "轉賬到銀行賬戶，註冊賬號。", "转帐到银行帐户，注册帐号。"} {
		s := index(t, []Document{doc("a/", "标题", text)})
		for _, q := range []string{"转账", "轉帳", "轉賬", "转帐", "账户", "帳戶", "賬戶", "帐户", "账号", "帳號"} {
			if rs := exact(s.Search(q, 5)); len(rs) != 1 {
				t.Errorf("%s in %s: %d results", q, text, len(rs))
			}
		}
	}
}

func TestSearchRanking(t *testing.T) {
	docs := []Document{
		doc("body/", "其他文章", "这里提到通讯录一次。"),
		{URL: "heading/", Title: "另一篇", Sections: []Section{{Text: "前言"}, {Heading: "关于通讯录", Anchor: "关于通讯录", Text: "正文"}}},
		doc("title/", "通讯录被泄露", "正文没有提到。"),
		doc("tags/", "第四篇", "无关内容。", "通讯录"),
		doc("body2/", "第五篇", "同样提到通讯录一次。"),
		doc("many/", "第六篇", "通讯录，通讯录，通讯录，通讯录。"),
	}
	s := index(t, docs)
	tests := []struct{ q, want string }{
		// title > heading > tags > body; more occurrences rank higher; ties keep build order.
		{"通讯录", "title/ heading/#关于通讯录 tags/ many/ body/ body2/"},
		{"通訊錄", "title/ heading/#关于通讯录 tags/ many/ body/ body2/"},
		{"讯", "title/ heading/#关于通讯录 tags/ many/ body/ body2/"},
		{"录被泄", "title/"},
		{"被泄露 通讯", "title/"},
		{"录一次", "body/ body2/"},
		{"讯录通", ""}, // its bigrams occur, the phrase does not
		{"一次 前言", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := urls(exact(s.Search(tt.q, 10))); got != tt.want {
			t.Errorf("Search(%q) = %q, want %q", tt.q, got, tt.want)
		}
	}
}

func TestSearchWords(t *testing.T) {
	s := index(t, []Document{
		doc("a/", "PIPL 简介", "个人信息保护法（PIPL）第十三条"),
		doc("b/", "热线", "拨打12378投诉，或者 12321 举报。Pixel 手机。"),
		doc("c/", "App 权限", "App权限设置"),
	})
	tests := []struct{ q, want string }{
		{"pipl", "a/"},
		{"PI", "a/ b/"}, // prefix: pipl, pixel
		{"piP", "a/"},   // prefix
		{"p", ""},       // one letter matches only the word "p"
		{"12378", "b/"},
		{"1237", "b/"},
		{"拨打12378", "b/"}, // Han character next to a word
		{"打12", "b/"},
		{"打1", ""}, // a last word of one character is not a prefix either
		{"app权限", "c/"},
		{"app 权限", "c/"},
		{"pp权限", ""},
	}
	for _, tt := range tests {
		if got := urls(exact(s.Search(tt.q, 10))); got != tt.want {
			t.Errorf("Search(%q) = %q, want %q", tt.q, got, tt.want)
		}
	}
}

func TestSnippet(t *testing.T) {
	long := strings.Repeat("前文很长的一段话。", 10) + "这里是关键的通讯录所在位置，" + strings.Repeat("后面还有很多字。", 10)
	s := index(t, []Document{doc("x/", "标题", long)})
	rs := s.Search("通讯录", 1)
	if len(rs) != 1 {
		t.Fatal(rs)
	}
	r := rs[0]
	runes := []rune(r.Snippet)
	if !strings.HasPrefix(r.Snippet, "…") || !strings.HasSuffix(r.Snippet, "…") || len(runes) != 80+2 /* the engine's SNIPPET, and an ellipsis either side */ {
		t.Errorf("snippet %q", r.Snippet)
	}
	if len(r.Marks) != 1 || string(runes[r.Marks[0][0]:r.Marks[0][1]]) != "通讯录" {
		t.Errorf("marks %v in %q", r.Marks, r.Snippet)
	}
}

// TestBitmapPostings: a character in very many documents is kept as the
// set of its documents, a bitmap ("~"), or, in almost all, as the
// documents it is missing from ("^").
func TestBitmapPostings(t *testing.T) {
	var docs []Document
	for i := 0; i < 100; i++ {
		body := "的确如此"
		if i%2 == 0 {
			body += "，半"
		}
		if i == 17 {
			body = "如此"
		}
		docs = append(docs, doc(fmt.Sprintf("d%d/", i), fmt.Sprintf("第%d篇", i), body))
	}
	ix, err := Build(docs, folder(t), WholeLimit(0))
	if err != nil {
		t.Fatal(err)
	}
	var sets string
	for name, f := range ix.Files {
		for _, set := range []string{`半 ~`, `的 ^H`} { // 的 in all but document 17
			if strings.HasPrefix(name, "p/") && strings.Contains(string(f), set) {
				sets += set
			}
		}
	}
	if !strings.Contains(sets, `半 ~`) || !strings.Contains(sets, `的 ^H`) {
		t.Errorf("a character in half the documents and one in all but one are kept as %q", sets)
	}
	s := index(t, docs)
	for q, want := range map[string]int{"的": 99, "半": 50, "的确": 99, "的确如此": 99, "确如": 99, "此的": 0, "如此 第1篇": 1, "第1": 1, "第12篇": 1, "的 确": 99, "如此": 100, "的 半": 50} {
		if n := len(exact(s.Search(q, 200))); n != want {
			t.Errorf("%s: found %d, want %d", q, n, want)
		}
	}
}

// TestLongLists: a pair in very many documents keeps no list, only its
// best documents and the set of all; queries with such pairs find every
// document that holds them verbatim (checked in the text), the same from a
// whole index, by ranges and from whole files, and a query reads a bounded
// number of documents.
func TestLongLists(t *testing.T) {
	var docs []Document
	for i, body := range sitetest.LongListBodies() {
		docs = append(docs, doc(fmt.Sprintf("d%d/", i), fmt.Sprintf("标题%d", i), body))
	}
	ix, err := Build(docs, folder(t), WholeLimit(0))
	if err != nil {
		t.Fatal(err)
	}
	long := false
	for name, f := range ix.Files {
		long = long || (strings.HasPrefix(name, "p/") && strings.Contains(string(f), `者以 @`))
	}
	if !long {
		t.Fatal("the common pair 者以 keeps its whole list")
	}
	s := index(t, docs)
	for _, tt := range []struct {
		q    string
		want int // results in all
		docs int // documents read for a page of 10, at most
	}{
		{"者以", 1200, 10},   // its best documents are kept with its reference: just those shown
		{"常见者以", 1200, 18}, // every pair is common: the candidates' text is checked
		{"甲乙者以", 6, 6},     // 甲乙 pins the phrase to 6 documents; 者以 is checked in the text
		{"乙者以连", 6, 6},
		{"丙丁者以", 24, 18},
		{"丙丁者以中等", 6, 6},
		{"以者", 0, 0},
		{"甲乙 者以", 6, 6}, // two terms: 者以 alone is found by document, then located
	} {
		s.Search(tt.q, 10)
		read := 0
		for _, f := range s.byRange.Reads {
			if strings.HasPrefix(f, "t/") {
				read++
			}
		}
		if read > tt.docs {
			t.Errorf("%s: read %d documents for the first page, want at most %d (%v)", tt.q, read, tt.docs, s.byRange.Reads)
		}
		if got := len(s.Search(tt.q, 5000)); got != tt.want {
			t.Errorf("%s: %d results, want %d", tt.q, got, tt.want)
		}
	}
}

// TestLongSegments: a pair in almost every document, many times in most
// (its segments long enough to be padded to a quantum), and in phrases in
// some: the pair's set of documents is written as the few it
// is missing from, its segments' lengths in quanta, and phrases are found
// by segment exactly where the text holds them.
func TestLongSegments(t *testing.T) {
	var docs []Document
	var texts []string
	for i := 0; i < 400; i++ {
		body := fmt.Sprintf("第%d篇。", i) + strings.Repeat("者以，", 5+i%40)
		if i%7 == 3 {
			body += "甲者以乙。"
		}
		if i%11 == 4 {
			body = fmt.Sprintf("第%d篇，没有那一对。", i) // missing from a few
		}
		if i%13 == 6 {
			body = "者以乙在前。" + body
		}
		title := fmt.Sprintf("标题%d", i)
		if i%5 == 1 && !strings.Contains(body, "者以乙") {
			title += "：者以，以乙" // both pairs, not as the phrase, in the title: the best candidates fail
		}
		texts = append(texts, title+"\n"+body)
		docs = append(docs, doc(fmt.Sprintf("d%d/", i), title, body))
	}
	ix, err := Build(docs, folder(t), WholeLimit(0))
	if err != nil {
		t.Fatal(err)
	}
	ref := regexp.MustCompile(`者以 @\d+:[^:]*:(\^[^:]*):\d+:\d+:(\d+):(\d+):`)
	found := false
	for name, f := range ix.Files {
		if m := ref.FindSubmatch(f); strings.HasPrefix(name, "p/") && m != nil {
			found = true
			if q, _ := strconv.Atoi(string(m[3])); q < 2 || len(m[1]) > 80 {
				t.Errorf("者以's reference: set %q, span %s, quantum %s: want the documents it is missing from, a quantum over 1", m[1], m[2], m[3])
			}
		}
	}
	if !found {
		t.Fatal("者以 keeps its whole list, or another reference than @df:top:set:F:start:span:q:lens")
	}
	s := index(t, docs)
	// A page's worth: where its candidates fail, the next are looked at;
	// read by ranges (by segment) and read whole (checked in the text),
	// the same page.
	for _, limit := range []int{3, 5, 10} {
		got := s.byRange.Search("者以乙", limit)
		if whole := s.rangedWhole.Search("者以乙", limit); !sameResults(got, whole) {
			t.Errorf("者以乙, %d a page: read whole gives %s", limit, firstDifference(whole, got))
		}
		if len(got) != limit {
			t.Errorf("者以乙, %d a page: %d results", limit, len(got))
		}
		for _, r := range got {
			if n, _ := strconv.Atoi(strings.Trim(r.URL, "d/")); !strings.Contains(texts[n], "者以乙") {
				t.Errorf("者以乙, %d a page: %s does not hold it", limit, r.URL)
			}
		}
	}
	for _, q := range []string{"甲者以乙", "者以乙", "甲者以", "者以乙在前", "以者"} {
		got := map[string]bool{}
		for _, r := range exact(s.Search(q, 5000)) {
			got[r.URL] = true
		}
		for i, text := range texts {
			if url := fmt.Sprintf("d%d/", i); strings.Contains(text, q) != got[url] {
				t.Errorf("%s: document %d holds it %v, found %v", q, i, strings.Contains(text, q), got[url])
			}
		}
	}
}

// TestPairTop: a query of one common pair shows its first results from the
// best documents kept in its bucket, without reading any text to choose
// them, and they are the same as ranking all of its documents gives.
func TestPairTop(t *testing.T) {
	var docs []Document
	for i := 0; i < 1200; i++ {
		title, body := fmt.Sprintf("标题%d", i), fmt.Sprintf("第%d篇：常见者以词出现于此。", i)
		if i%97 == 5 {
			title += "者以"
		}
		if i%31 == 2 {
			body += "者以者以者以。"
		}
		docs = append(docs, doc(fmt.Sprintf("d%d/", i), title, body))
	}
	s := index(t, docs)
	all := s.whole.Search("者以", 5000)
	for _, limit := range []int{5, 10, 20} {
		got := s.Search("者以", limit)
		if urls(got) != urls(all[:limit]) {
			t.Errorf("limit %d:\n got %s\nwant %s", limit, urls(got), urls(all[:limit]))
		}
		for i := range got {
			if math.Abs(got[i].Score-all[i].Score) > 1e-9 || got[i].Snippet != all[i].Snippet {
				t.Errorf("limit %d, result %d: %+v, want %+v", limit, i, got[i], all[i])
			}
		}
		docsRead := 0
		for _, f := range s.byRange.Reads {
			if strings.HasPrefix(f, "t/") {
				docsRead++
			}
		}
		if docsRead > limit {
			t.Errorf("limit %d: read %d documents", limit, docsRead)
		}
	}
	if !strings.Contains(all[0].Title, "者以") {
		t.Errorf("a title match does not come first: %s", urls(all[:3]))
	}
}

// TestFileBudget checks that an index keeps to its file budget however many
// documents it holds, and that a larger budget makes smaller files.
func TestFileBudget(t *testing.T) {
	var docs []Document
	for i := 0; i < 3000; i++ {
		var b strings.Builder
		for k := 0; k < 40; k++ {
			b.WriteRune(rune(0x4E00 + (i*7919+k*104729)%3000))
		}
		docs = append(docs, doc(fmt.Sprintf("d%d/", i), fmt.Sprintf("标题%d", i), b.String()))
	}
	largest := map[int]int{}
	for _, budget := range []int{100, 400, 1600} {
		ix, err := Build(docs, folder(t), MaxFiles(budget))
		if err != nil {
			t.Fatal(err)
		}
		if len(ix.Files) > budget {
			t.Errorf("budget %d: %d files", budget, len(ix.Files))
		}
		total := 0
		for name, f := range ix.Files {
			total += len(f)
			if !strings.HasPrefix(name, "P/") && name != "meta.js" && name != "d.js" {
				largest[budget] = max(largest[budget], len(f))
			}
		}
		s := searchtest.Open(t, ix.Files, true)
		if got := len(s.Search(docs[1234].Title, 10)); got != 1 {
			t.Errorf("budget %d: %s found %d times", budget, docs[1234].Title, got)
		}
		t.Logf("budget %d: %d files, %d bytes, largest posting or document file %d bytes", budget, len(ix.Files), total, largest[budget])
	}
	// A larger budget makes smaller files, down to their target sizes.
	if !(largest[100] > largest[400] && largest[400] >= largest[1600]) {
		t.Errorf("largest files by budget %v: a larger budget should make smaller files", largest)
	}
}

// TestMiddlePairs checks that the pairs inside a long run of characters
// decide the match: documents holding the pairs at both ends the right
// distance apart, but another middle, are not found.
func TestMiddlePairs(t *testing.T) {
	for _, decoys := range []int{3, 12} {
		docs := []Document{doc("real/", "标题", "通讯录被泄露了。")}
		for i := 0; i < decoys; i++ {
			// The pairs at both ends, the right distance apart, a different middle.
			docs = append(docs, doc(fmt.Sprintf("decoy%d/", i), "标题", "通讯某某泄露了。"))
		}
		s := index(t, docs)
		for q, want := range map[string]string{"通讯录被泄露": "real/", "通讯某某泄露": "decoy0/", "讯录被泄露了": "real/", "通讯录被泄": "real/"} {
			if got := urls(exact(s.Search(q, 1))); got != want {
				t.Errorf("%d decoys: Search(%q) = %q, want %q", decoys, q, got, want)
			}
		}
	}
}

// TestBuildVariants checks that indexing variants together gives each the
// index it gets alone: with shared posting lists when the variants fold
// alike (s2tw text), with its own when they do not (a glossary's word).
func TestBuildVariants(t *testing.T) {
	s2tw, err := convert.New("s2tw")
	if err != nil {
		t.Fatal(err)
	}
	var hans []Document
	for i, body := range sitetest.LongListBodies()[:120] {
		hans = append(hans, Document{URL: fmt.Sprintf("zh-hans/%d/", i), Title: fmt.Sprintf("第%d篇 答复与查询", i),
			Sections: []Section{{Text: body}, {Heading: "反复催收", Anchor: "反复催收", Text: body[len(body)/2:]}}})
	}
	convert := func(docs []Document, also func(string) string) []Document {
		out := make([]Document, len(docs))
		for i, d := range docs {
			d.URL = strings.Replace(d.URL, "zh-hans", "zh-hant", 1)
			d.Title = also(s2tw.Convert(d.Title))
			var secs []Section
			for _, s := range d.Sections {
				secs = append(secs, Section{Heading: s2tw.Convert(s.Heading), Anchor: s.Anchor, Text: also(s2tw.Convert(s.Text))})
			}
			d.Sections = secs
			out[i] = d
		}
		return out
	}
	fold := folder(t)
	alike := convert(hans, func(s string) string { return s })
	glossary := convert(hans, func(s string) string { return strings.ReplaceAll(s, "常見", "常常見到") })
	for _, tc := range []struct {
		name string
		hant []Document
	}{{"alike", alike}, {"glossary", glossary}} {
		t.Run(tc.name, func(t *testing.T) {
			together, err := BuildVariants([][]Document{hans, tc.hant}, fold, MaxFiles(200), WholeLimit(0))
			if err != nil {
				t.Fatal(err)
			}
			for v, docs := range [][]Document{hans, tc.hant} {
				alone, err := Build(docs, fold, MaxFiles(200), WholeLimit(0))
				if err != nil {
					t.Fatal(err)
				}
				a := searchtest.Open(t, alone.Files, true)
				b := searchtest.Open(t, together[v].Files, true)
				for _, q := range []string{"答复", "答覆", "反复催收", "常见者以", "常見", "甲乙", "丙丁者以", "中等", "第7篇"} {
					want, got := a.Search(q, 20), b.Search(q, 20)
					if len(want) == 0 && q != "常見" {
						t.Errorf("variant %d: %s finds nothing", v, q)
					}
					if q == "丙丁者以" && urls(got) != fmt.Sprintf("zh-%[1]s/3/ zh-%[1]s/53/ zh-%[1]s/103/", []string{"hans", "hant"}[v]) {
						t.Errorf("variant %d: %s finds %s", v, q, urls(got))
					}
					if fmt.Sprint(want) != fmt.Sprint(got) {
						t.Errorf("variant %d, %s: built together\n%v\nalone\n%v", v, q, got, want)
					}
				}
			}
			shared := string(together[0].Files["p/0.js"]) == string(together[1].Files["p/0.js"])
			if shared != (tc.name == "alike") {
				t.Errorf("posting shards shared: %v", shared)
			}
		})
	}
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

var update = flag.Bool("update", false, "rewrite testdata/engine.golden.json with the engine's answers")

// goldenDocs is a small site for the golden queries: headings, keywords,
// Latin words, both scripts, a long section.
func goldenDocs() []Document {
	return []Document{
		{URL: "laws/pipl/", Title: "个人信息保护法", Description: "处理个人信息的规则，以及个人的权利。", Keywords: []string{"要求删除通讯录"},
			Sections: []Section{{Text: "《个人信息保护法》（PIPL）规定，个人有权撤回同意。"}, {Heading: "第四十七条：删除权", Anchor: "第四十七条删除权", Text: "个人信息处理者应当主动删除个人信息；未删除的，个人有权请求删除。"}}},
		{URL: "faq/crime/", Title: "欠网贷还不上，会坐牢吗", Description: "只是还不上钱，不是犯罪。", Tags: []string{"催收"},
			Sections: []Section{{Text: "催收说要抓人、拘留，是吓唬。" + strings.Repeat("还款有困难时，尽早和贷款机构协商。", 20)}}},
		{URL: "steps/police/", Title: "报警", Sections: []Section{{Text: "被威胁人身安全，拨打 110 报警；保存短信、通话记录。"}, {Heading: "報案回執", Anchor: "報案回執", Text: "可以要求受案回執。"}}},
		{URL: "steps/hotline/", Title: "投诉渠道", Description: "12378、12321 各自管什么。", Sections: []Section{{Text: "银行的问题拨打 12378；骚扰短信向 12321 举报。"}}},
	}
}

// TestEngineGolden asks the engine a fixed set of queries on goldenDocs
// (read whole, as the bundled site is) and compares its answers with
// testdata/engine.golden.json; go test -run Golden -update rewrites it
// after a change meant to change them.
func TestEngineGolden(t *testing.T) {
	ix, err := Build(goldenDocs(), folder(t), Synonyms([][]string{{"坐牢", "拘留", "判刑"}, {"家人", "父母", "我妈"}}))
	if err != nil {
		t.Fatal(err)
	}
	s := searchtest.Open(t, ix.Files, false)
	queries := []string{"个人信息", "個人資訊", "删除", "第四十七条 删除", "pipl", "PI", "12378", "1237", "拨打110", "欠网贷会坐牢吗",
		"我妈被催收打电话怎么办", "报案回执", "要求删除通讯录", "协商", "量子计算机芯片", "<img src=x onerror=alert(1)>", "", "   ", "的"}
	got := map[string]searchtest.Answer{}
	for _, q := range queries {
		a, err := s.Ask(q, 5)
		if err != nil {
			t.Fatal(err)
		}
		for i := range a.Results {
			a.Results[i].Score = math.Round(a.Results[i].Score*1e9) / 1e9 // the last bits may differ by node version
		}
		got[q] = a
	}
	data, _ := json.MarshalIndent(got, "", "  ")
	data = append(data, '\n')
	sitetest.Golden(t, "testdata/engine.golden.json", data, *update, "go test ./internal/search -run Golden -update")
}

// FuzzEngineQuery sends any query to the engine on goldenDocs, indexed
// whole and for ranges: it answers without an error, the two agree on the
// documents found, and every verbatim result holds the query's terms.
func FuzzEngineQuery(f *testing.F) {
	for _, q := range []string{"个人信息", "pipl", "拨打110", "欠网贷会坐牢吗", "<img src=x>", "\u2028", "𠀀𠀁", "a b c", "第四十七条 删除"} {
		f.Add(q)
	}
	var once sync.Once
	var e *engines
	var stored *Stored
	f.Fuzz(func(t *testing.T, q string) {
		once.Do(func() {
			e = index(&testing.T{}, goldenDocs())
			ix, _ := Build(goldenDocs(), folder(t))
			dir := t.TempDir()
			for name, data := range ix.Files {
				os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755)
				os.WriteFile(filepath.Join(dir, name), data, 0o644)
			}
			stored, _ = ReadStored(dir)
		})
		e.t = t
		rs := e.Search(q, 20)
		terms := strings.FieldsFunc(stored.Fold(q), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
		for _, r := range rs {
			if !r.Exact {
				continue
			}
			text := stored.Fold(stored.Docs[r.Doc].Text())
			for _, term := range terms {
				if !strings.Contains(text, term) {
					t.Errorf("%q: verbatim result %s lacks %q", q, r.URL, term)
				}
			}
		}
	})
}

// sectioned returns 60 long documents (over 8 KB, whose blocks are read
// apart from their records) of 12 sections under headings each, section k
// of document i ending in phrase(i, k).
func sectioned(phrase func(i, k int) string) []Document {
	var docs []Document
	filler := strings.Repeat("这一段文字用来把文章拉长，读者在手机上阅读时不会注意到它。", 12)
	for i := 0; i < 60; i++ {
		d := Document{URL: fmt.Sprintf("d%d/", i), Title: fmt.Sprintf("第%d篇", i)}
		for k := 0; k < 12; k++ {
			d.Sections = append(d.Sections, Section{Heading: fmt.Sprintf("第%d节", k+1), Anchor: fmt.Sprintf("s%d", k+1), Text: filler + phrase(i, k)})
		}
		docs = append(docs, d)
	}
	return docs
}

// TestEarlyResults: read by ranges, the engine gives the verbatim results
// that are certain before their snippets load, as a prefix of its answer
// (same documents, places and titles, in order; snippets empty), and it
// gives them before the reads of the snippets' text; those its posting
// lists prove, before their records are read ("unplaced": the page's URL,
// no heading yet).
func TestEarlyResults(t *testing.T) {
	docs := sectioned(func(i, k int) string {
		switch {
		case k == i%12 && i%3 == 0:
			return "甲乙丙丁出现在这里。"
		case k == (i+5)%12 && i%4 == 1:
			return "常见的说法也在这里。"
		}
		return ""
	})
	s := index(t, docs)
	s.byRange.KeepEarly = true
	earlier, beforeRecords := 0, 0
	for _, q := range []string{"甲乙", "丙丁", "常见", "甲乙丙丁", "常见的说法", "甲乙 丙丁", "说法", "不存在的词"} {
		final := s.byRange.Search(q, 5)
		for _, e := range s.byRange.Early {
			if len(e.Res.Results) == 0 || len(e.Res.Results) > len(final) {
				t.Errorf("%s: early list of %d results, answer of %d", q, len(e.Res.Results), len(final))
				continue
			}
			unplaced := false
			for i, r := range e.Res.Results {
				f := final[i]
				page, _, _ := strings.Cut(f.URL, "#")
				placed := r.URL == f.URL && r.Heading == f.Heading
				if r.Unplaced {
					unplaced = true
					placed = r.URL == page && r.Heading == ""
				}
				if r.Doc != f.Doc || r.Title != f.Title || !placed || !r.Exact || r.Snippet != "" || f.Unplaced {
					t.Errorf("%s: early result %d is %+v, the answer's %+v", q, i, r, f)
				}
			}
			if e.Reads < len(s.byRange.Reads) {
				earlier++
			}
			// Shown before any document's record was read: from the
			// posting lists and d.js alone.
			if unplaced && !slices.ContainsFunc(s.byRange.Reads[:e.Reads], func(f string) bool { return strings.HasPrefix(f, "t/") }) {
				beforeRecords++
			}
		}
	}
	t.Logf("%d early lists came before the snippets' reads, %d before any record's", earlier, beforeRecords)
	if earlier < 4 || beforeRecords < 3 {
		t.Errorf("only %d early lists came before the snippets' reads, %d before any record's", earlier, beforeRecords)
	}
}

// TestTypedOn: a reader types on while a query is loading; the query gives
// way (the box aborts its signal), and the loads no later query asked for
// are stopped. The answer is the same as a fresh engine's, whatever was
// stopped: nothing stopped is remembered as missing.
func TestTypedOn(t *testing.T) {
	docs := sectioned(func(i, k int) string {
		if k == i%12 {
			return []string{"甲乙丙丁出现在这里。", "常见的说法也在这里。", "甲乙和常见都在。"}[i%3]
		}
		return ""
	})
	ix, err := Build(docs, folder(t), WholeLimit(0))
	if err != nil {
		t.Fatal(err)
	}
	fresh := searchtest.Open(t, ix.Files, true)
	typed := searchtest.Open(t, ix.Files, true)
	stopped := 0
	for _, c := range []struct {
		before []string
		q      string
	}{
		{[]string{"甲乙"}, "常见的说法"},       // another word: the first one's loads are not wanted
		{[]string{"常见"}, "常见的说法"},       // typed on: wanted
		{[]string{"甲乙", "甲乙丙"}, "甲乙丙丁"}, // and on
		{[]string{"说法", "阅读"}, "甲乙"},
		{[]string{"甲乙丙丁"}, "甲乙丙丁"},
	} {
		want := fresh.Search(c.q, 5)
		got, n, err := typed.AskTypedOn(c.before, c.q, 5)
		if err != nil {
			t.Fatal(err)
		}
		stopped += n
		if !reflect.DeepEqual(got.Results, want) {
			t.Errorf("%q typed after %q: %+v, a fresh engine answers %+v", c.q, c.before, got.Results, want)
		}
	}
	if stopped == 0 {
		t.Error("no load of a query given up was stopped")
	}
	t.Logf("%d loads stopped", stopped)
}
