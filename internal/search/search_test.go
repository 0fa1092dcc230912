package search

import (
	"fmt"
	"math"
	"math/rand"
	"reflect"
	"strings"
	"testing"

	"github.com/zhkb/zhkb/internal/convert"
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

func TestTokenize(t *testing.T) {
	type u struct {
		Text string
		Han  bool
		Pos  int
	}
	tests := []struct {
		in   string
		want []u
	}{
		{"通讯录", []u{{"通", true, 0}, {"讯", true, 1}, {"录", true, 2}}},
		{"爆通讯录，合法吗", []u{{"爆", true, 0}, {"通", true, 1}, {"讯", true, 2}, {"录", true, 3}, {"合", true, 5}, {"法", true, 6}, {"吗", true, 7}}},
		{"拨打12378投诉", []u{{"拨", true, 0}, {"打", true, 1}, {"12378", false, 2}, {"投", true, 3}, {"诉", true, 4}}},
		{"app  pipl-2021", []u{{"app", false, 0}, {"pipl", false, 2}, {"2021", false, 4}}},
		{"  ，。", nil},
		{"café 第1条", []u{{"café", false, 0}, {"第", true, 2}, {"1", false, 3}, {"条", true, 4}}},
	}
	for _, tt := range tests {
		var got []u
		for _, x := range Tokenize(tt.in) {
			got = append(got, u{x.Text, x.Han, x.Pos})
			if tt.in[x.Start:x.End] != x.Text {
				t.Errorf("%q: offsets %d-%d give %q, not %q", tt.in, x.Start, x.End, tt.in[x.Start:x.End], x.Text)
			}
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Tokenize(%q) =\n%v\nwant\n%v", tt.in, got, tt.want)
		}
	}
}

func TestFold(t *testing.T) {
	f := folder(t)
	for in, want := range map[string]string{
		"通訊錄":      "通讯录",
		"通讯录":      "通讯录",
		"頭髮與發展":    "头发与发展",
		"ＡＰＰ１２３":   "app123",
		"PIPL":     "pipl",
		"個人資料（私隱）": "个人资料(私隐)",
	} {
		if got := f.String(in); got != want {
			t.Errorf("fold(%q) = %q, want %q", in, got, want)
		}
	}
	// A Traditional form that Simplified text also uses meets the
	// Simplified character it stands for: s2tw writes 着 as 著.
	for _, pair := range [][2]string{{"著", "着"}, {"顯著", "显着"}, {"裡", "里"}, {"乾", "干"}} {
		if a, b := f.String(pair[0]), f.String(pair[1]); a != b {
			t.Errorf("fold(%s) = %s, fold(%s) = %s: they should meet", pair[0], a, pair[1], b)
		}
	}
	for in, want := range map[string]string{
		"通讯录": "通讯录",
	} {
		if got := f.String(in); got != want {
			t.Errorf("fold(%q) = %q, want %q", in, got, want)
		}
	}
	table := f.Table(map[rune]bool{'发': true, '讯': true})
	for _, pair := range []string{"發发", "髮发", "訊讯"} {
		if !strings.Contains(table, pair) {
			t.Errorf("table %q lacks %s", table, pair)
		}
	}
	if strings.Contains(table, "錄") || len([]rune(table))%2 != 0 {
		t.Errorf("table %q holds characters not in use", table)
	}
}

func TestBucketOf(t *testing.T) {
	if bucketOf("通讯", 64) != bucketOf("通讯", 64) {
		t.Error("unstable")
	}
	for _, w := range []string{"pipl", "pi", "pixel"} {
		if bucketOf(w, 97) != bucketOf("pi", 97) {
			t.Errorf("%s is not in the shard of its prefix pi", w)
		}
	}
	// The runtime computes FNV-1a over the UTF-8 bytes with Math.imul; the
	// same loop here must agree with shardOf for any shard count.
	fnv1a := func(s string) uint32 {
		h := uint32(0x811c9dc5)
		for _, b := range []byte(s) {
			h ^= uint32(b)
			h *= 0x01000193
		}
		return h
	}
	for _, tok := range []string{"通讯", "讯", "pipl", "12378", "𠀀𠀁"} {
		for _, n := range []int{1, 7, 1024} {
			if got, want := bucketOf(tok, n), int(fnv1a(shardKey(tok))%uint32(n)); got != want {
				t.Errorf("bucketOf(%q, %d) = %d, want %d", tok, n, got, want)
			}
		}
	}
}

func TestVarints(t *testing.T) {
	nums := []int{0, 1, 31, 32, 33, 1023, 1024, 1 << 20, 123456789}
	var b []byte
	for _, n := range nums {
		b = appendVarint(b, n)
	}
	if got := decodeVarints(string(b)); !reflect.DeepEqual(got, nums) {
		t.Errorf("round trip: %v", got)
	}
}

// index builds an index of docs and returns a searcher on its files.
func index(t *testing.T, docs []Document, opts ...Option) *Searcher {
	t.Helper()
	ix, err := Build(docs, folder(t), opts...)
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSearcher(ix.Files)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func doc(url, title, body string, tags ...string) Document {
	return Document{URL: url, Title: title, Tags: tags, Sections: []Section{{Text: body}}}
}

func urls(rs []Result) string {
	var out []string
	for _, r := range rs {
		out = append(out, r.URL)
	}
	return strings.Join(out, " ")
}

// exact keeps the results that hold the query verbatim.
func exact(rs []Result) []Result {
	var out []Result
	for _, r := range rs {
		if r.Exact {
			out = append(out, r)
		}
	}
	return out
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
	if !strings.HasPrefix(r.Snippet, "…") || !strings.HasSuffix(r.Snippet, "…") || len(runes) != snippetRunes+2 {
		t.Errorf("snippet %q", r.Snippet)
	}
	if len(r.Marks) != 1 || string(runes[r.Marks[0][0]:r.Marks[0][1]]) != "通讯录" {
		t.Errorf("marks %v in %q", r.Marks, r.Snippet)
	}
}

func TestBitmapPostings(t *testing.T) {
	var docs []Document
	for i := 0; i < 100; i++ {
		docs = append(docs, doc(fmt.Sprintf("d%d/", i), fmt.Sprintf("第%d篇", i), "的确如此"))
	}
	ix, err := Build(docs, folder(t))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for name, f := range ix.Files {
		if strings.HasPrefix(name, "p/") && strings.Contains(string(f), `的 ~`) {
			found = true
		}
	}
	if !found {
		t.Error("a character in every document is not stored as a bitmap")
	}
	s, _ := NewSearcher(ix.Files)
	for q, want := range map[string]int{"的": 100, "的确": 100, "的确如此": 100, "确如": 100, "此的": 0, "如此 第1篇": 1, "第1": 1, "第12篇": 1, "的 确": 100} {
		if n := len(exact(s.Search(q, 200))); n != want {
			t.Errorf("%s: found %d, want %d", q, n, want)
		}
	}
}

func TestLongLists(t *testing.T) {
	var docs []Document
	for i, body := range sitetest.LongListBodies() {
		docs = append(docs, doc(fmt.Sprintf("d%d/", i), fmt.Sprintf("标题%d", i), body))
	}
	ix, err := Build(docs, folder(t))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := ix.Files["P/0.js"]; !ok {
		t.Fatal("no long list got a file of its own")
	}
	// Read by ranges, a long list is never read whole: a query uses the set
	// of documents holding a common pair (kept with its reference), and
	// reads the segments of its list that hold the documents it shows. From
	// file://, long lists are not read at all: the text is checked instead,
	// with the same results.
	for _, tt := range []struct {
		q                 string
		want              int // results in all
		bitmaps, segments int // used and read for the first page
	}{
		{"者以", 1200, 0, 0}, // its best documents are kept with its reference
		// Every pair is common (见者 too): the rarest one's documents leave
		// 1,200 candidates, so the others' are read too; the documents
		// shown are found in the text where the segments of the two rarest
		// pairs' lists have them as in the phrase.
		{"常见者以", 1200, 3, 2},
		{"甲乙者以", 6, 0, 0}, // 甲乙 pins the phrase to 6 documents; 者以 is checked in the text
		{"乙者以连", 6, 0, 0},
		{"丙丁者以", 24, 1, 0}, // 24 candidates are too many to check in the text
		// 丙丁 and 等 leave 24 candidates; the pairs across the words (丁者,
		// 以中) are rare and pin the phrase to the 6 that hold it.
		{"丙丁者以中等", 6, 0, 0},
		{"以者", 0, 0, 0},
		{"甲乙 者以", 6, 1, 6}, // two terms: 者以 alone is found by document, then located
	} {
		s, _ := NewSearcher(ix.Files)
		s.Ranges = true
		page := s.Search(tt.q, 10)
		if len(s.bitmaps) != tt.bitmaps || len(s.segments) != tt.segments {
			t.Errorf("%s: used %d document sets and read %d segments, want %d and %d (read %v)", tt.q, len(s.bitmaps), len(s.segments), tt.bitmaps, tt.segments, s.Read)
		}
		whole, _ := NewSearcher(ix.Files)
		if got := whole.Search(tt.q, 10); !reflect.DeepEqual(got, page) {
			t.Errorf("%s: from whole files\n%v\nby ranges\n%v", tt.q, got, page)
		}
		for _, f := range whole.Read {
			if strings.HasPrefix(f, "P/") {
				t.Errorf("%s: read %s from whole files", tt.q, f)
			}
		}
		for _, f := range s.Read {
			var start, end int
			if _, err := fmt.Sscanf(f[strings.Index(f, "@")+1:], "%d-%d", &start, &end); strings.HasPrefix(f, "P/") && (err != nil || end-start > 2*segmentBytes) {
				t.Errorf("%s: read %s, more than a segment", tt.q, f)
			}
		}
		s, _ = NewSearcher(ix.Files)
		s.Ranges = true
		if got := len(s.Search(tt.q, 5000)); got != tt.want {
			t.Errorf("%s: %d results, want %d", tt.q, got, tt.want)
		}
	}
}

// TestPairTop: a query of one common pair shows its first results from the
// best documents kept in the posting file, without its long list, and they
// are the same as the long list gives.
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
	ix, err := Build(docs, folder(t))
	if err != nil {
		t.Fatal(err)
	}
	s, _ := NewSearcher(ix.Files)
	all := s.Search("者以", 5000)
	for _, limit := range []int{5, 10, topSize} {
		s, _ := NewSearcher(ix.Files)
		got := s.Search("者以", limit)
		for _, f := range s.Read {
			if strings.HasPrefix(f, "P/") {
				t.Errorf("limit %d: the long list was loaded", limit)
			}
		}
		if urls(got) != urls(all[:limit]) {
			t.Errorf("limit %d:\n got %s\nwant %s", limit, urls(got), urls(all[:limit]))
		}
		for i := range got {
			if math.Abs(got[i].Score-all[i].Score) > 1e-9 || got[i].Snippet != all[i].Snippet {
				t.Errorf("limit %d, result %d: %+v, want %+v", limit, i, got[i], all[i])
			}
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
			if !strings.HasPrefix(name, "P/") && name != "meta.js" {
				largest[budget] = max(largest[budget], len(f))
			}
		}
		s, _ := NewSearcher(ix.Files)
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

// TestDeferredPairs checks that the pairs inside a long run of characters
// are looked up only when the pairs at its ends leave too many candidates,
// and that the text check keeps results exact either way.
func TestDeferredPairs(t *testing.T) {
	for _, decoys := range []int{3, 12} {
		docs := []Document{doc("real/", "标题", "通讯录被泄露了。")}
		for i := 0; i < decoys; i++ {
			// The pairs at both ends, the right distance apart, a different middle.
			docs = append(docs, doc(fmt.Sprintf("decoy%d/", i), "标题", "通讯某某泄露了。"))
		}
		s := index(t, docs)
		cs := s.plan(s.splitTerms("通讯录被泄露")[0])
		var deferred []string
		for _, c := range cs {
			if c.deferred {
				deferred = append(deferred, fmt.Sprintf("%s@%d", c.token, c.offset))
			}
		}
		if got := strings.Join(deferred, " "); got != "讯录@1 录被@2 被泄@3" {
			t.Errorf("deferred pairs %q, want 讯录@1 录被@2 被泄@3", got)
		}
		for q, want := range map[string]string{"通讯录被泄露": "real/", "通讯某某泄露": "decoy0/", "讯录被泄露了": "real/", "通讯录被泄": "real/"} {
			if got := urls(s.Search(q, 1)); got != want {
				t.Errorf("%d decoys: Search(%q) = %q, want %q", decoys, q, got, want)
			}
		}
		tm := s.splitTerms("通讯录被泄露")[0]
		ms, needText := s.termMatches(&tm)
		// Few candidates are left to the text check; many make the middle
		// pair be looked up, and then the matches are exact.
		if wantText := decoys <= maxTextChecks; needText != wantText || (!needText && len(ms) != 1) {
			t.Errorf("%d decoys: %d matches, needText %v", decoys, len(ms), needText)
		}
	}
}

// BenchmarkBuild indexes 2,000 documents of random text drawn from 3,000
// characters with a Zipf distribution, as bench/gensite writes them.
func BenchmarkBuild(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	zipf := rand.NewZipf(rng, 1.1, 8, 2999)
	var docs []Document
	for i := 0; i < 2000; i++ {
		var sections []Section
		for s := 0; s < 4; s++ {
			var text strings.Builder
			for k := 0; k < 180; k++ {
				text.WriteRune(rune(0x4E00 + zipf.Uint64()))
				if k%23 == 22 {
					text.WriteString("，")
				}
			}
			sections = append(sections, Section{Heading: fmt.Sprintf("第%d节", s), Anchor: fmt.Sprint(s), Text: text.String()})
		}
		docs = append(docs, Document{URL: fmt.Sprintf("d%d/", i), Title: fmt.Sprintf("标题%d", i), Sections: sections})
	}
	fold := folder(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Build(docs, fold); err != nil {
			b.Fatal(err)
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
			together, err := BuildVariants([][]Document{hans, tc.hant}, fold, MaxFiles(200))
			if err != nil {
				t.Fatal(err)
			}
			for v, docs := range [][]Document{hans, tc.hant} {
				alone, err := Build(docs, fold, MaxFiles(200))
				if err != nil {
					t.Fatal(err)
				}
				a, err := NewSearcher(alone.Files)
				if err != nil {
					t.Fatal(err)
				}
				b, err := NewSearcher(together[v].Files)
				if err != nil {
					t.Fatal(err)
				}
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
