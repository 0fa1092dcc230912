package convert

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// agreesWithTOML checks that when fastGlossary reads src, a TOML decoder
// reads it too, to the same entries.
func agreesWithTOML(t *testing.T, src string) (fastOK bool) {
	t.Helper()
	fast, ok := fastGlossary([]byte(src))
	if !ok {
		return false
	}
	var want map[string]map[string]string
	if _, err := toml.Decode(src, &want); err != nil {
		t.Fatalf("fastGlossary read %q, which TOML refuses: %v", src, err)
	}
	if want == nil {
		want = map[string]map[string]string{}
	}
	if !reflect.DeepEqual(fast, want) {
		t.Fatalf("%q:\nfast %v\nTOML %v", src, fast, want)
	}
	return true
}

func TestFastGlossary(t *testing.T) {
	site, err := os.ReadFile("../../glossary.toml")
	if err != nil {
		t.Fatal(err)
	}
	if !agreesWithTOML(t, string(site)) {
		t.Error("the site's glossary takes the slow path")
	}
	for _, c := range []struct {
		src  string
		fast bool
	}{
		{"\"信息\" = { zh-Hant = \"信息\" }\n", true},
		{"# c\n\n  \"a\" = {zh-Hant=\"b\",zh-HK = \"c\"}  # trailing\r\n", true},
		{"bare-key_1 = { zh-Hant = \"x\" }", true},
		{"\"e\" = { zh-Hant = \"\\u4e00\\U0001F600\\t\\\"\\\\\" }\n", true},
		{"\"e\" = {}\n", true},
		{"", true},
		{"[table]\n\"a\" = { zh-Hant = \"b\" }\n", false},
		{"a.b = { zh-Hant = \"x\" }\n", false},
		{"\"a\".b = { zh-Hant = \"x\" }\n", false},
		{"\"a\" = { zh-Hant = 'literal' }\n", false},
		{"\"a\" = { zh-Hant = \"\"\"multi\"\"\" }\n", false},
		{"\"a\" = { zh-Hant = 1 }\n", false},
		{"\"a\" = { zh-Hant = \"x\" }\n\"a\" = { zh-Hant = \"y\" }\n", false},
		{"\"a\" = { zh-Hant = \"x\", zh-Hant = \"y\" }\n", false},
		{"\"a\" = { zh-Hant = \"x\" } extra\n", false},
		{"\"a\" = { zh-Hant = \"x\",\n zh-HK = \"y\" }\n", false},
		{"\"a\" = { zh-Hant = \"\\q\" }\n", false},
		{"\"a\" = { zh-Hant = \"\\uD800\" }\n", false},
		{"\"a\" = { zh-Hant = \"x\u0001\" }\n", false},
		{"\"a\" = \"x\"\n", false},
		{"\"a\" = { zh-Hant = \"x\" } # ok\u0001\n", false},
		{"\xff = 1", false},
	} {
		got := agreesWithTOML(t, c.src)
		if got != c.fast {
			t.Errorf("%q: fast path %v, want %v", c.src, got, c.fast)
		}
	}
}

// FuzzFastGlossary: whatever fastGlossary reads, a TOML decoder reads to
// the same entries.
func FuzzFastGlossary(f *testing.F) {
	for _, s := range []string{
		"\"信息\" = { zh-Hant = \"信息\" }\n",
		"a = { b = \"\\u00e9\", c = \"d\" } # x\n",
		"\"x\" = {}\n\n# c\n",
		strings.Repeat("\"字\" = { zh-Hant = \"字\" }\n", 2),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) { agreesWithTOML(t, src) })
}
