package content

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzFrontMatter feeds any bytes through the article reader: it never
// panics, and every error names the file and a line of it.
func FuzzFrontMatter(f *testing.F) {
	for _, s := range []string{
		"+++\ntitle = \"标题\"\ndate = 2024-05-01\ntags = [\"隐私\"]\n+++\n\n正文\n",
		"+++\ntitle = \"a\"\ntitle = \"b\"\n+++\n",
		"+++\ntitle = 5\n[glossary]\n\"词\" = 5\n+++\n",
		"+++\n+++\n",
		"正文，没有前言\n",
		"+++\ntitle = \"\xff\"\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		front, body, line, err := SplitFrontMatter("content/x/a.md", src)
		if err != nil {
			checkError(t, err, src)
			return
		}
		if line < 1 || len(body) > len(src) {
			t.Fatalf("body starts on line %d, %d of %d bytes", line, len(body), len(src))
		}
		if _, err := ParseFrontMatter("content/x/a.md", front, true); err != nil {
			checkError(t, err, src)
		}
	})
}

// checkError requires an error to start with the file and a line number
// within the source.
func checkError(t *testing.T, err error, src []byte) {
	t.Helper()
	msg := err.Error()
	if !strings.HasPrefix(msg, "content/x/a.md") {
		t.Fatalf("error does not name the file: %q", msg)
	}
	if !utf8.ValidString(msg) && utf8.Valid(src) {
		t.Fatalf("error is not valid UTF-8: %q", msg)
	}
}
