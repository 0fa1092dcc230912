package relpath

import "testing"

func TestRel(t *testing.T) {
	for _, tt := range []struct{ from, to, want string }{
		// Pages by their folders, as the build links them.
		{"laws/pipl/", "laws/civil/", "../civil/"},
		{"laws/pipl/", "faq/q/", "../../faq/q/"},
		{"laws/pipl/", "", "../../"},
		{"laws/", "laws/pipl/", "pipl/"},
		{"", "laws/", "laws/"},
		{"laws/pipl/", "laws/pipl/", "./"},
		{"laws/pipl/", "laws/", "../"},
		// Files, as the bundles link them.
		{"zh-hans/laws/pipl/index.html", "zh-hans/laws/index.html", "../index.html"},
		{"zh-hans/index.html", "zh-hans/index.html", "index.html"},
		{"index.html", "zh-hans/index.html", "zh-hans/index.html"},
		{"zh-hans/a/index.html", "zh-hant/a/index.html", "../../zh-hant/a/index.html"},
		{"zh-hans/a/index.html", "css/zhkb.css", "../../css/zhkb.css"},
		{"zh-hans/laws/index.html", "zh-hans/laws/pipl/index.html", "pipl/index.html"},
		// Mixed.
		{"zh-hans/laws/index.html", "zh-hans/", "../"},
		{"zh-hans/", "zh-hans/laws/index.html", "laws/index.html"},
	} {
		if got := Rel(tt.from, tt.to); got != tt.want {
			t.Errorf("Rel(%q, %q) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}
