package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/zhkb/zhkb/internal/config"
	"github.com/zhkb/zhkb/internal/convert"
)

// convertCmd writes the conversion of files (or standard input) to stdout.
func convertCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("zhkb convert", flag.ContinueOnError)
	fs.SetOutput(stderr)
	name := fs.String("c", "", "conversion: "+strings.Join(config.Conversions(), ", "))
	useSite := fs.Bool("site", false, "also apply the site's glossary, -{…}- markers and book-title rule")
	root := fs.String("s", ".", "site root, with -site")
	outDir := fs.String("o", "", "write each FILE's conversion to `DIR`/FILE instead of standard output")
	force := fs.Bool("f", false, "with -o, replace files that exist (never a FILE itself)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: zhkb convert -c NAME [-site [-s DIR]] [-o DIR [-f]] [FILE…]\n\nConverts text between Simplified and Traditional Chinese and writes it to standard output (or, with -o, beside each file's path under DIR).\n\n")
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args, stdout); !ok {
		return code
	}
	valid := false
	for _, c := range config.Conversions() {
		valid = valid || c == *name
	}
	if !valid {
		fmt.Fprintf(stderr, "zhkb convert: unknown conversion %q; valid: %s\n", *name, strings.Join(config.Conversions(), ", "))
		return 2
	}
	conv, err := converter(*name, *useSite, *root)
	if err != nil {
		fmt.Fprintf(stderr, "zhkb convert: %v\n", err)
		return 1
	}
	inputs := fs.Args()
	if len(inputs) == 0 {
		inputs = []string{"-"}
	}
	if *outDir != "" {
		for _, in := range inputs {
			if err := insideDir(in); err != nil {
				fmt.Fprintf(stderr, "zhkb convert: %v\n", err)
				return 1
			}
			if err := canWrite(*outDir, in, *force); err != nil {
				fmt.Fprintf(stderr, "zhkb convert: %v\n", err)
				return 1
			}
		}
	}
	for _, in := range inputs {
		var data []byte
		if in == "-" {
			data, err = io.ReadAll(stdin)
		} else {
			data, err = os.ReadFile(in)
		}
		if err != nil {
			fmt.Fprintf(stderr, "zhkb convert: %v\n", err)
			return 1
		}
		if *outDir != "" {
			err = writeConverted(*outDir, in, conv.Convert(string(data)))
		} else {
			_, err = io.WriteString(stdout, conv.Convert(string(data)))
		}
		if err != nil {
			fmt.Fprintf(stderr, "zhkb convert: %v\n", err)
			return 1
		}
	}
	return 0
}

// insideDir refuses a file that -o could not place under its directory.
func insideDir(file string) error {
	rel := filepath.Clean(file)
	if file == "-" || filepath.IsAbs(rel) || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return fmt.Errorf("%s: with -o, name files by relative paths inside the current directory", file)
	}
	return nil
}

// canWrite refuses a destination under dir that is file itself (the
// conversions are not each other's inverses, so the original would be
// lost), or that exists unless force is set. It runs for every file before
// any is written.
func canWrite(dir, file string, force bool) error {
	dst := filepath.Join(dir, filepath.Clean(file))
	out, err := os.Stat(dst)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if in, err := os.Stat(file); err == nil && os.SameFile(in, out) {
		return fmt.Errorf("%s: -o %s would write the conversion over this file itself, and converting back does not restore it; choose another directory for -o. Nothing was written", file, dir)
	}
	if !force {
		return fmt.Errorf("%s exists; remove it, choose another directory for -o, or pass -f to replace it. Nothing was written", dst)
	}
	return nil
}

// writeConverted writes text to dir/file.
func writeConverted(dir, file, text string) error {
	dst := filepath.Join(dir, filepath.Clean(file))
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return os.WriteFile(dst, []byte(text), 0o644)
}

// converter returns OpenCC's conversion, or with site rules the conversion
// of the site's variant that uses it (or of its target script).
func converter(name string, useSite bool, root string) (convert.Converter, error) {
	if !useSite {
		return convert.New(name)
	}
	cfg, err := config.Load(filepath.Join(root, config.FileName), root)
	if err != nil {
		return nil, err
	}
	codes := make([]string, len(cfg.Variants))
	code := config.Hant
	if strings.HasSuffix(name, "2s") || strings.HasSuffix(name, "2sp") {
		code = config.Hans
	}
	for i, v := range cfg.Variants {
		codes[i] = v.Code
		if v.Convert == name {
			code = v.Code
		}
	}
	g, err := convert.LoadGlossary(filepath.Join(cfg.Root, cfg.Conversion.Glossary), cfg.Conversion.Glossary, !cfg.Conversion.GlossarySet, codes)
	if err != nil {
		return nil, err
	}
	return convert.NewVariant(convert.VariantOptions{
		Conversion: name, Code: code, Script: config.ScriptOf(code), Source: cfg.Source,
		BookTitles: cfg.Conversion.BookTitles, Glossary: g,
	})
}
