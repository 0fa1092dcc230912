package site

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/zhkb/zhkb/internal/content"
)

// TestLetterBuilder fills in every letter template of the bundled knowledge
// base, in both variants, from a web server, from file:// and in the
// single-file bundle: a field for each blank, the letter filling in as the
// reader types, and the copied letter holding what was typed, with no blank
// left that had a field filled; nothing is stored.
func TestLetterBuilder(t *testing.T) {
	t.Parallel()
	site, err := content.Load("../../content", content.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := lookSite(t)
	base := lookServer(t, out)
	disk := "file://" + filepath.ToSlash(out)
	ctx := browserContext(t)
	blank := regexp.MustCompile(`[\[［]([^\[\]［］\n]{1,24})[\]］]`)
	letters := 0
	for _, p := range site.Pages {
		if p.Front.Params["template"] != "letter" {
			continue
		}
		letters++
		parts := strings.Split(string(p.Body), "\n---\n")
		if len(parts) < 3 {
			t.Fatalf("%s: no letter between rules", p.File)
		}
		// The blanks as written, links aside.
		names := map[string]bool{}
		for _, m := range blank.FindAllStringSubmatch(regexp.MustCompile(`\[[^\]]*\]\([^)]*\)`).ReplaceAllString(parts[1], ""), -1) {
			names[strings.TrimSpace(m[1])] = true
		}
		urls := []string{base + "/zh-hans/" + p.URL(), base + "/zh-hant/" + p.URL()}
		if letters == 1 {
			urls = append(urls, disk+"/zh-hant/"+p.URL()+"index.html", disk+"/download/baotongxunlu-guide-zh-hans.html#/"+p.URL())
		}
		for _, u := range urls {
			if err := chromedp.Do(ctx, chromedp.Navigate("about:blank"), chromedp.Navigate(u), chromedp.WaitReady("#main .letter-tools")); err != nil {
				t.Fatalf("%s: %v", u, err)
			}
			got, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]any](`new Promise(done => {
				let copied = "";
				Object.defineProperty(navigator, "clipboard", { configurable: true, value: { writeText: s => { copied = s; return Promise.resolve(); } } });
				const inputs = Array.from(document.querySelectorAll(".letter-fields input"));
				const labels = inputs.map(i => document.querySelector('label[for="' + i.id + '"]').textContent);
				inputs.forEach((input, k) => {
					input.focus();
					input.value = "填写" + k + "号";
					input.dispatchEvent(new Event("input", { bubbles: true }));
				});
				const filledSpans = document.querySelectorAll(".prose span.blank.filled").length;
				document.querySelector(".letter-tools button.copy-letter").click();
				setTimeout(() => done({ labels, copied, filledSpans,
					stored: localStorage.length + sessionStorage.length + document.cookie.length }), 100);
			})`, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatalf("%s: %v", u, err)
			}
			labels, _ := got["labels"].([]any)
			copied, _ := got["copied"].(string)
			if len(labels) != len(names) {
				t.Errorf("%s: %d fields %v, the letter has %d blanks %v", u, len(labels), labels, len(names), names)
			}
			for k := range labels {
				if want := fmt.Sprintf("填写%d号", k); !strings.Contains(copied, want) {
					t.Errorf("%s: the copied letter lacks %q, typed into field %v:\n%s", u, want, labels[k], copied)
				}
			}
			if left := blank.FindAllString(copied, -1); len(left) > 0 {
				t.Errorf("%s: blanks left in the filled letter: %v", u, left)
			}
			if got["filledSpans"] == 0.0 || got["stored"] != 0.0 {
				t.Errorf("%s: %v", u, got)
			}
		}
	}
	if letters < 5 {
		t.Errorf("%d letter templates, want at least 5", letters)
	}
}
