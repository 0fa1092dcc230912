package convert

import (
	"bytes"
	"strconv"
	"unicode/utf8"
)

// fastGlossary reads a glossary file written the usual way, one entry per
// line — "phrase" = { zh-Hant = "text", zh-HK = "text" } — with comments and
// blank lines, much faster than a TOML decoder. ok is false for anything
// else (table headers, dotted keys, literal or multi-line strings, two
// entries of one phrase, a value that is not a string…): the caller then
// decodes the file as TOML, which reports what is wrong with its line. What
// it returns when ok is what a TOML decoder gives for the same file.
func fastGlossary(src []byte) (entries map[string]map[string]string, ok bool) {
	if !utf8.Valid(src) {
		return nil, false
	}
	entries = map[string]map[string]string{}
	for len(src) > 0 {
		line := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
			if n := len(line); n > 0 && line[n-1] == '\r' {
				line = line[:n-1] // CRLF
			}
		} else {
			src = nil
		}
		p := &lineParser{s: line}
		p.space()
		if p.done() || p.peek() == '#' {
			if !p.comment() {
				return nil, false
			}
			continue
		}
		key, ok := p.key()
		if !ok || !p.expect('=') || !p.expect('{') {
			return nil, false
		}
		if _, dup := entries[key]; dup {
			return nil, false
		}
		table := map[string]string{}
		p.space()
		if p.peek() == '}' {
			p.i++
		} else {
			for {
				code, ok := p.key()
				if !ok || !p.expect('=') {
					return nil, false
				}
				p.space()
				text, ok := p.basicString()
				if !ok {
					return nil, false
				}
				if _, dup := table[code]; dup {
					return nil, false
				}
				table[code] = text
				p.space()
				if p.peek() == ',' {
					p.i++
					continue
				}
				if !p.expect('}') {
					return nil, false
				}
				break
			}
		}
		p.space()
		if !p.done() && !(p.peek() == '#' && p.comment()) {
			return nil, false
		}
		entries[key] = table
	}
	return entries, true
}

// lineParser reads one line of a glossary file.
type lineParser struct {
	s []byte
	i int
}

func (p *lineParser) done() bool { return p.i >= len(p.s) }

func (p *lineParser) peek() byte {
	if p.done() {
		return 0
	}
	return p.s[p.i]
}

func (p *lineParser) space() {
	for !p.done() && (p.s[p.i] == ' ' || p.s[p.i] == '\t') {
		p.i++
	}
}

// expect skips spaces and the byte c.
func (p *lineParser) expect(c byte) bool {
	p.space()
	if p.peek() != c {
		return false
	}
	p.i++
	return true
}

// comment accepts the rest of the line as a comment: TOML allows no
// control character in one but tab.
func (p *lineParser) comment() bool {
	for ; !p.done(); p.i++ {
		if c := p.s[p.i]; (c < 0x20 && c != '\t') || c == 0x7f {
			return false
		}
	}
	return true
}

// key reads a bare key (A-Za-z0-9_-) or a basic string; not a dotted one.
func (p *lineParser) key() (string, bool) {
	p.space()
	if p.peek() == '"' {
		k, ok := p.basicString()
		if ok {
			p.space()
			if p.peek() == '.' {
				return "", false
			}
		}
		return k, ok
	}
	start := p.i
	for !p.done() {
		c := p.s[p.i]
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-' {
			p.i++
			continue
		}
		break
	}
	if p.i == start {
		return "", false
	}
	k := string(p.s[start:p.i])
	p.space()
	if p.peek() == '.' {
		return "", false
	}
	return k, true
}

// basicString reads a TOML basic string ("…" with escapes) on one line.
func (p *lineParser) basicString() (string, bool) {
	if p.peek() != '"' {
		return "", false
	}
	p.i++
	if p.i+1 < len(p.s) && p.s[p.i] == '"' && p.s[p.i+1] == '"' {
		return "", false // a multi-line string
	}
	var out []byte
	for !p.done() {
		c := p.s[p.i]
		switch {
		case c == '"':
			p.i++
			return string(out), true
		case c == '\\':
			if p.i+1 >= len(p.s) {
				return "", false
			}
			e := p.s[p.i+1]
			p.i += 2
			switch e {
			case 'b':
				out = append(out, '\b')
			case 't':
				out = append(out, '\t')
			case 'n':
				out = append(out, '\n')
			case 'f':
				out = append(out, '\f')
			case 'r':
				out = append(out, '\r')
			case '"':
				out = append(out, '"')
			case '\\':
				out = append(out, '\\')
			case 'u', 'U':
				n := 4
				if e == 'U' {
					n = 8
				}
				if p.i+n > len(p.s) {
					return "", false
				}
				v, err := strconv.ParseUint(string(p.s[p.i:p.i+n]), 16, 32)
				if err != nil || !utf8.ValidRune(rune(v)) {
					return "", false
				}
				out = utf8.AppendRune(out, rune(v))
				p.i += n
			default:
				return "", false
			}
		case (c < 0x20 && c != '\t') || c == 0x7f:
			return "", false
		default:
			out = append(out, c)
			p.i++
		}
	}
	return "", false
}
