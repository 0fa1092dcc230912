// Package config loads and validates a site's config.toml.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // time zones by name on machines without a zone database

	"github.com/zhkb/zhkb/internal/diag"
	"github.com/zhkb/zhkb/internal/strictoml"
)

// FileName is the name of the config file in the site root.
const FileName = "config.toml"

// Scripts a site's source text may be written in.
const (
	Hans = "zh-Hans"
	Hant = "zh-Hant"
)

// Config is a validated site configuration.
type Config struct {
	Root        string         // site root directory (absolute)
	File        string         // path of the config file, as given to Load
	Title       string         // in the source script
	Description string         // in the source script
	BaseURL     string         // absolute URL ending in "/", or "" when not set
	TimeZone    *time.Location // what front-matter dates without a zone mean; UTC unless timeZone is set
	Source      string         // Hans or Hant
	Variants    []Variant
	UI          map[string]string // the site's own UI strings ([ui]), in the source script
	TagSlugs    map[string]string // tag (source script) → URL segment
	Markdown    Markdown
	Conversion  Conversion
	Search      Search
	Bundle      Bundle
	Help        *Help // the help line on every page, nil for none
	Statutes    Statutes
	Check       Check
}

// Statutes holds where the site keeps the texts of the laws it cites.
type Statutes struct {
	// Dir is the folder of law texts, relative to the site root, one TOML
	// file per law and version; "" for none. Citations of their articles
	// link to the texts.
	Dir string
}

// Check holds what zhkb check warns about.
type Check struct {
	// MaxAge is how long after a page's checked date its legal facts want
	// checking again; 0 for never.
	MaxAge time.Duration
	// Line is the line of config.toml that sets maxAge, for messages.
	Line int
}

// Help is a line every page shows, the landing and 404 pages included: where
// a reader in trouble gets help now, one tap away on a phone.
type Help struct {
	Text   string  // the words of the link, in the source script (a variant's own: as written)
	Link   string  // the article the text links to, as its file under content/ with an optional #anchor; "" for none
	Phones []Phone // numbers shown as tel: links after the text
	Line   int     // the line of config.toml that sets it, for messages
}

// Phone is a number to call and what it is.
type Phone struct {
	Number string // as dialled: digits, perhaps grouped by spaces or hyphens
	Label  string // in the source script (a variant's own: as written)
}

// Bundle holds the settings of the offline bundles.
type Bundle struct {
	Name string // file name stem of the bundles; "" for the site root's name
	// Publish makes zhkb build put the bundles in the site, under
	// download/, with links to them on every page.
	Publish bool
}

// Search holds the search index settings.
type Search struct {
	// MaxFiles caps the files of each variant's index, 0 for the search
	// package's default. More files make each query download less (every
	// file a query touches holds about 1/MaxFiles of the index); fewer suit
	// hosts that limit file counts.
	MaxFiles int
	// StopWords are question and filler words the site adds to the search's
	// built-in ones.
	StopWords []string
	// Synonyms is the synonym table's file, relative to the site root, ""
	// for none.
	Synonyms string
	// StartHere lists the articles (content files, "steps/first.md") the
	// search offers when a query finds nothing.
	StartHere []string
}

// Conversion holds the site's conversion rules.
type Conversion struct {
	BookTitles bool   // convert text in 《…》 and 〈…〉 by script only (default on)
	Glossary   string // glossary file, relative to the site root
	// GlossarySet reports that the glossary file was named in the config,
	// so a missing file is an error rather than no glossary.
	GlossarySet bool
}

// Variant is one script/region version of the site.
type Variant struct {
	Code    string            // BCP 47 language tag: lang=, hreflang
	Dir     string            // output directory under the site output
	Convert string            // OpenCC conversion name, "" for none
	Label   string            // shown in the language switcher, as written
	Script  string            // Hans or Hant, derived from Code
	Quotes  string            // "corner": “”‘’ become 「」『』; "" leaves them
	UI      map[string]string // per-variant overrides, used as written
	Help    *Help             // the variant's own help line, used as written; nil for the site's, converted
}

// Markdown holds rendering options.
type Markdown struct {
	UnsafeHTML bool     // pass raw HTML in Markdown through (off by default)
	PhoneLinks []string // phone numbers that become tel: links wherever they stand alone in text
}

