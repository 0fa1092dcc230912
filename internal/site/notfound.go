package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
)

// rootNotFound is the 404 page a host serves for every missing path: the
// source variant's 404 page carrying every other variant's, each in a
// <template>, and a few lines of script that show the one of the variant
// the missing path is in (/zh-hant/…), else the one the browser's
// languages pick (as the landing page picks), else the source's. Readers
// without scripts see the source's page with a line in each other
// variant's language leading to its home page.
func (b *builder) rootNotFound() ([]byte, error) {
	pages := make([][]byte, len(b.variants))
	for i, v := range b.variants {
		page, err := b.notFound(v, "404.html")
		if err != nil {
			return nil, err
		}
		pages[i] = page
	}
	if len(pages) == 1 {
		return pages[0], nil
	}
	root := "/"
	if b.cfg.BaseURL != "" {
		root = b.cfg.BaseURL
	}
	type choice struct {
		Dir    string `json:"dir"`
		Code   string `json:"code"`
		Script string `json:"script"`
	}
	var extra, noscript bytes.Buffer
	choices := []choice{}
	for i, v := range b.variants {
		choices = append(choices, choice{v.Dir, v.Code, v.Script})
		if i == 0 {
			continue
		}
		body, ok := between(pages[i], "<body", "</body>")
		if !ok {
			return nil, fmt.Errorf("the %s 404 page (layouts/404.html) has no <body>", v.Code)
		}
		if at := bytes.IndexByte(body, '>'); at >= 0 {
			body = body[at+1:]
		}
		title, _ := between(pages[i], "<title>", "</title>")
		fmt.Fprintf(&extra, "<template data-zhkb-404=\"%s\" data-lang=\"%s\" data-title=\"%s\">%s</template>\n",
			template.HTMLEscapeString(v.Dir), template.HTMLEscapeString(v.Code), title, body)
		fmt.Fprintf(&noscript, "<p lang=\"%s\">%s <a href=\"%s%s/\">%s</a></p>\n", template.HTMLEscapeString(v.Code),
			template.HTMLEscapeString(v.ui["notFound"]), template.HTMLEscapeString(root), template.HTMLEscapeString(v.Dir), template.HTMLEscapeString(v.ui["backHome"]))
	}
	data, err := json.Marshal(choices)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(&extra, "<script>\n(function (variants) {\n%s})(%s);\n</script>\n", notFoundScript, data)
	page := pages[0]
	end := bytes.LastIndex(page, []byte("</body>"))
	if end < 0 {
		return nil, fmt.Errorf("the %s 404 page (layouts/404.html) has no </body>", b.variants[0].Code)
	}
	out := make([]byte, 0, len(page)+extra.Len()+noscript.Len()+32)
	main := bytes.Index(page, []byte(`<main id="main">`))
	if main >= 0 && main < end {
		main += len(`<main id="main">`)
		out = append(out, page[:main]...)
		out = append(out, "\n<noscript>\n"...)
		out = append(out, noscript.Bytes()...)
		out = append(out, "</noscript>"...)
		out = append(out, page[main:end]...)
	} else {
		out = append(out, page[:end]...)
	}
	out = append(out, extra.Bytes()...)
	return append(out, page[end:]...), nil
}

// between returns what lies between the first open and the next close.
func between(page []byte, open, close string) ([]byte, bool) {
	start := bytes.Index(page, []byte(open))
	if start < 0 {
		return nil, false
	}
	start += len(open)
	end := bytes.Index(page[start:], []byte(close))
	if end < 0 {
		return nil, false
	}
	return page[start : start+end], true
}

// notFoundScript picks the variant of a missing page and shows its 404
// page; variants lists them, the source first.
const notFoundScript = `  var path = location.pathname.toLowerCase(), pick = null, i, j;
  for (i = 0; i < variants.length; i++) {
    if (path.indexOf("/" + variants[i].dir.toLowerCase() + "/") >= 0) pick = variants[i];
  }
  function scriptOf(tag) {
    var parts = tag.split("-");
    for (var k = 1; k < parts.length; k++) {
      if (parts[k] === "hant" || parts[k] === "tw" || parts[k] === "hk" || parts[k] === "mo") return "zh-Hant";
    }
    return "zh-Hans";
  }
  var langs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""];
  for (i = 0; i < langs.length && !pick; i++) {
    var tag = String(langs[i]).split(";")[0].trim().toLowerCase();
    for (j = 0; j < variants.length && !pick; j++) if (variants[j].code.toLowerCase() === tag) pick = variants[j];
    if (tag.split("-")[0] !== "zh") continue;
    for (j = 0; j < variants.length && !pick; j++) if (variants[j].script === scriptOf(tag)) pick = variants[j];
  }
  if (!pick || pick === variants[0]) return;
  var t = document.querySelector('template[data-zhkb-404="' + pick.dir + '"]');
  if (!t) return;
  document.documentElement.lang = t.getAttribute("data-lang");
  document.title = t.getAttribute("data-title");
  document.body.innerHTML = t.innerHTML;
  // Inline scripts set by innerHTML do not run: run the page's own (the
  // search runtime, deferred, is already on its way and finds the new form).
  Array.prototype.forEach.call(document.body.querySelectorAll("script:not([src])"), function (old) {
    var s = document.createElement("script");
    s.textContent = old.textContent;
    old.parentNode.replaceChild(s, old);
  });
`
