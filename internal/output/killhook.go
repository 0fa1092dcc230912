//go:build zhkbkilltest

package output

import "os"

// With ZHKB_TEST_KILL_IN_SWAP=1 in the environment, a zhkb built with the
// tag zhkbkilltest (as cmd/zhkb's tests build it) kills itself between the
// two renames of Commit, for the kill test; zhkb as shipped has no such
// hook.
func init() {
	if os.Getenv("ZHKB_TEST_KILL_IN_SWAP") == "" {
		return
	}
	afterMoveAside = func() {
		if p, err := os.FindProcess(os.Getpid()); err == nil {
			p.Kill()
		}
		select {} // the kill arrives
	}
}
