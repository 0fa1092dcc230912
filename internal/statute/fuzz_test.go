package statute

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzFind: any text gives citations in order, inside the text, each
// starting with 第 (or empty, inside a range) and of a law of the library
// or a named one it does not keep.
func FuzzFind(f *testing.F) {
	lib, err := Load("testdata", "laws")
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{
		"依据《中华人民共和国个人信息保护法》第四十七条第一款第三项",
		"《个人信息保护法》第四十四条至第四十七条、第一千零三十二条之一",
		"旧法第四十二条；2012 年文本为第四十二条",
		"《《《第", "第十百千条", "第 99999 条", "《〈个保法〉》第一条", "刑法第二百五十三条之",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		cites, _ := lib.Find(text, lib.Law("pipl"))
		last := 0
		for _, c := range cites {
			if c.Start < last || c.End < c.Start || c.End > len(text) {
				t.Fatalf("%q: citation at %d–%d after %d", text, c.Start, c.End, last)
			}
			if !c.Implied && !strings.HasPrefix(text[c.Start:], "第") {
				t.Fatalf("%q: citation %q does not start with 第", text, text[c.Start:c.End])
			}
			if c.Law == nil || (c.Law.ID != "" && lib.Law(c.Law.ID) != c.Law) || (c.Found && c.Law.ID == "") {
				t.Fatalf("%q: citation of %+v", text, c.Law)
			}
			last = c.Start
		}
	})
}
