package search

import (
	"sort"
	"strings"

	"github.com/zhkb/zhkb/internal/diag"
	"github.com/zhkb/zhkb/internal/strictoml"
)

// QuestionWords mark a query as a question (会不会上征信, 报警有用吗): one
// with fewer verbatim results than a page then also gets the documents
// that hold part of it. They are stop words too.
var QuestionWords = []string{
	"怎么办", "怎么样", "怎么", "怎样", "咋办", "咋", "如何", "什么", "啥", "为什么", "为啥",
	"是不是", "能不能", "可不可以", "会不会", "有没有", "要不要", "该不该", "行不行", "算不算",
	"请问", "想问", "哪些", "哪个", "哪里", "哪儿", "谁", "多少", "多久",
	"吗", "嘛", "呢", "吧",
}

// DefaultStopWords are the question and filler words of Chinese queries
// that partial matching weighs little: readers type 欠网贷会坐牢吗, and only
// 欠网贷 and 坐牢 say what they look for. A site adds its own with the
// StopWords option. A word here still matches where the query is found
// verbatim.
var DefaultStopWords = append(append([]string(nil), QuestionWords...),
	"可以", "问一下", "一下", "几", "到底", "真的", "应该", "需要",
	// Particles.
	"啊", "呀", "哦", "么", "了", "的", "得", "地", "着", "过",
	// Pronouns and fillers.
	"我", "我的", "我们", "你", "你们", "他", "她", "他们", "她们", "它", "自己", "这个", "那个", "这样", "那样",
	"是", "都", "也", "就", "在", "能", "会", "要", "该",
)

// foldWords folds words as the index folds text, dropping repeats and empty
// ones, sorted.
func foldWords(f *Folder, words []string) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, w := range words {
		w = f.String(w)
		if w != "" && !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	sort.Strings(out)
	return out
}

// foldGroups folds each synonym group; groups of fewer than two words are
// dropped.
func foldGroups(f *Folder, groups [][]string) [][]string {
	out := [][]string{}
	for _, g := range groups {
		if words := foldWords(f, g); len(words) >= 2 {
			out = append(out, words)
		}
	}
	return out
}

// ParseSynonyms reads a synonym table: TOML with one key, groups, a list of
// groups of words that stand for each other in searches.
//
//	groups = [
//	  ["坐牢", "判刑", "拘留"],
//	  ["家人", "亲友", "父母"],
//	]
func ParseSynonyms(file string, data []byte) ([][]string, error) {
	var t struct {
		Groups [][]string `toml:"groups"`
	}
	if err := strictoml.Decode(file, data, &t); err != nil {
		return nil, err
	}
	var errs diag.List
	for i, g := range t.Groups {
		line := strictoml.Line(data, "groups")
		if len(g) > 0 {
			line = lineOf(data, `"`+g[0]+`"`, line)
		}
		seen := map[string]bool{}
		for _, w := range g {
			switch {
			case strings.TrimSpace(w) == "":
				errs.Add(diag.At(file, line, "group %d holds an empty word", i+1))
			case seen[w]:
				errs.Add(diag.At(file, line, "group %d names %q twice", i+1, w))
			}
			seen[w] = true
		}
		if len(g) < 2 {
			errs.Add(diag.At(file, line, "group %d has %d word(s)", i+1, len(g)).WithHint("a group lists two or more words that stand for each other"))
		}
	}
	return t.Groups, errs.Err()
}

// lineOf returns the 1-based line of the first needle in data, or def.
func lineOf(data []byte, needle string, def int) int {
	i := strings.Index(string(data), needle)
	if i < 0 {
		return def
	}
	return 1 + strings.Count(string(data[:i]), "\n")
}