// DefaultUI returns the UI strings the default layouts use, in the wording
// of the locale of the BCP 47 code: Hong Kong's for zh-HK and zh-MO,
// Taiwan's for zh-TW and any other Traditional code (zh-Hant), the
// mainland's otherwise. A site's [ui] strings (converted for the variant)
// and a variant's own replace them key by key.
func DefaultUI(code string) map[string]string {
	switch {
	case hasSubtag(code, "hk", "mo"):
		return maps.Clone(defaultUIHK)
	case ScriptOf(code) == Hant:
		return maps.Clone(defaultUITW)
	}
	return maps.Clone(defaultUIHans)
}

// hasSubtag reports whether a BCP 47 code has one of the subtags after its
// language (case-insensitively).
func hasSubtag(code string, subtags ...string) bool {
	for _, part := range strings.Split(strings.ToLower(code), "-")[1:] {
		if slices.Contains(subtags, part) {
			return true
		}
	}
	return false
}

var defaultUIHans = map[string]string{
	"home":          "首页",
	"search":        "搜索",
	"toc":           "目录",
	"prev":          "上一篇",
	"next":          "下一篇",
	"tags":          "标签",
	"allTags":       "全部标签",
	"sections":      "栏目",
	"articles":      "篇文章",
	"published":     "发布于",
	"updated":       "更新于",
	"language":      "语言",
	"notFound":      "找不到这个页面",
	"notFoundMsg":   "链接可能已经失效。可以回到首页，或从下面的栏目找起。",
	"backHome":      "回到首页",
	"chooseLang":    "请选择文字版本",
	"skip":          "跳到正文",
	"breadcrumb":    "当前位置",
	"disclaimer":    "",
	"taggedWith":    "标签：",
	"searchLabel":   "搜索本站",
	"searchHint":    "搜索本站……",
	"searchCount":   "找到 {n} 篇",
	"searchNone":    "没有找到与“{q}”相关的内容",
	"allArticles":   "全部文章",
	"toTop":         "回到顶部",
	"searchMore":    "显示更多结果",
	"searchPartial": "没有一字不差的结果，以下文章包含你问的主要词语",
	"searchLoose":   "以下结果只包含你问的部分词语",
	"searching":     "正在搜索…",
	"searchStart":   "可以从这里开始：",
	"searchError":   "搜索暂时无法使用：索引没有加载成功，请刷新页面再试",
	"offline":       "离线版（可转发，无需联网）",
	"offlineHTML":   "单个网页文件",
	"offlineZip":    "整站压缩包",
	"noscriptLinks": "从电脑上的文件打开时，链接指向文件夹：请打开其中的 index.html。",
	"copy":          "复制",
	"copied":        "已复制",
	"copyLetter":    "复制信件全文",
	"statutes":      "法条原文",
	"statuteClose":  "收起",
	"statuteOld":    "{year} 年的旧文本，已被修订",
	"checked":       "法律核对于",
	"letterFill":    "填写下面各项，信件会随着你的输入填好：",
	"letterPrivate": "你填写的内容只留在这台设备的这个页面里：不会发送到任何地方，也不会保存；关闭或刷新页面就没有了。",
	"letterShare":   "分享信件",
	"letterPrint":   "打印信件",
}

