package bundle

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

// linkAttrs are the attributes that hold a URL to another file.
var linkAttrs = map[string]bool{"href": true, "src": true, "action": true}

// rewriter returns what one URL found in an element becomes (the same
// string to leave it), and attributes to add to the element.
type rewriter func(tag, attr, val string) (out string, extra []html.Attribute, err error)

// rewriteLinks copies an HTML document, passing every link (href, src and
// action attributes, and the URL of a meta refresh) through fn. Everything
// else is copied byte for byte.
func rewriteLinks(src []byte, fn rewriter) ([]byte, error) {
	var out bytes.Buffer
	out.Grow(len(src) + len(src)/16)
	z := html.NewTokenizer(bytes.NewReader(src))
	noscript := false // the tokenizer reads a <noscript>'s content as text
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() == io.EOF {
				return out.Bytes(), nil
			}
			return nil, z.Err()
		case html.TextToken:
			if !noscript {
				out.Write(z.Raw())
				continue
			}
			inner, err := rewriteLinks(append([]byte(nil), z.Raw()...), fn)
			if err != nil {
				return nil, err
			}
			out.Write(inner)
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == "noscript" {
				noscript = false
			}
			out.Write(z.Raw())
		case html.StartTagToken, html.SelfClosingTagToken:
			raw := append([]byte(nil), z.Raw()...)
			tok := z.Token()
			noscript = tt == html.StartTagToken && tok.Data == "noscript"
			changed, err := rewriteTag(&tok, fn)
			if err != nil {
				return nil, err
			}
			if changed {
				writeTag(&out, tok)
			} else {
				out.Write(raw)
			}
		default:
			out.Write(z.Raw())
		}
	}
}

// rewriteTag passes the links of one start tag through fn.
func rewriteTag(tok *html.Token, fn rewriter) (bool, error) {
	changed := false
	var extra []html.Attribute
	for i, a := range tok.Attr {
		var val, prefix string
		switch {
		case linkAttrs[a.Key]:
			val = a.Val
		case tok.Data == "meta" && a.Key == "content" && isRefresh(tok):
			// "0; url=…"
			j := strings.Index(strings.ToLower(a.Val), "url=")
			if j < 0 {
				continue
			}
			prefix, val = a.Val[:j+4], a.Val[j+4:]
		default:
			continue
		}
		out, more, err := fn(tok.Data, a.Key, val)
		if err != nil {
			return false, err
		}
		extra = append(extra, more...)
		if out != val {
			tok.Attr[i].Val = prefix + out
			changed = true
		}
	}
	if len(extra) > 0 {
		tok.Attr = append(tok.Attr, extra...)
		changed = true
	}
	return changed, nil
}

func isRefresh(tok *html.Token) bool {
	for _, a := range tok.Attr {
		if a.Key == "http-equiv" && strings.EqualFold(a.Val, "refresh") {
			return true
		}
	}
	return false
}

// writeTag serialises a start tag.
func writeTag(out *bytes.Buffer, tok html.Token) {
	out.WriteByte('<')
	out.WriteString(tok.Data)
	for _, a := range tok.Attr {
		out.WriteByte(' ')
		out.WriteString(a.Key)
		out.WriteString(`="`)
		out.WriteString(html.EscapeString(a.Val))
		out.WriteByte('"')
	}
	if tok.Type == html.SelfClosingTagToken {
		out.WriteString(" /")
	}
	out.WriteByte('>')
}

// target is where a link in the page at from (a path from the output root)
// leads: a path from the output root and the fragment. ok is false for
// links that leave the site (a scheme, "//host") or stay on the page
// ("#…", "").
func target(from, link string) (p, fragment string, ok bool, err error) {
	if link == "" || strings.HasPrefix(link, "#") {
		return "", "", false, nil
	}
	u, err := url.Parse(link)
	if err != nil {
		return "", "", false, fmt.Errorf("link %q: %w", link, err)
	}
	if u.Scheme != "" || u.Host != "" {
		return "", "", false, nil
	}
	base := &url.URL{Path: "/" + from}
	r := base.ResolveReference(u)
	p = strings.TrimPrefix(r.Path, "/")
	if strings.HasSuffix(r.Path, "/") && p != "" && !strings.HasSuffix(p, "/") {
		p += "/"
	}
	if i := strings.IndexByte(link, '#'); i >= 0 {
		fragment = link[i+1:] // as written
	}
	return p, fragment, true, nil
}

// pageFile is the file that serves a directory-style page path.
func pageFile(p string) string {
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	return p
}
