package render

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// WordCount is the number of words in the page's content, for templates
// that show a length or a reading time. It is counted from the HTML when a
// template asks, so builds whose templates never ask pay nothing. A word
// is a run of text holding a letter or a digit; tags do not split words
// ("<em>re</em>view"), and the renderer puts a line break after each
// block.
func (p PageData) WordCount() int {
	var text strings.Builder
	z := html.NewTokenizer(strings.NewReader(string(p.Content)))
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		if tt == html.TextToken {
			text.Write(z.Text())
		}
	}
	n := 0
	for _, f := range strings.FieldsFunc(text.String(), unicode.IsSpace) {
		if strings.IndexFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }) >= 0 {
			n++
		}
	}
	return n
}
