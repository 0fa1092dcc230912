package site

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zhkb/zhkb/internal/check"
)

// statuteSite adds law texts to the fixture site: config [statutes] and
// [check], two laws (one in two versions), and articles citing them.
func statuteSite(t *testing.T) string {
	root := fixture(t)
	cfg, err := os.ReadFile(filepath.Join(root, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg = []byte(strings.Replace(string(cfg), "[[variants]]", "[statutes]\ndir = \"data/laws\"\n\n[check]\nmaxAge = \"6 months\"\n\n[[variants]]", 1))
	writeFile(t, root, "config.toml", string(cfg))
	writeFile(t, root, "data/laws/pipl.toml", `id = "pipl"
title = "中华人民共和国个人信息保护法"
short = ["个人信息保护法"]
version = "2021-08-20"
current = true
source = "test"

[articles]
"第四十七条" = """
有下列情形之一的，应当删除。
第二款的文字。"""
"第九十九条" = "没有页面引用这一条。"
`)
	writeFile(t, root, "data/laws/public-security.toml", `id = "public-security"
title = "中华人民共和国治安管理处罚法"
short = ["治安管理处罚法"]
version = "2025-06-27"
current = true
source = "test"

[articles]
"第五十条" = "新法第五十条的文字。"
`)
	writeFile(t, root, "data/laws/public-security-2012.toml", `id = "public-security-2012"
title = "中华人民共和国治安管理处罚法"
version = "2012-10-26"
current = false
superseded_by = "public-security"
source = "test"

[articles]
"第四十二条" = "旧法第四十二条的文字。"
`)
	writeFile(t, root, "content/guide/cites.md", `+++
title = "引用法条"
description = "引用。"
checked = 2026-12-01
+++

依据《个人信息保护法》第四十七条，可以要求删除；第四十八条这里没有收。

《治安管理处罚法》第五十条（旧法第四十二条）。
`)
	writeFile(t, root, "content/guide/stale.md", `+++
title = "过期的核对"
description = "很久以前核对的。"
checked = 2025-01-01
+++

《个人信息保护法》第四十七条。
`)
	writeFile(t, root, "content/guide/future.md", `+++
title = "未来的核对"
description = "日期写错了。"
checked = 2027-03-01
[params]
template = "letter"
+++

没有分隔线的信：致：[姓名]
`)
	writeFile(t, root, "content/guide/unchecked.md", `+++
title = "没有核对日期"
description = "没写 checked。"
law = "pipl"
+++

## 第四十七条：删除权

说明。《商业银行信用卡业务监督管理办法》第六十八条。
`)
	return root
}

// TestStatutesBuild builds a site that cites laws: links, notes in each
// variant's script, the older version, the checked date, and nothing on a
// page that cites nothing.
func TestStatutesBuild(t *testing.T) {
	t.Parallel()
	root := statuteSite(t)
	out, _ := build(t, root)
	hans, hant := read(t, out, "zh-hans/guide/cites/index.html"), read(t, out, "zh-hant/guide/cites/index.html")
	for _, want := range []string{
		`<a href="#law-pipl-47" class="cite">第四十七条</a>`,
		`<a href="#law-public-security-50" class="cite">第五十条</a>`,
		`<a href="#law-public-security-2012-42" class="cite">第四十二条</a>`,
		`<div class="statute" id="law-pipl-47" tabindex="-1">`,
		`<p>有下列情形之一的，应当删除。</p><p>第二款的文字。</p>`,
		`<span class="statute-old">2012 年的旧文本，已被修订</span>`,
		`法律核对于 <time datetime="2026-12-01">2026年12月1日</time>`,
	} {
		if !strings.Contains(hans, want) {
			t.Errorf("zh-hans: no %s", want)
		}
	}
	if strings.Contains(hans, "第四十八条</a>") {
		t.Error("an article the site does not keep is linked")
	}
	for _, want := range []string{`<a href="#law-pipl-47" class="cite">第四十七條</a>`, "<cite>《中華人民共和國個人信息保護法》</cite>第四十七條", "應當刪除"} {
		if !strings.Contains(hant, want) {
			t.Errorf("zh-hant: no %s", want)
		}
	}
	// The page's own law links its headings' articles.
	if page := read(t, out, "zh-hans/guide/unchecked/index.html"); !strings.Contains(page, `<a href="#law-pipl-47" class="cite">第四十七条</a>：删除权`) {
		t.Error("a heading's article of the page's own law is not linked")
	}
	// An article citing nothing: no notes, no script.
	matches, _ := filepath.Glob(filepath.Join(out, "zh-hans", "guide", "*", "index.html"))
	quiet := 0
	for _, m := range matches {
		data, _ := os.ReadFile(m)
		if page := string(data); !strings.Contains(page, `class="cite"`) {
			quiet++
			if strings.Contains(page, "zhkb-statutes") || strings.Contains(page, `closest("a.cite")`) {
				t.Errorf("%s cites nothing but carries notes or their script", m)
			}
		}
	}
	if quiet == 0 {
		t.Error("the fixture has no article that cites nothing")
	}
	// A page naming a law the site does not keep fails at its line.
	writeFile(t, root, "content/guide/bad-law.md", "+++\ntitle = \"坏\"\nlaw = \"nope\"\n+++\n\n正文\n")
	if _, err := Build(Options{Root: root, Out: filepath.Join(t.TempDir(), "public")}); err == nil || !strings.Contains(err.Error(), `content/guide/bad-law.md:3: law = "nope" names no file of data/laws`) {
		t.Errorf("unknown law: %v", err)
	}
}

// TestCheckStatutes: zhkb check warns of a cited article the site does not
// keep, of a law it does not keep, of a kept article no page cites, of a
// page checked too long ago and of one that cites the law without a
// checked date — each at its file and line.
func TestCheckStatutes(t *testing.T) {
	t.Parallel()
	root := statuteSite(t)
	findings, err := Check(CheckOptions{Root: root, Today: time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range findings {
		if f.Severity == check.Warning && (strings.Contains(f.File, "guide/") || strings.Contains(f.File, "data/")) {
			got = append(got, fmt.Sprintf("%s:%d: %s", f.File, f.Line, f.Message))
		}
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{
		"content/guide/cites.md:7: cites 《中华人民共和国个人信息保护法》第四十八条 (article 48), whose text data/laws/pipl.toml does not hold",
		"content/guide/unchecked.md:9: cites 《商业银行信用卡业务监督管理办法》第六十八条, which is not among the laws in data/laws",
		"data/laws/pipl.toml:12: 第九十九条 of 《中华人民共和国个人信息保护法》 is cited by no page",
		"content/guide/stale.md:4: legal facts last checked on 2025-01-01, more than 180 days ago ([check] maxAge",
		"content/guide/unchecked.md:1: cites the law (《中华人民共和国个人信息保护法》 first) but does not say when its legal facts were checked",
		"content/guide/future.md:4: checked 2027-03-01 is in the future",
		"content/guide/future.md:6: a letter template without a rule",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("no warning %q in:\n%s", want, all)
		}
	}
	if strings.Contains(all, "content/guide/cites.md:1:") || strings.Contains(all, "第四十七条 of") {
		t.Errorf("warned of a page checked in time or of a cited article:\n%s", all)
	}
}

// TestPreviewCitations: the preview's quick update of an article links its
// citations as a full build does.
func TestPreviewCitations(t *testing.T) {
	t.Parallel()
	root := statuteSite(t)
	opts := Options{Root: root}
	p := NewPreview(opts)
	if _, _, full, err := p.Update(nil); err != nil || !full {
		t.Fatalf("first build: full %v, %v", full, err)
	}
	file := filepath.Join(root, "content", "guide", "cites.md")
	writeFile(t, root, "content/guide/cites.md", strings.Replace(read(t, root, "content/guide/cites.md"), "可以要求删除；", "可以要求删除，另见《治安管理处罚法》第五十条；", 1))
	tree, _, full, err := p.Update([]string{file})
	if err != nil || full {
		t.Fatalf("quick update: full %v, %v", full, err)
	}
	want, _, err := BuildMemory(opts)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := tree.File("zh-hans/guide/cites/index.html")
	if !strings.Contains(string(got), `另见《治安管理处罚法》<a href="#law-public-security-50" class="cite">第五十条</a>`) {
		t.Errorf("the new citation is not linked in the preview")
	}
	if d := sameTreeBut(tree, want, "/search/"); d != "" {
		t.Errorf("the preview differs from a full build: %s", d)
	}
}
