package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/zhkb/zhkb/internal/sitetest"
)

var updateNotices = flag.Bool("update", false, "rewrite THIRD_PARTY_NOTICES.md from the modules the binary links")

// licenceKinds names licences by a phrase of their text. The copyleft ones
// may not be linked into zhkb (its own licence is MIT); the others may, with
// their text in the notice.
var licenceKinds = []struct {
	name     string
	copyleft bool
	text     *regexp.Regexp
}{
	{"AGPL", true, regexp.MustCompile(`GNU AFFERO GENERAL PUBLIC LICENSE`)},
	{"LGPL", true, regexp.MustCompile(`GNU LESSER GENERAL PUBLIC LICENSE|GNU LIBRARY GENERAL PUBLIC LICENSE`)},
	{"GPL", true, regexp.MustCompile(`GNU GENERAL PUBLIC LICENSE`)},
	{"MPL", true, regexp.MustCompile(`Mozilla Public License`)},
	{"EPL", true, regexp.MustCompile(`Eclipse Public License`)},
	{"EUPL", true, regexp.MustCompile(`European Union Public Licen[cs]e`)},
	{"CDDL", true, regexp.MustCompile(`COMMON DEVELOPMENT AND DISTRIBUTION LICENSE`)},
	{"Apache-2.0", false, regexp.MustCompile(`Apache License,?\s+Version 2\.0`)},
	{"MIT", false, regexp.MustCompile(`Permission is hereby granted, free of charge`)},
	{"BSD", false, regexp.MustCompile(`Redistribution and use in source and binary forms`)},
	{"ISC", false, regexp.MustCompile(`Permission to use, copy, modify, and(/or)? distribute this software for any`)},
}

// classify names a licence text, or "" when no known licence matches. The
// copyleft kinds are tried first, so a permissive text that embeds a
// copyleft one is still caught.
func classify(text string) (name string, copyleft bool) {
	for _, k := range licenceKinds {
		if k.text.MatchString(text) {
			return k.name, k.copyleft
		}
	}
	return "", false
}

// licenceFile reads the licence at the root of a module's directory.
func licenceFile(dir string) (path, text string, err error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", "", err
	}
	for _, e := range entries {
		n := strings.ToUpper(e.Name())
		if !e.IsDir() && (strings.HasPrefix(n, "LICENSE") || strings.HasPrefix(n, "LICENCE") || strings.HasPrefix(n, "COPYING")) {
			b, err := os.ReadFile(filepath.Join(dir, e.Name()))
			return filepath.Join(dir, e.Name()), string(b), err
		}
	}
	return "", "", fmt.Errorf("no LICENSE, LICENCE or COPYING file in %s", dir)
}

type linked struct {
	what, version, licence, text string
}

// linkedCode lists what the zhkb binary is made of besides zhkb's own
// code: every module of `go list -deps ./cmd/zhkb`, the Go standard library
// and runtime, and the OpenCC dictionaries zhkb embeds.
func linkedCode(t *testing.T) []linked {
	t.Helper()
	out, err := exec.Command("go", "list", "-deps", "-f", "{{with .Module}}{{if not .Main}}{{.Path}}\t{{.Version}}\t{{.Dir}}{{end}}{{end}}", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps ./cmd/zhkb: %v", err)
	}
	seen := map[string]bool{}
	var code []linked
	add := func(what, version, dir string) {
		path, text, err := licenceFile(dir)
		if err != nil {
			t.Errorf("%s: %v: read its licence and add it here before linking it", what, err)
			return
		}
		name, copyleft := classify(text)
		switch {
		case name == "":
			t.Errorf("%s: %s is no licence this test knows: review it and add it to licenceKinds", what, path)
		case copyleft:
			t.Errorf("%s: %s is %s, a copyleft licence: zhkb's binary is MIT and may link permissive code only", what, path, name)
		}
		code = append(code, linked{what, version, name, strings.TrimSpace(text)})
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 3 || seen[f[0]] {
			continue
		}
		seen[f[0]] = true
		add(f[0], f[1], f[2])
	}
	sort.Slice(code, func(i, j int) bool { return code[i].what < code[j].what })
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatalf("go env GOROOT: %v", err)
	}
	add("Go (standard library and runtime)", "", strings.TrimSpace(string(goroot)))
	add("OpenCC dictionaries (embedded in internal/convert/data/opencc)", "1.4.2", filepath.Join("..", "..", "internal", "convert", "data", "opencc"))
	return code
}

// TestThirdPartyNotices fails when the binary links code under a copyleft
// or unknown licence, and when THIRD_PARTY_NOTICES.md is not the notice
// generated from what it links (go test ./cmd/zhkb -run Notices -update
// rewrites it).
func TestThirdPartyNotices(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH")
	}
	var b bytes.Buffer
	b.WriteString("# Third-party notices\n\n")
	b.WriteString("zhkb is MIT-licensed (see LICENSE). Its binary is built from the code below as well, each part under its own licence, whose text follows.\n")
	b.WriteString("This file is generated: `go test ./cmd/zhkb -run Notices -update` rewrites it from `go list -deps ./cmd/zhkb`; the test fails when it is stale or when a copyleft licence enters.\n")
	for _, c := range linkedCode(t) {
		fmt.Fprintf(&b, "\n## %s (%s)\n\n```text\n%s\n```\n", strings.TrimSpace(c.what+" "+c.version), c.licence, c.text)
	}
	sitetest.Golden(t, filepath.Join("..", "..", "THIRD_PARTY_NOTICES.md"), b.Bytes(), *updateNotices, "go test ./cmd/zhkb -run Notices -update")
}

// TestClassifyLicences checks the classifier against real licence texts:
// the GPL of github.com/liuzl/cedar-go (which zhkb's tests still reach
// through the OpenCC reference) is caught, the permissive ones are not.
func TestClassifyLicences(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Path}}\t{{.Dir}}", "github.com/liuzl/cedar-go", "github.com/yuin/goldmark", "github.com/fsnotify/fsnotify", "github.com/liuzl/da").Output()
	if err != nil {
		t.Skipf("go list -m: %v", err)
	}
	want := map[string]string{"github.com/liuzl/cedar-go": "GPL", "github.com/yuin/goldmark": "MIT", "github.com/fsnotify/fsnotify": "BSD", "github.com/liuzl/da": "Apache-2.0"}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 2 || f[1] == "" {
			t.Fatalf("module not downloaded: %q (go mod download)", line)
		}
		_, text, err := licenceFile(f[1])
		if err != nil {
			t.Fatal(err)
		}
		if name, copyleft := classify(text); name != want[f[0]] || copyleft != (name == "GPL") {
			t.Errorf("%s: classified %q (copyleft %v), want %q", f[0], name, copyleft, want[f[0]])
		}
	}
}
