package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/zhkb/zhkb/internal/starter"
	"github.com/zhkb/zhkb/internal/theme"
)

// initCmd is zhkb init DIR: a new site that builds at once.
func initCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("zhkb init", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprintln(stderr, "usage: zhkb init DIR   (a new or empty directory)") }
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	dir := fs.Arg(0)
	files, err := starter.Init(dir)
	if err != nil {
		fmt.Fprintf(stderr, "zhkb init: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote a new site with %d files in %s\nnext:\n  cd %s\n  zhkb serve -drafts  # preview at http://localhost:1313/, drafts included, rebuilt on every save\n  zhkb new guide/my-topic\n  zhkb build          # the site in public/ (without drafts)\n", len(files), dir, dir)
	return 0
}

// themeCmd is zhkb theme -export DIR: the built-in theme written out to
// customise.
func themeCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("zhkb theme", flag.ContinueOnError)
	fs.SetOutput(stderr)
	export := fs.String("export", "", "write the built-in layouts/ and static/ files under `DIR` (usually the site root)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *export == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: zhkb theme -export DIR\n\nwrites the built-in theme's layouts/ and static/ files under DIR; a site's\nown file wins over the built-in one, so keep only the files you change.")
		return 2
	}
	files, err := theme.Export(*export)
	if err != nil {
		fmt.Fprintf(stderr, "zhkb theme: %v\n", err)
		return 1
	}
	for _, f := range files {
		fmt.Fprintln(stdout, f)
	}
	return 0
}
