package site

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zhkb/zhkb/internal/convert"
)

// glossaryExamples shows each entry of the repository's glossary.toml at
// work, in the default s2tw and in s2twp (which rewrites vocabulary).
var glossaryExamples = []struct {
	entry, source, s2tw, s2twp string
}{
	{"信息", "依法处理个人信息", "依法處理個人信息", "依法處理個人信息"},
	{"权限", "获取通讯录权限", "獲取通訊錄權限", "獲取通訊錄權限"},
	{"保存", "保存好证据", "保存好證據", "保存好證據"},
	{"程序", "按照法定程序", "按照法定程序", "按照法定程序"},
	{"数据", "电子数据的原件", "電子數據的原件", "電子數據的原件"},
	{"对象", "当作施压对象", "當作施壓對象", "當作施壓對象"},
	{"本站提供法律信息", "本站提供法律信息，不构成法律意见。", "本站提供法律資訊，不構成法律意見。", "本站提供法律資訊，不構成法律意見。"},
	{"链接", "不要点短信里的链接", "不要點短信裡的連結", "不要點簡訊裡的連結"},
	{"发布", "发布了借款人的照片", "發布了借款人的照片", "發布了借款人的照片"},
	{"诋毁", "恶意诋毁", "惡意詆毀", "惡意詆毀"},
	{"得采取", "不得采取暴力", "不得採取暴力", "不得採取暴力"},
	{"得采用", "不得采用暴力", "不得採用暴力", "不得採用暴力"},
	{"发卡", "发卡银行可以协商", "發卡銀行可以協商", "發卡銀行可以協商"},
	{"上链", "上链后未经篡改", "上鏈後未經篡改", "上鏈後未經篡改"},
	{"公布", "公布的名单", "公布的名單", "公布的名單"},
	{"散布", "散布他人隐私", "散布他人隱私", "散布他人隱私"},
	{"向应用", "向应用商店举报", "向應用商店舉報", "向應用商店舉報"},
	{"借资金", "真正出借资金的一方", "真正出借資金的一方", "真正出借資金的一方"},
	{"束发卡", "约束发卡银行", "約束發卡銀行", "約束發卡銀行"},
	{"签", "这是我自己签的借款", "這是我自己簽的借款", "這是我自己簽的借款"},
	{"哄闹", "滋扰、纠缠、哄闹", "滋擾、糾纏、哄鬧", "滋擾、糾纏、哄鬧"},
	{"非法占有", "以非法占有为目的", "以非法占有為目的", "以非法占有為目的"},
	{"占用", "实际占用的本金", "實際占用的本金", "實際占用的本金"},
	{"菜单", "菜单名称", "選單名稱", "選單名稱"},
	{"服务器", "上传到对方服务器", "上傳到對方伺服器", "上傳到對方伺服器"},
	{"在安卓手机", "在安卓手机上", "在 Android 手機上", "在 Android 手機上"},
	{"安卓手机", "安卓手机", "Android 手機", "Android 手機"},
	{"安卓和", "安卓和 iPhone", "Android 和 iPhone", "Android 和 iPhone"},
	{"手机设置", "在手机设置里", "在手機設定裡", "在手機設定裡"},
	{"恢复出厂设置", "恢复出厂设置", "恢復原廠設定", "恢復原廠設定"},
	{"U 盘", "存于 U 盘", "存於 隨身碟", "存於 隨身碟"},
	{"文件夹", "证据文件夹", "證據資料夾", "證據資料夾"},
}

func TestRepositoryGlossary(t *testing.T) {
	t.Parallel()
	g, err := convert.LoadGlossary("../../glossary.toml", "glossary.toml", false, []string{"zh-Hans", "zh-Hant"})
	if err != nil {
		t.Fatal(err)
	}
	covered := map[string]bool{}
	for _, ex := range glossaryExamples {
		covered[ex.entry] = true
		needed := false
		for conv, want := range map[string]string{"s2tw": ex.s2tw, "s2twp": ex.s2twp} {
			v, err := convert.NewVariant(convert.VariantOptions{Conversion: conv, Code: "zh-Hant", Script: "zh-Hant", Source: "zh-Hans", BookTitles: true, Glossary: g})
			if err != nil {
				t.Fatal(err)
			}
			if got := v.Convert(ex.source); got != want {
				t.Errorf("%s(%q) = %q, want %q", conv, ex.source, got, want)
			}
			plain, _ := convert.NewEngine(conv)
			needed = needed || plain.Convert(ex.source) != want
		}
		if !needed {
			t.Errorf("entry %q: OpenCC alone already converts %q right; the entry or its example is not needed", ex.entry, ex.source)
		}
	}
	for source := range g.Entries {
		if !covered[source] {
			t.Errorf("glossary entry %q has no example in glossaryExamples", source)
		}
	}
}

