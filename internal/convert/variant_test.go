package convert

import (
	"fmt"
	"strings"
	"testing"
)

func variant(t *testing.T, conv, code string, gloss string) *Variant {
	t.Helper()
	var g *Glossary
	if gloss != "" {
		var err error
		g, err = ParseGlossary("glossary.toml", 1, []byte(gloss), []string{"zh-Hans", "zh-Hant", "zh-HK"})
		if err != nil {
			t.Fatal(err)
		}
	}
	script := "zh-Hant"
	if code == "zh-Hans" {
		script = "zh-Hans"
	}
	v, err := NewVariant(VariantOptions{Conversion: conv, Code: code, Script: script, Source: "zh-Hans", BookTitles: true, Glossary: g})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestMarkup(t *testing.T) {
	hant := variant(t, "s2tw", "zh-Hant", "")
	hk := variant(t, "s2hk", "zh-HK", "")
	hans := variant(t, "", "zh-Hans", "")
	tests := []struct{ in, hans, hant, hk string }{
		{"保留-{个人信息}-原样", "保留个人信息原样", "保留个人信息原樣", "保留个人信息原樣"},
		{"-{zh-hans:甲;zh-hant:乙;zh-hk:丙}-", "甲", "乙", "丙"},
		{"-{zh-hans:软件;zh-hant:軟體}-下载", "软件下载", "軟體下載", "軟體下載"}, // zh-HK falls back to zh-Hant
		{"-{zh-hant:只有繁体}-", "只有繁体", "只有繁体", "只有繁体"},            // no zh-hans text: the first one written
		{"-{ZH-HANT:大写}-", "大写", "大写", "大写"},
		{"两个-{甲}-和-{乙}-", "两个甲和乙", "兩個甲和乙", "兩個甲和乙"},
		{"没有标记", "没有标记", "沒有標記", "沒有標記"},
	}
	for _, tt := range tests {
		for _, c := range []struct {
			v    *Variant
			want string
		}{{hans, tt.hans}, {hant, tt.hant}, {hk, tt.hk}} {
			if got := c.v.Convert(tt.in); got != c.want {
				t.Errorf("%s: Convert(%q) = %q, want %q", c.v.code, tt.in, got, c.want)
			}
		}
	}
}

func TestMarkupOffsets(t *testing.T) {
	text := "打开“-{zh-hans:设置;zh-hant:設定}-”和-{文字}-"
	pieces, err := ParseMarkup(text)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range pieces {
		got = append(got, text[p.Start:p.End])
	}
	want := []string{"打开“", "-{zh-hans:设置;zh-hant:設定}-", "”和", "-{文字}-"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("pieces at %q, want %q", got, want)
	}
}

func TestMarkupErrors(t *testing.T) {
	for in, want := range map[string]string{
		"未闭合-{文字":                 "not closed",
		"多余的}-":                   "without an opening",
		"-{zh-hans:甲;乙}-":         "not code:text",
		"-{a-{b}-}-":              "nested",
		"-{zh-hans:甲;zh-hans:乙}-": "twice",
	} {
		_, err := ParseMarkup(in)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseMarkup(%q) error = %v, want %q", in, err, want)
		}
	}
	if _, err := ParseMarkup("注意：-{a:b}- 与 -{}- 都是字面"); err != nil {
		t.Errorf("literal markers with colons: %v", err)
	}
	if got := SourceText("第-{zh-hans:十三;zh-hant:拾參}-条", "zh-Hans"); got != "第十三条" {
		t.Errorf("SourceText = %q", got)
	}
}

func TestBookTitles(t *testing.T) {
	twp := variant(t, "s2twp", "zh-Hant", "")
	for in, want := range map[string]string{
		"《个人信息保护法》第十三条":    "《個人信息保護法》第十三條",
		"个人信息〈软件〉个人信息":     "個人資訊〈軟件〉個人資訊",
		"未闭合的《个人信息":        "未閉合的《個人資訊",
		"《头发》与〈发展〉":        "《頭髮》與〈發展〉",
		"〈未闭合 《网络安全法》":     "〈未閉合 《網絡安全法》", // an unclosed 〈 leaves later titles protected
		"《未闭合〈网络〉与《网络安全法》": "《未閉合〈網絡〉與《網絡安全法》",
	} {
		if got := twp.Convert(in); got != want {
			t.Errorf("Convert(%q) = %q, want %q", in, got, want)
		}
	}
	off, _ := NewVariant(VariantOptions{Conversion: "s2twp", Code: "zh-Hant", Script: "zh-Hant", Source: "zh-Hans"})
	if got := off.Convert("《个人信息保护法》"); got != "《個人資訊保護法》" {
		t.Errorf("with the rule off: %q", got)
	}
}

