package output

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// mount mounts a small tmpfs at dir with options, or skips the test where
// mounting is not allowed (not root, or in a container that forbids it).
func mount(t *testing.T, dir, opts string) {
	t.Helper()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", opts, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here (%v: %s)", err, strings.TrimSpace(string(out)))
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
}

// TestOutputOnMounts: an output folder that is a mount point, a read-only
// disk and a full disk each get a message that says what happened and
// what to do, and leave the previous output as it was.
func TestOutputOnMounts(t *testing.T) {
	t.Run("mount point", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "public")
		os.Mkdir(dir, 0o755)
		mount(t, dir, "size=4m")
		markAsBuilt(t, dir)
		s, err := Stage(dir, nil)
		if err != nil {
			t.Fatal(err)
		}
		s.Add("index.html", []byte("new"))
		err = s.Commit()
		if err == nil || !strings.Contains(err.Error(), "mount point") || !strings.Contains(err.Error(), "-o "+filepath.Join(dir, "site")) {
			t.Errorf("Commit onto a mount point: %v", err)
		}
		if _, err := os.Stat(filepath.Join(dir, Marker)); err != nil {
			t.Errorf("the previous output changed: %v", err)
		}
	})
	t.Run("read-only disk", func(t *testing.T) {
		disk := t.TempDir()
		mount(t, disk, "size=4m")
		dir := filepath.Join(disk, "public")
		os.Mkdir(dir, 0o755)
		markAsBuilt(t, dir)
		if out, err := exec.Command("mount", "-o", "remount,ro", disk).CombinedOutput(); err != nil {
			t.Skipf("cannot remount read-only: %v %s", err, out)
		}
		_, err := Stage(dir, nil)
		if err == nil || !strings.Contains(err.Error(), "read-only disk") || strings.Contains(err.Error(), ".zhkb-new") {
			t.Errorf("Stage on a read-only disk: %v", err)
		}
	})
	t.Run("full disk", func(t *testing.T) {
		disk := t.TempDir()
		mount(t, disk, "size=64k")
		dir := filepath.Join(disk, "public")
		os.Mkdir(dir, 0o755)
		os.WriteFile(filepath.Join(dir, "old.html"), []byte("old"), 0o644)
		markAsBuilt(t, dir)
		s, err := Stage(dir, nil)
		if err != nil {
			t.Fatal(err)
		}
		err = s.Add("big.html", make([]byte, 256<<10))
		s.Discard()
		if err == nil || !strings.Contains(err.Error(), "is full") {
			t.Errorf("writing to a full disk: %v", err)
		}
		if data, _ := os.ReadFile(filepath.Join(dir, "old.html")); string(data) != "old" {
			t.Error("the previous output changed")
		}
	})
}

// TestOutputParentNotWritable: an output folder that may be written but
// whose parent may not (here made immutable, which stops root too) gets a
// message saying zhkb builds beside the output.
func TestOutputParentNotWritable(t *testing.T) {
	parent := filepath.Join(t.TempDir(), "site")
	dir := filepath.Join(parent, "public")
	os.MkdirAll(dir, 0o755)
	markAsBuilt(t, dir)
	if out, err := exec.Command("chattr", "+i", parent).CombinedOutput(); err != nil {
		t.Skipf("chattr +i: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("chattr", "-i", parent).Run() })
	_, err := Stage(dir, nil)
	if err == nil || !strings.Contains(err.Error(), "builds the new output beside the old one") || !strings.Contains(err.Error(), "make "+parent+" writable") {
		t.Errorf("Stage with an unwritable parent: %v", err)
	}
}
