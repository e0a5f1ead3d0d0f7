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
//
// The Markdown renderer's own output is read by a quick scanner
// (scanTokens); HTML it does not handle (comments, scripts, unquoted
// attributes: raw HTML a site allowed) goes through the HTML tokeniser.
// Both feed the same splitter, and a fuzz test holds them to the same
// result.
func sections(content []byte) []section {
	var s splitter
	s.init()
	if scanTokens(content, s.feed) {
		return s.finish()
	}
	s.init()
	tokenise(content, s.feed)
	return s.finish()
}

// token is what the splitter reads of one HTML token.
type token struct {
	kind      html.TokenType // TextToken, StartTagToken, SelfClosingTagToken or EndTagToken
	atom      atom.Atom
	id, class string // start tags
	text      []byte // text, unescaped
}

// tokenise reads content with the HTML tokeniser.
func tokenise(content []byte, feed func(token)) {
	z := html.NewTokenizer(bytes.NewReader(content))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return
		case html.TextToken:
			t := token{kind: tt}
			if raw := z.Raw(); bytes.IndexByte(raw, '&') < 0 {
				t.text = raw // nothing to unescape: skip Text's copy
			} else {
				t.text = z.Text()
			}
			feed(t)
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			t := token{kind: tt, atom: atom.Lookup(name)}
			t.id, t.class = idAndClass(z, hasAttr)
			feed(t)
		case html.EndTagToken:
			name, _ := z.TagName()
			feed(token{kind: tt, atom: atom.Lookup(name)})
		}
	}
}

// splitter turns a stream of tokens into sections.
type splitter struct {
	out     []section
	text    textBuffer // the current section's text
	head    textBuffer // the current heading's text
	inHead  atom.Atom  // the open h2/h3/h4 with an id, or 0
	skipTag []atom.Atom
}

func (s *splitter) init() {
	s.out, s.inHead, s.skipTag = []section{{}}, 0, s.skipTag[:0]
	s.text.Reset()
	s.head.Reset()
}

func (s *splitter) buf() *textBuffer {
	if s.inHead != 0 {
		return &s.head
	}
	return &s.text
}

func (s *splitter) feed(t token) {
	switch t.kind {
	case html.TextToken:
		if len(s.skipTag) == 0 {
			s.buf().Write(t.text)
		}
	case html.StartTagToken, html.SelfClosingTagToken:
		if len(s.skipTag) > 0 || skipped(t.atom, t.class) {
			if t.kind == html.StartTagToken && !isVoid(t.atom) {
				s.skipTag = append(s.skipTag, t.atom)
			}
			return
		}
		if isHeading(t.atom) && t.id != "" && s.inHead == 0 {
			s.out[len(s.out)-1].Text = s.text.String()
			s.text.Reset()
			s.out = append(s.out, section{ID: t.id})
			s.inHead = t.atom
			return
		}
		if !isInline(t.atom) {
			s.buf().Space()
		}
	case html.EndTagToken:
		switch {
		case len(s.skipTag) > 0:
			if t.atom == s.skipTag[len(s.skipTag)-1] {
				s.skipTag = s.skipTag[:len(s.skipTag)-1]
			}
		case t.atom == s.inHead && s.inHead != 0:
			s.out[len(s.out)-1].Heading = s.head.String()
			s.head.Reset()
			s.inHead = 0
		case !isInline(t.atom):
			s.buf().Space()
		}
	}
}

func (s *splitter) finish() []section {
	s.out[len(s.out)-1].Text = s.text.String()
	return dropEmpty(s.out)
}

// textBuffer collects text with each run of white space written as one
// space, and none at either end.
type textBuffer struct {
	b       []byte
	pending bool // a space is due before the next character
}

func (t *textBuffer) Write(p []byte) {
	for len(p) > 0 {
		if isSpace(p[0]) {
			t.pending = true
			p = p[1:]
			continue
		}
		word := 1
		for word < len(p) && !isSpace(p[word]) {
			word++
		}
		if t.pending && len(t.b) > 0 {
			t.b = append(t.b, ' ')
		}
		t.pending = false
		t.b = append(t.b, p[:word]...)
		p = p[word:]
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
