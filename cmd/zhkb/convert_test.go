package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// binary builds the real zhkb command once for the tests that run it.
func binary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "zhkb-bin-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "zhkb")
		// With the kill test's hook (internal/output/killhook.go), which
		// the shipped binary lacks.
		out, err := exec.Command("go", "build", "-tags", "zhkbkilltest", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = err
			t.Logf("%s", out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

func runBinary(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	cmd.Stdin = strings.NewReader(stdin)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	code = 0
	if x, ok := err.(*exec.ExitError); ok {
		code = x.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return o.String(), e.String(), code
}

func TestConvertCommand(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")
	os.WriteFile(a, []byte("获取通讯录权限\n"), 0o644)
	os.WriteFile(b, []byte("保存好证据\n"), 0o644)
	tests := []struct {
		name, stdin string
		args        []string
		want        string
	}{
		{"stdin", "获取通讯录权限，头发", []string{"convert", "-c", "s2tw"}, "獲取通訊錄權限，頭髮"},
		{"files in order", "", []string{"convert", "-c", "s2twp", a, b}, "獲取通訊錄許可權\n儲存好證據\n"},
		{"to Simplified", "個人資料與隱私", []string{"convert", "-c", "t2s"}, "个人资料与隐私"},
		{"hong kong", "说明", []string{"convert", "-c", "s2hk"}, "説明"},
		{"site rules", "《个人信息保护法》：获取通讯录权限，保存好证据，-{zh-hans:软件;zh-hant:軟體}-", []string{"convert", "-c", "s2twp", "--site", "-s", "../.."},
			"《個人信息保護法》：獲取通訊錄權限，保存好證據，軟體"},
		{"markers without -site stay", "-{保留}-", []string{"convert", "-c", "s2tw"}, "-{保留}-"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runBinary(t, tt.stdin, tt.args...)
			if code != 0 || out != tt.want {
				t.Errorf("exit %d, stdout %q, stderr %q; want %q", code, out, errOut, tt.want)
			}
		})
	}
}

func TestConvertCommandErrors(t *testing.T) {
	_, errOut, code := runBinary(t, "", "convert", "-c", "s2xx")
	if code != 2 || !strings.Contains(errOut, `unknown conversion "s2xx"`) || !strings.Contains(errOut, "s2t, s2tw, s2twp, t2hk, t2s, t2tw, tw2s, tw2sp") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	_, errOut, code = runBinary(t, "", "convert", "-c", "s2tw", "/no/such/file")
	if code != 1 || !strings.Contains(errOut, "/no/such/file") {
		t.Errorf("missing file: exit %d, stderr %q", code, errOut)
	}
	_, errOut, code = runBinary(t, "", "convert", "-c", "s2tw", "--site", "-s", t.TempDir())
	if code != 1 || !strings.Contains(errOut, "config.toml") {
		t.Errorf("site without config: exit %d, stderr %q", code, errOut)
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// TestConvertToDirectory converts files into a directory, keeping their
// relative paths, and refuses paths that lead out of it.
func TestConvertToDirectory(t *testing.T) {
	src, out := t.TempDir(), t.TempDir()
	os.MkdirAll(filepath.Join(src, "laws"), 0o755)
	os.WriteFile(filepath.Join(src, "laws", "a.md"), []byte("银行账户\n"), 0o644)
	repo, _ := filepath.Abs("../..")
	cmd := exec.Command(binary(t), "convert", "-c", "s2tw", "--site", "-s", repo, "-o", out, "laws/a.md")
	cmd.Dir = src
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, msg)
	}
	if got, _ := os.ReadFile(filepath.Join(out, "laws", "a.md")); string(got) != "銀行帳戶\n" {
		t.Errorf("converted file: %q", got)
	}
	_, errOut, code := runBinary(t, "", "convert", "-c", "s2tw", "-o", out, "../a.md")
	if code != 1 || !strings.Contains(errOut, "relative paths inside the current directory") {
		t.Errorf("a path out of the directory: exit %d, %s", code, errOut)
	}
}

// TestConvertKeepsFiles checks that convert -o never writes over its own
// input (s2t and t2s are not inverses: 後 and 后 both come back as 后), and
// replaces another existing file only with -f, checking every file before
// writing any.
func TestConvertKeepsFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
		os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644)
	}
	read := func(name string) string {
		data, _ := os.ReadFile(filepath.Join(dir, name))
		return string(data)
	}
	write("a.txt", "皇后\n")
	write("b.txt", "头发\n")
	write("out/b.txt", "mine\n")
	run := func(args ...string) (string, int) {
		cmd := exec.Command(binary(t), append([]string{"convert", "-c", "s2t"}, args...)...)
		cmd.Dir = dir
		msg, err := cmd.CombinedOutput()
		if x, ok := err.(*exec.ExitError); ok {
			return string(msg), x.ExitCode()
		}
		return string(msg), 0
	}
	for _, args := range [][]string{{"-o", ".", "a.txt"}, {"-f", "-o", ".", "a.txt"}, {"-o", "./", "b.txt", "a.txt"}} {
		msg, code := run(args...)
		if code != 1 || !strings.Contains(msg, "over this file itself") {
			t.Errorf("%v: exit %d, %s", args, code, msg)
		}
	}
	if msg, code := run("-o", "out", "a.txt", "b.txt"); code != 1 || !strings.Contains(msg, "-f to replace") {
		t.Errorf("an existing file: exit %d, %s", code, msg)
	}
	if read("a.txt") != "皇后\n" || read("out/b.txt") != "mine\n" {
		t.Fatal("a refused conversion changed files")
	}
	if _, err := os.Stat(filepath.Join(dir, "out", "a.txt")); err == nil {
		t.Error("a refused conversion wrote its first file")
	}
	if msg, code := run("-f", "-o", "out", "a.txt", "b.txt"); code != 0 || read("out/b.txt") != "頭髮\n" || read("out/a.txt") != "皇后\n" {
		t.Errorf("-f: exit %d, %s; out/b.txt %q", code, msg, read("out/b.txt"))
	}
}
