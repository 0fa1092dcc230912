package zzq

import (
	"os"
	"strings"
	"testing"

	"github.com/zhkb/zhkb/internal/search/searchtest"
)

func TestQ(t *testing.T) {
	for _, q := range strings.Split(os.Getenv("QS"), ",") {
		s := searchtest.OpenDir(t, os.Getenv("DIR"), true)
		s.KeepEarly = true
		rs := s.Search(q, 5)
		t.Logf("%s: %d results; reads %d", q, len(rs), len(s.Reads))
		for _, e := range s.Early {
			un := 0
			for _, r := range e.Res.Results {
				if r.Unplaced {
					un++
				}
			}
			t.Logf("  early after %d reads: %d results (%d unplaced)", e.Reads, len(e.Res.Results), un)
		}
		t.Logf("  reads: %v", s.Reads)
	}
}
