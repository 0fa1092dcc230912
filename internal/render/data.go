package render

import (
	"html/template"
	"time"
)

// URLs in page data are paths from the output root without a leading slash
// ("zh-hans/laws/pipl/"). Layouts write {{.Root}}{{.URL}} to get a link that
// works from the page being rendered: Root is "../../" and the like, or the
// absolute base URL for pages that may be served from any path (404).

// Page is what a layout gets.
type Page struct {
	Kind        string
	Site        Site
	Lang        string // the variant's BCP 47 code
	Script      string // zh-Hans or zh-Hant
	UI          map[string]string
	Root        string
	URL         string // this page
	Home        string // the variant's home page
	Canonical   string // absolute URL, or "" when the site has no baseURL
	Feed        string // absolute URL of the variant's Atom feed, or "" when there is none
	Title       string
	Description string
	Variants    []Alternate // the same page in every variant, this one included
	Sections    []Section   // every section, for navigation
	Breadcrumbs []Link
	Downloads   []Link // the offline bundles, when the site publishes them: Description is the size
	StartHere   []Link // the articles the search offers when it finds nothing

	// Articles and sections.
	Date     time.Time
	Lastmod  time.Time
	Content  template.HTML
	TOC      []Heading
	Tags     []Tag
	Prev     *Link
	Next     *Link
	Section  *Section       // the section this page belongs to or shows
	Nearby   []Link         // an article's neighbours in its section, itself included: at most 2×NearbyEach+1 of Section.Articles
	Articles []Link         // a section's or tag's articles
	Params   map[string]any // an article's front matter [params]; the built-in theme reads template = "letter"
	Checked  time.Time      // when the article's legal facts were last checked; zero when not said
	Statutes []Statute      // the texts of the law articles the article cites, in order of first citation

	// Tag index.
	AllTags []Tag

	// NotFound is set on the root 404 page only: the other variants' 404
	// pages it carries.
	NotFound *NotFoundRoot
}

// NotFoundRoot is what the root 404 page carries besides the source
// variant's own 404 page.
type NotFoundRoot struct {
	Others  []NotFoundVariant
	Choices string // JSON: [{dir, code, script}] of every variant, the source first
}

// NotFoundVariant is another variant's 404 page.
type NotFoundVariant struct {
	Dir, Lang string
	Title     string        // the page's title, as text
	Body      template.HTML // what its body shows (the layouts' "body")
	Message   string        // its "page not found", for readers without scripts
	Home      string        // its home page
	BackHome  string        // the words of the link there
}

// Site holds site-wide values, converted for the variant.
type Site struct {
	Title       string
	Description string
	BaseURL     string
	Help        *Help // the help line every page shows, nil for none
	Statutes    bool  // the site links citations of law articles to their texts
}

// Help is where a reader in trouble gets help now: a link and numbers to
// call, shown on every page.
type Help struct {
	Text   string
	URL    string // below the output root, with its #anchor; "" for none
	Phones []Phone
}

// Phone is a number to call.
type Phone struct {
	Number string // as written: 2896 0000
	Tel    string // as dialled, for tel: links: 28960000
	Label  string
}

// NearbyEach is how many articles before and after an article Page.Nearby
// holds: a menu of a long section's articles on every page would make a
// library of thousands quadratic in size.
const NearbyEach = 6

// Alternate is this page in one variant.
type Alternate struct {
	Lang    string
	Script  string // zh-Hans or zh-Hant
	Label   string
	URL     string
	Abs     string // absolute URL, or ""
	Current bool
	UI      map[string]string // the variant's own interface strings, for a page that speaks to every variant (the landing page)
	Help    *Help             // the variant's help line, for the landing page
}

// Link is a titled link.
type Link struct {
	Title       string
	URL         string
	Description string
}

// Section is a section in navigation.
type Section struct {
	Title       string
	Description string
	URL         string
	Articles    []Link
	Current     bool
}

// Heading is a table-of-contents entry.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Tag is a tag with its page and the number of articles carrying it.
type Tag struct {
	Name  string
	URL   string
	Count int
}

// Statute is the text of a law article a page cites: its citations link to
// #Anchor, where the page shows it.
type Statute struct {
	Anchor     string   // the same in every variant
	Law        string   // the law's full title, without 《》
	Article    string   // 第四十七条
	Old        string   // for an older text than the one in force, the year it was adopted; else ""
	Paragraphs []string // 款, and 项 lines
}
