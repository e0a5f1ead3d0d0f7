package render

import (
	"html"
	"strings"
	"unicode"
)

// WordCount is the number of words in the page's content, for templates
// that show a length or a reading time. It is counted from the HTML when a
// template asks, so builds whose templates never ask pay nothing. A word
// is a run of text holding a letter or a digit; tags do not split words
// ("<em>re</em>view"), and the renderer puts a line break after each
// block.
func (p PageData) WordCount() int {
	var text strings.Builder
	body := string(p.Content)
	for len(body) > 0 {
		lt := strings.IndexByte(body, '<')
		if lt < 0 {
			lt = len(body)
		}
		text.WriteString(body[:lt])
		body = body[lt:]
		if gt := strings.IndexByte(body, '>'); gt >= 0 {
			body = body[gt+1:]
		} else {
			body = ""
		}
	}
	n := 0
	for _, f := range strings.FieldsFunc(html.UnescapeString(text.String()), unicode.IsSpace) {
		if strings.IndexFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }) >= 0 {
			n++
		}
	}
	return n
}
