package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/zhkb/zhkb/internal/check"
	"github.com/zhkb/zhkb/internal/config"
	"github.com/zhkb/zhkb/internal/content"
	"github.com/zhkb/zhkb/internal/convert"
	"github.com/zhkb/zhkb/internal/importer"
	"github.com/zhkb/zhkb/internal/serve"
	"github.com/zhkb/zhkb/internal/site"
)

// The editors' commands: serve, new, check and import.

func serveCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("zhkb serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	root, cfg := siteFlags(fs)
	addr := fs.String("addr", "127.0.0.1:1313", "address to listen on; the default takes requests from this computer only")
	drafts := fs.Bool("drafts", false, "include articles with draft = true")
	if code, ok := parseFlags(fs, args, stdout); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "zhkb serve: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := serve.Run(ctx, *addr, serve.Options{Root: *root, Config: *cfg, Drafts: *drafts, Log: stderr}, func(a string) {
		host, port, _ := net.SplitHostPort(a)
		if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
			host = "localhost"
			fmt.Fprintf(stderr, "note: listening on every network interface (%s)\n", a)
		}
		fmt.Fprintf(stdout, "serving on http://%s/ (Ctrl-C stops)\n", net.JoinHostPort(host, port))
	})
	if errors.Is(err, syscall.EADDRINUSE) {
		fmt.Fprintf(stderr, "zhkb serve: %s is taken by another program (another zhkb serve?): stop it, or choose another port with -addr %s\n", *addr, nextPort(*addr))
		return 1
	}
	if err != nil {
		fmt.Fprintf(stderr, "zhkb serve: %v\n", err)
		return 1
	}
	return 0
}

// nextPort is addr with the port after its own, to suggest when it is taken.
func nextPort(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	n, err2 := strconv.Atoi(port)
	if err != nil || err2 != nil || n >= 65535 {
		return "127.0.0.1:1314"
	}
	return net.JoinHostPort(host, strconv.Itoa(n+1))
}

func newCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("zhkb new", flag.ContinueOnError)
	fs.SetOutput(stderr)
	root := fs.String("s", ".", "site root")
	if code, ok := parseFlags(fs, args, stdout); !ok {
		return code
	}
	if fs.NArg() != 1 || strings.Count(fs.Arg(0), "/") != 1 {
		fmt.Fprintln(stderr, "usage: zhkb new SECTION/NAME   (e.g. zhkb new steps/report-to-police)")
		return 2
	}
	section, name, _ := strings.Cut(strings.TrimSuffix(fs.Arg(0), ".md"), "/")
	path, newSection, err := content.NewArticle(filepath.Join(*root, "content"), section, name, time.Now())
	if err != nil {
		fmt.Fprintf(stderr, "zhkb new: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "created %s (a draft: fill in the title and description, and delete draft = true to publish)\n", filepath.ToSlash(path))
	if newSection {
		fmt.Fprintf(stdout, "new section %q: give it a title in %s\n", section, filepath.ToSlash(filepath.Join(*root, "content", section, "_index.md")))
	}
	return 0
}

func checkCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("zhkb check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	root, cfg := siteFlags(fs)
	format := fs.String("format", "text", "output: text (path:line:col: severity: message) or json")
	if code, ok := parseFlags(fs, args, stdout); !ok {
		return code
	}
	if fs.NArg() > 0 || (*format != "text" && *format != "json") {
		fmt.Fprintln(stderr, "usage: zhkb check [-s DIR] [-config FILE] [-format text|json]")
		return 2
	}
	findings, err := site.Check(site.CheckOptions{Root: *root, Config: *cfg})
	if err != nil {
		fmt.Fprintf(stderr, "zhkb check: %v\n", err)
		return 1
	}
	errs := 0
	for _, f := range findings {
		if f.Severity == check.Error {
			errs++
		}
	}
	if *format == "json" {
		if findings == nil {
			findings = []check.Finding{}
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		enc.Encode(findings)
	} else {
		for _, f := range findings {
			fmt.Fprintln(stdout, f)
		}
		fmt.Fprintf(stderr, "%d error(s), %d warning(s)\n", errs, len(findings)-errs)
	}
	if errs > 0 {
		return 1
	}
	return 0
}

func importCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("zhkb import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	root := fs.String("s", ".", "site root (its config says which script the drafts are written in)")
	out := fs.String("o", "", "directory for the drafts, e.g. content/faq (default: beside each file)")
	if code, ok := parseFlags(fs, args, stdout); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "usage: zhkb import [-s DIR] [-o DIR] FILE…")
		return 2
	}
	source := config.Hans
	if cfg, err := config.Load(filepath.Join(*root, config.FileName), *root); err == nil {
		source = cfg.Source
	}
	name, script := "tw2s", "Simplified" // tw2s also undoes Taiwan forms: 隨著 → 随着, where t2s keeps 著
	if source == config.Hant {
		name, script = "s2t", "Traditional"
	}
	conv, err := convert.New(name)
	if err != nil {
		fmt.Fprintf(stderr, "zhkb import: %v\n", err)
		return 1
	}
	code := 0
	for _, file := range fs.Args() {
		text, err := os.ReadFile(file)
		if err != nil {
			fmt.Fprintf(stderr, "zhkb import: %v\n", err)
			code = 1
			continue
		}
		res, err := importer.Article(text, importer.Options{Convert: conv, Source: source, Script: script, Today: time.Now()})
		if err != nil {
			fmt.Fprintf(stderr, "zhkb import: %s: %v\n", file, err)
			code = 1
			continue
		}
		stem := strings.ToLower(strings.TrimSuffix(filepath.Base(file), filepath.Ext(file)))
		if err := content.CheckName("article", stem); err != nil {
			fmt.Fprintf(stderr, "zhkb import: %s: %v; rename the file\n", file, err)
			code = 1
			continue
		}
		dir := filepath.Dir(file)
		if *out != "" {
			dir = *out
		}
		dst := filepath.Join(dir, stem+".md")
		f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			fmt.Fprintf(stderr, "zhkb import: %v (zhkb import does not overwrite files)\n", err)
			code = 1
			continue
		}
		_, err = f.Write(res.Markdown)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			fmt.Fprintf(stderr, "zhkb import: %v\n", err)
			code = 1
			continue
		}
		fmt.Fprintf(stdout, "%s → %s (a draft)\n", file, filepath.ToSlash(dst))
		for _, c := range res.Changes {
			fmt.Fprintf(stdout, "  %s\n", c)
		}
		if len(res.Changes) == 0 {
			fmt.Fprintln(stdout, "  nothing to clean up")
		}
	}
	return code
}
