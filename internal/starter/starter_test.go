package starter

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestInstallStep: the deploy workflow installs exactly the zhkb that
// wrote it, or fails saying why it cannot; never @latest.
func TestInstallStep(t *testing.T) {
	for _, tt := range []struct {
		inst Install
		want []string
	}{
		{Install{"github.com/zhkb/zhkb", "v1.4.0", "go1.26.8"}, []string{"run: go install github.com/zhkb/zhkb/cmd/zhkb@v1.4.0\n"}},
		{Install{"example.org/fork/zhkb", "v0.0.0-20261207160000-0123456789ab", "go1.26.8"},
			[]string{"at commit\n      # 0123456789ab.", "run: go install example.org/fork/zhkb/cmd/zhkb@v0.0.0-20261207160000-0123456789ab\n"}},
		{Install{"github.com/zhkb/zhkb", "0123456789ab", "go1.26.8"}, []string{"run: go install github.com/zhkb/zhkb/cmd/zhkb@0123456789ab\n"}},
		{Install{"github.com/zhkb/zhkb", "v0.0.0-20261207160000-0123456789ab+dirty", "go1.26.8"}, []string{"changed or unversioned", "exit 1"}},
		{Install{"github.com/zhkb/zhkb", "(devel)", "go1.26.8"}, []string{"version (devel)", "exit 1"}},
		{Install{}, []string{"version unknown", "exit 1"}},
	} {
		dir := filepath.Join(t.TempDir(), "site")
		if _, err := Init(dir, tt.inst); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dir, ".github", "workflows", "pages.yml"))
		if err != nil {
			t.Fatal(err)
		}
		wf := string(b)
		for _, w := range tt.want {
			if !strings.Contains(wf, w) {
				t.Errorf("%+v: workflow lacks %q:\n%s", tt.inst, w, wf)
			}
		}
		for _, bad := range []string{"@latest", "[[", "&#", "&gt;"} {
			if strings.Contains(wf, bad) {
				t.Errorf("%+v: workflow holds %q", tt.inst, bad)
			}
		}
		wantGo := "go-version: \"1.26.x\""
		if tt.inst.GoVersion == "" {
			wantGo = "go-version: \"stable\""
		}
		if !strings.Contains(wf, wantGo) {
			t.Errorf("%+v: workflow lacks %s", tt.inst, wantGo)
		}
		if !strings.Contains(wf, `-base-url "${{ steps.pages.outputs.base_url }}/"`) {
			t.Errorf("workflow does not build with the Pages base URL")
		}
	}
}

func TestPinned(t *testing.T) {
	for _, c := range []struct {
		inst Install
		want bool
	}{
		{Install{"github.com/zhkb/zhkb", "v1.4.0", "go1.26.8"}, true},
		{Install{"github.com/zhkb/zhkb", "v0.0.0-20261207160000-0123456789ab", "go1.26.8"}, true},
		{Install{"github.com/zhkb/zhkb", "0123456789ab", "go1.26.8"}, true},
		{Install{"github.com/zhkb/zhkb", "v0.0.0-20261207160000-0123456789ab+dirty", "go1.26.8"}, false},
		{Install{"github.com/zhkb/zhkb", "(devel)", "go1.26.8"}, false},
		{Install{"", "v1.4.0", "go1.26.8"}, false},
	} {
		if got := c.inst.Pinned(); got != c.want {
			t.Errorf("%+v: Pinned() = %v", c.inst, got)
		}
		// The step fails exactly when the version is not pinned.
		if fails := strings.Contains(c.inst.Step(), "exit 1"); fails == c.want && c.inst.Module != "" {
			t.Errorf("%+v: the step fails: %v, pinned: %v", c.inst, fails, c.want)
		}
	}
}
