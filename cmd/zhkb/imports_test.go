package main

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

// TestImportGraph holds the packages to ARCHITECTURE.md's table of what
// each may import: every package under internal/ has a row, and imports
// (its non-test files) exactly the internal packages its row names; site,
// "all the steps", may import any package but those that use it (serve)
// and the test helpers. So the map stays true, and an import up the flow
// fails here.
func TestImportGraph(t *testing.T) {
	doc, err := os.ReadFile("../../ARCHITECTURE.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string][]string{} // package → its row's imports
	for _, line := range strings.Split(string(doc), "\n") {
		cells := strings.Split(line, "|")
		if len(cells) != 5 || !strings.HasPrefix(strings.TrimSpace(cells[1]), "`") {
			continue
		}
		name := strings.Trim(strings.TrimSpace(cells[1]), "`")
		var imports []string
		for _, imp := range strings.Split(cells[3], ",") {
			if imp = strings.TrimSpace(imp); imp != "" && imp != "—" {
				imports = append(imports, imp)
			}
		}
		rows[name] = imports
	}
	got := map[string][]string{}
	err = filepath.WalkDir("../../internal", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		pkg := filepath.ToSlash(filepath.Dir(strings.TrimPrefix(path, "../../internal/")))
		if _, ok := got[pkg]; !ok {
			got[pkg] = nil
		}
		for _, imp := range f.Imports {
			if p, ok := strings.CutPrefix(strings.Trim(imp.Path.Value, `"`), "github.com/zhkb/zhkb/internal/"); ok && !slices.Contains(got[pkg], p) {
				got[pkg] = append(got[pkg], p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) < 15 {
		t.Fatalf("found %d packages under internal/", len(got))
	}
	for pkg, imports := range got {
		sort.Strings(imports)
		want, ok := rows[pkg]
		switch {
		case !ok:
			t.Errorf("internal/%s has no row in ARCHITECTURE.md's table of packages", pkg)
		case slices.Equal(want, []string{"all the steps", "relpath"}):
			for _, imp := range imports {
				if imp == "serve" || strings.HasSuffix(imp, "test") {
					t.Errorf("internal/%s imports %s, which only tests and the preview server may", pkg, imp)
				}
			}
		default:
			sort.Strings(want)
			if !slices.Equal(imports, want) {
				t.Errorf("internal/%s imports %v; ARCHITECTURE.md says %v", pkg, imports, want)
			}
		}
	}
	for pkg := range rows {
		if _, ok := got[pkg]; !ok && !strings.Contains(pkg, " ") {
			t.Errorf("ARCHITECTURE.md lists %s, which is not a package under internal/", pkg)
		}
	}
}
