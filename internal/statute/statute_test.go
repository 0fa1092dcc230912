package statute

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestParseNumber(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
		size int
	}{
		{"一", 1, 3}, {"十", 10, 3}, {"十五", 15, 6}, {"二十", 20, 6}, {"四十七", 47, 9},
		{"一百零九", 109, 12}, {"二百一十一", 211, 15}, {"一千零三十二", 1032, 18},
		{"一千一百八十三", 1183, 21}, {"两百", 200, 6}, {"1032", 1032, 4}, {"47条", 47, 2},
		{"百", 0, 0}, {"零", 0, 0}, {"", 0, 0}, {"条", 0, 0}, {"12345", 0, 0},
	} {
		n, size := parseNumber(c.in)
		if n != c.want || size != c.size {
			t.Errorf("parseNumber(%q) = %d, %d; want %d, %d", c.in, n, size, c.want, c.size)
		}
	}
}

func TestArticleNumber(t *testing.T) {
	for label, want := range map[string]int{
		"第四十七条": 47000, "第二百五十三条之一": 253001, "第二百九十三条之二": 293002, "第 47 条": 47000,
		"第四十七款": 0, "四十七条": 0, "第四十七条第一款": 0,
	} {
		if n, ok := articleNumber(label); !ok && want != 0 || ok && n != want {
			t.Errorf("articleNumber(%q) = %d, want %d", label, n, want)
		}
	}
}

func load(t *testing.T) *Library {
	t.Helper()
	lib, err := Load("testdata", "laws")
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

func TestFind(t *testing.T) {
	lib := load(t)
	for _, c := range []struct {
		text  string
		scope string // the law in scope before the text
		want  []string
		after string
	}{
		{text: "依据《中华人民共和国个人信息保护法》第四十七条，你可以要求删除。",
			want: []string{"第四十七条 pipl-47000"}, after: "pipl"},
		{text: "《个人信息保护法》第四十四条、第四十五条和第四十七条第一款第二项",
			want: []string{"第四十四条 pipl-44000", "第四十五条 pipl-45000", "第四十七条第一款第二项 pipl-47000"}, after: "pipl"},
		{text: "个保法第四十七条", want: []string{"第四十七条 pipl-47000"}, after: "pipl"},
		{text: "PIPL 只在书名号里认：PIPL 第四十七条", scope: "", want: nil},
		{text: "《个保法》第四十七条", want: []string{"第四十七条 pipl-47000"}, after: "pipl"},
		{text: "个人信息保护法第四十四条至第四十七条",
			want: []string{"第四十四条 pipl-44000", " pipl-45000", " pipl-46000*", "第四十七条 pipl-47000"}, after: "pipl"},
		{text: "第四十七条规定了删除权。", scope: "pipl", want: []string{"第四十七条 pipl-47000"}, after: "pipl"},
		{text: "第四十七条规定了删除权。", scope: "", want: nil},
		{text: "刑法第二百五十三条之一和第二百九十三条", want: []string{"第二百五十三条之一 criminal-law-253001", "第二百九十三条 criminal-law-293000"}, after: "criminal-law"},
		{text: "《治安管理处罚法》第五十条（旧法第四十二条）", want: []string{"第五十条 public-security-50000", "第四十二条 public-security-2012-42000"}, after: "public-security"},
		{text: "修订前的旧法为第四十二条", scope: "public-security", want: []string{"第四十二条 public-security-2012-42000"}, after: "public-security"},
		{text: "2012 年文本为第四十二条", scope: "public-security", want: []string{"第四十二条 public-security-2012-42000"}, after: "public-security"},
		{text: "旧法第五十条", scope: "public-security", want: []string{"第五十条 public-security-2012-50000*"}, after: "public-security"},
		{text: "按《借款合同》第五条，", scope: "pipl", want: []string{"第五条 -5000*"}, after: ""},
		{text: "借款合同第五条", scope: "pipl", want: nil, after: "pipl"},
		{text: "在新《治安管理处罚法》施行后（第四十七条）", scope: "pipl", want: []string{"第四十七条 pipl-47000"}, after: "pipl"},
		{text: "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第一百零六条", scope: "pipl", want: []string{"第一百零六条 -106000*"}, after: ""},
		{text: "第一千零三十二条", scope: "criminal-law", want: []string{"第一千零三十二条 criminal-law-1032000"}, after: "criminal-law"},
		{text: "第十五条第二款", scope: "criminal-law", want: []string{"第十五条第二款 criminal-law-15000*"}, after: "criminal-law"},
		{text: "《书名未闭合第四十七条", scope: "pipl", want: []string{"第四十七条 pipl-47000"}, after: "pipl"},
		{text: "第三款、第二项不是条", scope: "pipl", want: nil, after: "pipl"},
	} {
		got, after := lib.Find(c.text, lib.Law(c.scope))
		var list []string
		for _, g := range got {
			s := c.text[g.Start:g.End] + " " + g.Law.ID + "-" + strconv.Itoa(g.Number)
			if !g.Found {
				s += "*"
			}
			list = append(list, s)
		}
		if strings.Join(list, "|") != strings.Join(c.want, "|") {
			t.Errorf("Find(%q, %q) =\n  %q\nwant\n  %q", c.text, c.scope, list, c.want)
		}
		afterID := ""
		if after != nil {
			afterID = after.ID
		}
		if c.after != "" || after == nil || after.ID != "" {
			if afterID != c.after {
				t.Errorf("Find(%q): scope after is %q, want %q", c.text, afterID, c.after)
			}
		}
	}
}

func TestAnchor(t *testing.T) {
	lib := load(t)
	if got := Anchor(lib.Law("criminal-law"), 253001); got != "law-criminal-law-253-1" {
		t.Errorf("Anchor = %q", got)
	}
	if got := Anchor(lib.Law("pipl"), 47000); got != "law-pipl-47" {
		t.Errorf("Anchor = %q", got)
	}
}

func TestLoadErrors(t *testing.T) {
	for _, c := range []struct{ name, src, want string }{
		{"wrong-id", "id = \"other\"\ntitle = \"法\"\n[articles]\n\"第一条\" = \"x\"\n", `wrong-id.toml:1: id is "other", but the file is named wrong-id.toml`},
		{"no-title", "id = \"no-title\"\n[articles]\n\"第一条\" = \"x\"\n", "no-title.toml:1: no title"},
		{"bad-label", "id = \"bad-label\"\ntitle = \"法\"\n[articles]\n\"一条\" = \"x\"\n", `bad-label.toml:4: article "一条" is not written 第…条`},
		{"unknown-key", "id = \"unknown-key\"\ntitle = \"法\"\nvesion = \"2020\"\n[articles]\n\"第一条\" = \"x\"\n", "unknown-key.toml:3"},
	} {
		dir := t.TempDir()
		if err := os.MkdirAll(filepath.Join(dir, "laws"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "laws", c.name+".toml"), []byte(c.src), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Load(dir, "laws")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.name, err, c.want)
		}
	}
	if _, err := Load(t.TempDir(), "missing"); err == nil || !strings.Contains(err.Error(), "cannot be read") {
		t.Errorf("missing folder: %v", err)
	}
}
