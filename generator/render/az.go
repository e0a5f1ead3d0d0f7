package render

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"rightsguide/generator/content"
	"rightsguide/generator/problem"
)

// azLimit is the most pages the search page lists A to Z itself. A larger
// site gets one page per initial letter instead, and the search page lists
// the letters: the search page is what every search downloads first (its
// A-Z list is the no-JavaScript fallback), and at 10,000 pages the whole
// list would weigh megabytes.
const azLimit = 300

// searchPages writes the language's search page and, on large sites, its
// A-Z letter pages.
func (r *renderer) searchPages(lang string) ([]content.File, []*problem.Error) {
	pages := append([]*content.Page(nil), r.ordered[lang]...)
	sort.SliceStable(pages, func(i, j int) bool { return strings.ToLower(pages[i].Title) < strings.ToLower(pages[j].Title) })
	labels := r.tmpl.Labels(lang)
	url := r.site.LangPrefix(lang) + content.SearchURL
	if len(pages) <= azLimit {
		f, err := r.special("search", labels["search"], url, lang, "search.html", pages)
		return []content.File{f}, []*problem.Error{err}
	}
	sort.SliceStable(pages, func(i, j int) bool { return initial(pages[i].Title) < initial(pages[j].Title) })
	var files []content.File
	var errs []*problem.Error
	var letters []*content.Page
	for len(pages) > 0 {
		letter := initial(pages[0].Title)
		n := 1
		for n < len(pages) && initial(pages[n].Title) == letter {
			n++
		}
		lp := &content.Page{Lang: lang, Title: letter, URL: url + "az/" + letterSlug(letter) + "/", Kind: content.KindSection}
		letters = append(letters, lp)
		title := labels["all_pages"] + ": " + letter
		f, err := r.special("search", title, lp.URL, lang, "search.html", pages[:n])
		files, errs = append(files, f), append(errs, err)
		pages = pages[n:]
	}
	f, err := r.special("search", labels["search"], url, lang, "search.html", letters)
	return append([]content.File{f}, files...), append(errs, err)
}

// initial is the letter a title is listed under: its first letter or
// digit, upper-cased; "#" for titles without one.
func initial(title string) string {
	for _, c := range title {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			return string(unicode.ToUpper(c))
		}
	}
	return "#"
}

// letterSlug names a letter's folder: ASCII letters and digits as
// themselves, anything else by its code point, so every name is safe on
// any file system.
func letterSlug(letter string) string {
	c, _ := utf8.DecodeRuneInString(letter)
	if c < utf8.RuneSelf && (unicode.IsLetter(c) || unicode.IsDigit(c)) {
		return strings.ToLower(letter)
	}
	return fmt.Sprintf("u%04x", c)
}
