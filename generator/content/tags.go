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

	"rightsguide/generator/problem"
)

// TagsURL is where a language lists its tags; each tag's page is below it.
const TagsURL = "tags/"

// Tag is one tag of one language and the pages that carry it.
type Tag struct {
	Name  string  // as the first page (in path order) writes it
	URL   string  // site-relative: "tags/surveillance/", "ar/tags/t-1a2b3c4d/"
	Pages []*Page // by title
}

// Tags returns a language's tags in its alphabetical order, nil when none
// of its pages has tags.
func (s *Site) Tags(lang string) []*Tag { return s.tags[lang] }

// TagsOf returns p's tags in the order its front matter lists them.
func (s *Site) TagsOf(p *Page) []*Tag {
	if len(s.tagByKey) == 0 { // tag_pages off: nothing to look up
		return nil
	}
	var out []*Tag
	for _, name := range p.Meta.Tags {
		if t := s.tagByKey[p.Lang+"\x00"+tagSlug(name)]; t != nil && !containsTag(out, t) {
			out = append(out, t)
		}
	}
	return out
}

func containsTag(list []*Tag, t *Tag) bool {
	for _, u := range list {
		if u == t {
			return true
		}
	}
	return false
}

// collectTags groups the published pages by tag, per language. Tags that
// differ only in case or punctuation ("Due diligence", "due-diligence")
// are one tag. A tag with no letter or digit is a problem: it has no URL.
func (s *Site) collectTags() []*problem.Error {
	var probs []*problem.Error
	s.tags, s.tagByKey = map[string][]*Tag{}, map[string]*Tag{}
	for _, p := range s.Pages { // in path order, so a tag's name does not depend on timing
		for _, name := range p.Meta.Tags {
			slug := tagSlug(name)
			if slug == "" {
				probs = append(probs, problem.New(p.Meta.TagsPos, "frontmatter.tag", "tag "+strconv.Quote(name)+" has no letter or digit", "write the tag as a word, or remove it"))
				continue
			}
			key := p.Lang + "\x00" + slug
			t := s.tagByKey[key]
			if t == nil {
				t = &Tag{Name: strings.TrimSpace(name), URL: s.LangPrefix(p.Lang) + TagsURL + slug + "/"}
				s.tagByKey[key] = t
				s.tags[p.Lang] = append(s.tags[p.Lang], t)
			}
			if n := len(t.Pages); n == 0 || t.Pages[n-1] != p { // a page that repeats a tag is listed once
				t.Pages = append(t.Pages, p)
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

// tagSlug names a tag's folder: its letters and digits in lower case,
// words joined by "-". A tag in another script than Latin is named by a
// short hash of that ("t-1a2b3c4d"), as the A to Z pages are: every
// folder name then stays ASCII, safe in any zip tool and file system.
func tagSlug(name string) string {
	var b strings.Builder
	gap := false
	for _, c := range strings.ToLower(name) {
		if !unicode.IsLetter(c) && !unicode.IsDigit(c) {
			gap = true
			continue
		}
		if gap && b.Len() > 0 {
			b.WriteByte('-')
		}
		gap = false
		b.WriteRune(c)
	}
	slug := b.String()
	for i := 0; i < len(slug); i++ {
		if slug[i] >= utf8.RuneSelf {
			sum := sha256.Sum256([]byte(slug))
			return "t-" + hex.EncodeToString(sum[:4])
		}
	}
	return slug
}
