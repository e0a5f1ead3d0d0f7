package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// The tokeniser and the normaliser are the two halves of the text pipeline
// that static/search.js repeats in the browser: a query word must come out
// exactly as the same word did at build time, so both sides keep to rules
// a few lines of JavaScript can follow (Unicode classes, String.normalize,
// toLowerCase and a small table). Stemming is the part the browser never
// does: the index ships surface forms mapped to stems instead.

// Words calls yield for each word of s, in order. A word is a run of
// letters, digits and combining marks; an apostrophe between two such runs
// stays inside it ("state's", "don't"), so that Normalize can drop it. The
// text is put in NFKC first, so that compatibility forms ("ﬁ", "①", Arabic
// presentation forms) split the way their plain letters do.
func Words(s string, yield func(word string)) {
	if !norm.NFKC.IsNormalString(s) {
		s = norm.NFKC.String(s)
	}
	start := -1 // byte offset of the word being read, -1 between words
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case isWordRune(r):
			if start < 0 {
				start = i
			}
		case isApostrophe(r) && start >= 0 && i+size < len(s) && startsWithWordRune(s[i+size:]):
			// inside the word: keep going
		default:
			if start >= 0 {
				yield(s[start:i])
				start = -1
			}
		}
		i += size
	}
	if start >= 0 {
		yield(s[start:])
	}
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || unicode.Is(unicode.Nl, r) || unicode.Is(unicode.No, r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

func startsWithWordRune(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isWordRune(r)
}

// Normalize turns one word from Words into its lookup key: NFKC, Unicode
// case folding, Latin diacritics folded ("Café" → "cafe"), Arabic
// normalised (tashkeel and tatweel stripped, أ إ آ ٱ → ا, ى → ي, ة → ه),
// and a final possessive "'s" and other apostrophes dropped. It returns ""
// for a word made only of marks. Normalize(Normalize(w)) == Normalize(w).
func Normalize(w string) string {
	if isPlainASCII(w) {
		return asciiKey(w)
	}
	w = norm.NFKC.String(w)
	w = strings.ToLower(cases.Fold().String(w)) // folding turns Cherokee upper-case; JavaScript lower-cases it
	w = strings.Map(arabicChar, w)
	w = norm.NFD.String(w)
	w = strings.Map(dropMark, w)
	w = norm.NFC.String(w)
	w = strings.Map(latinLetter, w)
	w = norm.NFC.String(w) // the table above may meet marks left over
	return dropApostrophes(w)
}

// isPlainASCII reports whether w is ASCII letters, digits and apostrophes:
// the common case, normalised without allocating tables.
func isPlainASCII(w string) bool {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf || !(isWordRune(rune(c)) || c == '\'') {
			return false
		}
	}
	return true
}

func asciiKey(w string) string {
	lower := true
	for i := 0; i < len(w); i++ {
		if c := w[i]; 'A' <= c && c <= 'Z' || c == '\'' {
			lower = false
			break
		}
	}
	if !lower {
		w = strings.ToLower(w)
	}
	return dropApostrophes(w)
}

func dropApostrophes(w string) string {
	if !strings.ContainsAny(w, "'’") {
		return w
	}
	w = strings.ReplaceAll(w, "’", "'")
	w = strings.TrimSuffix(w, "'s")
	return strings.ReplaceAll(w, "'", "")
}

// arabicChar unifies the Arabic letters readers type in several ways, and
// drops tashkeel (harakat, tanwin, shadda, sukun, the dagger alif), a
// madda or hamza mark left loose (NFKC has already joined those that
// compose, as in ؤ), and the tatweel, which only stretches a word. -1
// drops the rune.
func arabicChar(r rune) rune {
	switch {
	case r == 'أ' || r == 'إ' || r == 'آ' || r == 'ٱ':
		return 'ا'
	case r == 'ى':
		return 'ي'
	case r == 'ة':
		return 'ه'
	case r >= 0x064B && r <= 0x0655, r == 0x0670, r == 0x0640:
		return -1
	}
	return r
}

// dropMark removes the combining diacritics that NFD splits off Latin
// letters (U+0300–U+036F). Marks of other scripts stay: they can be
// letters' vowels, not accents.
func dropMark(r rune) rune {
	if r >= 0x0300 && r <= 0x036F {
		return -1
	}
	return r
}

// latinLetter folds the Latin letters that carry a stroke instead of a
// combining accent, so "Łódź" and "Lodz" meet. Ligatures "æ" and "œ" stay
// single letters (a one-rune table keeps the browser's copy simple).
func latinLetter(r rune) rune {
	switch r {
	case 'ł':
		return 'l'
	case 'ø':
		return 'o'
	case 'đ':
		return 'd'
	case 'ı':
		return 'i'
	case 'ħ':
		return 'h'
	}
	return r
}
