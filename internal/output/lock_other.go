//go:build !unix

package output

import "os"

// lockDir does not lock on systems without flock: builds of one output
// must not run at once there.
func lockDir(dir string, wait func() bool) (*os.File, error) { return nil, nil }

func unlockDir(f *os.File) {}
