// Package strictoml decodes TOML into Go structs, rejecting unknown keys and
// reporting every problem with its file, line and column.
package strictoml

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/zhkb/zhkb/internal/diag"
)

// Decode parses src (the contents of file) into v, which must be a pointer to
// a struct whose fields carry `toml` tags. Syntax errors, type mismatches and
// keys that v has no field for are returned as *diag.Error values (several at
// once in a diag.List) with line numbers relative to src.
func Decode(file string, src []byte, v any) error {
	md, err := toml.Decode(string(src), v)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			msg := perr.Message
			if perr.Usage != "" {
				msg += ": " + strings.TrimSpace(firstLine(perr.Usage))
			}
			col := perr.Position.Col
			if strings.Contains(msg, "has already been defined") {
				col = keyColumn(src, perr.Position.Line) // the toolkit points past the value
			}
			return &diag.Error{File: file, Line: perr.Position.Line, Col: col, Msg: "invalid TOML: " + msg, Err: err}
		}
		if m := decodeErrRe.FindStringSubmatch(err.Error()); m != nil {
			line, _ := strconv.Atoi(m[1])
			if t := typeErrRe.FindStringSubmatch(m[3]); t != nil {
				key := m[2][strings.LastIndexByte(m[2], '.')+1:]
				want := kinds[t[2]]
				if want.name == "" {
					want = kindOf{t[2], "…"}
				}
				got := kinds[t[1]].name
				if got == "" {
					got = t[1]
				}
				return (&diag.Error{File: file, Line: line, Msg: fmt.Sprintf("%s is %s, but must be %s", key, got, want.name), Err: err}).
					WithHint("write %s = %s", key, want.example)
			}
			return &diag.Error{File: file, Line: line, Msg: fmt.Sprintf("key %q: %s", m[2], m[3]), Err: err}
		}
		return &diag.Error{File: file, Msg: "invalid TOML: " + err.Error(), Err: err}
	}
	var errs diag.List
	var reported []string
	for _, key := range md.Undecoded() {
		name := key.String()
		if coveredBy(name, reported) || dynamic(reflect.TypeOf(v), key) {
			continue
		}
		reported = append(reported, name)
		e := diag.At(file, keyLine(src, key), "unknown key %q", name)
		if allowed := allowedKeys(reflect.TypeOf(v), key[:len(key)-1]); len(allowed) > 0 {
			e.WithHint("allowed here: %s", strings.Join(allowed, ", "))
		}
		errs.Add(e)
	}
	return errs.Err()
}

// decodeErrRe matches the type-mismatch errors toml.Decode reports without
// a ParseError, e.g. `toml: line 1 (last key "title"): incompatible types: …`.
var decodeErrRe = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]*)"\): (.*)$`)

// typeErrRe matches the message of a value of the wrong type.
var typeErrRe = regexp.MustCompile(`incompatible types: TOML value has type (\w+); destination has type (\w+)`)

type kindOf struct{ name, example string }

// kinds names TOML's and Go's types for editors, with an example value.
var kinds = map[string]kindOf{
	"string": {"text in quotes", `"…"`}, "int64": {"a number", "1"}, "float64": {"a number", "1.5"},
	"bool": {"true or false", "true"}, "boolean": {"true or false", "true"},
	"slice": {"a list", `["…", "…"]`}, "array": {"a list", `["…", "…"]`}, "[]interface {}": {"a list", `["…"]`},
	"map": {"a table", "{ … }"}, "map[string]interface {}": {"a table", "{ … }"}, "struct": {"a table", "{ … }"},
	"int": {"a whole number", "1"}, "integer": {"a whole number", "1"}, "time.Time": {"a date", "2024-05-01"},
}

