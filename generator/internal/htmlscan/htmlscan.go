// Package htmlscan reads the HTML this generator writes, a small and
// regular subset, several times faster than the HTML tokeniser, which
// copies every token. Scan stops at anything outside the subset, and the
// caller then reads the whole input with golang.org/x/net/html instead, so
// a page reads the same either way: a fuzz test holds Scan to the
// tokeniser.
//
// The subset: text (with entities); start, end and self-closing tags with
// a letter-led name the tokeniser knows and attributes that are bare or
// quoted; the content of title, textarea, style and script elements (see
// rawContent); "<!DOCTYPE html>". Comments, other doctypes, a "<" that
// starts no tag, unquoted values and NUL stop it.
package htmlscan

import (
	"bytes"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Token is one text run or tag. Raw and the slices in it point into the
// input.
type Token struct {
	Type  html.TokenType // TextToken, StartTagToken, EndTagToken, SelfClosingTagToken or DoctypeToken
	Atom  atom.Atom      // tags: the element, which is never 0
	Raw   []byte         // the token as written
	attrs []byte         // tags: what follows the name, up to ">" or "/>"
	// RawText marks the content of a style or script element: not
	// markup, and its entities are not decoded.
	RawText bool
}

// Scan calls yield for each token of b, in order, and reports whether it
// read all of b. When it returns false, the tokens already yielded are
// not the whole input: read it with the tokeniser instead.
func Scan(b []byte, yield func(Token)) bool {
	for i := 0; i < len(b); {
		lt := bytes.IndexByte(b[i:], '<')
		if lt < 0 {
			lt = len(b) - i
		}
		if lt > 0 {
			text := b[i : i+lt]
			if bytes.IndexByte(text, 0) >= 0 {
				return false // the tokeniser replaces NUL
			}
			yield(Token{Type: html.TextToken, Raw: text})
			i += lt
			continue
		}
		if doctype := []byte("<!DOCTYPE html>"); len(b)-i >= len(doctype) && bytes.EqualFold(b[i:i+len(doctype)], doctype) {
			yield(Token{Type: html.DoctypeToken, Raw: b[i : i+len(doctype)]})
			i += len(doctype)
			continue
		}
		t, ok := tag(b[i:])
		if !ok {
			return false
		}
		i += len(t.Raw)
		if t.Type == html.SelfClosingTagToken && rawText(t.Atom) || t.Atom == atom.Plaintext {
			return false // "<script/>" still starts raw text; plaintext never ends
		}
		yield(t)
		if t.Type == html.StartTagToken && rawText(t.Atom) {
			n, ok := rawContent(b[i:], t, yield)
			if !ok {
				return false
			}
			i += n
		}
	}
	return true
}

// rawContent reads the content of a raw-text element and its end tag. It
// takes the content of title and textarea (text, entities and all), and of
// style and script (raw: Token.RawText, never decoded) unless a script
// holds "<!--", where the tokeniser's rules grow; other such elements
// only when empty.
func rawContent(b []byte, start Token, yield func(Token)) (int, bool) {
	name := start.Raw[1 : 1+len(start.Atom.String())]
	end := 0
	for {
		j := bytes.Index(b[end:], []byte("</"))
		if j < 0 {
			return 0, false
		}
		end += j
		k := end + 2 + len(name)
		if k < len(b) && bytes.EqualFold(b[end+2:k], name) && (isSpace(b[k]) || b[k] == '/' || b[k] == '>') {
			break
		}
		end += 2
	}
	if content := b[:end]; len(content) > 0 {
		switch {
		case bytes.IndexByte(content, 0) >= 0:
			return 0, false
		case start.Atom == atom.Title || start.Atom == atom.Textarea:
			yield(Token{Type: html.TextToken, Raw: content})
		case start.Atom == atom.Style || start.Atom == atom.Script && !bytes.Contains(content, []byte("<!--")):
			yield(Token{Type: html.TextToken, Raw: content, RawText: true})
		default:
			return 0, false
		}
	}
	t, ok := tag(b[end:])
	if !ok || t.Type != html.EndTagToken || t.Atom != start.Atom {
		return 0, false
	}
	yield(t)
	return end + len(t.Raw), true
}

// tag reads the tag at the start of b.
func tag(b []byte) (Token, bool) {
	t := Token{Type: html.StartTagToken}
	i := 1
	if i < len(b) && b[i] == '/' {
		t.Type, i = html.EndTagToken, 2
	}
	start := i
	for i < len(b) && isAlnum(b[i]) {
		i++
	}
	if i == start || i == len(b) || !isLetter(b[start]) || !isSpace(b[i]) && b[i] != '>' && b[i] != '/' {
		return t, false // the tokeniser reads names, and what is not one, by other rules
	}
	t.Atom = lookup(b[start:i])
	if t.Atom == 0 {
		return t, false // an unknown name may have its own rules
	}
	attrStart := i
	for {
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		if i == len(b) {
			return t, false
		}
		if b[i] == '>' {
			t.Raw, t.attrs = b[:i+1], b[attrStart:i]
			return t, true
		}
		if b[i] == '/' && i+1 < len(b) && b[i+1] == '>' {
			if t.Type == html.StartTagToken {
				t.Type = html.SelfClosingTagToken
			}
			t.Raw, t.attrs = b[:i+2], b[attrStart:i]
			return t, true
		}
		_, _, n := attr(b[i:])
		if n == 0 {
			return t, false
		}
		i += n
	}
}

// attr reads one name="value", name='value' or bare name at the start of
// b, and returns its length, 0 when it is not one.
func attr(b []byte) (key, val []byte, n int) {
	i := 0
	for i < len(b) && (isAlnum(b[i]) || b[i] == '-' || b[i] == '_' || b[i] == ':') {
		i++
	}
	if i == 0 {
		return nil, nil, 0
	}
	key = b[:i]
	if i == len(b) {
		return key, nil, i // a bare attribute last in a tag's attributes
	}
	if b[i] != '=' {
		if !isSpace(b[i]) && b[i] != '>' && b[i] != '/' {
			return nil, nil, 0
		}
		return key, nil, i // a bare attribute: "defer"
	}
	i++
	if i == len(b) || b[i] != '"' && b[i] != '\'' {
		return nil, nil, 0 // unquoted values end in ways left to the tokeniser
	}
	q := b[i]
	end := bytes.IndexByte(b[i+1:], q)
	if end < 0 {
		return nil, nil, 0
	}
	val = b[i+1 : i+1+end]
	i += end + 2
	if i < len(b) && !isSpace(b[i]) && b[i] != '>' && b[i] != '/' {
		return nil, nil, 0
	}
	if bytes.IndexByte(val, 0) >= 0 {
		return nil, nil, 0
	}
	return key, val, i
}

// Attr returns the value of a tag's attribute key (lower case), as
// written: entities are not decoded, so a caller that needs the decoded
// value checks for "&" first. Of repeated attributes the first counts, as
// with the tokeniser (and browsers).
func (t Token) Attr(key string) (val []byte, ok bool) {
	t.eachAttr(func(k, v []byte) bool {
		if bytes.EqualFold(k, []byte(key)) {
			val, ok = v, true
		}
		return !ok
	})
	return val, ok
}

// Attrs calls yield with each attribute of a tag, as the tokeniser gives
// them: the key in lower case, the value as written (entities are not
// decoded: check for "&" first), and of repeated keys only the first.
func (t Token) Attrs(yield func(key, val []byte) bool) {
	var seen [][]byte
	t.eachAttr(func(k, v []byte) bool {
		k = lower(k)
		for _, s := range seen {
			if bytes.Equal(s, k) {
				return true // a repeated key
			}
		}
		seen = append(seen, k)
		return yield(k, v)
	})
}

// eachAttr calls yield with every attribute as written, repeated ones too,
// until it returns false. Tag checked them all when it read the tag.
func (t Token) eachAttr(yield func(key, val []byte) bool) {
	for b := t.attrs; len(b) > 0; {
		if isSpace(b[0]) {
			b = b[1:]
			continue
		}
		k, v, n := attr(b)
		if n == 0 || !yield(k, v) {
			return
		}
		b = b[n:]
	}
}

func lookup(name []byte) atom.Atom { return atom.Lookup(lower(name)) }

// lower returns b in lower case, b itself (no copy) when it already is.
func lower(b []byte) []byte {
	for _, c := range b {
		if 'A' <= c && c <= 'Z' {
			return bytes.ToLower(b)
		}
	}
	return b
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

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isAlnum(c byte) bool { return isLetter(c) || '0' <= c && c <= '9' }
