package search

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"rightsguide/generator/internal/golden"
)

func words(s string) []string {
	var out []string
	Words(s, func(w string) { out = append(out, w) })
	return out
}

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"Human rights", []string{"Human", "rights"}},
		{"state's duty, don't", []string{"state's", "duty", "don't"}},
		{"'quoted' words'", []string{"quoted", "words"}},
		{"due-diligence / A/HRC/41/35", []string{"due", "diligence", "A", "HRC", "41", "35"}},
		{"article 19(3)", []string{"article", "19", "3"}},
		{"ﬁle ①", []string{"file", "1"}},                           // NFKC first
		{"e\u0301te", []string{"\u00e9te"}},                        // NFKC composes
		{"الْحُقُوق، والحريات", []string{"الْحُقُوق", "والحريات"}}, // tashkeel inside, Arabic comma splits
		{"حقـــوق", []string{"حقـــوق"}},                           // tatweel is a letter modifier
		{"ﻻ", []string{"لا"}},                                      // presentation form
		{"rock’n’roll", []string{"rock’n’roll"}},
	}
	for _, tt := range tests {
		if got := words(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// normaliseCases are the words whose keys testdata/normalize.golden holds;
// the browser test runs the same words through search.js.
var normaliseCases = []string{
	"Privacy", "PRIVACY", "privacy", "State's", "States’", "don't",
	"Café", "naïve", "Łódź", "São", "Øresund", "ﬁnance", "Straße", "STRASSE", "ΣΟΦΟΣ", "σοφος",
	"İstanbul", "ıı", "Ｗｉｄｅ", "x²", "Ⅻ",
	"الحقوق", "الْحُقُوق", "حقـــوق", "أمن", "إنترنت", "آمن", "ٱلله", "على", "علي", "مدرسة", "مدرسه",
	"مسؤول", "شيء", "ﻻ", "\u064B\u064C",
	"ICCPR", "A", "17", "ꮗᏇ", "آٓ", "بٔ",
}

func TestNormalize(t *testing.T) {
	var b strings.Builder
	for _, w := range normaliseCases {
		fmt.Fprintf(&b, "%q\t%q\n", w, Normalize(w))
	}
	golden.Check(t, "testdata/normalize.golden", []byte(b.String()))
}

func TestNormalizeFolds(t *testing.T) {
	same := [][]string{
		{"privacy", "Privacy", "PRIVACY"},
		{"cafe", "Café", "CAFÉ", "cafe\u0301"},
		{"strasse", "Straße", "STRASSE"},
		{"حقوق", "حُقُوق", "حقـــوق"},
		{"امن", "أمن", "إمن", "آمن"},
		{"علي", "على"},
		{"مدرسه", "مدرسة"},
	}
	for _, group := range same {
		for _, w := range group[1:] {
			if got := Normalize(w); got != group[0] {
				t.Errorf("Normalize(%q) = %q, want %q", w, got, group[0])
			}
		}
	}
	if got := Normalize("مسؤول"); got != "مسؤول" {
		t.Errorf("Normalize(مسؤول) = %q: hamza on waw must stay", got)
	}
}

// FuzzNormalize: any text splits into words whose keys are stable
// (normalising a key again changes nothing), valid UTF-8, and free of the
// characters that split words.
func FuzzNormalize(f *testing.F) {
	for _, w := range normaliseCases {
		f.Add(w)
	}
	f.Add("Hello, world! don't ﬁ ①")
	f.Fuzz(func(t *testing.T, s string) {
		Words(s, func(w string) {
			if w == "" {
				t.Fatalf("Words(%q) yielded an empty word", s)
			}
			k := Normalize(w)
			if !utf8.ValidString(k) {
				t.Fatalf("Normalize(%q) = %q, not UTF-8", w, k)
			}
			if k2 := Normalize(k); k2 != k {
				t.Fatalf("Normalize(%q) = %q, but Normalize(%q) = %q", w, k, k, k2)
			}
			if strings.ContainsAny(k, " \t\n'’") {
				t.Fatalf("Normalize(%q) = %q holds a separator", w, k)
			}
		})
	})
}

// FuzzParseQuery: a query is user input; it must parse into at most
// MaxWords distinct, non-empty, normalised words.
func FuzzParseQuery(f *testing.F) {
	for _, q := range []string{"", "human rights", "surveil", "حقوق الإنسان ", "a a a", "1 2 3 4 5 6 7 8 9 10"} {
		f.Add(q, true)
	}
	f.Fuzz(func(t *testing.T, q string, typing bool) {
		p := ParseQuery(q, typing)
		if len(p.Words) > MaxWords {
			t.Fatalf("%d words", len(p.Words))
		}
		for i, w := range p.Words {
			if w == "" || Normalize(w) != w || slices.Index(p.Words, w) != i {
				t.Fatalf("ParseQuery(%q).Words = %q", q, p.Words)
			}
		}
		if p.Prefix && !typing {
			t.Fatalf("ParseQuery(%q, false) is a prefix query", q)
		}
	})
}

func TestParseQuery(t *testing.T) {
	tests := []struct {
		q      string
		typing bool
		want   Query
	}{
		{"Human RIGHTS", true, Query{Words: []string{"human", "rights"}, Prefix: true}},
		{"Human RIGHTS ", true, Query{Words: []string{"human", "rights"}}},
		{"Human RIGHTS", false, Query{Words: []string{"human", "rights"}}},
		{"rights, rights", true, Query{Words: []string{"rights"}, Prefix: true}},
		{"الْحُقُوق", false, Query{Words: []string{"الحقوق"}}},
		{"  ", true, Query{}},
		{"a b c d e f g h i j", false, Query{Words: []string{"a", "b", "c", "d", "e", "f", "g", "h"}}},
	}
	for _, tt := range tests {
		got := ParseQuery(tt.q, tt.typing)
		if !slices.Equal(got.Words, tt.want.Words) || got.Prefix != tt.want.Prefix {
			t.Errorf("ParseQuery(%q, %v) = %+v, want %+v", tt.q, tt.typing, got, tt.want)
		}
	}
}
