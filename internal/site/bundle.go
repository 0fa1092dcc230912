package site

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/zhkb/zhkb/internal/bundle"
	"github.com/zhkb/zhkb/internal/config"
	"github.com/zhkb/zhkb/internal/output"
)

// BundleOptions control zhkb bundle.
type BundleOptions struct {
	Root   string // site root
	Config string // config file; default Root/config.toml
	Out    string // where the bundles go; default Root/dist
	Name   string // file name stem; default [bundle] name, else the site root's directory name
	Drafts bool
	// Context, when set, stops the work when done (Ctrl-C), removing what
	// it wrote and leaving earlier bundles as they were.
	Context context.Context
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
	b, err := prepare(Options{Root: root, Config: cfgFile, Drafts: opts.Drafts, Context: opts.Context, Out: out})
	if err != nil {
		return nil, err
	}
	files, err := b.makeBundles(opts.Name)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, err
	}
	// Every bundle is written beside its place first; only when all are
	// written are they renamed into place, so that a failure (a full
	// disk) leaves the old set whole rather than a new zip beside old
	// single files.
	if opts.Context != nil && opts.Context.Err() != nil {
		return nil, opts.Context.Err()
	}
	var temps []string
	defer func() {
		for _, t := range temps {
			os.Remove(t) // gone already when renamed
		}
	}()
	for _, f := range files {
		tmp, err := writeTemp(filepath.Join(out, f.name), f.data)
		if err != nil {
			return nil, err
		}
		temps = append(temps, tmp)
	}
	var written []BundleFile
	for i, f := range files {
		dst := filepath.Join(out, f.name)
		if err := os.Rename(temps[i], dst); err != nil {
			return written, err
		}
		written = append(written, BundleFile{Path: dst, Size: int64(len(f.data))})
	}
	return written, nil
}

// bundleFile is a bundle made in memory.
type bundleFile struct {
	name    string // file name: NAME-offline.zip, NAME-<dir>.html
	variant string // the variant directory of a single file, "" for the zip
	data    []byte
}

// bundleName gives the file name stem of the bundles: name, else the
// config's, else the site folder's.
func bundleName(cfg *config.Config, name string) (string, error) {
	if name == "" {
		name = cfg.Bundle.Name
	}
	if name == "" {
		abs, err := filepath.Abs(cfg.Root)
		if err != nil {
			return "", err
		}
		name = fileStem(filepath.Base(abs))
	}
	if !config.IsBundleName(name) {
		return "", fmt.Errorf("bundle name %q: use letters, digits, '-' and '_' only", name)
	}
	return name, nil
}

// makeBundles renders the site for reading from files, into memory, from
// what the build has loaded and parsed already, and makes its bundles from
// that: the zip first, then each variant's single file. The search index
// made on the way is kept for the build's own pages. name is the file name
// stem.
func (b *builder) makeBundles(name string) ([]bundleFile, error) {
	name, err := bundleName(b.cfg, name)
	if err != nil {
		return nil, err
	}
	site := output.NewMemory()
	off := b.offline()
	if err := off.render(site); err != nil {
		return nil, err
	}
	b.searchFiles = off.searchFiles
	s := &bundle.Site{Files: site, Name: name}
	for _, v := range b.cfg.Variants {
		s.Variants = append(s.Variants, bundle.Variant{Dir: v.Dir, Code: v.Code})
	}
	if err := b.opts.interrupted(); err != nil {
		return nil, err
	}
	// The zip and each variant's single file at once: each reads the
	// rendered pages and writes its own file.
	files := make([]bundleFile, 1+len(s.Variants))
	err = parallel(len(files), func(i int) error {
		var buf bytes.Buffer
		if i == 0 {
			if err := bundle.Zip(s, &buf); err != nil {
				return fmt.Errorf("%s: %w", s.ZipName(), err)
			}
			files[i] = bundleFile{name: s.ZipName(), data: buf.Bytes()}
			return nil
		}
		v := s.Variants[i-1]
		if err := bundle.SingleFile(s, v, &buf); err != nil {
			return fmt.Errorf("%s: %w", s.SingleName(v), err)
		}
		files[i] = bundleFile{name: s.SingleName(v), variant: v.Dir, data: buf.Bytes()}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return files, nil
}

// offline returns the builder of the bundles' pass: a copy of b that
// renders for reading from files (no base URL, links to index.html, no
// progress shown), keeps the articles' parsed text for the build's own
// pass, and keeps the search index it makes (searchFiles), which the
// build's own pages get too. b is left as it is.
func (b *builder) offline() *builder {
	o := *b
	cfg := *b.cfg
	cfg.BaseURL = ""
	o.cfg = &cfg
	o.opts.Offline, o.opts.Progress = true, nil
	o.releaseDocs, o.keepSearch = false, true
	o.variants = make([]*variant, len(b.variants))
	for i, v := range b.variants {
		c := *v
		c.site.BaseURL = ""
		c.feed = make([]feedEntry, len(v.feed)) // filled in by the pass
		o.variants[i] = &c
	}
	return &o
}

// writeTemp writes data to a new hidden file beside dst and returns its
// name; on failure nothing is left.
func writeTemp(dst string, data []byte) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(dst), "."+filepath.Base(dst)+".*")
	if err != nil {
		return "", err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err != nil {
		os.Remove(f.Name())
		return "", fmt.Errorf("writing %s: %w", dst, err)
	}
	return f.Name(), nil
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
