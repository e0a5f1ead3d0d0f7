package render

import "strings"

// The stylesheet half of the reader-safety check (safety.go): what a
// static stylesheet, a <style> element or a style attribute would load.

// foreignInCSS lists the url(), @import and image-set() references of a
// stylesheet that point at other hosts. base is added to every offset.
func foreignInCSS(css []byte, base int) []foreignRef {
	var out []foreignRef
	s := string(css)
	add := func(what, u string, at int) {
		if u = cssUnescape(u); isForeign(u) {
			out = append(out, foreignRef{What: what, URL: strings.TrimSpace(u), Offset: base + at})
		}
	}
	for i := 0; i < len(s); {
		switch {
		case strings.HasPrefix(s[i:], "/*"):
			end := strings.Index(s[i+2:], "*/")
			if end < 0 {
				return out
			}
			i += end + 4
		case hasPrefixFold(s[i:], "url("):
			u, n := cssURLArg(s[i+4:])
			add("CSS url()", u, i)
			i += 4 + n
		case hasPrefixFold(s[i:], "@import"):
			rest := strings.TrimLeft(s[i+7:], " \t\r\n\f")
			if len(rest) > 0 && (rest[0] == '"' || rest[0] == '\'') {
				u, _ := cssString(rest)
				add("CSS @import", u, i)
			}
			i += 7
		case hasPrefixFold(s[i:], "image-set("):
			// Strings inside image-set() are URLs too.
			depth, j := 1, i+10
			for j < len(s) && depth > 0 {
				switch s[j] {
				case '(':
					depth++
				case ')':
					depth--
				case '"', '\'':
					u, n := cssString(s[j:])
					add("CSS image-set()", u, i)
					j += n - 1
				}
				j++
			}
			i += 10
		case s[i] == '"' || s[i] == '\'':
			_, n := cssString(s[i:]) // skip strings: "url(" inside one is text
			i += n
		default:
			i++
		}
	}
	return out
}

// hasPrefixFold is strings.HasPrefix ignoring ASCII case. (strings.ToLower
// would change the length of invalid UTF-8, and so every offset.)
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// cssURLArg reads the argument of url( up to its ")", quoted or not, and
// returns it with the number of bytes read.
func cssURLArg(s string) (string, int) {
	t := strings.TrimLeft(s, " \t\r\n\f")
	skip := len(s) - len(t)
	if len(t) > 0 && (t[0] == '"' || t[0] == '\'') {
		u, n := cssString(t)
		return u, skip + n
	}
	end := strings.IndexByte(t, ')')
	if end < 0 {
		end = len(t)
	}
	return strings.TrimSpace(t[:end]), skip + end
}

// cssString reads a quoted CSS string at the start of s, returning its
// content (escapes kept) and its length with the quotes.
func cssString(s string) (string, int) {
	q := s[0]
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case q:
			return s[1:i], i + 1
		case '\n':
			return s[1:i], i // a bad string ends at the newline
		}
	}
	return s[1:], len(s)
}

// cssUnescape resolves CSS escapes ("h\74tps:" is "https:"), so an escaped
// URL cannot slip through.
func cssUnescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		j := i + 1
		for j < len(s) && j < i+7 && isHex(s[j]) {
			j++
		}
		if j == i+1 { // "\x": the character itself
			b.WriteByte(s[j])
			i = j
			continue
		}
		var r rune
		for _, c := range s[i+1 : j] {
			r = r*16 + rune(hexVal(byte(c)))
		}
		b.WriteRune(r)
		if j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n') {
			j++ // one white space after a hex escape belongs to it
		}
		i = j - 1
	}
	return b.String()
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

func hexVal(c byte) int {
	switch {
	case c >= 'a':
		return int(c-'a') + 10
	case c >= 'A':
		return int(c-'A') + 10
	}
	return int(c - '0')
}
