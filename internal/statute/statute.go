// Package statute loads the official texts of laws a site keeps and finds
// citations of their articles (《个人信息保护法》第四十七条) in running text.
package statute

import (
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/zhkb/zhkb/internal/diag"
	"github.com/zhkb/zhkb/internal/strictoml"
)

// Law is one version of a law (or regulation, or judicial interpretation)
// with the texts of the articles the site keeps.
type Law struct {
	ID           string   `toml:"id"`            // the file's name without .toml; anchors use it
	Title        string   `toml:"title"`         // full official title
	Short        []string `toml:"short"`         // other names the texts use: 个人信息保护法, 个保法
	Version      string   `toml:"version"`       // date the text was adopted or last amended, 2021-08-20
	InForce      string   `toml:"in_force"`      // date it took effect, if known
	InForceFrom  string   `toml:"in_force_from"` // the article that says so
	Current      bool     `toml:"current"`       // the version in force; citations mean it unless they name another
	SupersededBy string   `toml:"superseded_by"` // the ID of the version that replaced this one
	Source       string   `toml:"source"`        // where the texts were copied from
	Note         string   `toml:"note"`
	// Articles maps an article's label (第四十七条, 第二百五十三条之一) to its
	// text, paragraphs separated by "\n".
	Articles map[string]string `toml:"articles"`

	File     string         `toml:"-"` // where it was read from, for messages
	articles map[int]string // article number (see number) → label
}

// Library is the laws of a site. It is read-only once loaded and safe for
// concurrent use.
type Library struct {
	Laws  []*Law // by ID
	byID  map[string]*Law
	names []name // every name a law goes by, longest first
}

type name struct {
	text    string
	law     *Law
	bracket bool // only inside 《》: short names that are ordinary words (旧法)
}

// Load reads every *.toml file of the folder dir, below root, as a Law;
// messages name the files by their path from root.
func Load(root, dir string) (*Library, error) {
	entries, err := os.ReadDir(filepath.Join(root, dir))
	if err != nil {
		return nil, diag.At(dir, 0, "the statutes folder cannot be read: %v", err).WithHint("create it, or correct dir in [statutes] of config.toml")
	}
	var files []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".toml") && !strings.HasPrefix(e.Name(), ".") {
			files = append(files, filepath.ToSlash(filepath.Join(dir, e.Name())))
		}
	}
	sort.Strings(files)
	lib := &Library{byID: map[string]*Law{}}
	var errs diag.List
	for _, f := range files {
		src, err := strictoml.ReadFile(filepath.Join(root, f))
		if err != nil {
			errs.Add(diag.At(f, 0, "%v", err))
			continue
		}
		law := &Law{File: f}
		if err := strictoml.Decode(f, src, law); err != nil {
			errs.Add(err)
			continue
		}
		if err := lib.add(law, src); err != nil {
			errs.Add(err)
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	lib.index()
	return lib, nil
}

func (lib *Library) add(law *Law, src []byte) error {
	want := strings.TrimSuffix(filepath.Base(law.File), ".toml")
	switch {
	case law.ID != want:
		return diag.At(law.File, strictoml.Line(src, "id"), "id is %q, but the file is named %s.toml", law.ID, want).WithHint("write id = %q, or rename the file", want)
	case law.Title == "":
		return diag.At(law.File, 1, "no title").WithHint(`write the law's full official title: title = "中华人民共和国个人信息保护法"`)
	case len(law.Articles) == 0:
		return diag.At(law.File, 1, "no [articles]").WithHint(`add the articles the site cites: "第四条" = """text"""`)
	}
	law.articles = map[int]string{}
	for label := range law.Articles {
		n, ok := articleNumber(label)
		if !ok {
			return diag.At(law.File, strictoml.Line(src, "articles", label), "article %q is not written 第…条 (or 第…条之一)", label).WithHint(`write the label as the law does, e.g. "第四十七条"`)
		}
		law.articles[n] = label
	}
	lib.Laws = append(lib.Laws, law)
	lib.byID[law.ID] = law
	return nil
}

// index lists every name of every law, the current version winning where
// versions share a name.
func (lib *Library) index() {
	seen := map[string]bool{}
	laws := append([]*Law(nil), lib.Laws...)
	sort.SliceStable(laws, func(i, j int) bool { return laws[i].Current && !laws[j].Current })
	for _, law := range laws {
		names := append([]string{law.Title, strings.TrimPrefix(law.Title, "中华人民共和国")}, law.Short...)
		for _, n := range names {
			if n == "" || seen[n] {
				continue
			}
			seen[n] = true
			// A short name that does not read as a law's name on its own
			// (旧法, PIPL, 个保法 are taken only in 《》).
			bracket := !strings.HasSuffix(n, "法") && !strings.HasSuffix(n, "典") && !strings.HasSuffix(n, "条例") &&
				!strings.HasSuffix(n, "解释") && !strings.HasSuffix(n, "规定") && !strings.HasSuffix(n, "办法")
			if len([]rune(n)) < 2 || n == "旧法" {
				bracket = true
			}
			lib.names = append(lib.names, name{text: n, law: law, bracket: bracket})
		}
	}
	sort.SliceStable(lib.names, func(i, j int) bool { return len(lib.names[i].text) > len(lib.names[j].text) })
}

// IDs lists the laws' IDs, sorted.
func (lib *Library) IDs() []string {
	ids := make([]string, len(lib.Laws))
	for i, l := range lib.Laws {
		ids[i] = l.ID
	}
	return ids
}

// Law returns the law with the given ID, or nil.
func (lib *Library) Law(id string) *Law { return lib.byID[id] }

// Article returns the label and text of article n of the law, ok false
// when the library does not hold it.
func (l *Law) Article(n int) (label, text string, ok bool) {
	label, ok = l.articles[n]
	return label, l.Articles[label], ok
}

// older returns the latest version of law before it that the library holds
// (year, if not 0, the year that version was adopted or took effect), or
// nil.
func (lib *Library) older(law *Law, year int) *Law {
	var best *Law
	for _, o := range lib.Laws {
		if o == law || o.Title != law.Title || o.Version >= law.Version {
			continue
		}
		if year != 0 && !strings.HasPrefix(o.Version, strconv.Itoa(year)) && !strings.HasPrefix(o.InForce, strconv.Itoa(year)) {
			continue
		}
		if best == nil || o.Version > best.Version {
			best = o
		}
	}
	return best
}

// Labels lists the labels of the law's articles, in the law's order.
func (l *Law) Labels() []string {
	nums := make([]int, 0, len(l.articles))
	for n := range l.articles {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	labels := make([]string, len(nums))
	for i, n := range nums {
		labels[i] = l.articles[n]
	}
	return labels
}

// Number reads an article's label (第四十七条, 第二百五十三条之一) as the
// number citations and Anchor use: the article's number times 1000, plus
// its 之 number.
func Number(label string) (int, bool) { return articleNumber(label) }

// articleNumber reads 第四十七条 as 47000 and 第二百五十三条之一 as 253001:
// an article's number times 1000, plus its 之 number.
func articleNumber(label string) (int, bool) {
	n, size := parseArticle(label)
	return n, n > 0 && size == len(label)
}

// Anchor is the id of the note that holds article n of the law: the same in
// every variant.
func Anchor(law *Law, n int) string {
	s := "law-" + law.ID + "-" + strconv.Itoa(n/1000)
	if n%1000 != 0 {
		s += "-" + strconv.Itoa(n%1000)
	}
	return s
}
