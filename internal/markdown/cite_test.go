package markdown

import (
	"strings"
	"testing"

	"github.com/zhkb/zhkb/internal/statute"
)

func TestLinkCitations(t *testing.T) {
	lib, err := statute.Load("../statute/testdata", "laws")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ page, src, want string }{
		{"", "依据《个人信息保护法》第四十七条第一款。", `<p>依据《个人信息保护法》<a href="#law-pipl-47" class="cite">第四十七条第一款</a>。</p>`},
		// The scope carries across paragraphs and list items, and ends at
		// a heading, where the page's own law comes back.
		{"", "《个人信息保护法》规定：\n\n- 第四十四条\n- 第四十五条\n\n## 第四十七条\n\n第四十七条",
			`<p>《个人信息保护法》规定：</p>
<ul>
<li><a href="#law-pipl-44" class="cite">第四十四条</a></li>
<li><a href="#law-pipl-45" class="cite">第四十五条</a></li>
</ul>
<h2 id="第四十七条">第四十七条</h2>
<p>第四十七条</p>`},
		{"pipl", "## 第四十七条：删除权\n\n见第四十四条。", `<h2 id="第四十七条删除权"><a href="#law-pipl-47" class="cite">第四十七条</a>：删除权</h2>
<p>见<a href="#law-pipl-44" class="cite">第四十四条</a>。</p>`},
		// Not in links, code or markers; an article the library lacks is
		// not linked.
		{"pipl", "[第四十七条](#x) `第四十四条` -{第四十五条}- 第四十六条", `<p><a href="#x">第四十七条</a> <code>第四十四条</code> -{第四十五条}- 第四十六条</p>`},
		// Arabic numbers with spaces, which the parser cuts the text at.
		{"", "依据《个人信息保护法》第 47 条，可以。", `<p>依据《个人信息保护法》<a href="#law-pipl-47" class="cite">第 47 条</a>，可以。</p>`},
		// Two in one text, with emphasis around one.
		{"pipl", "第四十四条和**第四十五条**、第四十七条", `<p><a href="#law-pipl-44" class="cite">第四十四条</a>和<strong><a href="#law-pipl-45" class="cite">第四十五条</a></strong>、<a href="#law-pipl-47" class="cite">第四十七条</a></p>`},
	} {
		p := NewParser(Options{})
		d := p.Parse("a.md", 1, []byte(c.src))
		d.LinkCitations(lib, lib.Law(c.page))
		if err := d.ResolveLinks(func(l Link) (string, error) { return l.Path, nil }); err != nil && !strings.Contains(c.src, "](#x)") {
			t.Errorf("%q: ResolveLinks: %v", c.src, err)
		}
		out, err := NewRenderer(sameText{}, Options{}).Render(d)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimSpace(string(out)); got != c.want {
			t.Errorf("%q:\n got %s\nwant %s", c.src, got, c.want)
		}
	}
	// The citations come back in order, with their lines, found or not.
	d := NewParser(Options{}).Parse("a.md", 10, []byte("《个人信息保护法》第四十七条\n\n第四十六条"))
	cites := d.LinkCitations(lib, nil)
	if len(cites) != 2 || !cites[0].Found || cites[1].Found || d.LineOf(cites[0]) != 10 || d.LineOf(cites[1]) != 12 || d.Quote(cites[1]) != "第四十六条" {
		t.Errorf("cites %+v", cites)
	}
}
