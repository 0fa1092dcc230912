package search

import (
	"encoding/json"
	"testing"
	"unicode/utf8"
)

// FuzzJSONString checks that appendJSONString writes what json.Marshal
// writes.
func FuzzJSONString(f *testing.F) {
	for _, s := range []string{"", "第一条\n第二条", "a\"b\\c\n\u2028\u2029\x01\xe2\x80<>&\t\r", "《法》</script>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // the index holds rendered text, always valid
		}
		want, _ := json.Marshal(s)
		if got := appendJSONString(nil, s); string(got) != string(want) {
			t.Fatalf("appendJSONString(%q) = %s, json.Marshal gives %s", s, got, want)
		}
	})
}

// FuzzDecodeRune checks decodeRune against utf8.DecodeRuneInString on any
// bytes.
func FuzzDecodeRune(f *testing.F) {
	for _, s := range []string{"a你好", "\xed\xa0\x80\xe0\x80\x80b", "\xe4\xbd", "𠀀"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i := 0; i < len(s); {
			r, n := decodeRune(s, i)
			r2, n2 := utf8.DecodeRuneInString(s[i:])
			if r != r2 || n != n2 {
				t.Fatalf("decodeRune(%q, %d) = %q, %d; utf8 gives %q, %d", s, i, r, n, r2, n2)
			}
			i += n
		}
	})
}

// FuzzTokenize checks the tokenizer on any text: units come in order, do
// not overlap, and each is the folded text at its offsets.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"个人信息保护法第13条", "Android 手機，iPhone", "𠀀𠀁 a1 ＡＢＣ", "\xff中"} {
		f.Add(s)
	}
	fold := folder(f)
	f.Fuzz(func(t *testing.T, s string) {
		folded := fold.String(s)
		units := Tokenize(folded)
		pos, end := -1, 0
		for _, u := range units {
			if u.Pos <= pos || u.Start < end || u.End <= u.Start || u.End > len(folded) {
				t.Fatalf("unit %+v after position %d, offset %d in %q", u, pos, end, folded)
			}
			if folded[u.Start:u.End] != u.Text {
				t.Fatalf("unit text %q is not %q", u.Text, folded[u.Start:u.End])
			}
			pos, end = u.Pos, u.End
		}
	})
}
