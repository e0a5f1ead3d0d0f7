package search

import (
	"errors"
	"strings"
)

// Posting says that a stem occurs in one target (a page's section).
type Posting struct {
	Page   int // the page's number in the language's index
	Target int // 0: the page's title, description and opening text; n: its n-th heading section
	Weight int // the stem's BM25F term-frequency part in the target, 1..63
	Title  int // for target 0 when the stem is in the page title: the title's count of distinct stems; else 0
}

// The postings of a stem are written as a string of characters from a
// 64-letter alphabet, safe in JSON and JavaScript strings, sorted by page
// and target: for each posting, the page as a difference from the previous
// posting's page and the target, both as variable-length numbers (5 bits a
// character, the 6th bit set on every character but the last), then one
// character for the weight and, for target 0 only, one for the title count.
const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"

func encodePostings(ps []Posting) string {
	var b strings.Builder
	b.Grow(len(ps) * 3)
	prev := 0
	for _, p := range ps {
		writeVarint(&b, p.Page-prev)
		prev = p.Page
		writeVarint(&b, p.Target)
		b.WriteByte(alphabet[clamp(p.Weight, 0, 63)])
		if p.Target == 0 {
			b.WriteByte(alphabet[clamp(p.Title, 0, 63)])
		}
	}
	return b.String()
}

func writeVarint(b *strings.Builder, n int) {
	var digits [8]byte
	i := len(digits)
	for {
		i--
		digits[i] = byte(n & 31)
		n >>= 5
		if n == 0 {
			break
		}
	}
	for ; i < len(digits)-1; i++ {
		b.WriteByte(alphabet[32+digits[i]])
	}
	b.WriteByte(alphabet[digits[len(digits)-1]])
}

// DecodePostings reads a string written by encodePostings.
func DecodePostings(s string) ([]Posting, error) {
	var out []Posting
	page := 0
	for i := 0; i < len(s); {
		d, n, err := readVarint(s, i)
		if err != nil {
			return nil, err
		}
		t, n2, err := readVarint(s, n)
		if err != nil {
			return nil, err
		}
		i = n2
		if i >= len(s) {
			return nil, errors.New("search: postings end before a weight")
		}
		page += d
		p := Posting{Page: page, Target: t, Weight: digit(s[i])}
		i++
		if t == 0 {
			if i >= len(s) {
				return nil, errors.New("search: postings end before a title count")
			}
			p.Title = digit(s[i])
			i++
		}
		if p.Weight < 0 || p.Title < 0 {
			return nil, errors.New("search: postings hold a character outside the alphabet")
		}
		out = append(out, p)
	}
	return out, nil
}

func readVarint(s string, i int) (n, next int, err error) {
	for {
		if i >= len(s) {
			return 0, i, errors.New("search: postings end inside a number")
		}
		d := digit(s[i])
		if d < 0 {
			return 0, i, errors.New("search: postings hold a character outside the alphabet")
		}
		i++
		n = n*32 + d&31
		if d < 32 {
			return n, i, nil
		}
		if n > 1<<40 {
			return 0, i, errors.New("search: number too large in postings")
		}
	}
}

func digit(c byte) int { return strings.IndexByte(alphabet, c) }

func clamp(v, lo, hi int) int { return max(lo, min(hi, v)) }
