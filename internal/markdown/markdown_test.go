package markdown

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/zhkb/zhkb/internal/convert"
	"github.com/zhkb/zhkb/internal/diag"
)

func render(t *testing.T, conv Converter, src string, opts Options) string {
	t.Helper()
	d := NewParser(opts).Parse("x.md", 1, []byte(src))
	out, err := NewRenderer(conv, opts).Render(d)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func s2tw(t testing.TB) Converter {
	c, err := convert.New("s2tw")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestHeadingIDs(t *testing.T) {
	src := "# 标题\n\n## 第十三条\n\n## 第十三条\n\n### 什么是“单独同意”？\n\n## Rights & Duties 2024\n\n## 自定义 {#custom}\n\n## `code` 与 **强调**\n\n## ！？\n"
	d := NewParser(Options{}).Parse("x.md", 1, []byte(src))
	want := []Heading{
		{1, "标题", "标题"},
		{2, "第十三条", "第十三条"},
		{2, "第十三条-1", "第十三条"},
		{3, "什么是单独同意", "什么是“单独同意”？"},
		{2, "rights--duties-2024", "Rights & Duties 2024"},
		{2, "custom", "自定义"},
		{2, "code-与-强调", "code 与 强调"},
		{2, "section", "！？"},
	}
	if len(d.Headings) != len(want) {
		t.Fatalf("headings = %+v", d.Headings)
	}
	for i, w := range want {
		if d.Headings[i] != w {
			t.Errorf("heading %d = %+v, want %+v", i, d.Headings[i], w)
		}
	}
}

func TestHeadingIDsSameInEveryVariant(t *testing.T) {
	src := "## 个人信息保护法第十三条\n\n## 发布与权限\n"
	hans := render(t, convert.Identity{}, src, Options{})
	hant := render(t, s2tw(t), src, Options{})
	for _, id := range []string{`id="个人信息保护法第十三条"`, `id="发布与权限"`} {
		if !strings.Contains(hans, id) || !strings.Contains(hant, id) {
			t.Errorf("%s missing:\nzh-Hans: %s\nzh-Hant: %s", id, hans, hant)
		}
	}
	if !strings.Contains(hant, ">個人信息保護法第十三條</h2>") {
		t.Errorf("heading text not converted: %s", hant)
	}
}

func TestConversionLeavesCodeAndURLs(t *testing.T) {
	src := "这是`代码发布`和[链接发布](https://example.com/发布?q=权限 \"标题发布\")。\n\n" +
		"```go\n// 注释发布\nfmt.Println(\"权限\")\n```\n\n" +
		"    缩进代码发布\n\n" +
		"网址 https://example.com/path 和 <https://example.org/a> 。\n\n" +
		"![图片说明发布](img/发布.png)\n"
	out := render(t, s2tw(t), src, Options{})
	for _, keep := range []string{
		"<code>代码发布</code>",
		`href="https://example.com/%E5%8F%91%E5%B8%83?q=%E6%9D%83%E9%99%90"`,
		"// 注释发布\nfmt.Println(&quot;权限&quot;)",
		"缩进代码发布",
		`<a href="https://example.com/path">https://example.com/path</a>`,
		`src="img/%E5%8F%91%E5%B8%83.png"`,
	} {
		if !strings.Contains(out, keep) {
			t.Errorf("output lacks %q:\n%s", keep, out)
		}
	}
	for _, conv := range []string{"這是", ">鏈接發佈</a>", `title="標題發佈"`, `alt="圖片說明發`, "網址"} {
		if !strings.Contains(out, conv) {
			t.Errorf("output lacks converted %q:\n%s", conv, out)
		}
	}
}

func TestConversionOfStructures(t *testing.T) {
	src := "| 表头 | 权限 |\n|---|---|\n| 发布 | ~~删除~~ |\n\n术语\n: 释义\n\n脚注[^1]\n\n[^1]: 注释说明\n\n> 引用说明\n\n- 列表项目\n"
	out := render(t, s2tw(t), src, Options{})
	for _, w := range []string{"<th>表頭</th>", "<th>權限</th>", "<td>發佈</td>", "<del>刪除</del>", "<dt>術語</dt>", "<dd>釋義</dd>", "註釋說明", "引用說明", "<li>列表項目</li>"} {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
}

func TestSoftLineBreaks(t *testing.T) {
	tests := []struct{ src, want string }{
		{"中文\n换行", "<p>中文換行</p>"},                   // between Chinese: no space
		{"句号。\n下一句", "<p>句號。下一句</p>"},               // full-width punctuation too
		{"English\nwords", "<p>English\nwords</p>"}, // Latin keeps the break
		{"中文\nEnglish", "<p>中文\nEnglish</p>"},       // mixed keeps it
		{"头\n发", "<p>頭髮</p>"},                       // a phrase across lines converts as a phrase
		{"行尾  \n硬换行", "<p>行尾<br>\n硬換行</p>"},
	}
	for _, tt := range tests {
		if got := strings.TrimSpace(render(t, s2tw(t), tt.src, Options{})); got != tt.want {
			t.Errorf("%q → %q, want %q", tt.src, got, tt.want)
		}
	}
}

func TestRawHTML(t *testing.T) {
	src := "段落 <b onclick=\"x()\">粗</b>\n\n<script>alert(1)</script>\n"
	safe := render(t, convert.Identity{}, src, Options{})
	if strings.Contains(safe, "<script>") || strings.Contains(safe, "<b ") {
		t.Errorf("raw HTML passed through by default:\n%s", safe)
	}
	unsafe := render(t, convert.Identity{}, src, Options{UnsafeHTML: true})
	if !strings.Contains(unsafe, "<script>alert(1)</script>") {
		t.Errorf("raw HTML dropped with UnsafeHTML:\n%s", unsafe)
	}
	if js := render(t, convert.Identity{}, "[x](javascript:alert(1))", Options{}); strings.Contains(js, "javascript:") {
		t.Errorf("javascript: link kept: %s", js)
	}
}

func TestResolveLinks(t *testing.T) {
	src := "前言\n\n见[法律](../laws/pipl.md#第十三条)和[首页](../_index.md)。\n\n" +
		"[外部](https://example.com/a.md) [邮件](mailto:a@b.c) ![图片](../../static/pic.png) [本页](#前言)\n\n" +
		"## 前言\n\n" +
		"第二段\n[坏链接](missing.md)\n\n[坏锚点](#不存在)\n\n[编码](../laws/%E4%B8%AA.md)\n"
	d := NewParser(Options{}).Parse("content/faq/q.md", 5, []byte(src))
	var seen []Link
	err := d.ResolveLinks(func(l Link) (string, error) {
		seen = append(seen, l)
		if l.Path == "missing.md" {
			return "", errors.New("content/faq/missing.md does not exist")
		}
		return "../../x/" + "#" + l.Fragment, nil
	})
	want := []Link{{"../laws/pipl.md", "第十三条", false}, {"../_index.md", "", false}, {"../../static/pic.png", "", true}, {"missing.md", "", false}, {"../laws/个.md", "", false}}
	if len(seen) != len(want) {
		t.Fatalf("resolver saw %v, want %v", seen, want)
	}
	for i := range want {
		if seen[i] != want[i] {
			t.Errorf("link %d = %+v, want %+v", i, seen[i], want[i])
		}
	}
	if err == nil {
		t.Fatal("broken links not reported")
	}
	msg := err.Error()
	for _, w := range []string{`content/faq/q.md:14: broken link "missing.md": content/faq/missing.md does not exist`, "content/faq/q.md:16: link to #不存在"} {
		if !strings.Contains(msg, w) {
			t.Errorf("error %q lacks %q", msg, w)
		}
	}
	out, _ := NewRenderer(convert.Identity{}, Options{}).Render(d)
	if !strings.Contains(string(out), `href="../../x/#%E7%AC%AC%E5%8D%81%E4%B8%89%E6%9D%A1"`) {
		t.Errorf("link not rewritten:\n%s", out)
	}
	if !strings.Contains(string(out), `href="https://example.com/a.md"`) || !strings.Contains(string(out), `href="mailto:a@b.c"`) {
		t.Errorf("non-article links changed:\n%s", out)
	}
}

func TestResolveLinksRefuses(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"![x](https://cdn.example/x.png)", "on another site"},
		{"![x](//cdn.example/x.png)", "on another site"},
		{"[x](//cdn.example/)", "has no scheme"},
		{"[x](/zh-hans/laws/)", "starts with /"},
		{"![x](/images/x.png)", "starts with /"},
		{"[x](a%zz.md)", "not a valid URL"},
	} {
		d := NewParser(Options{}).Parse("c.md", 3, []byte("\n"+tt.src+"\n"))
		err := d.ResolveLinks(func(Link) (string, error) { return "ok", nil })
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "c.md:4: ") {
			t.Errorf("%s: err = %v, want c.md:4: …%s", tt.src, err, tt.want)
		}
	}
	d := NewParser(Options{}).Parse("c.md", 1, []byte("[外部](https://example.org/x.png) ![数据](data:image/png;base64,AAAA)"))
	if err := d.ResolveLinks(func(Link) (string, error) { return "", errors.New("called") }); err != nil {
		t.Errorf("links to other sites and data: images are allowed: %v", err)
	}
}

