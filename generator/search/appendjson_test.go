package search

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"
)

// jsonString is what encoding/json writes for s, with or without HTML
// escaping: the reference appendString must match byte for byte.
func jsonString(t testing.TB, s string, html bool) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(html)
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	return string(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
}

var trickyStrings = []string{
	"", "plain", `quote " and \ backslash`, "tab\tnew\nline\rcr\bbs\fff", "\x00\x01\x1f\x7f",
	"<script>&amp;</script>", "line\u2028para\u2029", "bad \xff\xfe utf8", "truncated \xe2\x82",
	"حقوق الإنسان", "𝒜 surrogate", "emoji 🙂", "\u00e9t\u00e9",
}

func TestAppendStringMatchesJSON(t *testing.T) {
	for _, s := range trickyStrings {
		for _, html := range []bool{false, true} {
			if got, want := string(appendString(nil, s, html)), jsonString(t, s, html); got != want {
				t.Errorf("appendString(%q, html=%v) = %s, encoding/json writes %s", s, html, got, want)
			}
		}
	}
}

func FuzzAppendString(f *testing.F) {
	for _, s := range trickyStrings {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, html := range []bool{false, true} {
			if got, want := string(appendString(nil, s, html)), jsonString(t, s, html); got != want {
				t.Fatalf("appendString(%q, html=%v) = %s, encoding/json writes %s", s, html, got, want)
			}
		}
	})
}

func TestAppendFloatMatchesJSON(t *testing.T) {
	for _, f := range []float64{0, 1, -1, 0.5, 1.5, 3.25, 2.0 / 3, 1e-6, 9.99e-7, 1e-7, 1.234e-10, 1e20, 1e21, 1.5e300, -2.5e-8, math.SmallestNonzeroFloat64} {
		want, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendFloat(nil, f); string(got) != string(want) {
			t.Errorf("appendFloat(%v) = %s, encoding/json writes %s", f, got, want)
		}
	}
}

// The entry and chunk forms as encoding/json wrote them before
// appendjson.go: the files must not change.
func reflectEntry(t *testing.T, e Entry) string {
	var a []any
	if !e.IsStem() {
		a = []any{e.Key, e.Redirect}
	} else {
		a = []any{e.Key, e.IDF, e.Count, e.Postings, e.Tail, e.Surfaces, e.Redirect}
		switch {
		case e.Redirect != "":
		case len(e.Surfaces) > 0:
			a = a[:6]
		case e.Tail != 0:
			a = a[:5]
		default:
			a = a[:4]
		}
	}
	data, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func reflectChunk(t *testing.T, c Chunk) string {
	type target [3]string
	var targets []json.RawMessage
	if c.Targets != nil {
		targets = []json.RawMessage{}
	}
	for _, x := range c.Targets {
		data, err := json.Marshal(target{x.Heading, x.Anchor, x.Text})
		if err != nil {
			t.Fatal(err)
		}
		targets = append(targets, data)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	err := enc.Encode(struct {
		U string            `json:"u"`
		T string            `json:"t"`
		S []json.RawMessage `json:"s"`
	}{c.URL, c.Title, targets})
	if err != nil {
		t.Fatal(err)
	}
	return string(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
}

func TestAppendJSONMatchesReflection(t *testing.T) {
	entries := []Entry{
		{Key: "rights", Redirect: "right"},
		{Key: "right", IDF: 1.5, Count: 2, Postings: "0110"},
		{Key: "surveil", IDF: 3.25, Count: 9, Postings: "01A", Tail: 4},
		{Key: "حقوق", IDF: 2, Count: 1, Postings: "01A", Surfaces: []string{"الحقوق", "<و>"}},
		{Key: "univers", IDF: 2, Count: 1, Postings: "01A", Redirect: "univer"},
		{Key: "a&b", IDF: 1e-9, Count: 1, Postings: `"\`, Surfaces: []string{}, Redirect: "x"},
	}
	for _, e := range entries {
		if got, want := string(e.appendJSON(nil)), reflectEntry(t, e); got != want {
			t.Errorf("entry %+v: %s, encoding/json wrote %s", e, got, want)
		}
	}
	chunks := []Chunk{
		{URL: "treaties/iccpr/", Title: "ICCPR <&>", Targets: []ChunkTarget{{Text: "intro & more"}, {Heading: "Article 17 <privacy>", Anchor: "article-17", Text: "line\u2028two \xff"}}},
		{URL: "ar/حقوق/", Title: "حقوق", Targets: []ChunkTarget{}},
		{URL: "x/"},
	}
	for _, c := range chunks {
		if got, want := string(c.appendJSON(nil)), reflectChunk(t, c); got != want {
			t.Errorf("chunk %+v: %s, encoding/json wrote %s", c, got, want)
		}
	}
}
