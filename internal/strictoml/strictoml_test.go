package strictoml

import (
	"strings"
	"testing"
)

type doc struct {
	Title    string `toml:"title"`
	Count    int    `toml:"count"`
	Variants []struct {
		Code string `toml:"code"`
	} `toml:"variants"`
	Table struct {
		Key string `toml:"key"`
	} `toml:"table"`
	Free map[string]string `toml:"free"`
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name, src, want string // want: "" for success, else the error's start
	}{
		{"ok", "title = \"x\"\ncount = 2\n[[variants]]\ncode = \"a\"\n[table]\nkey = \"k\"\n[free]\nanything = \"y\"\n", ""},
		{"syntax", "title = \"x\"\ncount = \n", "f.toml:2:"},
		{"type", "title = \"x\"\ncount = \"two\"\n", "f.toml:2: count is text in quotes, but must be a whole number (write count = 1)"},
		{"unknown top", "title = \"x\"\ncuont = 2\n", "f.toml:2: unknown key \"cuont\" (allowed here: count, free, table, title, variants)"},
		{"unknown in array table", "[[variants]]\ncode = \"a\"\n[[variants]]\nlabel = \"b\"\n", "f.toml:4: unknown key \"variants.label\" (allowed here: code)"},
		{"unknown in table", "[table]\nkey = \"k\"\nkye = \"k\"\n", "f.toml:3: unknown key \"table.kye\" (allowed here: key)"},
		{"unknown dotted", "table.nope = 1\n", "f.toml:1: unknown key \"table.nope\""},
		{"unknown table reported once", "[extra]\na = 1\nb = 2\n", "f.toml:1: unknown key \"extra\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d doc
			err := Decode("f.toml", []byte(tt.src), &d)
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				if d.Title != "x" || d.Count != 2 || d.Variants[0].Code != "a" || d.Table.Key != "k" || d.Free["anything"] != "y" {
					t.Errorf("decoded %+v", d)
				}
				return
			}
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error %q, want prefix %q", err, tt.want)
			}
			if strings.Count(err.Error(), "\n") > 0 {
				t.Errorf("one problem reported as several: %q", err)
			}
		})
	}
}