func TestSlugify(t *testing.T) {
	for in, want := range map[string]string{
		"第十三条":          "第十三条",
		"  A B  ":       "a-b",
		"一、总则":          "一总则",
		"12378 投诉热线":    "12378-投诉热线",
		"snake_case-ok": "snake_case-ok",
		"（第四十七条）删除权！":   "第四十七条删除权",
		"Ｆｕｌｌ ｗｉｄｔｈ":    "ｆｕｌｌ-ｗｉｄｔｈ",
	} {
		if got := Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestRenderSections: rendering and taking the search text in one walk
// gives what Render and Sections give apart, and converts each text run
// once.
func TestRenderSections(t *testing.T) {
	src := "开头的软件说明，\n跨行的信息。\n\n## 第一节 网络\n\n正文**强调**与`代码`，[链接文字](https://example.org)。\n\n- 列表项一\n- 列表项二\n\n> 引用的内存\n\n## 第二节\n\n| 表头 | 数据 |\n|---|---|\n| 单元 | 格子 |\n\n![图片说明](a.png)\n"
	counting := &countingConv{Converter: s2tw(t)}
	for _, opts := range []Options{{}, {UnsafeHTML: true}} {
		d := NewParser(opts).Parse("x.md", 1, []byte(src))
		r := NewRenderer(counting, opts)
		html, err := r.Render(d)
		if err != nil {
			t.Fatal(err)
		}
		secs := r.Sections(d)
		counting.n = 0
		html2, secs2, err := r.RenderSections(d)
		if err != nil {
			t.Fatal(err)
		}
		if string(html2) != string(html) {
			t.Errorf("RenderSections HTML:\n%s\nRender:\n%s", html2, html)
		}
		if fmt.Sprint(secs2) != fmt.Sprint(secs) {
			t.Errorf("RenderSections sections:\n%v\nSections:\n%v", secs2, secs)
		}
		if !strings.Contains(secs2[0].Text, "軟體") && !strings.Contains(secs2[0].Text, "軟件") {
			t.Errorf("sections not converted: %q", secs2[0].Text)
		}
		rendered := counting.n
		counting.n = 0
		r.Render(d)
		if onlyRender := counting.n; rendered >= 2*onlyRender || rendered > onlyRender+len(secs) {
			t.Errorf("RenderSections converted %d times; Render alone %d, headings %d", rendered, onlyRender, len(secs))
		}
	}
}

type countingConv struct {
	Converter
	n int
}

func (c *countingConv) Convert(s string) string { c.n++; return c.Converter.Convert(s) }

// TestRepeatedHeadingIDs checks the suffixes of repeated headings, around
// ids taken by explicit ids and by other headings' text, and the last of
// many repeats (BenchmarkIdenticalHeadings times them).
func TestRepeatedHeadingIDs(t *testing.T) {
	src := "## 同名 {#同名-2}\n\n## 同名\n\n## 同名\n\n## 同名 1\n\n## 同名\n\n## 同名\n"
	var ids []string
	for _, h := range NewParser(Options{}).Parse("x.md", 1, []byte(src)).Headings {
		ids = append(ids, h.ID)
	}
	if got := strings.Join(ids, " "); got != "同名-2 同名 同名-1 同名-1-1 同名-3 同名-4" {
		t.Errorf("ids = %s", got)
	}
	many := strings.Repeat("## 同名\n\n", 20000)
	d := NewParser(Options{}).Parse("x.md", 1, []byte(many))
	if last := d.Headings[len(d.Headings)-1].ID; last != "同名-19999" {
		t.Errorf("last id = %s", last)
	}
}

// BenchmarkIdenticalHeadings parses articles of n identical headings:
// go test -bench IdenticalHeadings -benchmem ./internal/markdown
func BenchmarkIdenticalHeadings(b *testing.B) {
	for _, n := range []int{10000, 40000} {
		src := []byte(strings.Repeat("## 同名\n\n", n))
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				NewParser(Options{}).Parse("x.md", 1, src)
			}
		})
	}
}