var defaultUITW = map[string]string{
	"home":          "首頁",
	"search":        "搜尋",
	"toc":           "目錄",
	"prev":          "上一篇",
	"next":          "下一篇",
	"tags":          "標籤",
	"allTags":       "全部標籤",
	"sections":      "分類",
	"articles":      "篇文章",
	"published":     "發布於",
	"updated":       "更新於",
	"language":      "語言",
	"notFound":      "找不到這個頁面",
	"notFoundMsg":   "連結可能已經失效。可以回到首頁，或從下面的分類開始找。",
	"backHome":      "回到首頁",
	"chooseLang":    "請選擇文字版本",
	"skip":          "跳到主要內容",
	"breadcrumb":    "目前位置",
	"disclaimer":    "",
	"taggedWith":    "標籤：",
	"searchLabel":   "搜尋本站",
	"searchHint":    "搜尋本站……",
	"searchCount":   "找到 {n} 篇",
	"searchNone":    "找不到與「{q}」相關的內容",
	"allArticles":   "全部文章",
	"toTop":         "回到頁首",
	"searchMore":    "顯示更多結果",
	"searchPartial": "沒有完全相同的結果，以下文章包含你問的主要詞語",
	"searchLoose":   "以下結果只包含你問的部分詞語",
	"searching":     "搜尋中…",
	"searchStart":   "可以從這裡開始：",
	"searchError":   "搜尋暫時無法使用：索引載入失敗，請重新整理頁面後再試",
	"offline":       "離線版（可轉傳，無需連網）",
	"offlineHTML":   "單一網頁檔案",
	"offlineZip":    "整站壓縮檔",
	"noscriptLinks": "從電腦上的檔案開啟時，連結指向資料夾：請開啟其中的 index.html。",
	"copy":          "複製",
	"copied":        "已複製",
	"copyLetter":    "複製信件全文",
	"statutes":      "法條原文",
	"statuteClose":  "收合",
	"statuteOld":    "{year} 年的舊條文，已經修訂",
	"checked":       "法律查核於",
	"letterFill":    "填寫下面各項，信件會隨著你的輸入填好：",
	"letterPrivate": "你填寫的內容只留在這台裝置的這個頁面裡：不會傳送到任何地方，也不會儲存；關閉或重新整理頁面就沒有了。",
	"letterShare":   "分享信件",
	"letterPrint":   "列印信件",
}

var defaultUIHK = map[string]string{
	"home":          "首頁",
	"search":        "搜尋",
	"toc":           "目錄",
	"prev":          "上一篇",
	"next":          "下一篇",
	"tags":          "標籤",
	"allTags":       "所有標籤",
	"sections":      "類別",
	"articles":      "篇文章",
	"published":     "發佈於",
	"updated":       "更新於",
	"language":      "語言",
	"notFound":      "找不到此頁面",
	"notFoundMsg":   "連結可能已經失效。你可返回首頁，或從以下類別開始瀏覽。",
	"backHome":      "返回首頁",
	"chooseLang":    "請選擇文字版本",
	"skip":          "跳至主要內容",
	"breadcrumb":    "目前位置",
	"disclaimer":    "",
	"taggedWith":    "標籤：",
	"searchLabel":   "搜尋本網站",
	"searchHint":    "搜尋本網站……",
	"searchCount":   "找到 {n} 篇",
	"searchNone":    "找不到與「{q}」相關的內容",
	"allArticles":   "所有文章",
	"toTop":         "返回頁首",
	"searchMore":    "顯示更多結果",
	"searchPartial": "找不到完全相同的結果，以下文章包含你問的主要詞語",
	"searchLoose":   "以下結果只包含你問的部分詞語",
	"searching":     "搜尋中…",
	"searchStart":   "可從這裏開始：",
	"searchError":   "搜尋暫時未能使用：索引未能載入，請重新載入頁面再試",
	"offline":       "離線版（可轉發，毋須上網）",
	"offlineHTML":   "單一網頁檔案",
	"offlineZip":    "整站壓縮檔",
	"noscriptLinks": "從電腦上的檔案開啟時，連結指向資料夾：請開啟當中的 index.html。",
	"copy":          "複製",
	"copied":        "已複製",
	"copyLetter":    "複製信件全文",
	"statutes":      "法律條文原文",
	"statuteClose":  "收起",
	"statuteOld":    "{year} 年的舊條文，已被修訂",
	"checked":       "法律核對於",
	"letterFill":    "填寫以下各項，信件會隨着你的輸入填好：",
	"letterPrivate": "你填寫的內容只留在這部裝置的這個頁面內：不會傳送到任何地方，亦不會儲存；關閉或重新載入頁面便會清除。",
	"letterShare":   "分享信件",
	"letterPrint":   "列印信件",
}

type fileConfig struct {
	Title       string            `toml:"title"`
	Description string            `toml:"description"`
	BaseURL     string            `toml:"baseURL"`
	TimeZone    string            `toml:"timeZone"`
	Source      string            `toml:"source"`
	Variants    []variantFile     `toml:"variants"`
	UI          map[string]string `toml:"ui"`
	TagSlugs    map[string]string `toml:"tagSlugs"`
	Markdown    markdownFile      `toml:"markdown"`
	Conversion  conversionFile    `toml:"conversion"`
	Search      searchFile        `toml:"search"`
	Bundle      bundleFile        `toml:"bundle"`
	Help        *helpFile         `toml:"help"`
	Statutes    statutesFile      `toml:"statutes"`
	Check       checkFile         `toml:"check"`
}

