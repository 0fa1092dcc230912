package diag

import (
	"errors"
	"testing"
)

func TestError(t *testing.T) {
	tests := []struct {
		err  *Error
		want string
	}{
		{&Error{File: "a.md", Msg: "m"}, "a.md: m"},
		{&Error{File: "a.md", Line: 3, Msg: "m"}, "a.md:3: m"},
		{&Error{File: "a.md", Line: 3, Col: 7, Msg: "m", Hint: "do x"}, "a.md:3:7: m (do x)"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

func TestListSortsAndFlattens(t *testing.T) {
	var l List
	l.Add(nil)
	l.Add(At("b.md", 2, "two"))
	var inner List
	inner.Add(At("a.md", 9, "nine"))
	inner.Add(At("a.md", 1, "one"))
	l.Add(inner)
	l.Add(errors.New("plain"))
	err := l.Err()
	want := "a.md:1: one\na.md:9: nine\nb.md:2: two\nplain"
	if err.Error() != want {
		t.Errorf("got\n%s\nwant\n%s", err, want)
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Error("errors.As cannot reach the errors in a list")
	}
	if (List{}).Err() != nil {
		t.Error("empty list is not nil")
	}
}

func TestShift(t *testing.T) {
	var l List
	l.Add(At("a", 1, "x"))
	l.Add(At("a", 0, "unknown line"))
	Shift(l.Err(), 4)
	if got := l.Err().Error(); got != "a: unknown line\na:5: x" {
		t.Errorf("got %q", got)
	}
}
