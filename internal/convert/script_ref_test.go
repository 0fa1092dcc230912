package convert

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/longbridgeapp/opencc"
)

// TestScriptsMatchReference builds the script table the way it was built
// from longbridgeapp/opencc's dictionaries (2021 data; the reference this
// package's engine is tested against, linked into tests only) and compares
// it with the one built from the OpenCC 1.4.2 data zhkb embeds: they may
// differ only where the data changed between the versions (the character's
// own entry) or where a 1.4.2 phrase keeps the character as it is (a rule
// the reference's build did not have).
func TestScriptsMatchReference(t *testing.T) {
	ours, err := loadScripts()
	if err != nil {
		t.Fatal(err)
	}
	ref, refST, refTS, err := referenceScripts()
	if err != nil {
		t.Fatal(err)
	}
	ourST, ourTS, kept := firstForms(t)
	var unexplained []string
	explained := 0
	for _, side := range []struct {
		name           string
		ours, ref      map[rune]rune
		ourFirst, refF map[rune]rune
	}{
		{"simplified-only", ours.simplifiedOnly, ref.simplifiedOnly, ourST, refST},
		{"traditional-only", ours.traditionalOnly, ref.traditionalOnly, ourTS, refTS},
	} {
		for _, r := range unionKeys(side.ours, side.ref) {
			w, inOurs := side.ours[r]
			v, inRef := side.ref[r]
			if inOurs == inRef && w == v {
				continue
			}
			if side.ourFirst[r] != side.refF[r] || kept[r] {
				explained++
				continue
			}
			unexplained = append(unexplained, fmt.Sprintf("%s %c: reference %c (%v), ours %c (%v)", side.name, r, v, inRef, w, inOurs))
		}
		if len(side.ours) < 2000 {
			t.Errorf("%s holds only %d characters", side.name, len(side.ours))
		}
	}
	t.Logf("%d differences explained by the data versions", explained)
	if len(unexplained) > 25 {
		t.Errorf("%d differences from the reference table the data versions do not explain:\n%s", len(unexplained), strings.Join(unexplained, "\n"))
	}
	for _, c := range []struct {
		r                       rune
		simplified, traditional bool
	}{
		{'们', true, false}, {'們', false, true}, {'龙', true, false}, {'龍', false, true},
		{'后', false, false}, {'後', false, true}, {'乾', false, false}, {'干', false, false},
		{'借', false, false}, {'债', true, false}, {'債', false, true},
	} {
		_, s := ours.simplifiedOnly[c.r]
		_, tr := ours.traditionalOnly[c.r]
		if s != c.simplified || tr != c.traditional {
			t.Errorf("%c: Simplified-only %v, Traditional-only %v; want %v, %v", c.r, s, tr, c.simplified, c.traditional)
		}
	}
}

// firstForms reads the first form each single character of the embedded
// 1.4.2 STCharacters and TSCharacters converts to (absent when it stays),
// and the characters a phrase keeps as they are.
func firstForms(t *testing.T) (st, ts map[rune]rune, kept map[rune]bool) {
	kept = map[rune]bool{}
	read := func(file string) map[rune]rune {
		data, err := openccData.ReadFile("data/opencc/" + file + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		m := map[rune]rune{}
		for _, line := range strings.Split(string(data), "\n") {
			key, value, ok := strings.Cut(line, "\t")
			fields := strings.Fields(value)
			k := []rune(key)
			if !ok || len(fields) == 0 {
				continue
			}
			f := []rune(fields[0])
			if len(k) == 1 && len(f) == 1 && f[0] != k[0] {
				m[k[0]] = f[0]
			}
			if len(k) > 1 && len(f) == len(k) {
				for i := range k {
					if k[i] == f[i] {
						kept[k[i]] = true
					}
				}
			}
		}
		return m
	}
	st, ts = read("STCharacters"), read("TSCharacters")
	read("STPhrases")
	read("TSPhrases")
	return st, ts, kept
}

func unionKeys(a, b map[rune]rune) []rune {
	var keys []rune
	for r := range a {
		keys = append(keys, r)
	}
	for r := range b {
		if _, ok := a[r]; !ok {
			keys = append(keys, r)
		}
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	return keys
}

// referenceScripts is the script table as zhkb built it from
// longbridgeapp/opencc's compiled dictionaries, with the first forms of
// their single characters.
func referenceScripts() (table *ScriptTable, st, ts map[rune]rune, err error) {
	stConverts := map[rune]rune{} // Simplified → first Traditional form
	tsConverts := map[rune]rune{} // Traditional → first Simplified form
	traditional := map[rune]bool{}
	simplified := map[rune]bool{}
	for _, name := range []string{"s2tw", "s2hk", "t2s"} {
		cc, err := opencc.New(name)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("loading OpenCC conversion %q: %w", name, err)
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
	table = &ScriptTable{simplifiedOnly: map[rune]rune{}, traditionalOnly: map[rune]rune{}}
	for s, tr := range stConverts {
		if !traditional[s] {
			table.simplifiedOnly[s] = tr
		}
	}
	for tr, s := range tsConverts {
		if !simplified[tr] {
			table.traditionalOnly[tr] = s
		}
	}
	return table, stConverts, tsConverts, nil
}
