// Command reload measures zhkb serve's editing loop: the time from saving
// an article to having its new page, as a browser tab does it (the reload
// event arrives over Server-Sent Events, then the page is fetched again).
// It works on a copy of the site, so the site itself is not changed.
//
//	go run ./bench/reload -site .            # the bundled site
//	go run ./bench/reload -site /tmp/site-1000 # e.g. from bench/gensite
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/zhkb/zhkb/internal/serve"
	"github.com/zhkb/zhkb/internal/sitetest"
)

func main() {
	siteDir := flag.String("site", ".", "site root to copy and serve")
	runs := flag.Int("n", 7, "edits to time")
	work := flag.String("work", "", "directory for the copy (default: a temporary one)")
	flag.Parse()
	tmp := *work
	if tmp == "" {
		var err error
		tmp, err = os.MkdirTemp("", "zhkb-reload-")
		must(err)
		defer os.RemoveAll(tmp)
	}
	root := filepath.Join(tmp, "site")
	for _, d := range []string{"content", "layouts", "static"} {
		if _, err := os.Stat(filepath.Join(*siteDir, d)); err == nil {
			must(sitetest.CopyTree(filepath.Join(*siteDir, d), filepath.Join(root, d)))
		}
	}
	tomls, err := filepath.Glob(filepath.Join(*siteDir, "*.toml")) // config, glossary, synonyms
	must(err)
	for _, f := range tomls {
		data, err := os.ReadFile(f)
		must(err)
		must(os.WriteFile(filepath.Join(root, filepath.Base(f)), data, 0o644))
	}
	article, url := firstArticle(root)

	start := time.Now()
	s, err := serve.New(serve.Options{Root: root, Log: io.Discard})
	must(err)
	fmt.Printf("site %s: first build %.2fs\n", *siteDir, time.Since(start).Seconds())
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go s.Watch(ctx)
	time.Sleep(300 * time.Millisecond)

	resp, err := http.Get(srv.URL + "/__zhkb/events")
	must(err)
	defer resp.Body.Close()
	events := make(chan string, 16)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if line := sc.Text(); strings.HasPrefix(line, "event: ") {
				events <- strings.TrimPrefix(line, "event: ")
			}
		}
	}()

	var times []float64
	src, err := os.ReadFile(article)
	must(err)
	for i := 0; i < *runs; i++ {
		marker := fmt.Sprintf("第%d次修改的内容。", i+1)
		t0 := time.Now()
		must(os.WriteFile(article, append(append([]byte(nil), src...), "\n"+marker+"\n"...), 0o644))
		select {
		case ev := <-events:
			if ev != "reload" {
				log.Fatalf("event %s after edit %d", ev, i+1)
			}
		case <-time.After(60 * time.Second):
			log.Fatal("no reload event within 60s")
		}
		page, err := http.Get(srv.URL + url)
		must(err)
		body, _ := io.ReadAll(page.Body)
		page.Body.Close()
		if !strings.Contains(string(body), marker) {
			log.Fatalf("edit %d: the page lacks the new text", i+1)
		}
		times = append(times, time.Since(t0).Seconds()*1000)
		time.Sleep(300 * time.Millisecond)
	}
	sort.Float64s(times)
	fmt.Printf("save → new page (%d edits of %s): median %.0f ms, min %.0f ms, max %.0f ms\n",
		len(times), strings.TrimPrefix(article, root+"/"), times[len(times)/2], times[0], times[len(times)-1])
}

// firstArticle returns the first article file of the first section and
// its URL in the first variant (assumed to be zh-hans/).
func firstArticle(root string) (file, url string) {
	var files []string
	filepath.WalkDir(filepath.Join(root, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") && !strings.HasPrefix(d.Name(), "_") && strings.Count(d.Name(), ".") == 1 {
			files = append(files, p)
		}
		return err
	})
	sort.Strings(files)
	if len(files) == 0 {
		log.Fatal("no article")
	}
	rel, _ := filepath.Rel(filepath.Join(root, "content"), files[0])
	return files[0], "/zh-hans/" + strings.TrimSuffix(filepath.ToSlash(rel), ".md") + "/"
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
