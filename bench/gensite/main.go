// Command gensite writes a synthetic zhkb site of N articles, for measuring
// build time and memory. The text is cut from the bundled articles, so the
// conversion work is realistic; every article links to its predecessor.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

func main() {
	fs := flag.NewFlagSet("gensite", flag.ExitOnError)
	n := fs.Int("n", 1000, "number of articles")
	sections := fs.Int("sections", 10, "number of sections")
	src := fs.String("from", ".", "zhkb repository root (for config, layouts, static and sample text)")
	out := fs.String("o", "", "site root to create (must not exist)")
	fs.Parse(os.Args[1:])
	if *out == "" {
		log.Fatal("gensite: -o is required")
	}
	if _, err := os.Stat(*out); err == nil {
		log.Fatalf("gensite: %s exists", *out)
	}
	paras := sampleParagraphs(filepath.Join(*src, "content"))
	if len(paras) == 0 {
		log.Fatal("gensite: no sample text found")
	}
	must(copyTree(filepath.Join(*src, "layouts"), filepath.Join(*out, "layouts")))
	must(copyTree(filepath.Join(*src, "static"), filepath.Join(*out, "static")))
	write(filepath.Join(*out, "config.toml"), "title = \"生成的知识库\"\ndescription = \"用于测量构建速度的站点。\"\n")
	tags := []string{"隐私", "催收", "证据", "投诉", "个人信息保护法", "民法典", "报警", "协商"}
	for s := 0; s < *sections; s++ {
		write(filepath.Join(*out, "content", fmt.Sprintf("s%02d", s), "_index.md"),
			fmt.Sprintf("+++\ntitle = \"栏目%d\"\ndescription = \"第%d个栏目\"\nweight = %d\n+++\n", s+1, s+1, s+1))
	}
	for i := 0; i < *n; i++ {
		var b strings.Builder
		fmt.Fprintf(&b, "+++\ntitle = \"文章%d：%s\"\ndescription = %q\ndate = 2026-%02d-%02d\ntags = [%q, %q]\n+++\n\n",
			i, firstRunes(paras[i%len(paras)], 12), firstRunes(paras[(i+1)%len(paras)], 60), i%12+1, i%28+1, tags[i%len(tags)], tags[(i/3)%len(tags)])
		for h := 0; h < 4; h++ {
			fmt.Fprintf(&b, "## 第%d节\n\n", h+1)
			for p := 0; p < 3; p++ {
				b.WriteString(paras[(i*7+h*3+p)%len(paras)])
				b.WriteString("\n\n")
			}
		}
		b.WriteString("```\nexample = \"代码不转换\"\n```\n\n")
		if i > 0 {
			fmt.Fprintf(&b, "上一篇：[文章%d](../s%02d/a%05d.md#第2节)\n", i-1, (i-1)%*sections, i-1)
		}
		write(filepath.Join(*out, "content", fmt.Sprintf("s%02d", i%*sections), fmt.Sprintf("a%05d.md", i)), b.String())
	}
}

var linkRe = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)

// sampleParagraphs returns the plain paragraphs of the articles under dir,
// with links reduced to their text.
func sampleParagraphs(dir string) []string {
	var paras []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".md" {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		parts := strings.SplitN(string(data), "+++", 3)
		if len(parts) < 3 {
			return nil
		}
		for _, para := range strings.Split(parts[2], "\n\n") {
			para = strings.TrimSpace(linkRe.ReplaceAllString(para, "$1"))
			if para != "" && !strings.HasPrefix(para, "#") && len([]rune(para)) > 20 {
				paras = append(paras, para)
			}
		}
		return nil
	})
	return paras
}

func firstRunes(s string, n int) string {
	s = strings.NewReplacer("\n", "", "*", "", "\"", "", "-", "").Replace(s)
	r := []rune(s)
	if len(r) > n {
		r = r[:n]
	}
	return string(r)
}

func copyTree(from, to string) error {
	return filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
}

func write(path, body string) {
	must(os.MkdirAll(filepath.Dir(path), 0o755))
	must(os.WriteFile(path, []byte(body), 0o644))
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
