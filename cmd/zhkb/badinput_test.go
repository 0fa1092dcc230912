package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zhkb/zhkb/internal/sitetest"
)

// A bad-input case (testdata/bad/NAME.txt) changes the test site and says
// what the failed build must print: "want: TEXT" lines, then the files,
// each after a "-- PATH --" line ("<delete>" removes the path).
type badCase struct {
	wants []string
	files map[string]string
}

func readBadCase(t *testing.T, file string) badCase {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	c := badCase{files: map[string]string{}}
	path := ""
	for _, line := range strings.SplitAfter(string(data), "\n") {
		switch {
		case strings.HasPrefix(line, "-- ") && strings.HasSuffix(line, " --\n"):
			path = strings.TrimSuffix(strings.TrimPrefix(line, "-- "), " --\n")
			c.files[path] = ""
		case path != "":
			c.files[path] += line
		case strings.HasPrefix(line, "want: "):
			c.wants = append(c.wants, strings.TrimSuffix(strings.TrimPrefix(line, "want: "), "\n"))
		case strings.TrimSpace(line) != "":
			t.Fatalf("%s: %q is neither a want: line nor a file", file, line)
		}
	}
	if len(c.wants) == 0 || len(c.files) == 0 {
		t.Fatalf("%s: a case needs want: lines and files", file)
	}
	return c
}

// TestBadInput builds the test site once, then for each case in
// testdata/bad breaks a copy of it and builds again into a copy of that
// output: the build exits 1, prints every wanted text (file and line
// first), and leaves the output byte for byte as it was.
func TestBadInput(t *testing.T) {
	cases, _ := filepath.Glob("testdata/bad/*.txt")
	if len(cases) < 60 {
		t.Fatalf("only %d bad-input cases", len(cases))
	}
	goodOut := filepath.Join(t.TempDir(), "public")
	var o, e bytes.Buffer
	if code := run([]string{"build", "-q", "-s", sitetest.Fixture(t, "../.."), "-o", goodOut}, &o, &e); code != 0 {
		t.Fatalf("the good site does not build: %s", e.String())
	}
	want := tree(t, goodOut)
	for _, file := range cases {
		name := strings.TrimSuffix(filepath.Base(file), ".txt")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c := readBadCase(t, file)
			site := sitetest.Fixture(t, "../..")
			for path, body := range c.files {
				p := filepath.Join(site, filepath.FromSlash(path))
				if body == "<delete>\n" {
					os.RemoveAll(p)
					continue
				}
				os.MkdirAll(filepath.Dir(p), 0o755)
				if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			out := filepath.Join(t.TempDir(), "public")
			if err := sitetest.CopyTree(goodOut, out); err != nil {
				t.Fatal(err)
			}
			var stdout, stderr bytes.Buffer
			code := run([]string{"build", "-q", "-s", site, "-o", out}, &stdout, &stderr)
			if code != 1 {
				t.Errorf("exit %d, want 1; stderr:\n%s", code, stderr.String())
			}
			for _, w := range c.wants {
				if !strings.Contains(stderr.String(), w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr.String())
				}
			}
			if got := tree(t, out); got != want {
				t.Errorf("the output changed")
			}
		})
	}
}
