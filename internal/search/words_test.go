package search

import (
	"strings"
	"testing"
)

func TestParseSynonyms(t *testing.T) {
	groups, err := ParseSynonyms("s.toml", []byte("groups = [\n  [\"坐牢\", \"拘留\"],\n  [\"家人\", \"父母\"],\n]\n"))
	if err != nil || len(groups) != 2 {
		t.Fatalf("%v %v", groups, err)
	}
	for _, tt := range []struct{ src, want string }{
		{"groups = [\n  [\"坐牢\"],\n]\n", "s.toml:2: group 1 has 1 word(s)"},
		{"groups = [\n  [\"坐牢\", \"坐牢\"],\n]\n", "s.toml:2: group 1 names \"坐牢\" twice"},
		{"group = []\n", "s.toml:1"},
		{"groups = [\n  [\"甲\", 5],\n]\n", "s.toml:"},
	} {
		_, err := ParseSynonyms("s.toml", []byte(tt.src))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: error %v, want %q", tt.src, err, tt.want)
		}
	}
}
