package content

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"rightsguide/generator/problem"
)

// slug is a tag's folder name, as collectTags makes it.
func slug(name string) string { return slugOf(tagWords(name)) }

func TestTagSlug(t *testing.T) {
	cases := []struct{ name, want string }{
		{"privacy", "privacy"},
		{"Due Diligence", "due-diligence"},
		{"  due--diligence! ", "due-diligence"},
		{"ICCPR art. 17", "iccpr-art-17"},
		{"الخصوصية", "t-b2a0889b3131"},
		{"Vie privée", "vie-privee"},
		{"Überwachung", "uberwachung"},
		{"Sécurité", "securite"},
		{"!!!", ""},
		{"", ""},
	}
	for _, c := range cases {
		if got := slug(c.name); got != c.want {
			t.Errorf("slug(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}

// TestTags: with tag_pages on, pages are grouped by tag per language, in
// alphabetical order, spellings that share a slug are one tag, drafts
// count for nothing, and a tag that cannot name a folder is a problem.
func TestTags(t *testing.T) {
	page := func(fm string) *fstest.MapFile { return &fstest.MapFile{Data: []byte("---\n" + fm + "\n---\nText.\n")} }
	fsys := fstest.MapFS{
		"_index.md":     page("title: Home"),
		"b.md":          page("title: Bravo\ntags: [Privacy, due diligence, privacy]"),
		"a.md":          page("title: alpha\ntags: [privacy]"),
		"c.md":          page("title: Charlie\ntags: [Due-Diligence]"),
		"draft.md":      page("title: Draft\ndraft: true\ntags: [secret]"),
		"a.ar.md":       page("title: ألف\ntags: [الخصوصية]"),
		"_index.ar.md":  page("title: الرئيسية"),
		"tagless.md":    page("title: Tagless"),
		"broken.md":     page("title: Broken\ntags: [ok, \"!!\"]"),
		"tags/other.md": page("title: Other"),
	}
	cfg := testConfig()
	cfg.TagPages = true
	site, err := Load(fsys, cfg, Options{})
	var got strings.Builder
	for _, lang := range []string{"en", "ar"} {
		for _, tag := range site.Tags(lang) {
			var titles []string
			for _, p := range tag.Pages {
				titles = append(titles, p.Title)
			}
			fmt.Fprintf(&got, "%s %s %q %s\n", lang, tag.URL, tag.Name, strings.Join(titles, ", "))
		}
	}
	for _, p := range problem.All(err) {
		fmt.Fprintln(&got, p.Error())
	}
	want := `en tags/due-diligence/ "due diligence" Bravo, Charlie
en tags/ok/ "ok" Broken
en tags/privacy/ "privacy" alpha, Bravo
ar ar/tags/t-b2a0889b3131/ "الخصوصية" ألف
broken.md:3:1: tag "!!" has no letter or digit (write the tag as a word, or remove it)
tags:1:1: URL /tags/ is also claimed by a file the generator writes (search, print, tag, feed, sitemap, robots.txt or 404 page) (rename the folder)
`
	if got.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", got.String(), want)
	}
	var names []string
	for _, tag := range site.TagsOf(site.PageByPath("b.md")) {
		names = append(names, tag.Name)
	}
	if fmt.Sprint(names) != "[privacy due diligence]" {
		t.Errorf("TagsOf(b.md) = %q, want its tags in its order, each once", names)
	}

	cfg.TagPages = false
	if site, _ := Load(fsys, cfg, Options{}); site.Tags("en") != nil || site.TagsOf(site.PageByPath("b.md")) != nil {
		t.Error("tags collected with tag_pages off")
	}
}

// A page cannot take a tag page's URL.
func TestTagURLClash(t *testing.T) {
	fsys := fstest.MapFS{
		"_index.md":       {Data: []byte("---\ntags: [privacy]\n---\n# Home\n")},
		"tags/privacy.md": {Data: []byte("# Privacy\n")},
	}
	cfg := testConfig()
	cfg.TagPages = true
	_, err := Load(fsys, cfg, Options{})
	if err == nil || !strings.Contains(err.Error(), "tags/privacy.md:1:1: URL /tags/privacy/ is also claimed by a file the generator writes") {
		t.Errorf("err = %v, want a clash with the tag page", err)
	}
}

var slugShape = regexp.MustCompile(`^(t-[0-9a-f]{12}|[a-z0-9]+(-[a-z0-9]+)*)$`)

// FuzzTagSlug: any tag names an ASCII folder of one shape, or none.
func FuzzTagSlug(f *testing.F) {
	for _, s := range []string{"privacy", "Due Diligence", "الخصوصية", "!!", "", "a\x00b", "İstanbul", "ǅ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		if s := slug(name); s != "" && !slugShape.MatchString(s) {
			t.Errorf("slug(%q) = %q", name, s)
		}
	})
}
