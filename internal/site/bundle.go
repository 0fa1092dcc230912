package site

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/zhkb/zhkb/internal/bundle"
	"github.com/zhkb/zhkb/internal/config"
)

// BundleOptions control zhkb bundle.
type BundleOptions struct {
	Root   string // site root
	Config string // config file; default Root/config.toml
	Out    string // where the bundles go; default Root/dist
	Name   string // file name stem; default [bundle] name, else the site root's directory name
	Drafts bool
}

// BundleFile is one bundle written.
type BundleFile struct {
	Path string
	Size int64
}

// Bundle builds the site for reading from files and writes, into the
// bundle directory, NAME-offline.zip (the whole site) and NAME-<dir>.html
// (each variant as one file). Each file is written beside its final name
// and renamed into place, so a failed run leaves earlier bundles as they
// were.
func Bundle(opts BundleOptions) ([]BundleFile, error) {
	root := opts.Root
	if root == "" {
		root = "."
	}
	out := opts.Out
	if out == "" {
		out = filepath.Join(root, "dist")
	}
	cfgFile := opts.Config
	if cfgFile == "" {
		cfgFile = filepath.Join(root, config.FileName)
	}
	cfg, err := config.Load(cfgFile)
	if err != nil {
		return nil, err
	}
	name := opts.Name
	if name == "" {
		name = cfg.Bundle.Name
	}
	if name == "" {
		abs, err := filepath.Abs(root)
		if err != nil {
			return nil, err
		}
		name = fileStem(filepath.Base(abs))
	}
	if !config.IsBundleName(name) {
		return nil, fmt.Errorf("bundle name %q: use letters, digits, '-' and '_' only", name)
	}
	tmp, err := os.MkdirTemp("", "zhkb-bundle-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	built := filepath.Join(tmp, "site")
	if _, err := Build(Options{Root: root, Config: cfgFile, Out: built, Drafts: opts.Drafts, Offline: true}); err != nil {
		return nil, err
	}
	s := &bundle.Site{Dir: built, Name: name}
	for _, v := range cfg.Variants {
		s.Variants = append(s.Variants, bundle.Variant{Dir: v.Dir, Code: v.Code})
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, err
	}
	var written []BundleFile
	write := func(file string, fill func(f *os.File) error) error {
		dst := filepath.Join(out, file)
		f, err := os.CreateTemp(out, "."+file+".*")
		if err != nil {
			return err
		}
		defer os.Remove(f.Name())
		if err := fill(f); err != nil {
			f.Close()
			return fmt.Errorf("%s: %w", file, err)
		}
		fi, err := f.Stat()
		if err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
		if err := os.Chmod(f.Name(), 0o644); err != nil {
			return err
		}
		if err := os.Rename(f.Name(), dst); err != nil {
			return err
		}
		written = append(written, BundleFile{Path: dst, Size: fi.Size()})
		return nil
	}
	if err := write(s.ZipName(), func(f *os.File) error { return bundle.Zip(s, f) }); err != nil {
		return written, err
	}
	for _, v := range s.Variants {
		if err := write(s.SingleName(v), func(f *os.File) error { return bundle.SingleFile(s, v, f) }); err != nil {
			return written, err
		}
	}
	return written, nil
}

// fileStem makes a directory name usable as a bundle name.
func fileStem(dir string) string {
	var b strings.Builder
	for _, r := range dir {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	s := strings.Trim(b.String(), "-_")
	if s == "" {
		return "site"
	}
	return s
}
