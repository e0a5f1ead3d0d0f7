package content

import (
	"path"
	"sort"
	"strings"

	"rightsguide/generator/problem"
)

// URLs the generator writes itself, per language; a page may not claim them.
const (
	SearchURL = "search/"
	PrintURL  = "print/"
)

// assignURLs gives every page its output path and reports two files that
// claim the same one.
func (s *Site) assignURLs() []*problem.Error {
	var probs []*problem.Error
	// Keyed in lower case: URLs that differ only in case are folders that
	// clash once the zip is unpacked on Windows, macOS or a USB stick.
	claimed := map[string]*Page{}
	for _, l := range s.Config.Languages {
		prefix := s.LangPrefix(l.Code)
		claimed[strings.ToLower(prefix+SearchURL)] = nil
		claimed[strings.ToLower(prefix+PrintURL)] = nil
		claimed[strings.ToLower(prefix+"index.xml/")] = nil // a folder here would clash with the feed
		if tags := s.tags[l.Code]; len(tags) > 0 {
			claimed[strings.ToLower(prefix+TagsURL)] = nil
			for _, t := range tags {
				claimed[strings.ToLower(t.URL)] = nil
			}
		}
	}
	for _, f := range []string{"robots.txt/", "sitemap.xml/", "404.html/"} {
		claimed[f] = nil
	}
	for _, p := range s.Pages {
		p.URL = s.urlOf(p)
		key := strings.ToLower(p.URL)
		prev, taken := claimed[key]
		if !taken {
			claimed[key] = p
			continue
		}
		probs = append(probs, urlClash(p, prev))
	}
	probs = append(probs, s.checkAliases(claimed)...)
	s.byURL, s.byPath, s.byKey = map[string]*Page{}, map[string]*Page{}, map[string][]*Page{}
	for _, p := range s.Pages {
		s.byPath[p.Path] = p
		for _, q := range s.byKey[p.TranslationKey] {
			if q.Lang == p.Lang { // which one would be the translation?
				probs = append(probs, problem.New(problem.Pos{File: p.Path}, "content.translation-key", "translation key "+p.TranslationKey+" is also used by "+q.Path+" in the same language", "give each page of a language its own translationKey"))
			}
		}
		s.byKey[p.TranslationKey] = append(s.byKey[p.TranslationKey], p)
		if _, dup := s.byURL[p.URL]; !dup {
			s.byURL[p.URL] = p
		}
	}
	s.files = map[string]bool{}
	for _, f := range s.Files {
		s.files[f.Path] = true
	}
	return probs
}

// urlClash is the problem of page p landing on a URL that prev (nil: a
// generated file) has taken. It is reported at the slug that moved one
// page onto the other's URL when there is one, as that is what to change.
func urlClash(p, prev *Page) *problem.Error {
	at, other := p, prev
	if prev != nil && prev.Meta.Slug != "" && p.Meta.Slug == "" {
		at, other = prev, p
	}
	pos, hint := problem.Pos{File: at.Path}, "rename one of the files or give it another slug"
	switch {
	case at.Meta.Slug != "":
		pos = at.Meta.SlugPos
	case at.Virtual: // a folder without _index.md: there is no such file to name
		pos, hint = problem.Pos{File: at.Dir}, "rename the folder"
	}
	msg := "URL /" + at.URL + " is also claimed by " + pathOrGenerated(other)
	if other != nil && other.URL != at.URL {
		msg = "URL /" + at.URL + " differs only in letter case from /" + other.URL + " of " + other.Path + ", and the two clash on Windows, macOS and most USB sticks"
	}
	return problem.New(pos, "content.duplicate-url", msg, hint)
}

func pathOrGenerated(p *Page) string {
	if p == nil {
		return "a file the generator writes (search, print, tag, feed, sitemap, robots.txt or 404 page)"
	}
	return p.Path
}

// checkAliases finds aliases whose redirect page would land where a page,
// a generated file or another alias is written. claimed holds the pages'
// URLs in lower case, as assignURLs made it.
func (s *Site) checkAliases(claimed map[string]*Page) []*problem.Error {
	var probs []*problem.Error
	aliasOf := map[string]*Page{} // lower-case alias -> the page that has it
	for _, p := range s.Pages {
		for _, a := range p.Meta.Aliases {
			key := strings.ToLower(strings.Trim(a, "/") + "/")
			who := ""
			if q, taken := claimed[key]; taken {
				who = pathOrGenerated(q)
			} else if q := aliasOf[key]; q != nil {
				who = q.Path + "'s alias"
			}
			if who != "" {
				probs = append(probs, problem.New(problem.Pos{File: p.Path}, "content.duplicate-url", "alias "+a+" is also claimed by "+who, "remove the alias or change it"))
				continue
			}
			aliasOf[key] = p
		}
	}
	return probs
}

