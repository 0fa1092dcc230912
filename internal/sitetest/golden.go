package sitetest

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Golden compares got with the golden file, or writes it when update is
// set (each test package has its own -update flag). A difference is
// reported with its first differing line and rerun, the command that
// rewrites the file after a meant change (review the diff before
// committing it).
func Golden(t testing.TB, file string, got []byte, update bool, rerun string) {
	t.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Errorf("%v (%s writes it)", err, rerun)
		return
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s is not what the test makes now (if meant, run %s and review the diff):\n%s", file, rerun, FirstDiff(string(want), string(got)))
	}
}

// FirstDiff shows the first line where want and got differ.
func FirstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + clip(a) + "\n  got:  " + clip(b)
		}
	}
	return "(only line endings differ)"
}

func clip(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}
