package search

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
)

// Every index file is JSON wrapped in one envelope, a call of the
// registration function that static/search.js defines:
//
//	rgSearch("en/s/12",[...]);
//
// so the browser can load it as a plain <script> (which works from file://
// and under script-src 'self', where fetch and eval do not), and any other
// tool can strip the call and read JSON. The first argument is the file's
// key: its language and its path below the index folder, without the hash
// folder and ".js". Envelope and Open are the only writer and reader.
const (
	envelopeStart = `rgSearch(`
	envelopeEnd   = ");\n"
)

// Envelope wraps v, marshalled as JSON, in the registration call for key.
// "<", ">" and "&" stay as they are: the file is a script of its own, never
// inside HTML. (U+2028 and U+2029 are still escaped, as JavaScript needs.)
func Envelope(key string, v any) ([]byte, error) {
	out := appendString([]byte(envelopeStart), key, false)
	out = append(out, ',')
	if fast, ok := v.(appendJSON); ok { // the same bytes, without reflection (appendjson.go)
		return append(fast.appendJSON(out), envelopeEnd...), nil
	}
	b := bytes.NewBuffer(out)
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	b.Truncate(b.Len() - 1) // Encode ends with a newline
	b.WriteString(envelopeEnd)
	return b.Bytes(), nil
}

// Open reads a file written by Envelope: it returns the key and
// unmarshals the JSON into v.
func Open(file []byte, v any) (string, error) {
	rest, ok := bytes.CutPrefix(file, []byte(envelopeStart))
	if !ok {
		return "", errors.New("search: not an index file: no " + envelopeStart + " at the start")
	}
	rest, ok = bytes.CutSuffix(rest, []byte(envelopeEnd))
	if !ok {
		return "", errors.New("search: index file does not end with " + strconv.Quote(envelopeEnd))
	}
	dec := json.NewDecoder(bytes.NewReader(rest))
	var key string
	if err := dec.Decode(&key); err != nil {
		return "", fmt.Errorf("search: index file key: %w", err)
	}
	off := dec.InputOffset()
	if off >= int64(len(rest)) || rest[off] != ',' {
		return "", errors.New("search: index file: no comma after the key")
	}
	if err := json.Unmarshal(rest[off+1:], v); err != nil {
		return "", fmt.Errorf("search: index file %s: %w", key, err)
	}
	return key, nil
}

// Manifest is search/LANG/manifest.js, the one file every search loads
// first. Shard i holds the keys k with Seps[i] <= k < Seps[i+1] (in
// JavaScript's string order); Seps[0] is "".
type Manifest struct {
	Version int        `json:"v"`
	Hash    string     `json:"h"` // the folder of this build's shards and fragments
	Pages   int        `json:"n"`
	Seps    Separators `json:"s"`
}

// Separators are written front-coded, in one string: for each separator,
// one alphabet character giving how many UTF-16 units it shares with the
// one before (at most 63), then the rest of it; a space between each.
// Sorted separators share long beginnings, so this halves the manifest.
type Separators []string

// MarshalJSON writes the front-coded string.
func (s Separators) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	prev := []uint16{}
	for i, sep := range s {
		cur := utf16.Encode([]rune(sep))
		n := 0
		for n < len(prev) && n < len(cur) && n < 63 && prev[n] == cur[n] {
			n++
		}
		for n > 0 && utf16.IsSurrogate(rune(cur[n-1])) && n < len(cur) && utf16.IsSurrogate(rune(cur[n])) {
			n-- // never split a surrogate pair
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte(alphabet[n])
		b.WriteString(string(utf16.Decode(cur[n:])))
		prev = cur
	}
	return json.Marshal(b.String())
}