type statutesFile struct {
	Dir string `toml:"dir"`
}

type checkFile struct {
	MaxAge string `toml:"maxAge"`
}

type helpFile struct {
	Text   string      `toml:"text"`
	Link   string      `toml:"link"`
	Phones []phoneFile `toml:"phones"`
}

type phoneFile struct {
	Number string `toml:"number"`
	Label  string `toml:"label"`
}

type bundleFile struct {
	Name    string `toml:"name"`
	Publish bool   `toml:"publish"`
}

type searchFile struct {
	MaxFiles  *int     `toml:"maxFiles"`
	StopWords []string `toml:"stopWords"`
	Synonyms  string   `toml:"synonyms"`
	StartHere []string `toml:"startHere"`
}

type conversionFile struct {
	BookTitles *bool  `toml:"bookTitles"`
	Glossary   string `toml:"glossary"`
}

type variantFile struct {
	Code    string            `toml:"code"`
	Dir     string            `toml:"dir"`
	Convert *string           `toml:"convert"`
	Label   string            `toml:"label"`
	Quotes  string            `toml:"quotes"`
	UI      map[string]string `toml:"ui"`
	Help    *helpFile         `toml:"help"`
}

type markdownFile struct {
	UnsafeHTML bool     `toml:"unsafeHTML"`
	PhoneLinks []string `toml:"phoneLinks"`
}

// phoneRe is what [markdown] phoneLinks takes: a number as dialled.
var phoneRe = regexp.MustCompile(`^[0-9]{3,15}$`)

// helpPhoneRe is what [help] phones take: a number as dialled, perhaps
// grouped for reading (2896 0000, 400-161-9995).
var helpPhoneRe = regexp.MustCompile(`^[0-9]+([ -][0-9]+)*$`)

// help validates a [help] table (or a variant's), read at line; where
// names it in messages.
func help(f *helpFile, line int, where string, fail func(int, string, ...any) *diag.Error) *Help {
	if f == nil {
		return nil
	}
	h := &Help{Text: strings.TrimSpace(f.Text), Link: f.Link, Line: line}
	if h.Text == "" {
		fail(line, "%s: text is required", where).WithHint(`the words readers tap, e.g. text = "需要马上求助？"`)
	}
	if h.Link != "" && !insideRoot(h.Link) {
		fail(line, "%s: link %q must name an article under content/", where, h.Link).WithHint(`e.g. link = "steps/help.md#call-now"`)
	}
	for _, p := range f.Phones {
		digits := strings.NewReplacer(" ", "", "-", "").Replace(p.Number)
		if !helpPhoneRe.MatchString(p.Number) || len(digits) < 3 || len(digits) > 15 {
			fail(line, "%s: phone %q is not a phone number", where, p.Number).WithHint(`digits, 3 to 15 of them, perhaps grouped by spaces or hyphens: number = "12356"`)
		}
		h.Phones = append(h.Phones, Phone{Number: p.Number, Label: strings.TrimSpace(p.Label)})
	}
	return h
}

// insideRoot reports whether a path from the config names a file inside the
// site root.
func insideRoot(p string) bool {
	return !filepath.IsAbs(p) && !strings.HasPrefix(filepath.Clean(p), "..")
}

// NormalizeBaseURL checks that s is an absolute http(s) URL and returns it
// ending in "/".
func NormalizeBaseURL(s string) (string, error) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("baseURL %q is not an absolute http(s) URL", s)
	}
	if strings.ContainsAny(s, "\"'<> \t\n\\`") || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return "", fmt.Errorf("baseURL %q is not a plain http(s) address: no quotes, brackets, spaces, query, fragment or user name", s)
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return "", fmt.Errorf("baseURL %q has port %s, which is not a port (1 to 65535)", s, p)
		}
	}
	for _, seg := range strings.Split(u.Path, "/") {
		if seg == "." || seg == ".." {
			return "", fmt.Errorf("baseURL %q has a %q segment in its path; write the path the site is served from, e.g. /kb/", s, seg)
		}
	}
	return strings.TrimSuffix(s, "/") + "/", nil
}

var bundleNameRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*$`)

// IsBundleName reports whether s can stem the bundles' file names: ASCII
// letters, digits, '-' and '_'.
func IsBundleName(s string) bool { return bundleNameRe.MatchString(s) }

// conversions lists the OpenCC conversions zhkb offers and the script each
// one reads.
var conversions = map[string]string{
	"s2t": Hans, "s2tw": Hans, "s2twp": Hans, "s2hk": Hans,
	"t2s": Hant, "tw2s": Hant, "tw2sp": Hant, "hk2s": Hant, "t2tw": Hant, "t2hk": Hant,
}

// Conversions returns the names of the conversions a variant may use.
func Conversions() []string {
	names := make([]string, 0, len(conversions))
	for n := range conversions {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

var (
	// chineseLanguages are the BCP 47 primary tags of Chinese: zh and the
	// languages ISO 639-3 groups under it that are written in Han script.
	chineseLanguages = map[string]bool{"zh": true, "cmn": true, "yue": true, "lzh": true, "wuu": true, "hak": true, "nan": true, "gan": true, "hsn": true, "cdo": true, "cjy": true, "cpx": true, "czh": true, "czo": true, "mnp": true}
	codeRe           = regexp.MustCompile(`^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$`)
	dirRe            = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*$`)
	uiKeyRe          = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)
	reserved         = map[string]bool{"css": true, "js": true, "static": true, "download": true, // download/: published bundles
		"404.html": true, "index.html": true, "sitemap.xml": true, "robots.txt": true, "favicon.svg": true} // files of the output root
	hantHints = []string{"hant", "tw", "hk", "mo"}
)

// Load reads and validates the config file at path for the site rooted at
// root (the directory that holds the file when root is ""): a config file
// may live outside its site.
func Load(path, root string) (*Config, error) {
	if root == "" {
		root = filepath.Dir(path)
	}
	root, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	src, err := strictoml.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		abs, _ := filepath.Abs(path)
		return nil, diag.At(path, 0, "no such file: %s is not a zhkb site (looked for %s)", root, abs).
			WithHint("run zhkb in a site's folder, name the site with -s DIR, or start one with zhkb init DIR")
	}
	if err != nil {
		return nil, fmt.Errorf("reading config: %w", err)
	}
	return Parse(path, root, src)
}

// Parse validates the config file contents src, read from file, for the
// site rooted at root.
func Parse(file, root string, src []byte) (*Config, error) {
	var f fileConfig
	if err := strictoml.Decode(file, src, &f); err != nil {
		return nil, err
	}
	p := &parsing{file: file, src: src}
	c := &Config{Root: root, File: file}
	p.site(c, &f)
	p.sections(c, &f)
	p.tables(c, &f)
	p.variants(c, f.Variants)
	if err := p.errs.Err(); err != nil {
		return nil, err
	}
	return c, nil
}

// parsing is the state of one Parse: the file, to say where a value is,
// and the errors found so far (all are reported, not only the first).
type parsing struct {
	file string
	src  []byte
	errs diag.List
}

// at is the line of a key (a path of table names and the key).
func (p *parsing) at(path ...string) int { return strictoml.Line(p.src, path...) }

// fail records an error at a line; its hint may be added to the result.
func (p *parsing) fail(line int, format string, args ...any) *diag.Error {
	e := diag.At(p.file, line, format, args...)
	p.errs.Add(e)
	return e
}

// site reads the top-level keys: title, description, source script, base
// URL and time zone.
func (p *parsing) site(c *Config, f *fileConfig) {
	c.Title, c.Description, c.Source = strings.TrimSpace(f.Title), strings.TrimSpace(f.Description), f.Source
	if c.Title == "" {
		p.fail(p.at("title"), "title is required").WithHint(`add title = "…" in the source script`)
	}
	switch strings.ToLower(c.Source) {
	case "", "zh-hans":
		c.Source = Hans
	case "zh-hant":
		c.Source = Hant
	default:
		p.fail(p.at("source"), "source %q is not a script zhkb converts from", f.Source).WithHint(`use "zh-Hans" or "zh-Hant"`)
		c.Source = Hans // go on checking the rest as if it were the default
	}
	if f.BaseURL != "" {
		var err error
		if c.BaseURL, err = NormalizeBaseURL(f.BaseURL); err != nil {
			p.fail(p.at("baseURL"), "%v", err).WithHint(`for example baseURL = "https://example.org/kb/", or leave it out`)
		}
	}
	c.TimeZone = time.UTC
	if f.TimeZone != "" {
		loc, err := time.LoadLocation(f.TimeZone)
		if err != nil || f.TimeZone == "Local" {
			p.fail(p.at("timeZone"), "timeZone %q is not a time zone name", f.TimeZone).WithHint(`use an IANA name such as "Asia/Shanghai" or "Asia/Taipei", or "UTC"`)
		} else {
			c.TimeZone = loc
		}
	}
}

