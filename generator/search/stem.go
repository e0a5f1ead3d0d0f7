package search

import (
	"strings"
	"unicode/utf8"

	"github.com/kljensen/snowball"
)

// stemmer reduces a normalised word (a key) to the stem under which the
// index files its postings. It runs only at build time: the browser looks
// a query word up as typed and follows the key's stem from the index.
type stemmer struct {
	latin string // snowball language for Latin-script words, "" for none
}

// snowballLanguages maps a page's language code to the snowball stemmer
// for its Latin-script words. Languages not listed (Arabic among them)
// still get English stemming for the Latin words they quote ("ICCPR",
// "privacy"), which is what their readers type.
var snowballLanguages = map[string]string{
	"en": "english", "fr": "french", "es": "spanish", "sv": "swedish",
	"no": "norwegian", "nb": "norwegian", "hu": "hungarian",
}

func newStemmer(lang string) stemmer {
	base, _, _ := strings.Cut(strings.ToLower(lang), "-")
	if l, ok := snowballLanguages[base]; ok {
		return stemmer{latin: l}
	}
	return stemmer{latin: "english"}
}

// stem returns the stem of key. Words with digits are left alone ("17",
// "a/hrc/41"), as are scripts without a stemmer.
func (s stemmer) stem(key string) string {
	if key == "" || strings.ContainsAny(key, "0123456789") {
		return key
	}
	r, _ := utf8.DecodeRuneInString(key)
	switch {
	case isArabic(r):
		return ArabicLight(key)
	case r < 0x250 && s.latin != "" && isLatin(key):
		st, err := snowball.Stem(key, s.latin, false)
		if err != nil || st == "" {
			return key
		}
		return st
	}
	return key
}

func isArabic(r rune) bool { return r >= 0x0600 && r <= 0x06FF }

func isLatin(w string) bool {
	for _, r := range w {
		if r >= 0x250 || !(r >= 'a' && r <= 'z' || r >= 0xDF) {
			return false
		}
	}
	return true
}

// Arabic proclitics stripped by ArabicLight, longest first, each with the
// shortest stem it may leave (in letters). They are the definite article
// and the one-letter conjunctions and prepositions before it (و ف ب ك ل),
// after Larkey's "light10". A lone ب ف ك or ل is not stripped: too many
// words begin with those letters (بيت, فكر, كتب, لغة).
var arabicPrefixes = []struct {
	prefix string
	min    int
}{
	{"وال", 2}, {"فال", 2}, {"بال", 2}, {"كال", 2}, {"لل", 2}, {"ال", 2},
}

// ArabicLight is light stemming for a normalised Arabic word: a leading
// و ("and") comes off when three letters remain, then the definite article
// with its clitics. "والحقوق", "بالحقوق" and "الحقوق" all become "حقوق".
func ArabicLight(w string) string {
	if strings.HasPrefix(w, "و") && utf8.RuneCountInString(w) > 3 {
		w = w[len("و"):]
	}
	for _, p := range arabicPrefixes {
		if rest, ok := strings.CutPrefix(w, p.prefix); ok && utf8.RuneCountInString(rest) >= p.min {
			return rest
		}
	}
	return w
}