// keyColumn is the 1-based column of the first character on line of src.
func keyColumn(src []byte, line int) int {
	lines := strings.Split(string(src), "\n")
	if line < 1 || line > len(lines) {
		return 0
	}
	l := lines[line-1]
	return utf8.RuneCountInString(l[:len(l)-len(strings.TrimLeft(l, " \t"))]) + 1
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// coveredBy reports whether name lies inside a key already reported, so an
// unknown table is reported once rather than once per key inside it.
func coveredBy(name string, reported []string) bool {
	for _, r := range reported {
		if strings.HasPrefix(name, r+".") {
			return true
		}
	}
	return false
}

// dynamic reports whether key leads into a value of v's type that takes
// any TOML (a map of interface values): the toolkit lists the keys of
// inline tables decoded there as undecoded, but they were kept.
func dynamic(t reflect.Type, key toml.Key) bool {
	t = elem(t)
	for _, part := range key {
		switch t.Kind() {
		case reflect.Interface:
			return true
		case reflect.Map:
			if t.Elem().Kind() == reflect.Interface {
				return true
			}
			t = elem(t.Elem())
		case reflect.Struct:
			var ok bool
			if t, ok = field(t, part); !ok {
				return false
			}
		default:
			return false
		}
	}
	return t.Kind() == reflect.Interface
}

// allowedKeys lists the toml tags of the struct reached from t along path, or
// nil when path does not lead to a struct.
func allowedKeys(t reflect.Type, path toml.Key) []string {
	t = elem(t)
	for _, part := range path {
		if t.Kind() != reflect.Struct {
			return nil
		}
		var ok bool
		if t, ok = field(t, part); !ok {
			return nil
		}
	}
	if t.Kind() != reflect.Struct {
		return nil
	}
	var keys []string
	for i := 0; i < t.NumField(); i++ {
		if name := tagName(t.Field(i)); name != "" && name != "-" {
			keys = append(keys, name)
		}
	}
	sort.Strings(keys)
	return keys
}

// field returns the type of the field of struct t whose toml tag is name.
func field(t reflect.Type, name string) (reflect.Type, bool) {
	for i := 0; i < t.NumField(); i++ {
		if tagName(t.Field(i)) == name {
			return elem(t.Field(i).Type), true
		}
	}
	return t, false
}

func elem(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array {
		t = t.Elem()
	}
	return t
}

func tagName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
	return name
}

// Line returns the 1-based line of src on which the key at path is set (see
// keyLine), or 0 when it cannot be found.
func Line(src []byte, path ...string) int {
	return keyLine(src, toml.Key(path))
}

// keyLine finds the line on which key is defined: a `key = …` line inside
// the right table, a dotted key, or a [table] header. It returns 0 when the
// key cannot be located (an inline table spanning lines, for example).
func keyLine(src []byte, key toml.Key) int {
	want := normalizeKey(key.String())
	table := ""
	for i, line := range strings.Split(string(src), "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "[") {
			name := strings.TrimSpace(strings.Trim(strings.SplitN(t, "]", 2)[0], "[]"))
			if name == "" {
				continue
			}
			table = normalizeKey(name)
			if table == want {
				return i + 1
			}
			continue
		}
		eq := strings.IndexByte(t, '=')
		if eq <= 0 || strings.HasPrefix(t, "#") {
			continue
		}
		full := normalizeKey(t[:eq])
		if table != "" {
			full = table + "." + full
		}
		if full == want || strings.HasPrefix(want, full+".") || strings.HasPrefix(full, want+".") {
			return i + 1
		}
	}
	return 0
}

// normalizeKey turns a written key such as ` a . "b c" ` into a.b c.
func normalizeKey(s string) string {
	parts := strings.Split(s, ".")
	for i, p := range parts {
		parts[i] = strings.Trim(strings.TrimSpace(p), `"'`)
	}
	return strings.Join(parts, ".")
}

// StringTables checks a decoded table whose every value must be a table of
// strings (a glossary: phrase = { zh-Hant = "…" }), found under path in src
// (the contents of file), and returns it typed. Any other value is an error
// at its line: a map of that type would silently drop it.
func StringTables(file string, src []byte, raw map[string]any, path ...string) (map[string]map[string]string, error) {
	out := make(map[string]map[string]string, len(raw))
	var errs diag.List
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		at := append(path[:len(path):len(path)], k)
		table, ok := raw[k].(map[string]any)
		if !ok {
			errs.Add(diag.At(file, Line(src, at...), "%q = %s: an entry must be a table of texts", k, typeName(raw[k])).WithHint(`write "%s" = { zh-Hant = "…" }`, k))
			continue
		}
		m := make(map[string]string, len(table))
		for code, v := range table {
			s, ok := v.(string)
			if !ok {
				errs.Add(diag.At(file, Line(src, append(at, code)...), "%q: %s = %s: the text must be a string", k, code, typeName(v)).WithHint(`write %s = "…"`, code))
				continue
			}
			m[code] = s
		}
		out[k] = m
	}
	return out, errs.Err()
}

// typeName names a decoded TOML value's type for an error.
func typeName(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64:
		return "a number"
	case float64:
		return "a number"
	case bool:
		return "true or false"
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	}
	return "a date"
}

// ErrNotRegular is returned by ReadFile for a named pipe, socket or device.
var ErrNotRegular = errors.New("a named pipe, socket or device, not a regular file: reading it could wait for ever; replace it with a file")

// ReadFile reads a site's TOML file (config, glossary, synonyms), refusing
// anything but a regular file before opening it: opening a named pipe
// blocks until something writes to it.
func ReadFile(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is %w", path, ErrNotRegular)
	}
	return os.ReadFile(path)
}
