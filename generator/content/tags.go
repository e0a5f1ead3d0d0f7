package content

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"

	"rightsguide/generator/problem"
)

// TagsURL is where a language lists its tags; each tag's page is below it.
const TagsURL = "tags/"

// Tag is one tag of one language and the pages that carry it.
type Tag struct {
	Name  string  // as the first page (in path order) writes it
	URL   string  // site-relative: "tags/surveillance/", "ar/tags/t-1a2b3c4d5e6f/"
	Pages []*Page // by title

	words string // tagWords of Name, to tell two tags apart that hash alike
}

// Tags returns a language's tags in its alphabetical order, nil when none
// of its pages has tags.
func (s *Site) Tags(lang string) []*Tag { return s.tags[lang] }

// TagsOf returns p's tags in the order its front matter lists them, each
// once; nil with tag_pages off.
func (s *Site) TagsOf(p *Page) []*Tag { return s.pageTags[p] }

// collectTags groups the published pages by tag, per language. Tags that
// differ only in case or punctuation ("Due diligence", "due-diligence")
// are one tag. A tag with no letter or digit is a problem: it has no URL.
func (s *Site) collectTags() []*problem.Error {
	var probs []*problem.Error
	s.tags, s.pageTags = map[string][]*Tag{}, map[*Page][]*Tag{}
	byKey := map[string]*Tag{}  // by language and slug
	for _, p := range s.Pages { // in path order, so a tag's name does not depend on timing
		for _, name := range p.Meta.Tags {
			words := tagWords(name)
			slug := slugOf(words)
			if slug == "" {
				probs = append(probs, problem.New(p.Meta.TagsPos, "frontmatter.tag", "tag "+strconv.Quote(name)+" has no letter or digit", "write the tag as a word, or remove it"))
				continue
			}
			key := p.Lang + "\x00" + slug
			t := byKey[key]
			if t == nil {
				t = &Tag{Name: strings.TrimSpace(name), URL: s.LangPrefix(p.Lang) + TagsURL + slug + "/", words: words}
				byKey[key] = t
				s.tags[p.Lang] = append(s.tags[p.Lang], t)
			} else if t.words != words && withoutMarks(t.words) != withoutMarks(words) { // two hashes alike: never seen, but not silent
				probs = append(probs, problem.New(p.Meta.TagsPos, "frontmatter.tag", "tag "+strconv.Quote(name)+" would share the folder "+t.URL+" with tag "+strconv.Quote(t.Name), "rename one of the two tags"))
				continue
			}
			if n := len(t.Pages); n == 0 || t.Pages[n-1] != p { // a page that repeats a tag is listed once
				t.Pages = append(t.Pages, p)
				s.pageTags[p] = append(s.pageTags[p], t)
			}
		}
	}
	for lang, tags := range s.tags {
		c := collate.New(language.Make(lang), collate.IgnoreCase)
		sort.SliceStable(tags, func(i, j int) bool { return c.CompareString(tags[i].Name, tags[j].Name) < 0 })
		for _, t := range tags {
			sort.SliceStable(t.Pages, func(i, j int) bool { return c.CompareString(t.Pages[i].Title, t.Pages[j].Title) < 0 })
		}
	}
	return probs
}

// slugOf names a tag's folder from its words (tagWords): accents dropped
// from Latin letters ("Vie privée": "vie-privee"). A tag in another
// script is named by a short hash of its words ("t-1a2b3c4d5e6f"), as the
// A to Z pages are named by code point: every folder name then stays
// ASCII, safe in any zip tool and file system.
func slugOf(words string) string {
	if plain := withoutMarks(words); isASCII(plain) {
		return plain
	}
	sum := sha256.Sum256([]byte(words))
	return "t-" + hex.EncodeToString(sum[:6])
}

// tagWords is a tag's letters and digits in lower case, words joined by "-".
func tagWords(name string) string {
	var b strings.Builder
	gap := false
	for _, c := range strings.ToLower(norm.NFC.String(name)) {
		if !unicode.IsLetter(c) && !unicode.IsDigit(c) && !unicode.Is(unicode.Mn, c) {
			gap = true
			continue
		}
		if gap && b.Len() > 0 {
			b.WriteByte('-')
		}
		gap = false
		b.WriteRune(c)
	}
	return b.String()
}

// withoutMarks drops the combining marks of s: é becomes e.
func withoutMarks(s string) string {
	var b strings.Builder
	for _, c := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, c) {
			b.WriteRune(c)
		}
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