// sections reads the tables of settings: [markdown], [conversion],
// [bundle], [search], [statutes] and [check].
func (p *parsing) sections(c *Config, f *fileConfig) {
	c.Markdown = Markdown{UnsafeHTML: f.Markdown.UnsafeHTML, PhoneLinks: f.Markdown.PhoneLinks}
	for _, n := range f.Markdown.PhoneLinks {
		if !phoneRe.MatchString(n) {
			p.fail(p.at("markdown", "phoneLinks"), "[markdown] phoneLinks: %q is not a phone number", n).WithHint("write digits only, 3 to 15 of them, e.g. \"110\" or \"12321\"")
		}
	}
	c.Conversion = Conversion{BookTitles: f.Conversion.BookTitles == nil || *f.Conversion.BookTitles, Glossary: "glossary.toml"}
	if f.Conversion.Glossary != "" {
		c.Conversion.Glossary, c.Conversion.GlossarySet = f.Conversion.Glossary, true
		if !insideRoot(f.Conversion.Glossary) {
			p.fail(p.at("conversion", "glossary"), "glossary %q must be a file inside the site root", f.Conversion.Glossary)
		}
	}
	c.Bundle.Name, c.Bundle.Publish = f.Bundle.Name, f.Bundle.Publish
	if n := c.Bundle.Name; n != "" && !IsBundleName(n) {
		p.fail(p.at("bundle", "name"), "bundle name %q is not a usable file name", n).WithHint("use ASCII letters, digits, '-' and '_', e.g. \"guide\"")
	}
	if f.Search.MaxFiles != nil {
		c.Search.MaxFiles = *f.Search.MaxFiles
		if c.Search.MaxFiles < 100 {
			p.fail(p.at("search", "maxFiles"), "search maxFiles = %d is too small", c.Search.MaxFiles).WithHint("use 100 or more, or leave it out for the default")
		}
	}
	c.Search.StopWords, c.Search.StartHere = f.Search.StopWords, f.Search.StartHere
	for _, w := range f.Search.StopWords {
		if strings.TrimSpace(w) == "" || strings.ContainsAny(w, " \t") {
			p.fail(p.at("search", "stopWords"), "stop word %q is empty or holds a space", w).WithHint("list single words: stopWords = [\"请教\", \"麻烦\"]")
		}
	}
	if syn := f.Search.Synonyms; syn != "" {
		c.Search.Synonyms = syn
		if !insideRoot(syn) {
			p.fail(p.at("search", "synonyms"), "synonyms %q must be a file inside the site root", syn)
		}
	}
	if dir := f.Statutes.Dir; dir != "" {
		c.Statutes.Dir = dir
		if !insideRoot(dir) {
			p.fail(p.at("statutes", "dir"), "statutes dir %q must be a folder inside the site root", dir).WithHint(`write dir = "data/statutes"`)
		}
	}
	if age := f.Check.MaxAge; age != "" {
		c.Check.Line = p.at("check", "maxAge")
		d, err := parseAge(age)
		if err != nil {
			p.fail(c.Check.Line, "[check] maxAge = %q: %v", age, err).WithHint(`write a number of days, months or years: maxAge = "6 months" (or "180 days", "1 year")`)
		}
		c.Check.MaxAge = d
	}
}

// tables reads the site's help links, UI strings and tag slugs.
func (p *parsing) tables(c *Config, f *fileConfig) {
	c.Help = help(f.Help, p.at("help"), "[help]", p.fail)
	c.UI = make(map[string]string, len(f.UI))
	for k, v := range f.UI {
		if !uiKeyRe.MatchString(k) {
			p.fail(p.at("ui", k), "ui key %q must be ASCII letters, digits and _ so layouts can use it as .UI.%s", k, k)
		}
		c.UI[k] = v
	}
	c.TagSlugs = map[string]string{}
	for tag, slug := range f.TagSlugs {
		if !dirRe.MatchString(slug) {
			p.fail(p.at("tagSlugs", tag), "tagSlugs: %q for tag %q is not a valid URL segment", slug, tag).WithHint("use lower-case ASCII letters, digits, '-', '_' or '.'")
		}
		c.TagSlugs[tag] = slug
	}
}

