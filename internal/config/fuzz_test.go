package config

import (
	"strings"
	"testing"
)

// FuzzParse feeds any text to the config parser: it never panics, every
// error names config.toml, and a config it accepts has variants with
// usable directories and a normalised base URL.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"title = \"知识库\"\n",
		"title = \"a\"\nbaseURL = \"https://example.org/kb\"\n[[variants]]\ncode = \"zh-Hant\"\nquotes = \"corner\"\n",
		"title = \"a\"\n[ui]\nsearch = \"查\"\n[[variants]]\ncode = \"zh-HK\"\n[variants.ui]\nsearch = \"搜\"\n",
		"title = \"a\"\n[search]\nmaxFiles = -1\n",
		"title = \"a\"\ntitle = \"b\"\n",
		"[[variants]]\ncode = \"\"\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		c, err := Parse("config.toml", "/site", []byte(src))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "config.toml") {
				t.Fatalf("error does not name config.toml: %q", err)
			}
			return
		}
		if len(c.Variants) == 0 {
			t.Fatal("an accepted config has no variants")
		}
		for _, v := range c.Variants {
			if !dirRe.MatchString(v.Dir) || reserved[v.Dir] {
				t.Fatalf("accepted variant dir %q", v.Dir)
			}
		}
		if c.BaseURL != "" && (!strings.HasSuffix(c.BaseURL, "/") || strings.ContainsAny(c.BaseURL, "\"<> ")) {
			t.Fatalf("accepted baseURL %q", c.BaseURL)
		}
	})
}
