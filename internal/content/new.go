package content

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// nameRe is what zhkb new accepts as a section or article name: it becomes
// part of the URL.
var nameRe = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// CheckName reports why name cannot be a section or article name, or nil.
func CheckName(kind, name string) error {
	switch {
	case name == "":
		return fmt.Errorf("the %s name is empty", kind)
	case strings.ToLower(name) != name && nameRe.MatchString(strings.ToLower(name)):
		return fmt.Errorf("%s name %q has capital letters; URLs are lower case: use %q", kind, name, strings.ToLower(name))
	case !nameRe.MatchString(name):
		return fmt.Errorf("%s name %q is not usable in a URL: use lower-case ASCII letters, digits and single '-' between them, e.g. \"report-to-police\" (the Chinese title goes in the front matter)", kind, name)
	case kind == "section" && reservedSections[name]:
		return fmt.Errorf("section name %q is taken by zhkb (tags, articles, search, css, js)", name)
	}
	return nil
}

// NewArticle creates content/<section>/<name>.md under the content
// directory dir, with front matter to fill in: a title to replace, an empty
// description, today's date and draft = true. It never overwrites a file.
// It returns the file's path and whether the section folder is new.
func NewArticle(dir, section, name string, today time.Time) (path string, newSection bool, err error) {
	if err := CheckName("section", section); err != nil {
		return "", false, err
	}
	if err := CheckName("article", name); err != nil {
		return "", false, err
	}
	secDir := filepath.Join(dir, section)
	if _, err := os.Stat(secDir); errors.Is(err, fs.ErrNotExist) {
		newSection = true
	}
	if err := os.MkdirAll(secDir, 0o755); err != nil {
		return "", false, err
	}
	path = filepath.Join(secDir, name+".md")
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return "", false, fmt.Errorf("%s exists; zhkb new does not overwrite files", path)
	}
	if err != nil {
		return "", false, err
	}
	_, err = fmt.Fprintf(f, `+++
title = "在这里写标题"
description = ""                 # one sentence: shown in lists, search results and link previews
date = %s
tags = []
draft = true                     # delete this line to publish
+++

在这里写正文。
`, today.Format("2006-01-02"))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return path, newSection, err
}
