package importer

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/zhkb/zhkb/internal/content"
	"github.com/zhkb/zhkb/internal/convert"
)

// FuzzArticle imports any text: it never panics, and what it writes is a
// draft whose front matter zhkb reads back, in valid UTF-8 for valid input.
func FuzzArticle(f *testing.F) {
	for _, s := range []string{"网贷爆通讯录怎么办?\n\n来源：网络\n\n近年来，随着网(wǎng)络借贷……\n", "這是什麼問題？\n\n+++\n\n\"\"\"\n", "", "\xff\xfe", "title\n\n```\n+++\n```\n"} {
		f.Add(s)
	}
	tw2s, err := convert.New("tw2s")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		res, err := Article([]byte(text), Options{Convert: tw2s, Source: convert.Hans, Script: "Simplified", Today: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			return
		}
		md := string(res.Markdown)
		if utf8.ValidString(text) && !utf8.ValidString(md) {
			t.Fatalf("invalid UTF-8 from %q", text)
		}
		front, _, _, err := content.SplitFrontMatter("content/x/a.md", res.Markdown)
		if err == nil {
			_, err = content.ParseFrontMatter("content/x/a.md", front, false)
		}
		if err != nil && !strings.Contains(err.Error(), "title is required") {
			t.Fatalf("the draft of %q does not read back: %v\n%s", text, err, md)
		}
	})
}