// BenchmarkLimits parses and renders (converting to Traditional) inputs at
// the limits of what editors write by accident: lists and quotes 100 levels
// deep (the most zhkb reads), 10,000 levels (refused before parsing), and a
// 50 MB statute.
//
//	go test -bench Limits -benchmem -benchtime 1x ./internal/markdown
func BenchmarkLimits(b *testing.B) {
	nested := func(levels int) (list, quotes string) {
		var l, q strings.Builder
		for i := 0; i < levels; i++ {
			fmt.Fprintf(&l, "%s- 第%d层\n", strings.Repeat("  ", i), i)
			fmt.Fprintf(&q, "%s 第%d层\n", strings.Repeat(">", i+1), i)
		}
		return l.String(), q.String()
	}
	list100, quotes100 := nested(MaxNesting)
	list10k, quotes10k := nested(10000)
	var law strings.Builder
	for n := 1; law.Len() < 50<<20; n++ {
		if n%40 == 1 {
			fmt.Fprintf(&law, "\n## 第%d章\n\n", n/40+1)
		}
		fmt.Fprintf(&law, "第%d条　县级以上人民政府有关主管部门应当依法履行个人信息保护职责，违反本法规定的，由有关部门责令改正，给予警告。\n\n", n)
	}
	conv := s2tw(b)
	for _, c := range []struct {
		name, src string
		refused   bool
	}{
		{"list-100", list100, false}, {"quotes-100", quotes100, false},
		{"list-10000-refused", list10k, true}, {"quotes-10000-refused", quotes10k, true},
		{"article-50MB", law.String(), false},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.src)))
			for i := 0; i < b.N; i++ {
				d := NewParser(Options{}).Parse("x.md", 1, []byte(c.src))
				if err := d.Check(); (err != nil) != c.refused {
					b.Fatalf("refused = %v: %v", err != nil, err)
				}
				if _, _, err := NewRenderer(conv, Options{}).RenderSections(d); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestNesting: text up to MaxNesting lists and quotes deep is read; deeper
// text is refused at its line and column before goldmark sees it.
func TestNesting(t *testing.T) {
	indented := func(levels int, step string, marker string) string {
		var b strings.Builder
		for i := 0; i < levels; i++ {
			fmt.Fprintf(&b, "%s%s 第%d层\n", strings.Repeat(step, i), marker, i)
		}
		return b.String()
	}
	for _, c := range []struct {
		name, src string
		line, col int // 0: accepted
	}{
		{"10 levels of 4-space list", indented(10, "    ", "-"), 0, 0},
		{"100 levels of 2-space list", indented(100, "  ", "-"), 0, 0},
		{"101 levels of 2-space list", indented(101, "  ", "-"), 101, 201},
		{"100 quotes", strings.Repeat(">", 100) + " 深\n", 0, 0},
		{"101 quotes", "前言\n\n" + strings.Repeat(">", 101) + " 深\n", 3, 101},
		{"markers on one line", strings.Repeat("- ", 101) + "深\n", 1, 201},
		{"ordered markers", strings.Repeat("1. ", 100) + "深\n", 0, 0},
		{"101 ordered markers", strings.Repeat("1) ", 101) + "深\n", 1, 301},
		{"spaced quotes", strings.Repeat("> ", 101) + "深\n", 1, 201},
		{"tabs", strings.Repeat("\t", 51) + "- 深\n", 1, 51},
		{"empty item at the end of a line", strings.Repeat(">", 100) + "*\n", 1, 101},
		{"empty ordered item", strings.Repeat("- ", 100) + "1.", 1, 201},
		{"code in a list", "- 列表\n\n      ```\n      代码\n      ```\n", 0, 0},
		{"long line, shallow", "- " + strings.Repeat("很长的一行", 10000) + "\n", 0, 0},
	} {
		d := NewParser(Options{}).Parse("a.md", 5, []byte(c.src))
		err := d.Check()
		if c.line == 0 {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		var de *diag.Error
		if !errors.As(err, &de) || de.File != "a.md" || de.Line != 4+c.line || de.Col != c.col || !strings.Contains(de.Msg, "at most 100 levels") {
			t.Errorf("%s: %v (%+v), want a.md:%d:%d", c.name, err, de, 4+c.line, c.col)
		}
	}
}

// TestPhoneLinks: the numbers a site lists become tel: links where they
// stand alone in text, and nowhere else.
func TestPhoneLinks(t *testing.T) {
	opts := Options{PhoneLinks: []string{"110", "12321", "12356"}}
	for _, c := range []struct{ src, want string }{
		{"拨打 110 报警", `<p>拨打 <a href="tel:110">110</a> 报警</p>`},
		{"拨打110或12356。", `<p>拨打<a href="tel:110">110</a>或<a href="tel:12356">12356</a>。</p>`},
		{"**12321**：举报", `<p><strong><a href="tel:12321">12321</a></strong>：举报</p>`},
		{"第一行 110\n第二行 12321", "<p>第一行 <a href=\"tel:110\">110</a>\n第二行 <a href=\"tel:12321\">12321</a></p>"},
		{"电话 010-12321，共 1100 次，1.10 倍，A110 型", `<p>电话 010-12321，共 1100 次，1.10 倍，A110 型</p>`},
		{"第110条、110元、110号、110%", `<p>第110条、110元、110号、110%</p>`},
		{"### 12321：举报中心", `<h3 id="12321举报中心">12321：举报中心</h3>`},
		{"`110` 和 [打 110](tel:110) 和 <https://12321.cn/110>", `<p><code>110</code> 和 <a href="tel:110">打 110</a> 和 <a href="https://12321.cn/110">https://12321.cn/110</a></p>`},
		{"拨打 120", `<p>拨打 120</p>`},
	} {
		if got := strings.TrimSpace(render(t, sameText{}, c.src, opts)); got != c.want {
			t.Errorf("%q:\n got %s\nwant %s", c.src, got, c.want)
		}
	}
	// Nothing inside a -{…}- marker, which the variant's converter reads
	// (this one leaves it as it is).
	if got := strings.TrimSpace(render(t, sameText{}, "-{拨打110}- 与 110", opts)); got != `<p>-{拨打110}- 与 <a href="tel:110">110</a></p>` {
		t.Errorf("marker: %s", got)
	}
	// Without the option nothing is linked.
	if got := render(t, sameText{}, "拨打 110 报警", Options{}); strings.Contains(got, "tel:") {
		t.Errorf("linked without the option: %s", got)
	}
}

// sameText is the converter of the source variant: text as written.
type sameText struct{}

func (sameText) Convert(s string) string { return s }

// TestEscapesAndReferences: text is decoded before conversion and escaped
// once after, in the page, in link titles and image alt text, and in the
// search text (the Markdown of issue 25: 1\. and &copy; came out as written).
func TestEscapesAndReferences(t *testing.T) {
	conv := s2tw(t)
	src := "星号 \\* 不是强调，1\\. 不是列表，&copy; 与 &amp; 是实体，&#x53F0;湾。\n\n" +
		"[网络](a.md \"网络&amp;安全\") ![&lt;图&gt; \\*示意](x.png)\n"
	got := render(t, conv, src, Options{})
	for _, want := range []string{
		"星號 * 不是強調，1. 不是列表，© 與 &amp; 是實體，臺灣。",
		`title="網絡&amp;安全"`,
		`alt="&lt;圖&gt; *示意"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("rendered %q\nwant it to hold %q", got, want)
		}
	}
	for _, bad := range []string{`\*`, `1\.`, "&amp;copy;", "&amp;amp;", "&#x53F0;"} {
		if strings.Contains(got, bad) {
			t.Errorf("rendered %q holds %q", got, bad)
		}
	}
	p := NewParser(Options{})
	d := p.Parse("a.md", 1, []byte(src))
	secs := NewRenderer(conv, Options{}).Sections(d)
	if text := secs[0].Text; !strings.Contains(text, "星號 * 不是強調，1. 不是列表，© 與 & 是實體，臺灣。") {
		t.Errorf("search text %q: escapes and references not resolved", text)
	}
}

// TestIPv6Links: a link to an IPv6 address keeps the brackets around it.
func TestIPv6Links(t *testing.T) {
	got := render(t, sameText{}, "[本机](http://[::1]:8080/a%5Bb%5D) [v6](https://[2001:db8::1]/x)\n", Options{})
	for _, want := range []string{`href="http://[::1]:8080/a%5Bb%5D"`, `href="https://[2001:db8::1]/x"`} {
		if !strings.Contains(got, want) {
			t.Errorf("rendered %q, want %s", got, want)
		}
	}
}
