package config

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseDefaults(t *testing.T) {
	c, err := Parse("config.toml", "/site", []byte(`title = "知识库"`))
	if err != nil {
		t.Fatal(err)
	}
	if c.Source != Hans {
		t.Errorf("source = %q, want zh-Hans", c.Source)
	}
	want := []Variant{
		{Code: "zh-Hans", Dir: "zh-hans", Convert: "", Label: "简体中文", Script: Hans},
		{Code: "zh-Hant", Dir: "zh-hant", Convert: "s2tw", Label: "繁體中文", Script: Hant},
	}
	if len(c.Variants) != len(want) {
		t.Fatalf("got %d variants, want %d", len(c.Variants), len(want))
	}
	for i, w := range want {
		g := c.Variants[i]
		if g.Code != w.Code || g.Dir != w.Dir || g.Convert != w.Convert || g.Label != w.Label || g.Script != w.Script {
			t.Errorf("variant %d = %+v, want %+v", i, g, w)
		}
	}
	if len(c.UI) != 0 {
		t.Errorf("a site without [ui] has UI strings %v", c.UI)
	}
	if c.Search.MaxFiles != 0 {
		t.Errorf("search maxFiles = %d, want 0 (the search package's default)", c.Search.MaxFiles)
	}
	c, err = Parse("config.toml", "/site", []byte("title = \"a\"\n[search]\nmaxFiles = 8000\n"))
	if err != nil || c.Search.MaxFiles != 8000 {
		t.Errorf("search maxFiles = 8000: got %v, %v", c, err)
	}
}

