package search

import (
	"bytes"

	"golang.org/x/net/html"

	"rightsguide/generator/internal/htmlscan"
)

// scanTokens reads content with htmlscan, the quick reader of the HTML
// this generator writes, and reports whether it could: when it could not,
// some tokens may already have been fed, and the caller starts again with
// the tokeniser.
func scanTokens(content []byte, feed func(token)) bool {
	ok := true
	done := htmlscan.Scan(content, func(t htmlscan.Token) {
		if !ok {
			return
		}
		switch t.Type {
		case html.TextToken:
			text := t.Raw
			if !t.RawText && bytes.IndexByte(text, '&') >= 0 {
				text = []byte(html.UnescapeString(string(text))) // as the tokeniser's Text does
			}
			feed(token{kind: t.Type, text: text})
		case html.EndTagToken:
			feed(token{kind: t.Type, atom: t.Atom})
		default:
			id, _ := t.Attr("id")
			class, _ := t.Attr("class")
			if bytes.ContainsAny(id, "&\r") || bytes.ContainsAny(class, "&\r") {
				ok = false // the tokeniser decodes these; rare enough to leave to it
				return
			}
			feed(token{kind: t.Type, atom: t.Atom, id: string(id), class: string(class)})
		}
	})
	return done && ok
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r' }
