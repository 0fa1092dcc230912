package check

import (
	"strings"
	"testing"

	"github.com/zhkb/zhkb/internal/convert"
)

func TestText(t *testing.T) {
	scripts, err := convert.Scripts()
	if err != nil {
		t.Fatal(err)
	}
	c := New(scripts, LawTitles([]string{"个人信息保护法", "未成年人个人信息保护法", "民法典", "数据", "刑法"}))
	tests := []struct {
		script, text string
		want         []string // "col: message part", in order
	}{
		{convert.Hans, "这个规定很清楚。", nil},
		{convert.Hans, "這個說法，我们不同意。", []string{"1: Traditional characters in Simplified text: 這→这 個→个 說→说"}},
		{convert.Hant, "這個說法，我们不同意。", []string{"7: Simplified characters in Traditional text: 们→們"}},
		{convert.Hans, "群众、干涉、著名", nil},                      // characters both scripts use
		{convert.Hans, "打开“-{zh-hans:设置;zh-hant:設定}-”", nil}, // a marker's zh-hant text is Traditional
		{convert.Hans, "保留-{臺灣}-原样", nil},                    // kept as written on purpose
		{convert.Hans, "打开“-{zh-hans:設置;zh-hant:設定}-”", []string{"4: Traditional characters in Simplified text: 設→设 (in the marker's zh-hans"}},
		{convert.Hans, "說-{zh-hans:甲;zh-tw:乙们}-", []string{"1: Traditional characters in Simplified text: 說→说", "2: Simplified characters in Traditional text: 们→們 (in the marker's zh-tw"}},
		{convert.Hans, "网(wǎng)贷风(fēng)险(xiǎn)", []string{"2: pinyin (wǎng) after 网", "10: pinyin (fēng) after 风", "17: pinyin (xiǎn) after 险"}},
		{convert.Hans, "应用程序(App)和(ABC)", nil}, // no tone marks: not pinyin
		{convert.Hans, "近年来,随着网贷:一些平台", []string{`4: half-width "," between Chinese characters: write ，`, `9: half-width ":" between Chinese characters: write ：`}},
		{convert.Hans, "一,二, 三", []string{`2: half-width ","`, `4: half-width ","`}},
		{convert.Hans, "Hello, world; 3:00", nil},
		{convert.Hans, "平台在  之后", []string{"4: 2 spaces in a row"}},
		{convert.Hans, "行末的空格  ", nil}, // a hard line break in Markdown
		{convert.Hans, "根据个人信息保护法第十三条", []string{"3: 个人信息保护法 cited by article without 《》: write 《个人信息保护法》"}},
		{convert.Hans, "根据《个人信息保护法》第十三条，民法典规定", nil},
		{convert.Hans, "未成年人个人信息保护法第五条", []string{"1: 未成年人个人信息保护法 cited by article"}},
		{convert.Hans, "刑法 第二百九十三条", []string{"1: 刑法 cited by article"}},
	}
	for _, tt := range tests {
		got := c.Text("a.md", tt.script, Text{Text: tt.text, Pos: func(i int) (int, int) {
			return 7, len([]rune(tt.text[:i])) + 1
		}})
		if len(got) != len(tt.want) {
			t.Errorf("%s: %d findings %v, want %d", tt.text, len(got), got, len(tt.want))
			continue
		}
		for i, f := range got {
			s := f.String()
			col, msg, _ := strings.Cut(tt.want[i], ": ")
			if !strings.HasPrefix(s, "a.md:7:"+col+": warning: ") || !strings.Contains(s, msg) {
				t.Errorf("%s: finding %q, want column %s and %q", tt.text, s, col, msg)
			}
		}
	}
}

func TestLawAndBookTitles(t *testing.T) {
	if got := strings.Join(LawTitles([]string{"信息", "个人信息保护法", "治安管理处罚法", "数据", "网络安全审查办法", "民法典"}), " "); got != "个人信息保护法 治安管理处罚法 网络安全审查办法 民法典" {
		t.Errorf("LawTitles = %s", got)
	}
	if got := strings.Join(BookTitles("依据《民法典》第1032条和《个人信息保护法》，见《 》与《未闭合"), " "); got != "民法典 个人信息保护法" {
		t.Errorf("BookTitles = %s", got)
	}
}
