package sitetest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

var noBrowserOnce sync.Once

// Browser starts headless Chromium for a test and stops it when the test
// ends. Locally the test is skipped when no browser is installed; in CI (CI
// set) a missing browser is a failure.
func Browser(t *testing.T) context.Context {
	t.Helper()
	var exe string
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			exe = p
			break
		}
	}
	if exe == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("no Chromium found; .ci/run installs Debian's chromium")
		}
		noBrowserOnce.Do(func() {
			// go test ./... shows a passing package's output only with -v,
			// so the skip is also said on the terminal, where there is one.
			if tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
				fmt.Fprintln(tty, "zhkb: the browser tests were skipped: no Chromium found (install Debian's chromium to run them)")
				tty.Close()
			}
		})
		t.Skip("no Chromium found; install chromium to run browser tests")
	}
	// Chromium keeps a socket folder in TMPDIR and leaves it behind; a
	// folder of the test's own, with a short name (a socket's path has at
	// most 107 bytes), goes when the test ends.
	tmp, err := os.MkdirTemp("", "zc")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(tmp) })
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Env("TMPDIR="+tmp),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	return ctx
}