// variants reads the [[variants]] (the source script's defaults when
// there are none) into c.Variants, after c's source and UI strings.
func (p *parsing) variants(c *Config, list []variantFile) {
	if len(list) == 0 {
		list = defaultVariants(c.Source)
	}
	seenCode, seenDir := map[string]bool{}, map[string]bool{}
	for i, vf := range list {
		v, ok := p.variant(c, i, vf)
		if !ok {
			continue
		}
		at := func(key string) int { return variantLine(p.src, i, key) }
		if seenCode[strings.ToLower(v.Code)] {
			p.fail(at("code"), "variant code %q appears twice", v.Code)
		}
		if seenDir[v.Dir] {
			p.fail(at("dir"), "variant dir %q appears twice", v.Dir)
		}
		seenCode[strings.ToLower(v.Code)], seenDir[v.Dir] = true, true
		c.Variants = append(c.Variants, v)
	}
}

// variant reads the i-th variant; false when its code is unusable (the
// rest of it is not checked then).
func (p *parsing) variant(c *Config, i int, vf variantFile) (Variant, bool) {
	v := Variant{Code: vf.Code, Dir: vf.Dir, Label: vf.Label, Quotes: vf.Quotes, UI: vf.UI}
	where := fmt.Sprintf("variants[%d]", i)
	at := func(key string) int { return variantLine(p.src, i, key) }
	v.Help = help(vf.Help, at("help"), where+" help", p.fail)
	if v.Quotes != "" && v.Quotes != "corner" {
		p.fail(at("quotes"), "%s (%s): quotes = %q is not a quotation style zhkb knows", where, vf.Code, vf.Quotes).WithHint(`use quotes = "corner" for 「」『』, or leave it out to keep “”‘’`)
	}
	if !codeRe.MatchString(v.Code) {
		p.fail(at("code"), "%s: code %q is not a BCP 47 language tag", where, v.Code).WithHint(`for example code = "zh-Hant"`)
		return v, false
	}
	if lang, _, _ := strings.Cut(strings.ToLower(v.Code), "-"); !chineseLanguages[lang] {
		p.fail(at("code"), "%s: code %q is not Chinese: its pages would say lang=%q while showing Chinese text, and zhkb converts only between Chinese scripts", where, v.Code, lang).
			WithHint(`use a Chinese tag: zh-Hans, zh-Hant, zh-CN, zh-TW, zh-HK, zh-MO, zh-SG, or another language of Chinese (yue-Hant, lzh…)`)
		return v, false
	}
	v.Script = ScriptOf(v.Code)
	if v.Dir == "" {
		v.Dir = strings.ToLower(v.Code)
	}
	if !dirRe.MatchString(v.Dir) || reserved[v.Dir] {
		p.fail(at("dir"), "%s (%s): dir %q is not a usable directory name", where, v.Code, v.Dir).WithHint("use lower-case ASCII letters, digits and '-', not css/js/static/download")
	}
	if vf.Convert != nil {
		v.Convert = *vf.Convert
	} else if v.Script != c.Source {
		v.Convert = defaultConversion(c.Source)
	}
	if v.Convert != "" {
		from, ok := conversions[v.Convert]
		switch {
		case !ok:
			p.fail(at("convert"), "%s (%s): unknown conversion %q", where, v.Code, v.Convert).WithHint("valid: %s", strings.Join(Conversions(), ", "))
		case from != c.Source:
			p.fail(at("convert"), "%s (%s): conversion %q reads %s text but the source is %s", where, v.Code, v.Convert, from, c.Source).WithHint("pick a conversion that starts from the source script, or set source")
		}
	}
	if v.Label == "" {
		v.Label = v.Code
	}
	for k := range v.UI {
		if _, ok := c.UI[k]; !ok && defaultUIHans[k] == "" {
			known := DefaultUI(Hans)
			for k := range c.UI {
				known[k] = ""
			}
			p.fail(at(k), "%s (%s): ui override %q names no UI string", where, v.Code, k).WithHint("define it in [ui] first; known: %s", strings.Join(sortedKeys(known), ", "))
		}
	}
	return v, true
}

