package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zhkb/zhkb/internal/check"
	"github.com/zhkb/zhkb/internal/convert"
	"github.com/zhkb/zhkb/internal/importer"
)

// TestCheck reviews the fixture site with problems added, and checks each
// finding: position, severity and message.
func TestCheck(t *testing.T) {
	t.Parallel()
	root := fixture(t)
	writeFile(t, root, "glossary.toml", "\"信息\" = { zh-Hant = \"信息\" }\n\"从未出现的词\" = { zh-Hant = \"從未出現的詞\" }\n")
	writeFile(t, root, "content/guide/mixed.md", `+++
title = "這個标题"
description = "说明"
date = 2099-01-01
+++

近年来,随着网(wǎng)贷的普及，平台在  用户逾期后打电话。

根据个人信息保护法第十三条处理信息，见[坏链](nope.md)和[锚点](code.md#没有这个标题)。

《个人信息保护法》是一部法律。

`+"```"+`
代码里的這個, 和  空格不算。
`+"```"+`
`)
	writeFile(t, root, "content/guide/mixed.zh-hant.md", "+++\ntitle = \"繁体手写\"\n+++\n\n近年來这些平台不同。\n")
	findings, err := Check(CheckOptions{Root: root, Today: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range findings {
		if strings.Contains(f.File, "mixed") || strings.HasPrefix(f.File, "glossary") {
			got = append(got, f.String())
		}
	}
	want := []string{
		`content/guide/mixed.md:2: warning: Traditional characters in Simplified text: 這→这 個→个`,
		`content/guide/mixed.md:4: warning: date 2099-01-01 is in the future`,
		`content/guide/mixed.md:7:4: warning: half-width "," between Chinese characters: write ，`,
		`content/guide/mixed.md:7:8: warning: pinyin (wǎng) after 网: text copied from a content farm? remove it`,
		`content/guide/mixed.md:7:22: warning: 2 spaces in a row: was a word cut out here?`,
		`content/guide/mixed.md:9: error: broken link "nope.md": content/guide/nope.md does not exist`,
		`content/guide/mixed.md:9: error: broken link "code.md#没有这个标题"`,
		`content/guide/mixed.md:9:3: warning: 个人信息保护法 cited by article without 《》: write 《个人信息保护法》`,
		`content/guide/mixed.zh-hant.md:2: warning: Simplified characters in Traditional text: 体→體 写→寫`,
		`content/guide/mixed.zh-hant.md:5:4: warning: Simplified characters in Traditional text: 这→這`,
		`glossary.toml:2: warning: glossary entry "从未出现的词" matches no text of the site`,
	}
	if len(got) != len(want) {
		t.Errorf("%d findings, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range min(len(got), len(want)) {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("finding %d:\n got %s\nwant %s…", i, got[i], want[i])
		}
	}
	errs := 0
	for _, f := range findings {
		if f.Severity == check.Error {
			errs++
		}
	}
	if errs != 2 {
		t.Errorf("%d errors, want 2 (the links)", errs)
	}
}

// TestImportThenCheck: an article copied from a content farm (Traditional
// characters, pinyin in brackets, half-width commas, boilerplate), imported
// into the site, passes the review without a finding.
func TestImportThenCheck(t *testing.T) {
	t.Parallel()
	root := fixture(t)
	text, err := os.ReadFile("../importer/testdata/scraped.txt")
	if err != nil {
		t.Fatal(err)
	}
	tw2s, err := convert.New("tw2s")
	if err != nil {
		t.Fatal(err)
	}
	today := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	res, err := importer.Article(text, importer.Options{Convert: tw2s, Script: "Simplified", Today: today})
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, root, "content/guide/scraped.md", string(res.Markdown))
	// The same text as it came, for comparison: the review finds its debris.
	writeFile(t, root, "content/guide/raw.md", "+++\ntitle = \"原文\"\ndescription = \"原样\"\n+++\n\n"+string(text))
	findings, err := Check(CheckOptions{Root: root, Today: today})
	if err != nil {
		t.Fatal(err)
	}
	raw := 0
	for _, f := range findings {
		switch filepath.Base(f.File) {
		case "scraped.md":
			t.Errorf("imported draft: %s", f)
		case "raw.md":
			raw++
		}
	}
	if raw < 5 {
		t.Errorf("the raw text gave %d findings; the review misses its debris", raw)
	}
}
