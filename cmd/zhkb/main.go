// Command zhkb builds bilingual (Simplified and Traditional Chinese) static
// knowledge-base sites from Markdown.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"syscall"
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
  zhkb version                   the version, commit and Go of this zhkb

Run "zhkb help COMMAND" (or "zhkb COMMAND -h") for the flags of a command.
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
	case "version", "-version", "--version":
		return versionCmd(args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		if len(args) > 1 && args[0] == "help" && commands[args[1]] {
			return run([]string{args[1], "-h"}, stdout, stderr) // zhkb help build = zhkb build -h
		}
		if len(args) > 1 && args[0] == "help" {
			fmt.Fprintf(stderr, "zhkb help: no command %q%s\n\n", args[1], didYouMean(args[1], commandNames(), "zhkb help "))
			fmt.Fprint(stderr, usage)
			return 2
		}
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "zhkb: unknown command %q%s\n\n%s", args[0], didYouMean(args[0], commandNames(), "zhkb "), usage)
		return 2
	}
}

// commands are zhkb's commands, for help and suggestions.
var commands = map[string]bool{"init": true, "build": true, "bundle": true, "serve": true, "new": true, "check": true, "import": true, "convert": true, "theme": true, "version": true, "help": true}

func commandNames() []string {
	names := make([]string, 0, len(commands))
	for c := range commands {
		names = append(names, c)
	}
	sort.Strings(names)
	return names
}

// parseFlags parses a command's flags. -h (or -help) prints the command's
// usage on stdout, as asked for, and ends with exit code 0; an unknown flag
// gets the nearest known one as a suggestion. ok is false when the command
// should stop, with code.
func parseFlags(fs *flag.FlagSet, args []string, stdout io.Writer) (code int, ok bool) {
	for _, a := range args {
		if a == "--" || !strings.HasPrefix(a, "-") {
			break
		}
		if a == "-h" || a == "-help" || a == "--help" {
			fs.SetOutput(stdout)
			fs.Usage()
			return 0, false
		}
	}
	out := fs.Output()
	var msg bytes.Buffer // the error and the usage, to put a suggestion between them
	fs.SetOutput(&msg)
	err := fs.Parse(args)
	fs.SetOutput(out)
	if err == nil {
		return 0, true
	}
	text := msg.String()
	if name, found := strings.CutPrefix(err.Error(), "flag provided but not defined: -"); found {
		var names []string
		fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
		if s := didYouMean(strings.TrimPrefix(name, "-"), names, "-"); s != "" {
			first, rest, _ := strings.Cut(text, "\n")
			text = first + s + "\n" + rest
		}
	}
	fmt.Fprint(out, text)
	return 2, false
}

// didYouMean suggests the name nearest to s (at most two edits away, or
// one for short names), written after prefix: "; did you mean zhkb build?".
func didYouMean(s string, names []string, prefix string) string {
	best, bestD := "", 3
	if len(s) <= 3 {
		bestD = 2
	}
	for _, n := range names {
		if d := editDistance(strings.ToLower(s), n); d < bestD {
			best, bestD = n, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf("; did you mean %s%s?", prefix, best)
}

// editDistance is the Levenshtein distance between a and b, in bytes
// (names here are ASCII).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// versionCmd is zhkb version: the module version, commit and Go that built
// this binary.
func versionCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("zhkb version", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: zhkb version\n\nprints zhkb's module version, the commit it was built from and the Go that built it")
	}
	if code, ok := parseFlags(fs, args, stdout); !ok {
		return code
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		fmt.Fprintln(stdout, "zhkb (no build information)")
		return 0
	}
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	line := fmt.Sprintf("zhkb %s %s", info.Main.Path, info.Main.Version)
	if rev := settings["vcs.revision"]; rev != "" {
		line += " commit " + rev
		if settings["vcs.time"] != "" {
			line += " (" + settings["vcs.time"] + ")"
		}
		if settings["vcs.modified"] == "true" {
			line += " with changes"
		}
	}
	fmt.Fprintf(stdout, "%s, built with %s for %s/%s\n", line, info.GoVersion, settings["GOOS"], settings["GOARCH"])
	return 0
}

func build(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("zhkb build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	root, cfg := siteFlags(fs)
	out := fs.String("o", "", "output directory, replaced by each build (default: SITE/public)")
	drafts := fs.Bool("drafts", false, "include articles with draft = true")
	baseURL := fs.String("base-url", "", "absolute URL the site is served from, instead of the config's baseURL")
	quiet := fs.Bool("q", false, "print nothing but errors")
	verbose := fs.Bool("v", false, "also print how long each step took")
	if code, ok := parseFlags(fs, args, stdout); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "zhkb build: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	opts := site.Options{Root: *root, Config: *cfg, Out: *out, Drafts: *drafts, BaseURL: *baseURL, Context: ctx}
	prog := newProgress(stderr, *quiet)
	opts.Progress = prog.update
	opts.Notice = func(msg string) {
		prog.clear()
		fmt.Fprintf(stderr, "zhkb build: %s\n", msg)
	}
	st, err := site.Build(opts)
	prog.clear()
	if ctx.Err() != nil {
		fmt.Fprintln(stderr, "zhkb build: interrupted; the previous output was left as it was")
		return 130
	}
	if errors.Is(err, output.ErrNotOurs) {
		fmt.Fprintf(stderr, "zhkb build: nothing was written or removed:\n%v\n", err)
		return 1
	}
	if err != nil {
		fmt.Fprintf(stderr, "zhkb build failed; the previous output was left as it was:\n%v\n", err)
		return 1
	}
	for _, w := range st.Warnings {
		if !*quiet {
			fmt.Fprintf(stderr, "warning: %s\n", w)
		}
	}
	if !*quiet {
		outDir := st.Out
		if rel, err := filepath.Rel(".", outDir); err == nil {
			outDir = rel
		}
		fmt.Fprintf(stdout, "built %d articles in %d variants, %d pages in all, in %.2fs → %s/\n",
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
	if code, ok := parseFlags(fs, args, stdout); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "zhkb bundle: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	files, err := site.Bundle(site.BundleOptions{Root: *root, Config: *cfg, Out: *out, Name: *name, Drafts: *drafts, Context: ctx})
	if ctx.Err() != nil {
		fmt.Fprintln(stderr, "zhkb bundle: interrupted; bundles written before were left as they were")
		return 130
	}
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
