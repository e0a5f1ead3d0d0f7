package search

import (
	"fmt"
	"strings"
	"testing"

	"rightsguide/generator/internal/golden"
)

// stemCases: surface forms as written, each with the key the browser
// looks up and the stem the index files it under.
var stemCases = map[string][]string{
	"en": {"surveillance", "Surveil", "surveilled", "rights", "Right", "human", "humanity", "privacy",
		"States", "parties", "treaty", "treaties", "complaint", "procedures", "encryption", "encrypted",
		"diligence", "committee", "the", "17", "HRC", "Café", "defenders", "defending"},
	"ar": {"الحقوق", "والحقوق", "بالحقوق", "للحقوق", "وحقوق", "حقوق", "الْحُقُوق", "المراقبة", "والمراقبة",
		"فالمراقبة", "كالمراقبة", "مراقبة", "وطن", "ولد", "الخصوصية", "أمن", "والأمن", "بيت", "privacy", "17"},
}

func TestStems(t *testing.T) {
	var b strings.Builder
	for _, lang := range []string{"en", "ar"} {
		st := newStemmer(lang)
		for _, w := range stemCases[lang] {
			k := Normalize(w)
			fmt.Fprintf(&b, "%s\t%s\t%s\t%s\n", lang, w, k, st.stem(k))
		}
	}
	golden.Check(t, "testdata/stems.golden", []byte(b.String()))
}

func TestArabicLight(t *testing.T) {
	tests := []struct{ in, want string }{
		{"الحقوق", "حقوق"},
		{"والحقوق", "حقوق"},
		{"بالحقوق", "حقوق"},
		{"للحقوق", "حقوق"},
		{"وحقوق", "حقوق"},
		{"وطن", "وطن"}, // too short to lose its و
		{"بيت", "بيت"}, // a lone ب stays
		{"ال", "ال"},   // nothing would be left
		{"الم", "الم"}, // one letter is not a stem
		{"الله", "له"}, // light stemming's known cost
	}
	for _, tt := range tests {
		if got := ArabicLight(tt.in); got != tt.want {
			t.Errorf("ArabicLight(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