// UnmarshalJSON reads the front-coded string.
func (s *Separators) UnmarshalJSON(data []byte) error {
	var str string
	if err := json.Unmarshal(data, &str); err != nil {
		return err
	}
	*s = nil
	prev := []uint16{}
	for _, e := range strings.Split(str, " ") {
		if e == "" {
			return errors.New("search: empty separator entry")
		}
		n := digit(e[0])
		if n < 0 || n > len(prev) {
			return errors.New("search: bad separator prefix length")
		}
		cur := append(slices.Clone(prev[:n]), utf16.Encode([]rune(e[1:]))...)
		*s = append(*s, string(utf16.Decode(cur)))
		prev = cur
	}
	return nil
}

// Entry is one key of a shard. A key that is only a surface form of a
// stem stored elsewhere is a redirect: ["rights","right"]. A stem is
// [key, idf, count, postings, tail, surfaces, redirect], with trailing
// empty values left out:
//   - idf weighs the stem across the language's targets;
//   - count is the number of postings, the tail's included;
//   - postings is the encoded first tier (see encodePostings): all postings
//     when Tail is 0, else the ones with the highest weights;
//   - tail is the number of the file t/<tail>.js holding the rest, 0 for none;
//   - surfaces are the forms of this stem whose keys sit in other shards,
//     for marking them in excerpts;
//   - redirect is the stem of the key itself, when the key is both a stem
//     and a surface form of another stem.
type Entry struct {
	Key      string
	Redirect string
	IDF      float64
	Count    int
	Postings string
	Tail     int
	Surfaces []string
}

// IsStem reports whether the entry holds postings.
func (e Entry) IsStem() bool { return e.Count > 0 }

// MarshalJSON writes the compact array form (appendjson.go).
func (e Entry) MarshalJSON() ([]byte, error) { return e.appendJSON(nil), nil }

// UnmarshalJSON reads the compact array form.
func (e *Entry) UnmarshalJSON(b []byte) error {
	var a []json.RawMessage
	if err := json.Unmarshal(b, &a); err != nil {
		return err
	}
	if len(a) < 2 {
		return errors.New("search: entry has fewer than 2 fields")
	}
	*e = Entry{}
	if err := json.Unmarshal(a[0], &e.Key); err != nil {
		return err
	}
	if len(a) == 2 {
		return json.Unmarshal(a[1], &e.Redirect)
	}
	if len(a) < 4 {
		return errors.New("search: stem entry has fewer than 4 fields")
	}
	fields := []any{&e.IDF, &e.Count, &e.Postings, &e.Tail, &e.Surfaces, &e.Redirect}
	for i, raw := range a[1:] {
		if i >= len(fields) {
			break
		}
		if err := json.Unmarshal(raw, fields[i]); err != nil {
			return err
		}
	}
	return nil
}

// Chunk is a fragment file, f/G/<page>-<chunk>.js: what the results of up
// to sixteen targets of one page show. Target t of the page is
// Targets[t%16] of chunk t/16. The targets are written as arrays,
// [heading, anchor, text]; target 0, the page itself, has no heading.
type Chunk struct {
	URL     string        `json:"u"` // site-relative page URL, "treaties/iccpr/"
	Title   string        `json:"t"`
	Targets []ChunkTarget `json:"s"`
}

// ChunkTarget is one target's part of a Chunk.
type ChunkTarget struct {
	Heading string
	Anchor  string // the heading's id
	Text    string
}

// MarshalJSON writes [heading, anchor, text].
func (t ChunkTarget) MarshalJSON() ([]byte, error) { return t.appendJSON(nil), nil }

// UnmarshalJSON reads [heading, anchor, text].
func (t *ChunkTarget) UnmarshalJSON(b []byte) error {
	var a [3]string
	if err := json.Unmarshal(b, &a); err != nil {
		return err
	}
	t.Heading, t.Anchor, t.Text = a[0], a[1], a[2]
	return nil
}

// Fragment is what one result shows: a target of a Chunk, with its page.
type Fragment struct {
	URL, Title, Heading, Anchor, Text string
}
