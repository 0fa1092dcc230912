package render

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func layouts(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	base := map[string]string{"base.html": `<html lang="{{.Lang}}">{{block "main" .}}{{end}}</html>`}
	for _, k := range Kinds {
		base[k+".html"] = `{{define "main"}}` + k + `{{end}}`
	}
	base["landing.html"] = `landing {{template "partials/x.html" .}}`
	base["alias.html"] = `alias`
	base["partials/x.html"] = `[{{.Title}}]`
	for k, v := range files {
		base[k] = v
	}
	for name, body := range base {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(body), 0o644)
	}
	return dir
}

func TestExecute(t *testing.T) {
	tm, err := Load(os.DirFS(layouts(t, map[string]string{
		"page.html": `{{define "main"}}{{.Title}} {{date .Date}} {{isoDate .Date}} {{.UI.toc}} {{template "partials/x.html" .}}{{end}}`,
	})))
	if err != nil {
		t.Fatal(err)
	}
	out, err := tm.Execute("page", &Page{Lang: "zh-Hant", Title: "<標題>", Date: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC), UI: map[string]string{"toc": "目錄"}})
	if err != nil {
		t.Fatal(err)
	}
	if want := `<html lang="zh-Hant">&lt;標題&gt; 2024年5月1日 2024-05-01 目錄 [&lt;標題&gt;]</html>`; string(out) != want {
		t.Errorf("got  %s\nwant %s", out, want)
	}
	out, err = tm.Execute("landing", &Page{Title: "x"})
	if err != nil || string(out) != "landing [x]" {
		t.Errorf("standalone kind: %q, %v", out, err)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		kind  string
		want  []string
	}{
		{"parse error names file and line", map[string]string{"section.html": "{{define \"main\"}}\n\n{{.Title}\n{{end}}"}, "", []string{"layouts:", "section.html:3"}},
		{"partial parse error", map[string]string{"partials/bad.html": "{{if}}"}, "", []string{"partials/bad.html:1"}},
		{"missing layout", map[string]string{}, "", nil},
		{"unknown field", map[string]string{"tag.html": "{{define \"main\"}}\n{{.Nope}}{{end}}"}, "tag", []string{"layouts:", "tag.html:2", "Nope"}},
		{"missing UI key", map[string]string{"tags.html": "{{define \"main\"}}{{.UI.nope}}{{end}}"}, "tags", []string{"tags.html:1", "nope"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := layouts(t, tt.files)
			if tt.name == "missing layout" {
				os.Remove(filepath.Join(dir, "tags.html"))
				tt.want = []string{"tags.html is missing"}
			}
			tm, err := Load(os.DirFS(dir))
			if tt.kind != "" {
				if err != nil {
					t.Fatal(err)
				}
				_, err = tm.Execute(tt.kind, &Page{UI: map[string]string{}})
			}
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestOGLocale(t *testing.T) {
	for tag, want := range map[string]string{"zh-Hans": "zh_CN", "zh-Hant": "zh_TW", "zh-HK": "zh_HK", "zh-Hant-MO": "zh_MO", "zh": "zh", "zh-TW": "zh_TW", "zh-Hans-SG": "zh_SG"} {
		if got := OGLocale(tag); got != want {
			t.Errorf("OGLocale(%s) = %s, want %s", tag, got, want)
		}
	}
}
