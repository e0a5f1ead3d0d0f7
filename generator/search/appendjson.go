package search

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// The index's two most numerous kinds of value, fragments (Chunk) and
// shard entries (Entry), are written here by hand: through encoding/json
// their custom forms cost a reflection walk and a second pass that
// re-validates each MarshalJSON result, a few per cent of a whole build.
// The bytes are exactly encoding/json's (appendjson_test.go holds them to
// it), so files stay the same whichever path writes them.

// appendJSON is implemented by values Envelope writes without reflection.
type appendJSON interface {
	appendJSON(b []byte) []byte
}

// shardEntries is a shard: Envelope's fast path for []Entry.
type shardEntries []Entry

func (es shardEntries) appendJSON(b []byte) []byte {
	return appendList(b, es, Entry.appendJSON)
}

// appendJSON writes the compact array form (see Entry). Strings are
// escaped as json.Marshal escapes them, "<", ">" and "&" included.
func (e Entry) appendJSON(b []byte) []byte {
	b = append(b, '[')
	b = appendString(b, e.Key, true)
	b = append(b, ',')
	if !e.IsStem() {
		b = appendString(b, e.Redirect, true)
		return append(b, ']')
	}
	n := 4 // key, idf, count, postings; then tail, surfaces, redirect as needed
	switch {
	case e.Redirect != "":
		n = 7
	case len(e.Surfaces) > 0:
		n = 6
	case e.Tail != 0:
		n = 5
	}
	b = appendFloat(b, e.IDF)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(e.Count), 10)
	b = append(b, ',')
	b = appendString(b, e.Postings, true)
	if n > 4 {
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(e.Tail), 10)
	}
	if n > 5 {
		b = append(b, ',')
		b = appendStrings(b, e.Surfaces) // null when nil: what the index has always held
	}
	if n > 6 {
		b = append(b, ',')
		b = appendString(b, e.Redirect, true)
	}
	return append(b, ']')
}

// appendJSON writes {"u":...,"t":...,"s":[[heading,anchor,text],...]}.
// The URL and title are escaped as Envelope's encoder does (HTML
// characters kept); the targets as ChunkTarget.MarshalJSON does.
func (c Chunk) appendJSON(b []byte) []byte {
	b = append(b, `{"u":`...)
	b = appendString(b, c.URL, false)
	b = append(b, `,"t":`...)
	b = appendString(b, c.Title, false)
	b = append(b, `,"s":`...)
	b = appendList(b, c.Targets, ChunkTarget.appendJSON)
	return append(b, '}')
}

func (t ChunkTarget) appendJSON(b []byte) []byte {
	b = append(b, '[')
	b = appendString(b, t.Heading, true)
	b = append(b, ',')
	b = appendString(b, t.Anchor, true)
	b = append(b, ',')
	b = appendString(b, t.Text, true)
	return append(b, ']')
}

// appendStrings writes a list of strings, null for nil.
func appendStrings(b []byte, list []string) []byte {
	return appendList(b, list, func(s string, b []byte) []byte { return appendString(b, s, true) })
}

// appendList writes a JSON array, each item by appendItem; null for nil,
// as encoding/json writes a nil slice.
func appendList[T any](b []byte, list []T, appendItem func(T, []byte) []byte) []byte {
	if list == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, x := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendItem(x, b)
	}
	return append(b, ']')
}

const hexDigits = "0123456789abcdef"

// appendString writes s as a JSON string, as encoding/json does: invalid
// UTF-8 becomes U+FFFD, U+2028 and U+2029 are escaped for JavaScript, and
// with html so are "<", ">" and "&".
func appendString(b []byte, s string, html bool) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && (!html || c != '<' && c != '>' && c != '&') {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendFloat writes f as encoding/json does (ES6 number formatting).
// The index holds no NaN or infinity.
func appendFloat(b []byte, f float64) []byte {
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// "1e-07" becomes "1e-7"
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}
