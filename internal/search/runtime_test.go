package search

import (
	"crypto/sha256"
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestRuntimeMinified checks that the runtime pages load (runtime.min.js)
// was made from the engine.js and box.js in the repository.
func TestRuntimeMinified(t *testing.T) {
	var src []byte
	for _, f := range []string{"engine.js", "box.js"} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		src = append(src, data...)
	}
	sum := fmt.Sprintf("%x", sha256.Sum256(src))
	first, _, _ := strings.Cut(string(Runtime), "\n")
	if !strings.Contains(first, "sha256 "+sum+")") {
		t.Fatalf("runtime.min.js was made from other sources (its first line: %s); run go generate ./internal/search (needs npm)", first)
	}
	if len(Runtime) > len(src)*2/3 {
		t.Errorf("runtime.min.js is %d bytes, its source %d: not minified", len(Runtime), len(src))
	}
}
