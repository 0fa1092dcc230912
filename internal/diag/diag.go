// Package diag describes problems found in a site's files, with positions and advice.
package diag

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Error is a problem at a position in a file. Line and Col start at 1; zero
// means unknown. Hint, when set, says what the editor can do about it.
type Error struct {
	File string
	Line int
	Col  int
	Msg  string
	Hint string
	Err  error // underlying cause, if any
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Col > 0 {
			fmt.Fprintf(&b, ":%d", e.Col)
		}
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	if e.Hint != "" {
		b.WriteString(" (")
		b.WriteString(e.Hint)
		b.WriteString(")")
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// At returns an Error at file:line with a formatted message.
func At(file string, line int, format string, args ...any) *Error {
	return &Error{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}
}

// WithHint sets the advice shown after the message and returns e.
func (e *Error) WithHint(format string, args ...any) *Error {
	e.Hint = fmt.Sprintf(format, args...)
	return e
}

// Shift moves every positioned error in err down by n lines, for problems
// found in a part of a file (front matter, body) that starts after line 1.
// It returns err itself, changed in place.
func Shift(err error, n int) error {
	var list List
	if errors.As(err, &list) {
		for _, e := range list {
			Shift(e, n)
		}
		return err
	}
	var e *Error
	if errors.As(err, &e) && e.Line > 0 {
		e.Line += n
	}
	return err
}

// List is a set of errors reported together, sorted by position.
type List []error

// Add appends err (flattening nested lists); nil is ignored.
func (l *List) Add(err error) {
	if err == nil {
		return
	}
	var sub List
	if errors.As(err, &sub) {
		*l = append(*l, sub...)
		return
	}
	*l = append(*l, err)
}

// Err returns nil for an empty list, the single error for a list of one, or
// the list sorted by file and position.
func (l List) Err() error {
	switch len(l) {
	case 0:
		return nil
	case 1:
		return l[0]
	}
	sort.SliceStable(l, func(i, j int) bool { return less(l[i], l[j]) })
	return l
}

func less(a, b error) bool {
	var ea, eb *Error
	okA, okB := errors.As(a, &ea), errors.As(b, &eb)
	if okA != okB {
		return okA
	}
	if !okA {
		return a.Error() < b.Error()
	}
	if ea.File != eb.File {
		return ea.File < eb.File
	}
	if ea.Line != eb.Line {
		return ea.Line < eb.Line
	}
	return ea.Col < eb.Col
}

func (l List) Error() string {
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Unwrap gives errors.Is and errors.As access to every error in the list.
func (l List) Unwrap() []error { return l }
