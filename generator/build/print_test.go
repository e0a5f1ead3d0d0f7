package build

import (
	"bytes"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestPrintPageOfTheGuide reads the whole guide's print page in each
// language: one h1, every page once in reading order, ids unique, every
// in-page link with its target, and no heading more than one level below
// the one before it.
func TestPrintPageOfTheGuide(t *testing.T) {
	res, err := builtGuide()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"", "ar/"} {
		var doc []byte
		for _, f := range res.Files {
			if f.Path == lang+"print/index.html" {
				doc = f.Data
			}
		}
		if doc == nil {
			t.Fatalf("no %sprint/index.html", lang)
		}
		code := map[string]string{"": "en", "ar/": "ar"}[lang]
		checkPrintPage(t, lang, doc, len(res.Site.Ordered(code)))
	}
}

func checkPrintPage(t *testing.T, lang string, doc []byte, pages int) {
	t.Helper()
	ids := map[string]int{}
	var hrefs []string
	h1, sections, prev := 0, 0, 1
	z := html.NewTokenizer(bytes.NewReader(doc))
	inMain := false
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		for _, a := range tok.Attr {
			switch a.Key {
			case "id":
				ids[a.Val]++
			case "href":
				if strings.HasPrefix(a.Val, "#") {
					hrefs = append(hrefs, a.Val[1:])
				}
			case "class":
				if a.Val == "print-page" {
					sections++
				}
			}
		}
		switch tok.Data {
		case "main":
			inMain = true
		case "h1", "h2", "h3", "h4", "h5", "h6":
			level := int(tok.Data[1] - '0')
			if level == 1 {
				h1++
			}
			if inMain && level > prev+1 {
				t.Errorf("%sprint: an h%d follows an h%d", lang, level, prev)
			}
			if inMain {
				prev = level
			}
		}
	}
	if h1 != 1 || sections != pages {
		t.Errorf("%sprint: %d h1, %d sections for %d pages; want one h1 and a section per page", lang, h1, sections, pages)
	}
	for id, n := range ids {
		if n > 1 {
			t.Errorf("%sprint: id %q appears %d times", lang, id, n)
		}
	}
	for _, h := range hrefs {
		id, err := url.PathUnescape(h)
		if err != nil || ids[id] == 0 {
			t.Errorf("%sprint: link to #%s, which is not on the page", lang, h)
		}
	}
}
