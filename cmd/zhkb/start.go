package main

import (
	"flag"
	"fmt"
	"io"
	"path"
	"runtime/debug"

	"github.com/zhkb/zhkb/internal/starter"
	"github.com/zhkb/zhkb/internal/theme"
)

// initCmd is zhkb init DIR: a new site that builds at once.
func initCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("zhkb init", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprintln(fs.Output(), "usage: zhkb init DIR   (a new or empty directory)") }
	if code, ok := parseFlags(fs, args, stdout); !ok {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	dir := fs.Arg(0)
	inst := installInfo()
	files, err := starter.Init(dir, inst)
	if err != nil {
		fmt.Fprintf(stderr, "zhkb init: %v\n", err)
		return 1
	}
	if !inst.Pinned() {
		fmt.Fprintf(stderr, "zhkb init: note: this zhkb was built from changed or unversioned sources, so the deploy workflow cannot install it: set the version in %s before you push (see the comment in its install step)\n", path.Join(dir, ".github/workflows/pages.yml"))
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
	if code, ok := parseFlags(fs, args, stdout); !ok {
		return code
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

// installInfo is this binary's module path, version and Go, from its build
// information.
func installInfo() starter.Install {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return starter.Install{}
	}
	inst := starter.Install{Module: info.Main.Path, Version: info.Main.Version, GoVersion: info.GoVersion}
	if inst.Version == "(devel)" { // built in a clone: pin its commit if the sources were not changed
		settings := map[string]string{}
		for _, s := range info.Settings {
			settings[s.Key] = s.Value
		}
		if rev := settings["vcs.revision"]; len(rev) >= 12 && settings["vcs.modified"] == "false" {
			inst.Version = rev[:12]
		}
	}
	return inst
}
