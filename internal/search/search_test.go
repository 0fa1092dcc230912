package search

import (
	"fmt"
	"math/rand"
	"reflect"
	"strings"
	"testing"

	"github.com/zhkb/zhkb/internal/convert"
)

func folder(t testing.TB) *Folder {
	t2s, err := convert.New("t2s")
	if err != nil {
		t.Fatal(err)
	}
	tw2s, err := convert.New("tw2s")
	if err != nil {
		t.Fatal(err)
	}
	hk2s, err := convert.New("hk2s")
	if err != nil {
		t.Fatal(err)
	}
	f := NewFolder(t2s.Convert, tw2s.Convert, hk2s.Convert)
	f.Join(convert.TaiwanVariants())
	pairs, err := convert.ScriptPairs("s2t", "s2tw", "s2hk", "t2s", "tw2s", "hk2s")
	if err != nil {
		t.Fatal(err)
	}
	f.JoinPairs(pairs)
	return f // as site.SearchFolder builds it
}

func TestTokenize(t *testing.T) {
	type u struct {
		Text string
		Han  bool
		Pos  int
	}
	tests := []struct {
		in   string
		want []u
	}{
		{"通讯录", []u{{"通", true, 0}, {"讯", true, 1}, {"录", true, 2}}},
		{"爆通讯录，合法吗", []u{{"爆", true, 0}, {"通", true, 1}, {"讯", true, 2}, {"录", true, 3}, {"合", true, 5}, {"法", true, 6}, {"吗", true, 7}}},
		{"拨打12378投诉", []u{{"拨", true, 0}, {"打", true, 1}, {"12378", false, 2}, {"投", true, 3}, {"诉", true, 4}}},
		{"app  pipl-2021", []u{{"app", false, 0}, {"pipl", false, 2}, {"2021", false, 4}}},
		{"  ，。", nil},
		{"café 第1条", []u{{"café", false, 0}, {"第", true, 2}, {"1", false, 3}, {"条", true, 4}}},
	}
	for _, tt := range tests {
		var got []u
		for _, x := range Tokenize(tt.in) {
			got = append(got, u{x.Text, x.Han, x.Pos})
			if tt.in[x.Start:x.End] != x.Text {
				t.Errorf("%q: offsets %d-%d give %q, not %q", tt.in, x.Start, x.End, tt.in[x.Start:x.End], x.Text)
			}
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Tokenize(%q) =\n%v\nwant\n%v", tt.in, got, tt.want)
		}
	}
}

func TestFold(t *testing.T) {
	f := folder(t)
	for in, want := range map[string]string{
		"通訊錄":      "通讯录",
		"通讯录":      "通讯录",
		"頭髮與發展":    "头发与发展",
		"ＡＰＰ１２３":   "app123",
		"PIPL":     "pipl",
		"個人資料（私隱）": "个人资料(私隐)",
	} {
		if got := f.String(in); got != want {
			t.Errorf("fold(%q) = %q, want %q", in, got, want)
		}
	}
	// A Traditional form that Simplified text also uses meets the
	// Simplified character it stands for: s2tw writes 着 as 著.
	for _, pair := range [][2]string{{"著", "着"}, {"顯著", "显着"}, {"裡", "里"}, {"乾", "干"}} {
		if a, b := f.String(pair[0]), f.String(pair[1]); a != b {
			t.Errorf("fold(%s) = %s, fold(%s) = %s: they should meet", pair[0], a, pair[1], b)
		}
	}
	for in, want := range map[string]string{
		"通讯录": "通讯录",
	} {
		if got := f.String(in); got != want {
			t.Errorf("fold(%q) = %q, want %q", in, got, want)
		}
	}
	table := f.Table(map[rune]bool{'发': true, '讯': true})
	for _, pair := range []string{"發发", "髮发", "訊讯"} {
		if !strings.Contains(table, pair) {
			t.Errorf("table %q lacks %s", table, pair)
		}
	}
	if strings.Contains(table, "錄") || len([]rune(table))%2 != 0 {
		t.Errorf("table %q holds characters not in use", table)
	}
}

func TestBucketOf(t *testing.T) {
	for _, w := range []string{"pipl", "pi", "pixel"} {
		if bucketOf(w, 97) != bucketOf("pi", 97) {
			t.Errorf("%s is not in the shard of its prefix pi", w)
		}
	}
	// The runtime computes FNV-1a over the UTF-8 bytes with Math.imul; the
	// same loop here must agree with shardOf for any shard count.
	fnv1a := func(s string) uint32 {
		h := uint32(0x811c9dc5)
		for _, b := range []byte(s) {
			h ^= uint32(b)
			h *= 0x01000193
		}
		return h
	}
	for _, tok := range []string{"通讯", "讯", "pipl", "12378", "𠀀𠀁"} {
		for _, n := range []int{1, 7, 1024} {
			if got, want := bucketOf(tok, n), int(fnv1a(shardKey(tok))%uint32(n)); got != want {
				t.Errorf("bucketOf(%q, %d) = %d, want %d", tok, n, got, want)
			}
		}
	}
}

func TestVarints(t *testing.T) {
	nums := []int{0, 1, 31, 32, 33, 1023, 1024, 1 << 20, 123456789}
	var b []byte
	for _, n := range nums {
		b = appendVarint(b, n)
	}
	if got := decodeVarints(string(b)); !reflect.DeepEqual(got, nums) {
		t.Errorf("round trip: %v", got)
	}
}

// BenchmarkBuild indexes 2,000 documents of random text drawn from 3,000
// characters with a Zipf distribution, as bench/gensite writes them.
func BenchmarkBuild(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	zipf := rand.NewZipf(rng, 1.1, 8, 2999)
	var docs []Document
	for i := 0; i < 2000; i++ {
		var sections []Section
		for s := 0; s < 4; s++ {
			var text strings.Builder
			for k := 0; k < 180; k++ {
				text.WriteRune(rune(0x4E00 + zipf.Uint64()))
				if k%23 == 22 {
					text.WriteString("，")
				}
			}
			sections = append(sections, Section{Heading: fmt.Sprintf("第%d节", s), Anchor: fmt.Sprint(s), Text: text.String()})
		}
		docs = append(docs, Document{URL: fmt.Sprintf("d%d/", i), Title: fmt.Sprintf("标题%d", i), Sections: sections})
	}
	fold := folder(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Build(docs, fold); err != nil {
			b.Fatal(err)
		}
	}
}
