package importer

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/zhkb/zhkb/internal/convert"
)

func TestArticle(t *testing.T) {
	text, err := os.ReadFile("testdata/scraped.txt")
	if err != nil {
		t.Fatal(err)
	}
	t2s, err := convert.New("tw2s")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Article(text, Options{Convert: t2s, Script: "Simplified", Today: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	want := `+++
title = "网贷爆通讯录怎么办?"
description = "近年来，随着网络借贷的普及，一些平台在用户逾期后拨打通讯录里的电话。"
date = 2026-11-23
draft = true
tags = []
+++

近年来，随着网络借贷的普及，一些平台在用户逾期后拨打通讯录里的电话。

这种做法侵犯了个人信息，风险很大。被骚扰的亲友可以保存证据后报警。

根据《个人信息保护法》第十三条，处理个人信息需要有合法依据。
`
	if string(res.Markdown) != want {
		t.Errorf("draft:\n%s\nwant:\n%s", res.Markdown, want)
	}
	report := strings.Join(res.Changes, "\n")
	for _, w := range []string{
		"removed 4 boilerplate line(s) or list(s): 2: 來源：網絡; 7: 如有侵權請聯繫刪除; 8–10: 相關文章：…; 12: 關注我們的公眾號獲取更多資訊",
		"removed 5 pinyin annotation(s): (wǎng) (bàn) (wǎng) (fēng) (xiǎn)",
		"to Simplified",
		"replaced 4 half-width punctuation mark(s)",
		"removed the spaces in 1 place(s)",
	} {
		if !strings.Contains(report, w) {
			t.Errorf("report lacks %q:\n%s", w, report)
		}
	}
}

func TestArticleMarkdownSafe(t *testing.T) {
	res, err := Article([]byte("标题\n# 不是标题\n1. 不是列表\n<b>不是 HTML</b>\n*不是强调*\n"), Options{Today: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{`\# 不是标题`, `1\. 不是列表`, `\<b>不是 HTML\</b>`, `\*不是强调\*`} {
		if !strings.Contains(string(res.Markdown), w) {
			t.Errorf("draft lacks %s:\n%s", w, res.Markdown)
		}
	}
	if _, err := Article([]byte("\xff\xfe"), Options{}); err == nil || !strings.Contains(err.Error(), "UTF-8") {
		t.Errorf("non-UTF-8 text: %v", err)
	}
	if _, err := Article([]byte(" \n\n"), Options{}); err == nil {
		t.Error("empty text imported")
	}
}

// TestArticleScript checks that only text in the other script is
// converted: Simplified text stays as it is (tw2s would make 什么 什幺),
// Simplified text with a few Traditional characters gets only those
// replaced, and Traditional text is converted with its 么 kept.
func TestArticleScript(t *testing.T) {
	tw2s, err := convert.New("tw2s")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ in, want string }{
		{"这是什么问题？怎么办，这么多，那么久。", "这是什么问题？怎么办，这么多，那么久。"},
		{"这是什么问题？催收说要起訴我，怎么办。", "这是什么问题？催收说要起诉我，怎么办。"},
		{"這是什麼問題？催收說要起訴我，怎麼辦。", "这是什么问题？催收说要起诉我，怎么办。"},
		{"這是什麼問題？么是它的異體，怎麼辦。", "这是什么问题？么是它的异体，怎么办。"},
	} {
		res, err := Article([]byte("标题\n\n"+c.in+"\n\n第二段文字。"), Options{Convert: tw2s, Source: convert.Hans, Script: "Simplified", Today: time.Now()})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(res.Markdown), "\n"+c.want+"\n") {
			t.Errorf("import of %s:\n%s\nwant the text %s", c.in, res.Markdown, c.want)
		}
	}
}