// LangPrefix is "" for the default language and "ar/" for others.
func (s *Site) LangPrefix(lang string) string {
	if lang == s.Config.DefaultLanguage || lang == "" {
		return ""
	}
	return lang + "/"
}

func (s *Site) urlOf(p *Page) string {
	u := s.LangPrefix(p.Lang)
	if p.Dir != "" {
		u += p.Dir + "/"
	}
	if p.IsSection() {
		return u
	}
	name := p.Meta.Slug
	if name == "" {
		name = strings.TrimSuffix(path.Base(p.TranslationKeyFromPath()), ".md")
	}
	return u + name + "/"
}

// TranslationKeyFromPath is the file's path without language and extension.
func (p *Page) TranslationKeyFromPath() string {
	stem := strings.TrimSuffix(p.Path, ".md")
	if p.Lang != "" && strings.HasSuffix(stem, "."+p.Lang) {
		stem = strings.TrimSuffix(stem, "."+p.Lang)
	}
	return stem
}

// link sets parents and ordered children, and the language home pages.
func (s *Site) link() {
	sections := map[string]*Page{}
	for _, p := range s.Pages {
		if p.IsSection() {
			sections[p.Lang+"\x00"+p.Dir] = p
		}
		if p.Kind == KindHome {
			s.Homes[p.Lang] = p
		}
	}
	for _, p := range s.Pages {
		parentDir := p.Dir
		if p.IsSection() {
			if p.Kind == KindHome {
				continue
			}
			parentDir = dirOf(p.Dir)
		}
		if parent := sections[p.Lang+"\x00"+parentDir]; parent != nil && parent != p {
			p.Parent = parent
			parent.Children = append(parent.Children, p)
		}
	}
	for _, p := range s.Pages {
		SortPages(p.Children)
	}
}

// SortPages orders pages by weight, then title, then path, so that the
// order never depends on the file system.
func SortPages(pages []*Page) {
	sort.SliceStable(pages, func(i, j int) bool {
		a, b := pages[i], pages[j]
		if a.Meta.Weight != b.Meta.Weight {
			return a.Meta.Weight < b.Meta.Weight
		}
		if a.Title != b.Title {
			return a.Title < b.Title
		}
		return a.Path < b.Path
	})
}

// Ordered returns a language's pages in reading order: the home page, then
// each section followed by what it holds, depth first.
func (s *Site) Ordered(lang string) []*Page {
	home := s.Homes[lang]
	if home == nil {
		return nil
	}
	var out []*Page
	var walk func(p *Page)
	walk = func(p *Page) {
		out = append(out, p)
		for _, c := range p.Children {
			walk(c)
		}
	}
	walk(home)
	return out
}

// RelURL returns the URL of target (a site-relative path such as
// "treaties/iccpr/" or "style.css") as seen from a page whose output
// folder is from ("guidance/oman/"). With indexFiles, folder URLs end in
// "index.html" so that they open from file:// without a server. It runs for
// every link of every page, so it works on the strings without splitting.
func RelURL(from, target string, indexFiles bool) string {
	from = strings.TrimPrefix(from, "/")
	if from != "" && !strings.HasSuffix(from, "/") {
		from += "/"
	}
	target = strings.TrimPrefix(target, "/")
	targetDir, file := target, ""
	if target != "" && !strings.HasSuffix(target, "/") {
		i := strings.LastIndexByte(target, '/')
		targetDir, file = target[:i+1], target[i+1:]
	}
	common := 0 // length of the shared leading folders, up to a "/"
	for i := 0; i < len(from) && i < len(targetDir) && from[i] == targetDir[i]; i++ {
		if from[i] == '/' {
			common = i + 1
		}
	}
	ups := strings.Count(from[common:], "/")
	var b strings.Builder
	b.Grow(3*ups + len(targetDir) - common + len(file) + len("index.html"))
	for range ups {
		b.WriteString("../")
	}
	b.WriteString(targetDir[common:])
	switch {
	case file != "":
		b.WriteString(file)
	case indexFiles:
		b.WriteString("index.html")
	case b.Len() == 0:
		b.WriteString("./")
	}
	return b.String()
}
