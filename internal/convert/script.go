package convert

import (
	"fmt"
	"strings"
	"sync"
)

// Script names, as in BCP 47.
const (
	Hans = "zh-Hans"
	Hant = "zh-Hant"
)

// ScriptTable tells the characters that belong to one script only, as
// OpenCC's tables have them: 个 exists only in Simplified (Traditional 個),
// 個 only in Traditional. Characters both scripts use (群, 干, 著) are in
// neither set.
type ScriptTable struct {
	simplifiedOnly  map[rune]rune // → its Traditional form
	traditionalOnly map[rune]rune // → its Simplified form
}

var (
	scriptsOnce  sync.Once
	scriptsTable *ScriptTable
	scriptsErr   error
)

// Scripts returns the script table, read from OpenCC's dictionaries once per
// process.
func Scripts() (*ScriptTable, error) {
	scriptsOnce.Do(func() { scriptsTable, scriptsErr = loadScripts() })
	return scriptsTable, scriptsErr
}

// loadScripts reads OpenCC's tables (the 1.4.2 data this package embeds):
// a character is Simplified-only when STCharacters converts it and no
// Traditional text of the tables writes it (the Traditional forms of
// characters and phrases, Taiwan and Hong Kong variants, the keys of the
// Traditional→Simplified table): 后 converts to 後, yet 皇后 stays 皇后;
// and the other way round: 乾 converts to 干, yet 乾隆 stays 乾隆.
func loadScripts() (*ScriptTable, error) {
	stConverts := map[rune]rune{} // Simplified → first Traditional form
	tsConverts := map[rune]rune{} // Traditional → first Simplified form
	traditional := map[rune]bool{}
	simplified := map[rune]bool{}
	for _, file := range []string{"STCharacters", "TSCharacters", "STPhrases", "TSPhrases", "TWVariants", "HKVariants"} {
		data, err := openccData.ReadFile("data/opencc/" + file + ".txt")
		if err != nil {
			return nil, fmt.Errorf("loading OpenCC dictionary %s: %w", file, err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			key, value, ok := strings.Cut(line, "\t")
			k := []rune(key)
			if !ok || k == nil {
				continue
			}
			if len(k) > 1 { // a phrase: each form is written in its script (皇后 and 乾隆 stay as they are)
				for _, r := range value {
					if file == "STPhrases" {
						traditional[r] = true
					} else if file == "TSPhrases" {
						simplified[r] = true
					}
				}
				continue
			}
			var singles []rune
			for _, v := range strings.Fields(value) {
				if r := []rune(v); len(r) == 1 {
					singles = append(singles, r[0])
				}
			}
			fields := strings.Fields(value)
			if len(fields) == 0 {
				continue
			}
			first := []rune(fields[0])
			switch {
			case file == "STCharacters":
				if len(first) == 1 && first[0] != k[0] {
					stConverts[k[0]] = first[0]
				}
				simplified[k[0]] = true
				for _, r := range singles {
					traditional[r] = true
				}
			case file == "TSCharacters":
				if len(first) == 1 && first[0] != k[0] {
					tsConverts[k[0]] = first[0]
				}
				traditional[k[0]] = true
				for _, r := range singles {
					simplified[r] = true
				}
			default: // regional variants
				for _, r := range singles {
					traditional[r] = true
				}
			}
		}
	}
	t := &ScriptTable{simplifiedOnly: map[rune]rune{}, traditionalOnly: map[rune]rune{}}
	for s, tr := range stConverts {
		if !traditional[s] {
			t.simplifiedOnly[s] = tr
		}
	}
	for tr, s := range tsConverts {
		if !simplified[tr] {
			t.traditionalOnly[tr] = s
		}
	}
	return t, nil
}

// Foreign reports whether r belongs only to the script other than script
// (Hans or Hant), and if so its form in script: Foreign(Hans, '個') is
// ('个', true).
func (t *ScriptTable) Foreign(script string, r rune) (rune, bool) {
	var m map[rune]rune
	if script == Hant {
		m = t.simplifiedOnly
	} else {
		m = t.traditionalOnly
	}
	c, ok := m[r]
	return c, ok
}
