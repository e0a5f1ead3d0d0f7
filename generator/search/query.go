package search

import (
	"slices"
	"unicode/utf8"
)

// MaxWords is the most words of a query that count; the rest are ignored
// (a result records the words it matched in a bit mask).
const MaxWords = 8

// Query is a parsed query: its distinct normalised words, in order, and
// whether the last one is still being typed, so that it also matches the
// words it begins.
type Query struct {
	Words  []string
	Prefix bool
}

// ParseQuery splits what a reader typed as the index's text was split
// (Words, Normalize). typing says the reader is typing (the box, as
// opposed to a submitted query): then a last word not followed by a space
// is a prefix. static/search.js's parse does the same.
func ParseQuery(q string, typing bool) Query {
	var out Query
	Words(q, func(w string) {
		if k := Normalize(w); k != "" && !slices.Contains(out.Words, k) {
			out.Words = append(out.Words, k)
		}
	})
	if len(out.Words) > MaxWords {
		out.Words = out.Words[:MaxWords]
	}
	last, _ := utf8.DecodeLastRuneInString(q)
	out.Prefix = typing && q != "" && !jsSpace(last)
	return out
}

// jsSpace is JavaScript's \s.
func jsSpace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ', 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
		return true
	}
	return r >= 0x2000 && r <= 0x200A
}
