package sitetest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

var noBrowserOnce sync.Once

// Browser gives a test a tab of headless Chromium, in a browser context of
// its own (cookies, storage and cache apart from other tests'), closed when
// the test ends. One Chromium serves every test of the test binary: it
// starts with the first. Locally the test is skipped when no browser is
// installed; in CI (CI set) a missing browser is a failure.
func Browser(t *testing.T) context.Context {
	t.Helper()
	exe := chromium()
	if exe == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("no Chromium found; .ci/run installs Debian's chromium-headless-shell")
		}
		noBrowserOnce.Do(func() {
			// go test ./... shows a passing package's output only with -v,
			// so the skip is also said on the terminal, where there is one.
			if tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
				fmt.Fprintln(tty, "zhkb: the browser tests were skipped: no Chromium found (install Debian's chromium-headless-shell or chromium to run them)")
				tty.Close()
			}
		})
		t.Skip("no Chromium found; install chromium-headless-shell or chromium to run browser tests")
	}
	shared.once.Do(func() { shared.ctx, shared.err = start(exe) })
	if shared.err != nil {
		t.Fatalf("starting %s: %v", exe, shared.err)
	}
	tab, cancelTab := chromedp.NewContext(shared.ctx, chromedp.WithNewBrowserContext())
	ctx, cancelTimeout := context.WithTimeout(tab, 60*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelTab() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	return ctx
}

// shared is the Chromium of the test binary.
var shared struct {
	once sync.Once
	ctx  context.Context
	err  error
}

// chromium finds the browser, "" if there is none. Debian's
// chromium-headless-shell (the headless-only build of the same Chromium)
// comes first: with no browser window behind the tab, the browser tests
// take about 40 % less CPU than with the full chromium.
func chromium() string {
	for _, name := range []string{"chromium-headless-shell", "chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// start starts Chromium for the test binary. It keeps a profile and a
// socket folder in a folder of the process's own (a socket's path has at
// most 107 bytes, hence the short name), which stays when the tests end;
// so the folders of test binaries that have ended are removed first.
func start(exe string) (context.Context, error) {
	old, _ := filepath.Glob(filepath.Join(os.TempDir(), "zc-*"))
	for _, dir := range old {
		pid, err := strconv.Atoi(strings.TrimPrefix(filepath.Base(dir), "zc-"))
		if err == nil && syscall.Kill(pid, 0) == syscall.ESRCH {
			os.RemoveAll(dir)
		}
	}
	tmp := filepath.Join(os.TempDir(), fmt.Sprintf("zc-%d", os.Getpid()))
	if err := os.MkdirAll(tmp, 0o700); err != nil {
		return nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(tmp+"/profile"),
		chromedp.Env("TMPDIR="+tmp),
	)
	allocCtx, _ := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, _ := chromedp.NewContext(allocCtx)
	if err := chromedp.Do(ctx); err != nil {
		return nil, err
	}
	return ctx, nil
}

// Until waits, at most timeout, until expr (JavaScript) is true in the
// tab's page, checking every 10 ms. chromedp's own default checks at every
// animation frame, which keeps the page drawing frames while a test waits
// (the browser tests spent about a sixth of their CPU so).
func Until(expr string, timeout time.Duration) chromedp.Action[chromedp.Void] {
	return chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingInterval(10*time.Millisecond), chromedp.WithPollingTimeout(timeout))
}
