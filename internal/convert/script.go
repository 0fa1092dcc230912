package convert

import (
	"fmt"
	"strings"
	"sync"

	"github.com/longbridgeapp/opencc"
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

// loadScripts reads the single characters of OpenCC's tables: a character
// is Simplified-only when STCharacters converts it and no Traditional table
// (Traditional characters, Taiwan and Hong Kong variants, the keys of the
// Traditional→Simplified tables) has it as a Traditional form; and the
// other way round.
func loadScripts() (*ScriptTable, error) {
	stConverts := map[rune]rune{} // Simplified → first Traditional form
	tsConverts := map[rune]rune{} // Traditional → first Simplified form
	traditional := map[rune]bool{}
	simplified := map[rune]bool{}
	for _, name := range []string{"s2tw", "s2hk", "t2s"} {
		cc, err := opencc.New(name)
		if err != nil {
			return nil, fmt.Errorf("loading OpenCC conversion %q: %w", name, err)
		}
		for _, g := range cc.DictChains {
			for i, file := range g.Files {
				d := g.Dicts[i]
				for _, id := range d.Trie.PrefixPredict(nil, 0) {
					key, err := d.Trie.Key(id)
					if err != nil {
						continue
					}
					k := []rune(string(key))
					vi, err := d.Trie.Value(id)
					if err != nil || len(k) != 1 || vi >= len(d.Values) || len(d.Values[vi]) == 0 {
						continue
					}
					values := d.Values[vi]
					first := []rune(values[0])
					switch {
					case file == "STCharacters.ocd2":
						if len(first) == 1 && first[0] != k[0] {
							stConverts[k[0]] = first[0]
						}
						simplified[k[0]] = true
						for _, v := range values {
							if r := []rune(v); len(r) == 1 {
								traditional[r[0]] = true
							}
						}
					case file == "TSCharacters.ocd2":
						if len(first) == 1 && first[0] != k[0] {
							tsConverts[k[0]] = first[0]
						}
						traditional[k[0]] = true
						for _, v := range values {
							if r := []rune(v); len(r) == 1 {
								simplified[r[0]] = true
							}
						}
					case strings.Contains(file, "Variants"):
						for _, v := range values {
							if r := []rune(v); len(r) == 1 {
								traditional[r[0]] = true
							}
						}
					}
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
