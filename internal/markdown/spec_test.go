package markdown

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/zhkb/zhkb/internal/convert"
)

// specDeviations are the CommonMark examples zhkb renders differently from
// goldmark on purpose, with the reason.
var specDeviations = map[int]string{}

// TestCommonMarkSpec renders every example of the CommonMark spec (0.31.2,
// testdata/commonmark-spec.json, copied from goldmark's _test/spec.json,
// MIT) with zhkb's renderer and an identity conversion, and compares the
// HTML with what goldmark's own renderer, with the same extensions, writes
// for the same syntax tree. Images differ only by the loading="lazy" zhkb
// adds; the examples in specDeviations differ on purpose. (zhkb also drops
// a soft line break between two Chinese characters, as CSS Text 3 does; no
// spec example has one, TestSoftLineBreaks covers it.)
func TestCommonMarkSpec(t *testing.T) {
	data, err := os.ReadFile("testdata/commonmark-spec.json")
	if err != nil {
		t.Fatal(err)
	}
	var examples []struct {
		Markdown string `json:"markdown"`
		Example  int    `json:"example"`
		Section  string `json:"section"`
	}
	if err := json.Unmarshal(data, &examples); err != nil {
		t.Fatal(err)
	}
	if len(examples) != 652 {
		t.Fatalf("%d examples, want the spec's 652", len(examples))
	}
	p := NewParser(Options{})
	r := NewRenderer(convert.Identity{}, Options{})
	differ := map[string]int{}
	for _, ex := range examples {
		d := p.Parse("spec.md", 1, []byte(ex.Markdown))
		var want bytes.Buffer
		if err := p.md.Renderer().Render(&want, d.source, d.root); err != nil {
			t.Fatalf("example %d: goldmark: %v", ex.Example, err)
		}
		got, err := r.Render(d)
		if err != nil {
			t.Fatalf("example %d: %v", ex.Example, err)
		}
		got = bytes.ReplaceAll(got, []byte(` loading="lazy"`), nil)
		_, deviates := specDeviations[ex.Example]
		switch {
		case bytes.Equal(got, want.Bytes()) && deviates:
			t.Errorf("example %d (%s) is listed as a deviation but renders as goldmark does: take it off the list", ex.Example, ex.Section)
		case !bytes.Equal(got, want.Bytes()) && !deviates:
			differ[ex.Section]++
			t.Errorf("example %d (%s):\n%q\ngoldmark: %q\nzhkb:     %q", ex.Example, ex.Section, ex.Markdown, want.String(), got)
		}
	}
	if len(differ) > 0 {
		var s []string
		for sec, n := range differ {
			s = append(s, sec+": "+strings.Repeat("x", n))
		}
		t.Logf("differences by section:\n%s", strings.Join(s, "\n"))
	}
}
