// Package content is the load stage: it walks the content folder, reads
// front matter, and builds the site's pages, sections, URLs, translations
// and navigation order. It knows nothing of Markdown or HTML.
package content

import (
	"rightsguide/generator/config"
	"rightsguide/generator/problem"
)

// Kind says what a page is.
type Kind string

// The kinds of page.
const (
	KindHome    Kind = "home"    // the root _index.md of a language
	KindSection Kind = "section" // a folder's _index.md (or a folder without one)
	KindPage    Kind = "page"    // any other Markdown file
)

// Page is one Markdown file (or a section folder without _index.md).
type Page struct {
	Path    string // slash path below content/: "treaties/iccpr.md"; a folder without _index.md gives "treaties/_index.md"
	Dir     string // its folder: "treaties" ("" at the root)
	Lang    string // language code
	Kind    Kind
	Virtual bool   // a section with no _index.md of its own
	URL     string // site-relative output path, "" for home, "treaties/iccpr/", "ar/treaties/iccpr/"

	Meta  FrontMatter
	Title string // front matter title, else the first "# heading", else the file name

	Body     []byte // Markdown after the front matter
	BodyLine int    // the file's line number where Body starts (1-based)

	TranslationKey string // pages with the same key and different languages are translations

	Parent   *Page   // the section page above, nil for home
	Children []*Page // for home and sections: pages and subsections in order
}

// Site is everything the load stage returns.
type Site struct {
	Config config.Site
	Pages  []*Page          // every page of every language, sorted by Path
	Files  []File           // other files below content/ (images, PDFs), copied beside their pages
	Homes  map[string]*Page // each language's home page
	// Warnings are doubts that do not stop a build: a file name that
	// looks like a translation into a language the site lacks.
	Warnings []*problem.Error

	byPath map[string]*Page
	byURL  map[string]*Page
	files  map[string]bool
	byKey  map[string][]*Page

	tags     map[string][]*Tag // by language (tags.go)
	pageTags map[*Page][]*Tag  // each page's, in its front matter's order
}

// File is a non-Markdown file to copy to the output as it is.
type File struct {
	Path string // slash path below content/, also its output path
	Data []byte
}

// BodyPos is the position in p's file of a line and column of its Body
// (both 1-based), for problems found in the Markdown.
func (p *Page) BodyPos(line, col int) problem.Pos {
	return problem.Pos{File: p.Path, Line: p.BodyLine + line - 1, Col: col}
}

// NavTitle is the title for navigation: linkTitle when set, else Title.
func (p *Page) NavTitle() string {
	if p.Meta.LinkTitle != "" {
		return p.Meta.LinkTitle
	}
	return p.Title
}

// IsSection reports whether the page lists other pages.
func (p *Page) IsSection() bool { return p.Kind == KindHome || p.Kind == KindSection }

// PageByPath returns the page at a content path ("treaties/iccpr.md"), or nil.
func (s *Site) PageByPath(path string) *Page { return s.byPath[path] }

// PageByURL returns the page written at a site-relative URL, or nil.
func (s *Site) PageByURL(url string) *Page { return s.byURL[url] }

// Translations returns the other-language versions of p, in the order the
// configuration lists the languages.
func (s *Site) Translations(p *Page) []*Page {
	var out []*Page
	for _, l := range s.Config.Languages {
		if l.Code == p.Lang {
			continue
		}
		for _, q := range s.byKey[p.TranslationKey] {
			if q.Lang == l.Code {
				out = append(out, q)
				break
			}
		}
	}
	return out
}