// TestConversionTable builds pages holding the sentences from issue 4's
// table with the repository's glossary, under s2tw and s2twp, and checks
// the Traditional pages.
func TestConversionTable(t *testing.T) {
	t.Parallel()
	for _, conv := range []string{"s2tw", "s2twp"} {
		t.Run(conv, func(t *testing.T) {
			root := fixture(t)
			data, err := os.ReadFile("../../glossary.toml")
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, root, "glossary.toml", string(data))
			writeFile(t, root, "config.toml", "title = \"测试\"\n[[variants]]\ncode = \"zh-Hans\"\n[[variants]]\ncode = \"zh-Hant\"\nconvert = \""+conv+"\"\n")
			writeFile(t, root, "content/guide/table.md", "+++\ntitle = \"《个人信息保护法》第十三条\"\n+++\n\n"+
				"《个人信息保护法》第十三条\n\n获取通讯录权限\n\n保存好证据\n\n发布了借款人的照片\n\n恶意诋毁\n\n会议通过\n\n诉讼程序\n\n`代码里的权限不变`\n")
			out, _ := build(t, root)
			page := read(t, out, "zh-hant/guide/table/index.html")
			for _, want := range []string{"<title>《個人信息保護法》第十三條", "<p>《個人信息保護法》第十三條</p>", "<p>獲取通訊錄權限</p>", "<p>保存好證據</p>",
				"<p>發布了借款人的照片</p>", "<p>惡意詆毀</p>", "<p>會議通過</p>", "<p>訴訟程序</p>", "<code>代码里的权限不变</code>"} {
				if !strings.Contains(page, want) {
					t.Errorf("%s page lacks %q", conv, want)
				}
			}
			// The search index holds the same text.
			files, _ := filepath.Glob(filepath.Join(out, "zh-hant", "search", "t", "*.js"))
			all := ""
			for _, f := range files {
				data, _ := os.ReadFile(f)
				all += string(data)
			}
			if !strings.Contains(all, "獲取通訊錄權限") || strings.Contains(all, "許可權") {
				t.Errorf("%s search index text is not the page text", conv)
			}
		})
	}
}

// TestSearchFolderUndoesConversion checks that every line of the bundled
// articles, converted to each Traditional standard, folds to what the
// Simplified line folds to: what lets the variants share posting lists
// (search.BuildVariants), and what makes a zh-Hans query find zh-Hant text
// (答复 and 答覆, 反复 and 反覆).
func TestSearchFolderUndoesConversion(t *testing.T) {
	t.Parallel()
	fold, err := SearchFolder()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"s2t", "s2tw", "s2hk"} {
		conv, err := convert.New(name)
		if err != nil {
			t.Fatal(err)
		}
		lines := 0
		err = filepath.WalkDir("../../content", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			for i, line := range strings.Split(string(data), "\n") {
				lines++
				if out := conv.Convert(line); !fold.Equal(line, out) {
					t.Errorf("%s:%d: %s gives %q, which folds to %q, not %q", p, i+1, name, out, fold.String(out), fold.String(line))
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if lines < 1000 {
			t.Fatalf("only %d lines of articles", lines)
		}
	}
	for _, pair := range [][2]string{{"答复", "答覆"}, {"反复", "反覆"}, {"借口", "藉口"}} {
		if !fold.Equal(pair[0], pair[1]) {
			t.Errorf("%s and %s fold apart", pair[0], pair[1])
		}
	}
}

// TestSearchFolderVariantForms checks that every variant form of a
// character is one search key: what OpenCC's variant tables (Taiwan's, Hong
// Kong's, and the Traditional forms) write for each other.
func TestSearchFolderVariantForms(t *testing.T) {
	t.Parallel()
	fold, err := SearchFolder()
	if err != nil {
		t.Fatal(err)
	}
	for _, group := range []string{"帳賬帐账", "裡裏里", "著着", "綫線线", "爲為为", "衞衛卫", "僞偽伪", "麪麵面", "峯峰", "啓啟启", "戶户", "說説说", "複覆復复"} {
		rs := []rune(group)
		for _, r := range rs[1:] {
			if fold.Rune(r) != fold.Rune(rs[0]) {
				t.Errorf("%c folds to %c, %c to %c: one key expected for %s", r, fold.Rune(r), rs[0], fold.Rune(rs[0]), group)
			}
		}
	}
}
