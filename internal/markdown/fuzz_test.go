package markdown

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// eventAttr matches an HTML event handler attribute (onclick=, onerror=…).
var eventAttr = regexp.MustCompile(`(?i)<[^>]*\son[a-z]+\s*=`)

// FuzzRender runs any Markdown through the whole page pipeline (goldmark,
// heading ids, link resolution, -{}- markers, conversion to Traditional):
// it never panics, gives valid UTF-8 for valid input, and with raw HTML
// off lets no <script>, event handler or javascript: link through.
func FuzzRender(f *testing.F) {
	for _, s := range []string{
		"# 标题\n\n正文 **强调** `代码` [链接](other.md#第十三条)\n",
		"## 同名\n\n## 同名\n\n- 列表\n  - 嵌套\n\n> 引用\n",
		"<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n",
		"[x](javascript:alert(1)) -{原样}- -{zh-hans:甲;zh-hant:乙}-\n",
		"| a | b |\n|---|---|\n| 通讯录 | 催收 |\n\n[^1]\n\n[^1]: 注释\n",
		"```go\nfunc 主() {}\n```\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 1<<16 {
			return
		}
		conv := s2tw(t)
		d := NewParser(Options{PhoneLinks: []string{"110", "12321"}}).Parse("x.md", 1, []byte(src))
		d.ResolveLinks(func(l Link) (string, error) { return "/" + l.Path, nil })
		out, err := NewRenderer(conv, Options{}).Render(d)
		if err != nil {
			return // a malformed marker: reported to the editor
		}
		html := string(out)
		if utf8.ValidString(src) && !utf8.ValidString(html) {
			t.Fatalf("invalid UTF-8 from %q", src)
		}
		if lower := strings.ToLower(html); strings.Contains(lower, "<script") || strings.Contains(lower, `href="javascript:`) || eventAttr.MatchString(html) {
			t.Fatalf("raw HTML got through from %q:\n%s", src, html)
		}
	})
}

// FuzzNesting checks the bound that lets zhkb refuse deep text before
// goldmark reads it: whatever checkNesting accepts, goldmark parses into
// lists and quotes at most MaxNesting deep.
func FuzzNesting(f *testing.F) {
	for _, s := range []string{
		strings.Repeat(">", MaxNesting) + " 深\n",
		strings.Repeat("- ", MaxNesting) + "深\n",
		strings.Repeat("1. ", MaxNesting) + "深\n",
		strings.Repeat("> - ", MaxNesting/2) + "深\n",
		"- a\n" + strings.Repeat(" ", 2) + "- b\n" + strings.Repeat(" ", 4) + "- c\n",
		"1. a\n   1. b\n      1. c\n\t- d\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 1<<12 {
			return
		}
		d := NewParser(Options{}).Parse("x.md", 1, []byte(src))
		if d.err != nil {
			return
		}
		depth, deepest := 0, 0
		_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			switch n.(type) {
			case *ast.List, *ast.Blockquote:
				if entering {
					depth++
					deepest = max(deepest, depth)
				} else {
					depth--
				}
			}
			return ast.WalkContinue, nil
		})
		if deepest > MaxNesting {
			t.Errorf("accepted text %d lists and quotes deep", deepest)
		}
	})
}
