// Package queries draws the benchmark queries: exact substrings of the
// indexed text, of every length from 1 to 8 Han characters.
package queries

import (
	"math/rand"
	"unicode"

	"github.com/zhkb/zhkb/internal/search"
)

// Substrings takes perLen substrings of each length 1…8 from random
// documents' text, made of Han characters only.
func Substrings(s *search.Stored, rng *rand.Rand, perLen int) map[int][]string {
	qs := map[int][]string{}
	for L := 1; L <= 8; L++ {
		for len(qs[L]) < perLen {
			r := []rune(s.Docs[rng.Intn(len(s.Docs))].Text())
			if len(r) <= L {
				continue
			}
			i := rng.Intn(len(r) - L)
			q := string(r[i : i+L])
			ok := true
			for _, c := range q {
				ok = ok && unicode.Is(unicode.Han, c)
			}
			if ok {
				qs[L] = append(qs[L], q)
			}
		}
	}
	return qs
}
