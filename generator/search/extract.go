package search

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// section is one result target of a page: the text before the first
// heading (ID ""), or an h2, h3 or h4 with an id and the text up to the
// next such heading.
type section struct {
	ID      string
	Heading string
	Text    string
}

// sections splits a page's rendered content HTML at its h2, h3 and h4
// headings. It skips what is not prose a reader would search for: the
// headings' "#" permalinks, footnote markers and back-links, code blocks,
// scripts and styles.
func sections(content []byte) []section {
	z := html.NewTokenizer(bytes.NewReader(content))
	var (
		out     = []section{{}}
		text    textBuffer // the current section's text
		head    textBuffer // the current heading's text
		inHead  atom.Atom  // the open h2/h3/h4 with an id, or 0
		skipTag []atom.Atom
	)
	buf := func() *textBuffer {
		if inHead != 0 {
			return &head
		}
		return &text
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			out[len(out)-1].Text = text.String()
			return dropEmpty(out)
		case html.TextToken:
			if len(skipTag) == 0 {
				if raw := z.Raw(); bytes.IndexByte(raw, '&') < 0 {
					buf().Write(raw) // nothing to unescape: skip Text's copy
				} else {
					buf().Write(z.Text())
				}
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			id, class := idAndClass(z, hasAttr)
			if len(skipTag) > 0 || skipped(a, class) {
				if tt == html.StartTagToken && !isVoid(a) {
					skipTag = append(skipTag, a)
				}
				continue
			}
			if isHeading(a) && id != "" && inHead == 0 {
				out[len(out)-1].Text = text.String()
				text.Reset()
				out = append(out, section{ID: id})
				inHead = a
				continue
			}
			if !isInline(a) {
				buf().Space()
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch {
			case len(skipTag) > 0:
				if a == skipTag[len(skipTag)-1] {
					skipTag = skipTag[:len(skipTag)-1]
				}
			case a == inHead && inHead != 0:
				out[len(out)-1].Heading = head.String()
				head.Reset()
				inHead = 0
			case !isInline(a):
				buf().Space()
			}
		}
	}
}

// textBuffer collects text with each run of white space written as one
// space, and none at either end.
type textBuffer struct {
	b       []byte
	pending bool // a space is due before the next character
}

func (t *textBuffer) Write(p []byte) {
	for _, c := range p {
		if c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' {
			t.pending = true
			continue
		}
		if t.pending && len(t.b) > 0 {
			t.b = append(t.b, ' ')
		}
		t.pending = false
		t.b = append(t.b, c)
	}
}

func (t *textBuffer) Space()         { t.pending = true }
func (t *textBuffer) String() string { return string(t.b) }
func (t *textBuffer) Reset()         { t.b, t.pending = t.b[:0], false }

// idAndClass reads a start tag's id and class attributes.
func idAndClass(z *html.Tokenizer, more bool) (id, class string) {
	for more {
		var k, v []byte
		k, v, more = z.TagAttr()
		switch string(k) {
		case "id":
			id = string(v)
		case "class":
			class = string(v)
		}
	}
	return id, class
}

// skipped reports whether an element and everything in it stays out of
// the index.
func skipped(a atom.Atom, class string) bool {
	switch a {
	case atom.Pre, atom.Script, atom.Style, atom.Template, atom.Svg, atom.Button, atom.Noscript:
		return true
	}
	for _, c := range strings.Fields(class) {
		switch c {
		case "anchor", "footnote-ref", "footnote-backref":
			return true
		}
	}
	return false
}

func isHeading(a atom.Atom) bool { return a == atom.H2 || a == atom.H3 || a == atom.H4 }

func isVoid(a atom.Atom) bool {
	switch a {
	case atom.Br, atom.Hr, atom.Img, atom.Input, atom.Wbr, atom.Col, atom.Source, atom.Track, atom.Area, atom.Embed, atom.Meta, atom.Link:
		return true
	}
	return false
}

// isInline reports whether an element sits inside a line of text, so its
// tags must not split a word ("<em>re</em>view").
func isInline(a atom.Atom) bool {
	switch a {
	case atom.A, atom.Abbr, atom.B, atom.Bdi, atom.Bdo, atom.Cite, atom.Code, atom.Data, atom.Del, atom.Dfn, atom.Em,
		atom.I, atom.Ins, atom.Kbd, atom.Mark, atom.Q, atom.S, atom.Samp, atom.Small, atom.Span, atom.Strong,
		atom.Sub, atom.Sup, atom.Time, atom.U, atom.Var:
		return true
	}
	return false
}

// dropEmpty removes sections with neither heading nor text, except the
// first: section 1 is always the text before the first heading.
func dropEmpty(in []section) []section {
	out := in[:1]
	for _, s := range in[1:] {
		if s.Heading != "" || s.Text != "" {
			out = append(out, s)
		}
	}
	return out
}
