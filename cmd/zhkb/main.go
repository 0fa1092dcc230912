// Command zhkb builds bilingual (Simplified and Traditional Chinese) static
// knowledge-base sites from Markdown.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"time"

	"github.com/zhkb/zhkb/internal/output"
	"github.com/zhkb/zhkb/internal/site"
)

const usage = `zhkb builds a static site in Simplified and Traditional Chinese from Markdown.

Usage:
  zhkb init DIR                  start a new site in DIR
  zhkb build [flags]             build the site into the output directory
  zhkb bundle [flags]            write the offline zip and single-file bundles
  zhkb serve [flags]             preview the site, rebuilding and reloading on changes
  zhkb new SECTION/NAME          start a new article (a draft)
  zhkb check [flags]             report errors and likely mistakes without building
  zhkb import [flags] FILE…      turn pasted plain-text articles into Markdown drafts
  zhkb convert -c NAME [FILE…]   convert text (standard input without files)
  zhkb theme -export DIR         write the built-in theme's files out to customise

Run "zhkb COMMAND -h" for the flags of a command.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// limitMemory sets the soft memory limit of a build, unless GOMEMLIMIT
// sets one: the garbage collector works harder near it rather than let the
// heap grow to twice what is live. A build's working set is a few hundred
// MB even for thousands of long articles (5,000 statutes: about 580 MB), so
// this costs little time there and keeps peak memory under 1 GB. zhkb serve
// keeps the whole site in memory and is left unlimited.
func limitMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(900 << 20)
	}
}

// run is the whole command, kept apart from main for tests.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "init":
		return initCmd(args[1:], stdout, stderr)
	case "theme":
		return themeCmd(args[1:], stdout, stderr)
	case "build":
		limitMemory()
		return build(args[1:], stdout, stderr)
	case "bundle":
		limitMemory()
		return bundleCmd(args[1:], stdout, stderr)
	case "serve":
		return serveCmd(args[1:], stdout, stderr)
	case "new":
		return newCmd(args[1:], stdout, stderr)
	case "check":
		return checkCmd(args[1:], stdout, stderr)
	case "import":
		return importCmd(args[1:], stdout, stderr)
	case "convert":
		return convertCmd(args[1:], os.Stdin, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "zhkb: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
}

func build(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("zhkb build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	root, cfg := siteFlags(fs)
	out := fs.String("o", "", "output directory, replaced by each build (default: SITE/public)")
	drafts := fs.Bool("drafts", false, "include articles with draft = true")
	baseURL := fs.String("base-url", "", "absolute URL the site is served from, instead of the config's baseURL")
	quiet := fs.Bool("q", false, "print nothing but errors and warnings")
	verbose := fs.Bool("v", false, "also print how long each step took")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "zhkb build: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	opts := site.Options{Root: *root, Config: *cfg, Out: *out, Drafts: *drafts, BaseURL: *baseURL}
	prog := newProgress(stderr, *quiet)
	opts.Progress = prog.update
	opts.Notice = func(msg string) {
		prog.clear()
		fmt.Fprintf(stderr, "zhkb build: %s\n", msg)
	}
	st, err := site.Build(opts)
	prog.clear()
	if errors.Is(err, output.ErrNotOurs) {
		fmt.Fprintf(stderr, "zhkb build: nothing was written or removed:\n%v\n", err)
		return 1
	}
	if err != nil {
		fmt.Fprintf(stderr, "zhkb build failed; the previous output was left as it was:\n%v\n", err)
		return 1
	}
	for _, w := range st.Warnings {
		fmt.Fprintf(stderr, "warning: %s\n", w)
	}
	if !*quiet {
		outDir := st.Out
		if rel, err := filepath.Rel(".", outDir); err == nil {
			outDir = rel
		}
		fmt.Fprintf(stdout, "built %d articles × %d variants = %d pages in %.2fs → %s/\n",
			st.Articles, st.Variants, st.Pages, st.Elapsed.Seconds(), filepath.ToSlash(outDir))
	}
	if *verbose {
		for _, p := range st.Phases {
			fmt.Fprintf(stdout, "  %-15s %6.2fs\n", p.Name, p.Duration.Seconds())
		}
	}
	return 0
}

// progress shows a rendering counter on a terminal once a build has taken
// more than a second.
type progress struct {
	mu    sync.Mutex
	w     io.Writer
	on    bool // not -q
	tty   bool // w is a terminal
	start time.Time
	last  time.Time
	shown bool // a line to clear is on the terminal
}

func newProgress(w io.Writer, quiet bool) *progress {
	p := &progress{w: w, start: time.Now(), on: !quiet}
	if f, ok := w.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			p.tty = true
		}
	}
	return p
}

// update shows how far rendering is: on a terminal one line rewritten
// after the first second, elsewhere (a CI log) a line every 10 seconds.
func (p *progress) update(done, total int) {
	if !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if !p.tty {
		if now.Sub(p.start) >= 10*time.Second && now.Sub(p.last) >= 10*time.Second {
			p.last = now
			fmt.Fprintf(p.w, "rendering %d/%d pages (%.0f s)\n", done, total, now.Sub(p.start).Seconds())
		}
		return
	}
	if now.Sub(p.start) < time.Second || now.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last, p.shown = now, true
	fmt.Fprintf(p.w, "\rrendering %d/%d pages…", done, total)
}

func (p *progress) clear() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

func bundleCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("zhkb bundle", flag.ContinueOnError)
	fs.SetOutput(stderr)
	root, cfg := siteFlags(fs)
	out := fs.String("o", "", "directory for the bundles (default: SITE/dist)")
	name := fs.String("name", "", "file name stem of the bundles (default: [bundle] name in the config, else the site directory's name)")
	drafts := fs.Bool("drafts", false, "include articles with draft = true")
	quiet := fs.Bool("q", false, "print nothing but errors")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "zhkb bundle: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	files, err := site.Bundle(site.BundleOptions{Root: *root, Config: *cfg, Out: *out, Name: *name, Drafts: *drafts})
	if err != nil {
		fmt.Fprintf(stderr, "zhkb bundle failed; bundles written before were left as they were:\n%v\n", err)
		return 1
	}
	if !*quiet {
		for _, f := range files {
			p := f.Path
			if rel, err := filepath.Rel(".", p); err == nil {
				p = rel
			}
			fmt.Fprintf(stdout, "%-40s %8.1f KB\n", filepath.ToSlash(p), float64(f.Size)/1024)
		}
	}
	return 0
}

// siteFlags adds the flags that name a site: -s and -config.
func siteFlags(fs *flag.FlagSet) (root, config *string) {
	root = fs.String("s", ".", "site root: the directory holding config.toml, content/, layouts/ and static/")
	config = fs.String("config", "", "config file (default: SITE/config.toml)")
	return root, config
}
