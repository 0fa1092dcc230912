// Package starter writes a new site that builds at once: a commented
// config.toml, a home page, one section of example articles, a glossary,
// .gitignore and a GitHub Pages workflow.
package starter

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"text/template"
)

//go:embed all:site
var files embed.FS

// Install names the zhkb that writes the site, so that its deploy workflow
// installs exactly that one: cmd/zhkb fills it from its build information.
type Install struct {
	Module    string // the main module's path, e.g. github.com/zhkb/zhkb
	Version   string // its version: a release, a pseudo-version, a commit hash, "(devel)" or ""; "+dirty" when built from changed sources
	GoVersion string // the Go it was built with, e.g. go1.26.8
}

// versionRe matches a module version go install can fetch: a release or
// a pseudo-version, not one built from changed sources.
var versionRe = regexp.MustCompile(`^v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$`)
var commitRe = regexp.MustCompile(`^[0-9a-f]{12,40}$`)
var pseudoRe = regexp.MustCompile(`^v\d+\.\d+\.\d+-(0\.)?\d{14}-[0-9a-f]{12}$|\.0\.\d{14}-[0-9a-f]{12}$`)

// Pinned reports whether the deploy workflow can install this zhkb: a
// release, or a commit of a clone; not one built from changed or
// unversioned sources, whose workflow's install step fails until edited.
func (i Install) Pinned() bool {
	return i.Module != "" && (versionRe.MatchString(i.Version) || commitRe.MatchString(i.Version))
}

// Step is the workflow step that installs this zhkb, as YAML indented for
// a step list: go install pinned to its module version. A pseudo-version
// (a clone's commit) says that the commit must be pushed where the module
// path points; a zhkb built from changed or unversioned sources cannot be
// pinned, and the step fails saying what to write instead, rather than
// installing whatever @latest is on the day.
func (i Install) Step() string {
	cmd := i.Module + "/cmd/zhkb"
	switch {
	case i.Module != "" && versionRe.MatchString(i.Version) && !pseudoRe.MatchString(i.Version):
		return fmt.Sprintf("      - name: Install zhkb %s (the version that wrote this workflow)\n        run: go install %s@%s", i.Version, cmd, i.Version)
	case i.Module != "" && (versionRe.MatchString(i.Version) || commitRe.MatchString(i.Version)):
		commit := i.Version[strings.LastIndexByte(i.Version, '-')+1:]
		return fmt.Sprintf(`      # This workflow was written by a zhkb built from a clone, at commit
      # %s. go install fetches that commit from the public repository of
      # %s: push it there first (for a fork, write the fork's module
      # path), or install a released version instead.
      - name: Install zhkb (commit %s)
        run: go install %s@%s`, commit, i.Module, commit, cmd, i.Version)
	default:
		version := i.Version
		if version == "" {
			version = "unknown"
		}
		module := i.Module
		if module == "" {
			module = "github.com/zhkb/zhkb"
			cmd = module + "/cmd/zhkb"
		}
		return fmt.Sprintf(`      # This workflow was written by a zhkb built from changed or unversioned
      # sources (version %s), which no go install can fetch. Replace this
      # step's run line with the zhkb to deploy with, pinned to a version:
      #   run: go install %s@vX.Y.Z
      - name: Install zhkb
        run: |
          echo "Set the zhkb version to install in .github/workflows/pages.yml (see the comment above this step)." >&2
          exit 1`, version, cmd)
	}
}

// Init writes the starter site into dir, which must be new or empty, and
// returns the paths it wrote, relative to dir. The deploy workflow
// installs the zhkb inst names.
func Init(dir string, inst Install) ([]string, error) {
	entries, err := os.ReadDir(dir)
	switch {
	case err == nil && len(entries) > 0:
		return nil, fmt.Errorf("%s is not empty; zhkb init starts a site only in a new or empty directory", dir)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil, err
	}
	site, err := fs.Sub(files, "site")
	if err != nil {
		return nil, err
	}
	var wrote []string
	err = fs.WalkDir(site, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := fs.ReadFile(site, p)
		if err != nil {
			return err
		}
		if p == ".github/workflows/pages.yml" {
			if data, err = workflow(data, inst); err != nil {
				return err
			}
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			return err
		}
		wrote = append(wrote, p)
		return nil
	})
	return wrote, err
}

// workflow fills the deploy workflow's template (delimited by [[ ]], as
// GitHub's own expressions use ${{ }}).
func workflow(tmpl []byte, inst Install) ([]byte, error) {
	t, err := template.New("pages.yml").Delims("[[", "]]").Option("missingkey=error").Parse(string(tmpl))
	if err != nil {
		return nil, err
	}
	goVersion := goLine(inst.GoVersion)
	var b bytes.Buffer
	err = t.Execute(&b, map[string]string{"GoVersion": goVersion, "InstallStep": inst.Step()})
	return b.Bytes(), err
}

// goLine is the Go release line a Go version belongs to, as setup-go
// reads it: go1.26.8 → 1.26.x, the newest patch release of that line,
// which carries its security fixes ("stable" when unknown).
func goLine(version string) string {
	fields := strings.Fields(version)
	if len(fields) == 0 {
		return "stable"
	}
	v := strings.TrimPrefix(fields[0], "go")
	parts := strings.Split(v, ".")
	if len(parts) < 2 || parts[0] == "" || parts[1] == "" {
		return "stable"
	}
	for _, p := range parts[:2] {
		for _, r := range p {
			if r < '0' || r > '9' {
				return "stable"
			}
		}
	}
	return parts[0] + "." + parts[1] + ".x"
}
