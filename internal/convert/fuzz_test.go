package convert

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzMarkup checks the -{}- parser: pieces cover the text in order (their
// offsets join up and plain pieces are the text between markers), and
// converting with any variant gives valid UTF-8 for valid input.
func FuzzMarkup(f *testing.F) {
	for _, s := range []string{"-{原样}-", "-{zh-hans:甲;zh-hant:乙}-文字", "-{", "}-", "a-{b-{c}-d}-e", "-{zh-hant:}-", "-{;;}-"} {
		f.Add(s)
	}
	v, err := NewVariant(VariantOptions{Conversion: "s2tw", Code: "zh-Hant", Script: "zh-Hant", Source: "zh-Hans", BookTitles: true, CornerQuotes: true})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		pieces, err := ParseMarkup(s)
		if err == nil {
			at := 0
			for _, p := range pieces {
				if p.Start != at || p.End < p.Start || p.End > len(s) {
					t.Fatalf("piece %+v after offset %d in %q", p, at, s)
				}
				if !p.Marker && p.Text != s[p.Start:p.End] {
					t.Fatalf("plain piece %q is not the text %q", p.Text, s[p.Start:p.End])
				}
				at = p.End
			}
			if at != len(s) {
				t.Fatalf("pieces end at %d of %d in %q", at, len(s), s)
			}
		}
		if out := v.Convert(s); utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Fatalf("Convert(%q) = %q, not valid UTF-8", s, out)
		}
	})
}

// FuzzGlossary feeds any TOML to the glossary parser: it never panics, and
// errors name the file.
func FuzzGlossary(f *testing.F) {
	for _, s := range []string{"\"通讯录\" = { zh-Hant = \"通訊錄\" }\n", "\"通讯录\" = \"XX\"\n", "\"词\" = 5\n", "[a]\nb = 1\n", "\"\" = { zh-Hant = \"\" }\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if _, err := ParseGlossary("glossary.toml", 1, []byte(src), []string{"zh-Hans", "zh-Hant"}); err != nil && !strings.HasPrefix(err.Error(), "glossary.toml") {
			t.Fatalf("error does not name glossary.toml: %q", err)
		}
	})
}
