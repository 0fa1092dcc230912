package convert

import (
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func TestConversions(t *testing.T) {
	tests := []struct{ conv, in, want string }{
		{"s2t", "个人信息保护法", "個人信息保護法"},
		{"s2tw", "获取通讯录权限，保存好证据", "獲取通訊錄權限，保存好證據"},
		{"s2twp", "获取通讯录权限", "獲取通訊錄許可權"}, // regional vocabulary: why s2tw is the default
		{"s2hk", "说明", "説明"},
		{"t2s", "個人資料與隱私", "个人资料与隐私"},
		{"s2tw", "code: x := 1 // ASCII stays", "code: x := 1 // ASCII stays"},
		{"", "原样不变", "原样不变"},
	}
	for _, tt := range tests {
		c, err := New(tt.conv)
		if err != nil {
			t.Fatal(err)
		}
		if got := c.Convert(tt.in); got != tt.want {
			t.Errorf("%s(%q) = %q, want %q", tt.conv, tt.in, got, tt.want)
		}
	}
}

func TestNewLoadsOnce(t *testing.T) {
	a, _ := New("s2tw")
	b, _ := New("s2tw")
	if a != b {
		t.Error("the same conversion was loaded twice")
	}
	if _, err := New("s2xx"); err == nil {
		t.Error("unknown conversion accepted")
	}
}

func TestConcurrentUse(t *testing.T) {
	c, _ := New("s2tw")
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 200; j++ {
				if got := c.Convert("头发与发展"); got != "頭髮與發展" {
					t.Errorf("got %q", got)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// TestCornerQuotes checks the corner-quote option: quotation marks in
// converted text become 「」『』, apostrophes in Latin words stay, and the
// text of -{}- markers is kept as written.
func TestCornerQuotes(t *testing.T) {
	v, err := NewVariant(VariantOptions{Conversion: "s2tw", Code: "zh-Hant", Script: "zh-Hant", Source: "zh-Hans", CornerQuotes: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ in, want string }{
		{"催收说“你朋友‘欠钱不还’”。", "催收說「你朋友『欠錢不還』」。"},
		{"“don’t”是英文", "「don’t」是英文"},
		{"‘单引号’和’孤立", "『單引號』和』孤立"},
		{"没有引号", "沒有引號"},
		{"-{“原样”}-与“转换”", "“原样”與「轉換」"},
	} {
		if got := v.Convert(c.in); got != c.want {
			t.Errorf("Convert(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	plain, err := NewVariant(VariantOptions{Conversion: "s2tw", Code: "zh-Hant", Script: "zh-Hant", Source: "zh-Hans"})
	if err != nil {
		t.Fatal(err)
	}
	if got := plain.Convert("“引号”"); got != "“引號”" {
		t.Errorf("without the option: %q", got)
	}
}

// TestGlossaryTypes checks that entries of the wrong type are errors at
// their line, not silently dropped.
func TestGlossaryTypes(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"\"权限\" = { zh-Hant = \"權限\" }\n\"通讯录\" = \"XX\"\n", `glossary.toml:2: "通讯录" = a string: an entry must be a table of texts`},
		{"\"词\" = 5\n", `glossary.toml:1: "词" = a number`},
		{"\"词\" = { zh-Hant = 5 }\n", `glossary.toml:1: "词": zh-Hant = a number: the text must be a string`},
	} {
		_, err := ParseGlossary("glossary.toml", 1, []byte(c.src), []string{"zh-Hans", "zh-Hant"})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ParseGlossary(%q) = %v, want %q", c.src, err, c.want)
		}
	}
}

func TestLoadGlossaryMissing(t *testing.T) {
	_, err := LoadGlossary(filepath.Join(t.TempDir(), "g.toml"), "g.toml", false, nil)
	if err == nil || !strings.Contains(err.Error(), `g.toml: the glossary file is missing`) || !strings.Contains(err.Error(), `glossary = "g.toml"`) {
		t.Errorf("a missing glossary named in config.toml: %v", err)
	}
	if g, err := LoadGlossary(filepath.Join(t.TempDir(), "g.toml"), "g.toml", true, nil); err != nil || len(g.Entries) != 0 {
		t.Errorf("a missing default glossary: %v, %v", g, err)
	}
}