// ScriptOf tells which script a BCP 47 code is written in: Traditional for
// zh-Hant and the Traditional-using regions (TW, HK, MO), Simplified otherwise.
func ScriptOf(code string) string {
	for _, part := range strings.Split(strings.ToLower(code), "-")[1:] {
		for _, h := range hantHints {
			if part == h {
				return Hant
			}
		}
	}
	return Hans
}

func defaultConversion(source string) string {
	if source == Hant {
		return "t2s"
	}
	return "s2tw"
}

func defaultVariants(source string) []variantFile {
	none := ""
	hans := variantFile{Code: Hans, Dir: "zh-hans", Label: "简体中文"}
	hant := variantFile{Code: Hant, Dir: "zh-hant", Label: "繁體中文"}
	conv := defaultConversion(source)
	if source == Hant {
		hans.Convert, hant.Convert = &conv, &none
		return []variantFile{hant, hans}
	}
	hans.Convert, hant.Convert = &none, &conv
	return []variantFile{hans, hant}
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// variantLine returns the line that sets key in the i-th [[variants]] table,
// or the table's header line when the key is not written there.
func variantLine(src []byte, i int, key string) int {
	n, header := -1, 0
	for ln, line := range strings.Split(string(src), "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "[") {
			if t == "[[variants]]" {
				n++
				if n == i {
					header = ln + 1
				}
			}
			if n > i {
				break
			}
			continue
		}
		if n != i {
			continue
		}
		if k, _, ok := strings.Cut(t, "="); ok && strings.Trim(strings.TrimSpace(k), `"'`) == key {
			return ln + 1
		}
	}
	return header
}

// ErrOutputUnsafe is returned by CheckOutput for an output directory that a
// build would destroy the site's own files by replacing.
var ErrOutputUnsafe = errors.New("unsafe output directory")

// CheckOutput refuses an output directory that is, or contains, the site
// root, or that lies inside content/, layouts/ or static/.
func (c *Config) CheckOutput(out string) error {
	abs, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	// As written and with symbolic links followed: a link may lead from
	// elsewhere into content/.
	for _, o := range []string{abs, realPath(abs)} {
		for _, root := range []string{c.Root, realPath(c.Root)} {
			if within(root, o) {
				return fmt.Errorf("%w: %s is or contains the site root %s; choose a directory such as %s", ErrOutputUnsafe, out, c.Root, filepath.Join(c.Root, "public"))
			}
			for _, d := range []string{"content", "layouts", "static"} {
				if within(o, filepath.Join(root, d)) {
					how := ""
					if o != abs {
						how = " (through a symbolic link, at " + o + ")"
					}
					return fmt.Errorf("%w: %s is inside %s/%s, which holds the site's sources", ErrOutputUnsafe, out, d, how)
				}
			}
		}
	}
	return nil
}

// realPath is p with symbolic links followed as far as p exists: the
// output directory may not exist yet, though a folder above it may be a
// link.
func realPath(p string) string {
	rest := ""
	for dir := p; ; dir = filepath.Dir(dir) {
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(real, rest)
		}
		if filepath.Dir(dir) == dir {
			return p
		}
		rest = filepath.Join(filepath.Base(dir), rest)
	}
}

// within reports whether path is dir or lies below it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// TagSlugFor returns the URL segment set for tag in [tagSlugs], if any.
func (c *Config) TagSlugFor(tag string) (string, bool) {
	s, ok := c.TagSlugs[tag]
	return s, ok
}

// parseAge reads "180 days", "6 months" or "1 year" (a month is 30 days, a
// year 365).
func parseAge(s string) (time.Duration, error) {
	num, unit, _ := strings.Cut(strings.TrimSpace(s), " ")
	n, err := strconv.Atoi(num)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("does not start with a positive whole number")
	}
	days := map[string]int{"day": 1, "days": 1, "month": 30, "months": 30, "year": 365, "years": 365}[strings.TrimSpace(unit)]
	if days == 0 {
		return 0, fmt.Errorf("the unit must be days, months or years")
	}
	return time.Duration(n*days) * 24 * time.Hour, nil
}
