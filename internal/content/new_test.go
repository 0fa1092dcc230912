package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestNewArticle(t *testing.T) {
	dir := t.TempDir()
	today := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	path, newSection, err := NewArticle(dir, "steps", "report-to-police", today)
	if err != nil {
		t.Fatal(err)
	}
	if !newSection || path != filepath.Join(dir, "steps", "report-to-police.md") {
		t.Errorf("path %s, new section %v", path, newSection)
	}
	data, _ := os.ReadFile(path)
	fm, _, _, err := parseFile(path, data, true)
	if err != nil {
		t.Fatalf("the new file does not parse: %v\n%s", err, data)
	}
	if !fm.Draft || !fm.Date.Equal(today) || fm.Title == "" {
		t.Errorf("front matter: %+v", fm)
	}
	if _, _, err := NewArticle(dir, "steps", "report-to-police", today); err == nil || !strings.Contains(err.Error(), "does not overwrite") {
		t.Errorf("second time: %v", err)
	}
	if _, again, err := NewArticle(dir, "steps", "other", today); err != nil || again {
		t.Errorf("existing section: new %v, %v", again, err)
	}
	for _, tt := range []struct{ section, name, want string }{
		{"steps", "报警", "not usable in a URL"},
		{"steps", "Report", `use "report"`},
		{"steps", "a b", "not usable in a URL"},
		{"steps", "a--b", "not usable in a URL"},
		{"steps", "x.zh-hant", "not usable in a URL"},
		{"steps", "", "empty"},
		{"tags", "x", "taken by zhkb"},
		{"../x", "y", "not usable in a URL"},
	} {
		_, _, err := NewArticle(dir, tt.section, tt.name, today)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s/%s: %v, want %q", tt.section, tt.name, err, tt.want)
		}
	}
}