func TestGlossary(t *testing.T) {
	gloss := `
"权限" = { zh-Hant = "權限" }
"保存" = { zh-Hant = "保存" }
"发布" = { zh-Hant = "發布", zh-HK = "發佈" }
"会议通过" = { zh-Hant = "會議通過" }
"通讯录" = { zh-Hans = "通讯录", zh-Hant = "通訊錄" }
"个人信息保护法" = { zh-Hant = "個人信息保護法" }
`
	twp := variant(t, "s2twp", "zh-Hant", gloss)
	hk := variant(t, "s2hk", "zh-HK", gloss)
	hans := variant(t, "", "zh-Hans", gloss)
	for _, tt := range []struct {
		v       *Variant
		in, out string
	}{
		{twp, "获取通讯录权限", "獲取通訊錄權限"},
		{twp, "保存好证据", "保存好證據"},
		{twp, "发布了借款人的照片", "發布了借款人的照片"},
		{twp, "经会议通过", "經會議通過"},
		{twp, "中华人民共和国个人信息保护法", "中華人民共和國個人信息保護法"}, // longer than OpenCC's 10-rune window
		{twp, "-{权限}-", "权限"},                     // a marker beats the glossary
		{hk, "发布", "發佈"},                          // exact code before script
		{hans, "通讯录", "通讯录"},
	} {
		if got := tt.v.Convert(tt.in); got != tt.out {
			t.Errorf("%s: Convert(%q) = %q, want %q", tt.v.code, tt.in, got, tt.out)
		}
	}
	page, _ := ParseGlossary("page.md", 5, []byte(`"权限" = { zh-Hant = "許可權" }`), nil)
	if got := twp.With(page).Convert("权限保存"); got != "許可權保存" {
		t.Errorf("page glossary: %q", got)
	}
	if got := twp.Convert("权限"); got != "權限" {
		t.Errorf("With changed the site converter: %q", got)
	}
}

func TestGlossaryErrors(t *testing.T) {
	_, err := ParseGlossary("glossary.toml", 1, []byte("\"权限\" = { zh-Hant = \"權限\" }\n\"保存\" = { zh-TW = \"保存\" }\n"), []string{"zh-Hans", "zh-Hant"})
	if err == nil || !strings.Contains(err.Error(), `glossary.toml:2: glossary entry "保存" names "zh-TW"`) {
		t.Errorf("err = %v", err)
	}
	_, err = ParseGlossary("glossary.toml", 1, []byte("\"权限\" = \n"), nil)
	if err == nil || !strings.HasPrefix(err.Error(), "glossary.toml:1:") {
		t.Errorf("syntax err = %v", err)
	}
}

// TestTaiwanAccountWords checks that every conversion to Taiwan's standard
// writes 帳 in the account sense, and that Hong Kong keeps 賬.
func TestTaiwanAccountWords(t *testing.T) {
	sentences := "转账到对方的银行账户。到账以后记得对账。先把账算清楚，别赊账。账单和账目要记账。注册账号。秋后算账。挂账。"
	for _, conv := range []string{"s2tw", "s2twp"} {
		v := variant(t, conv, "zh-Hant", "")
		got := v.Convert(sentences)
		if strings.Contains(got, "賬") || strings.Count(got, "帳") != strings.Count(sentences, "账") {
			t.Errorf("%s: %s", conv, got)
		}
		for _, w := range []string{"轉帳", "帳戶", "到帳", "對帳", "算清楚", "賒帳", "帳單", "帳目", "記帳", "帳號", "算帳", "掛帳"} {
			if !strings.Contains(got, w) {
				t.Errorf("%s lacks %s: %s", conv, w, got)
			}
		}
	}
	if got := variant(t, "s2hk", "zh-HK", "").Convert("银行账户"); got != "銀行賬户" {
		t.Errorf("s2hk: %s", got)
	}
	// The engine itself stays exactly OpenCC.
	e, _ := NewEngine("s2tw")
	if got := e.Convert("银行账户"); got != "銀行賬戶" {
		t.Errorf("engine: %s", got)
	}
}

// BenchmarkParseGlossary100k parses a generated glossary of 100,000
// entries (issue 28's target: under a second; finding each entry's line
// up front made it quadratic).
func BenchmarkParseGlossary100k(b *testing.B) {
	var src strings.Builder
	seen := map[string]bool{}
	for r := uint32(1); len(seen) < 100000; r = r*1103515245 + 12345 {
		k := string([]rune{rune(0x4e00 + r%3000), rune(0x4e00 + r/3000%3000), rune(0x4e00 + r/9000000%3000)})
		if seen[k] {
			continue
		}
		seen[k] = true
		fmt.Fprintf(&src, "%q = { zh-Hant = %q }\n", k, k)
	}
	b.SetBytes(int64(src.Len()))
	for b.Loop() {
		g, err := ParseGlossary("glossary.toml", 1, []byte(src.String()), []string{"zh-Hant"})
		if err != nil || len(g.Entries) != 100000 {
			b.Fatalf("%d entries, %v", len(g.Entries), err)
		}
	}
}
