package search

import (
	"bytes"
	"html"

	nethtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// scanTokens reads the HTML the Markdown renderer writes, a small and
// regular subset: tags with quoted attributes, text with entities. It is
// several times quicker than the HTML tokeniser, which makes a copy of
// every token. At anything outside that subset (a comment, a doctype,
// an unquoted attribute, an element whose content is raw text, a NUL) it
// stops and returns false, and the caller starts again with the
// tokeniser. Tokens may already have been fed by then.
func scanTokens(b []byte, feed func(token)) bool {
	for len(b) > 0 {
		lt := bytes.IndexByte(b, '<')
		if lt < 0 {
			lt = len(b)
		}
		if lt > 0 {
			if !scanText(b[:lt], feed) {
				return false
			}
			b = b[lt:]
			continue
		}
		n, ok := scanTag(b, feed)
		if !ok {
			return false
		}
		b = b[n:]
	}
	return true
}

func scanText(text []byte, feed func(token)) bool {
	if bytes.IndexByte(text, 0) >= 0 {
		return false // the tokeniser replaces NUL
	}
	if bytes.IndexByte(text, '&') >= 0 {
		text = []byte(html.UnescapeString(string(text)))
	}
	feed(token{kind: nethtml.TextToken, text: text})
	return true
}

// scanTag reads the tag at the start of b and returns its length.
func scanTag(b []byte, feed func(token)) (int, bool) {
	i := 1
	kind := nethtml.StartTagToken
	if i < len(b) && b[i] == '/' {
		kind, i = nethtml.EndTagToken, 2
	}
	start := i
	for i < len(b) && isASCIIAlnum(b[i]) {
		i++
	}
	if i == start || i == len(b) || !isASCIILetter(b[start]) || !isSpace(b[i]) && b[i] != '>' && b[i] != '/' {
		return 0, false // the tokeniser reads names, and what is not one, by other rules
	}
	name := b[start:i]
	if bytes.ContainsFunc(name, func(r rune) bool { return 'A' <= r && r <= 'Z' }) {
		name = bytes.ToLower(name)
	}
	t := token{kind: kind, atom: atom.Lookup(name)}
	if t.atom == 0 || rawText(t.atom) {
		return 0, false // an unknown name may have its own rules; raw text needs the tokeniser
	}
	for {
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		if i == len(b) {
			return 0, false
		}
		switch {
		case b[i] == '>':
			if kind == nethtml.EndTagToken && (t.id != "" || t.class != "") {
				return 0, false
			}
			feed(t)
			return i + 1, true
		case b[i] == '/' && i+1 < len(b) && b[i+1] == '>':
			if kind == nethtml.StartTagToken {
				t.kind = nethtml.SelfClosingTagToken
			}
			feed(t)
			return i + 2, true
		}
		n, ok := scanAttr(b[i:], &t)
		if !ok {
			return 0, false
		}
		i += n
	}
}

// scanAttr reads one name="value" (or a bare name) and keeps id and class.
func scanAttr(b []byte, t *token) (int, bool) {
	i := 0
	for i < len(b) && (isASCIIAlnum(b[i]) || b[i] == '-' || b[i] == '_' || b[i] == ':') {
		i++
	}
	if i == 0 {
		return 0, false
	}
	name := b[:i]
	if i == len(b) {
		return 0, false
	}
	if b[i] != '=' {
		if !isSpace(b[i]) && b[i] != '>' && b[i] != '/' {
			return 0, false
		}
		return i, true // a bare attribute: "disabled"
	}
	i++
	if i == len(b) || b[i] != '"' && b[i] != '\'' {
		return 0, false // unquoted values end in ways left to the tokeniser
	}
	q := b[i]
	end := bytes.IndexByte(b[i+1:], q)
	if end < 0 {
		return 0, false
	}
	val := b[i+1 : i+1+end]
	i += end + 2
	if i < len(b) && !isSpace(b[i]) && b[i] != '>' && b[i] != '/' {
		return 0, false
	}
	isID, isClass := bytes.EqualFold(name, []byte("id")), bytes.EqualFold(name, []byte("class"))
	if isID || isClass {
		if bytes.IndexByte(val, '&') >= 0 || bytes.IndexByte(val, 0) >= 0 || bytes.IndexByte(val, '\r') >= 0 {
			return 0, false
		}
		if isID {
			t.id = string(val)
		} else {
			t.class = string(val)
		}
	}
	return i, true
}

// rawText reports the elements whose content the tokeniser reads as raw
// text, not markup.
func rawText(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Textarea, atom.Title, atom.Xmp, atom.Iframe, atom.Noembed, atom.Noframes, atom.Noscript, atom.Plaintext:
		return true
	}
	return false
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r' }

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isASCIIAlnum(c byte) bool { return isASCIILetter(c) || '0' <= c && c <= '9' }
