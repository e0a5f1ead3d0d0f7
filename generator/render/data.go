package render

import "html/template"

// Data is what every template receives as dot. Every URL in it is already
// relative to the page being written (see Root), so the output works at any
// sub-path, on any mirror and from file://. Its methods Date, ISODate and
// Number (i18n.go) format values in the page's language.
type Data struct {
	Site      SiteData
	Page      PageData
	Root      string // relative path to the language's site root, "" or "../../"; ends with "/" when not empty
	AssetRoot string // relative path to the output root (assets are shared by all languages)
	Assets    Assets
	// The sidebar: see the Nav and NavHTML methods (nav.go).
	nav          *navFor
	navHTML      string // NavHTML's result: markup written here, not by a template
	navTree      []*NavItem
	Menu         []Link     // the header menu (site.toml [[menus.main]])
	Breadcrumbs  []Link     // from the home page down to the parent of the current page
	TOC          []TOCEntry // h2 and h3 of the page
	Prev, Next   *Link      // neighbours in navigation order, nil at the ends
	Children     []Child    // for home and sections: the pages and subsections below, in order
	Translations []Translation
	Switcher     []LanguageLink    // every language with pages, for the language switcher (nil on one-language sites)
	Labels       map[string]string // interface strings ("on_this_page", "last_updated", ...)
	Download     *Download         // the site's zip, on the page that offers it (download.go); nil elsewhere
}

// SiteData is the site-wide part of Data.
type SiteData struct {
	Title       string
	Description string
	BaseURL     string // absolute, ends with "/"
	Copyright   string
	FeedURL     string // relative to the page
	HomeURL     string // relative to the page
	SearchURL   string // relative to the page
	PrintURL    string // the whole guide on one page (print.go), relative; "" without templates/print.html or past 1,000 pages
	TagsURL     string // the language's list of tags (tags.go), relative; "" unless tag_pages is on and its pages have tags
	Languages   []Language
}

// PageData describes the page being written.
type PageData struct {
	Kind         string // "home", "section", "page", "404", "search", "print", "tags", "tag"
	Title        string
	Description  string
	Content      template.HTML
	Lastmod      string // ISO date "2026-11-28", empty when unknown
	LastmodHuman string // "28 November 2026"
	Date         string
	Tags         []string
	// TagLinks are the page's tags to show: each with the URL of its tag
	// page when the site has tag_pages on, else with no URL.
	TagLinks  []Link
	Params    map[string]any // front matter's params: block
	Permalink string         // absolute canonical URL
	URL       string         // relative URL of the page itself
	EditURL   string         // absolute, empty when no edit_link is configured
	Lang      string
	Dir       string // "ltr" or "rtl"
	Draft     bool
	Checklist bool // the content has a task list: static/checklist.js needs its strings
}

// Assets are fingerprinted stylesheet and script URLs, relative to the page.
type Assets struct {
	CSS string // style.<hash>.css: static/style.css
	// CodeCSS is highlight.<hash>.css, the code-highlighting rules: set
	// only on pages with highlighted code, the only ones that need it.
	CodeCSS string
	JS      []string // every static/*.js, fingerprinted, in name order; loaded with defer
}

// Link is a titled relative URL.
type Link struct {
	Title    string
	URL      string
	HrefLang string // the target's language when it differs from the page's (a menu entry not yet translated)
}

// NavItem is one entry of the sidebar tree.
type NavItem struct {
	Title    string
	URL      string
	Current  bool // this is the page being written: mark with aria-current="page"
	Active   bool // the current page is this item or below it
	Children []*NavItem
}

// TOCEntry is a heading in the table of contents.
type TOCEntry struct {
	Level int // 2 or 3
	ID    string
	Text  string
}

// Child is a page or subsection listed on a section page.
type Child struct {
	Title       string
	Description string
	URL         string
	Lastmod     string
	IsSection   bool
	Params      map[string]any
	// Fallback marks a page listed in its original language because the
	// section's language has no translation of it yet; Language is then
	// the original's (mark its title and description with lang and dir).
	Fallback bool
	Language Language
}

// Language is one of the site's languages, for the switcher and hreflang.
type Language struct {
	Code, Name, Dir string
}

// LanguageLink is one entry of the language switcher.
type LanguageLink struct {
	Code, Name, Dir string
	URL             string // the page's translation; the language's home when Missing
	Current         bool   // the page's own language
	Missing         bool   // the page has no translation into this language yet
	Notice          string // when Missing: "not yet translated", in this language
}

// Translation is the same page in another language (never the page's own).
type Translation struct {
	Lang      string
	Name      string // language name in its own script
	URL       string // relative
	Permalink string // absolute, for hreflang
}
