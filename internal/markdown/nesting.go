package markdown

import (
	"bytes"
	"fmt"

	"github.com/zhkb/zhkb/internal/diag"
)

// MaxNesting is the deepest nesting of lists and block quotes zhkb reads,
// as markdown-it's maxNesting: goldmark's time grows with the depth times
// the number of lines (a 1,000-level list takes seconds, 10,000 levels
// minutes), and no reader can follow a list ten levels deep on a phone.
const MaxNesting = 100

// checkNesting finds the first line of src that may lie more than
// MaxNesting lists and quotes deep, in one pass over the text. A line's
// depth is at most its container markers (>, -, *, +, 1. or 1), each with
// the space after it) plus half its other indentation, since each level of
// list indents its items by at least two columns.
func checkNesting(file string, firstLine int, src []byte) error {
	for n, rest := 0, src; len(rest) > 0; n++ {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		markers, cols, i := 0, 0, 0
		marker := func() { // a container marker and the one space or tab that is part of it
			markers++
			if i+1 < len(line) && (line[i+1] == ' ' || line[i+1] == '\t') {
				i++
			}
		}
	scan:
		for i < len(line) {
			at := i
			switch c := line[i]; {
			case c == ' ':
				cols++
			case c == '\t':
				cols = (cols/4 + 1) * 4
			case c == '>':
				marker()
			case (c == '-' || c == '*' || c == '+') && blankAfter(line, i+1):
				marker()
			case c >= '0' && c <= '9':
				j := i
				for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
					j++
				}
				if j < len(line) && (line[j] == '.' || line[j] == ')') && blankAfter(line, j+1) {
					i = j
					marker()
				} else {
					break scan
				}
			default:
				break scan
			}
			i++
			if depth := markers + cols/2; depth > MaxNesting {
				return &diag.Error{File: file, Line: firstLine + n, Col: at + 1,
					Msg:  fmt.Sprintf("this line lies more than %d lists or quotes deep (or is indented more than %d columns); zhkb reads at most %d levels", MaxNesting, 2*MaxNesting, MaxNesting),
					Hint: "flatten the list or quote, e.g. split it into sections with headings"}
			}
		}
	}
	return nil
}

// blankAfter reports whether line has a space, a tab or its end at i: what
// follows a list marker (a marker alone on its line starts an empty item).
func blankAfter(line []byte, i int) bool {
	return i >= len(line) || line[i] == ' ' || line[i] == '\t' || line[i] == '\r'
}