func TestParseTraditionalSource(t *testing.T) {
	c, err := Parse("config.toml", "/site", []byte("title = \"知識庫\"\nsource = \"zh-Hant\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Variants[0].Code != "zh-Hant" || c.Variants[0].Convert != "" {
		t.Errorf("first variant = %+v, want unconverted zh-Hant", c.Variants[0])
	}
	if c.Variants[1].Code != "zh-Hans" || c.Variants[1].Convert != "t2s" {
		t.Errorf("second variant = %+v, want zh-Hans via t2s", c.Variants[1])
	}
}

// TestDefaultUI checks that each locale gets its own wording: the
// mainland's, Taiwan's (for zh-TW and zh-Hant), Hong Kong's (zh-HK, zh-MO).
func TestDefaultUI(t *testing.T) {
	for _, c := range []struct{ code, key, want string }{
		{"zh-Hans", "search", "搜索"},
		{"zh-CN", "breadcrumb", "当前位置"},
		{"zh-Hant", "search", "搜尋"},
		{"zh-TW", "breadcrumb", "目前位置"},
		{"zh-Hant-TW", "offlineHTML", "單一網頁檔案"},
		{"zh-Hant", "searchNone", "找不到與「{q}」相關的內容"},
		{"zh-TW", "sections", "分類"},
		{"zh-HK", "sections", "類別"},
		{"zh-HK", "backHome", "返回首頁"},
		{"zh-Hant-MO", "published", "發佈於"},
		{"zh-TW", "published", "發布於"},
	} {
		if got := DefaultUI(c.code)[c.key]; got != c.want {
			t.Errorf("DefaultUI(%s)[%s] = %q, want %q", c.code, c.key, got, c.want)
		}
	}
	// Every locale has every string (the disclaimer is the site's to set:
	// empty in all).
	hans := DefaultUI("zh-Hans")
	for _, code := range []string{"zh-Hans", "zh-TW", "zh-HK"} {
		ui := DefaultUI(code)
		for k := range hans {
			if _, ok := ui[k]; !ok || (ui[k] == "") != (k == "disclaimer") {
				t.Errorf("%s: %s string %q", code, k, ui[k])
			}
		}
		if len(ui) != len(hans) {
			t.Errorf("%s has %d strings, zh-Hans %d", code, len(ui), len(hans))
		}
	}
	DefaultUI("zh-TW")["search"] = "x"
	if DefaultUI("zh-TW")["search"] != "搜尋" {
		t.Error("DefaultUI returns the shared table, not a copy")
	}
}

func TestParseVariantsAndUI(t *testing.T) {
	src := `title = "知识库"
baseURL = "https://example.org/kb"

[ui]
search = "查找"
custom = "自定义"

[[variants]]
code = "zh-Hans"
dir = "zh-hans"
label = "简体"

[[variants]]
code = "zh-HK"
convert = "s2hk"
label = "香港繁體"
[variants.ui]
search = "搜尋"
`
	c, err := Parse("config.toml", "/site", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if c.BaseURL != "https://example.org/kb/" {
		t.Errorf("baseURL = %q, want trailing slash added", c.BaseURL)
	}
	hk := c.Variants[1]
	if hk.Dir != "zh-hk" || hk.Script != Hant || hk.Convert != "s2hk" || hk.UI["search"] != "搜尋" {
		t.Errorf("zh-HK variant = %+v", hk)
	}
	if c.UI["search"] != "查找" || c.UI["custom"] != "自定义" || len(c.UI) != 2 {
		t.Errorf("UI = %v", c.UI)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // substrings of the error, position first
	}{
		{"syntax", "title = \"a\"\ndescription = \n", []string{"config.toml:2:", "invalid TOML"}},
		{"unknown key", "title = \"a\"\ntitel = \"b\"\n", []string{"config.toml:2:", `unknown key "titel"`, "allowed here:", "title"}},
		{"unknown variant key", "title = \"a\"\n[[variants]]\ncode = \"zh-Hans\"\nlang = \"x\"\n", []string{"config.toml:4:", `unknown key "variants.lang"`, "code, convert, dir, help, label, quotes, ui"}},
		{"unknown table", "title = \"a\"\n[params]\nx = 1\n", []string{"config.toml:2:", `unknown key "params"`}},
		{"wrong type", "title = 3\n", []string{"config.toml:1:", "title is a number, but must be text in quotes", `write title = "…"`}},
		{"missing title", "description = \"d\"\n", []string{"config.toml", "title is required"}},
		{"bad source", "title = \"a\"\nsource = \"en\"\n", []string{"config.toml:2:", `source "en"`}},
		{"bad baseURL", "title = \"a\"\nbaseURL = \"example.org\"\n", []string{"config.toml:2:", "baseURL", "absolute"}},
		{"baseURL with markup", "title = \"a\"\nbaseURL = 'https://x.org/\"><script>alert(1)</script>'\n", []string{"config.toml:2:", "not a plain http(s) address"}},
		{"baseURL with a query", "title = \"a\"\nbaseURL = \"https://x.org/?a=1\"\n", []string{"config.toml:2:", "no quotes, brackets, spaces, query"}},
		{"variant dir download", "title = \"a\"\n[[variants]]\ncode = \"zh-Hans\"\ndir = \"download\"\n", []string{"config.toml:4:", `dir "download"`}},
		{"unknown conversion", "title = \"a\"\n[[variants]]\ncode = \"zh-Hant\"\nconvert = \"s2xx\"\n", []string{"config.toml:4:", `unknown conversion "s2xx"`, "s2tw"}},
		{"conversion from wrong script", "title = \"a\"\n[[variants]]\ncode = \"zh-Hans\"\nconvert = \"t2s\"\n", []string{"config.toml:4:", `"t2s" reads zh-Hant text but the source is zh-Hans`}},
		{"bad code", "title = \"a\"\n[[variants]]\ncode = \"中文\"\n", []string{"config.toml:3:", "not a BCP 47"}},
		{"duplicate dir", "title = \"a\"\n[[variants]]\ncode = \"zh-Hans\"\ndir = \"x\"\n[[variants]]\ncode = \"zh-Hant\"\ndir = \"x\"\n", []string{`variant dir "x" appears twice`}},
		{"reserved dir", "title = \"a\"\n[[variants]]\ncode = \"zh-Hans\"\ndir = \"css\"\n", []string{"config.toml:4:", `dir "css"`}},
		{"unknown quotes", "title = \"a\"\n[[variants]]\ncode = \"zh-Hant\"\nquotes = \"fancy\"\n", []string{"config.toml:4:", `quotes = "fancy"`, `quotes = "corner"`}},
		{"ui override of unknown key", "title = \"a\"\n[[variants]]\ncode = \"zh-Hant\"\n[variants.ui]\nserch = \"搜\"\n", []string{"config.toml:5:", `"serch" names no UI string`}},
		{"search maxFiles too small", "title = \"a\"\n[search]\nmaxFiles = 10\n", []string{"config.toml:3:", "maxFiles = 10 is too small"}},
		{"help without text", "title = \"a\"\n[help]\nlink = \"x.md\"\n", []string{"config.toml:2:", "[help]: text is required"}},
		{"help phone not a number", "title = \"a\"\n[help]\ntext = \"求助\"\nphones = [{ number = \"call 110\", label = \"报警\" }]\n", []string{"config.toml:2:", `phone "call 110" is not a phone number`}},
		{"help link outside", "title = \"a\"\n[help]\ntext = \"求助\"\nlink = \"../x.md\"\n", []string{"config.toml:2:", "must name an article under content/"}},
		{"help unknown key", "title = \"a\"\n[help]\ntext = \"求助\"\nurl = \"x\"\n", []string{"config.toml:4:", `unknown key "help.url"`, "link, phones, text"}},
		{"variant help phone", "title = \"a\"\n[[variants]]\ncode = \"zh-Hant\"\n[variants.help]\ntext = \"求助\"\nphones = [{ number = \"1\" }]\n", []string{"config.toml:2:", "variants[0] help: phone \"1\""}},
		{"bad tag slug", "title = \"a\"\n[tagSlugs]\n\"催收\" = \"催收\"\n", []string{"config.toml:3:", "not a valid URL segment"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("config.toml", "/site", []byte(tt.src))
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			for i, w := range tt.want {
				if i == 0 && strings.HasPrefix(w, "config.toml") {
					if !strings.HasPrefix(msg, w) {
						t.Errorf("error %q does not start with %q", msg, w)
					}
					continue
				}
				if !strings.Contains(msg, w) {
					t.Errorf("error %q lacks %q", msg, w)
				}
			}
		})
	}
}

// TestParseHelp checks the help line: the site's, a variant's own, and
// numbers grouped for reading.
func TestParseHelp(t *testing.T) {
	src := "title = \"a\"\n[help]\ntext = \" 马上求助 \"\nlink = \"steps/help.md#now\"\nphones = [{ number = \"12356\", label = \"心理援助\" }]\n" +
		"[[variants]]\ncode = \"zh-Hans\"\n[[variants]]\ncode = \"zh-Hant\"\n[variants.help]\ntext = \"馬上求助\"\nphones = [{ number = \"2896 0000\", label = \"撒瑪利亞會\" }, { number = \"400-161-9995\" }]\n"
	c, err := Parse("config.toml", "/site", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if h := c.Help; h == nil || h.Text != "马上求助" || h.Link != "steps/help.md#now" || len(h.Phones) != 1 || h.Phones[0] != (Phone{"12356", "心理援助"}) || h.Line != 2 {
		t.Errorf("[help] = %+v", h)
	}
	if c.Variants[0].Help != nil {
		t.Errorf("zh-Hans has its own help line: %+v", c.Variants[0].Help)
	}
	if h := c.Variants[1].Help; h == nil || h.Text != "馬上求助" || len(h.Phones) != 2 || h.Phones[0].Number != "2896 0000" || h.Phones[1].Number != "400-161-9995" {
		t.Errorf("zh-Hant help = %+v", h)
	}
}

func TestScriptOf(t *testing.T) {
	for code, want := range map[string]string{
		"zh-Hans": Hans, "zh-CN": Hans, "zh-SG": Hans, "zh": Hans,
		"zh-Hant": Hant, "zh-TW": Hant, "zh-HK": Hant, "zh-MO": Hant, "zh-Hant-TW": Hant,
	} {
		if got := ScriptOf(code); got != want {
			t.Errorf("ScriptOf(%q) = %s, want %s", code, got, want)
		}
	}
}

func TestCheckOutput(t *testing.T) {
	root := t.TempDir()
	c := &Config{Root: root}
	for _, bad := range []string{root, filepath.Dir(root), filepath.Join(root, "content"), filepath.Join(root, "content", "out"), filepath.Join(root, "static")} {
		if err := c.CheckOutput(bad); !errors.Is(err, ErrOutputUnsafe) {
			t.Errorf("CheckOutput(%s) = %v, want ErrOutputUnsafe", bad, err)
		}
	}
	for _, ok := range []string{filepath.Join(root, "public"), filepath.Join(t.TempDir(), "out"), filepath.Join(root, "contents")} {
		if err := c.CheckOutput(ok); err != nil {
			t.Errorf("CheckOutput(%s) = %v, want nil", ok, err)
		}
	}
}
