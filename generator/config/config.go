// Package config loads the site configuration (content/site.toml): the
// first thing the pipeline reads. A missing file gives sensible defaults.
package config

import (
	"bytes"
	"errors"
	"io/fs"
	"net/url"
	"strings"

	toml "github.com/pelletier/go-toml/v2"

	"rightsguide/generator/problem"
)

// FileName is the configuration file, inside the content folder.
const FileName = "site.toml"

// Site is the whole site configuration. Zero values are filled by defaults.
type Site struct {
	Title       string `toml:"title"`
	Description string `toml:"description"`
	// BaseURL is absolute and ends with "/"; it may carry a sub-path. It is
	// used only where a URL must be absolute (canonical, sitemap, feed, OpenGraph).
	BaseURL   string `toml:"base_url"`
	Copyright string `toml:"copyright"`
	// EditLink is a URL pattern with {path}, the page's file below content/.
	EditLink string `toml:"edit_link"`
	// AllowHTML lets raw HTML in Markdown through. Off by default: readers
	// are at risk, so contributors must not be able to inject scripts.
	AllowHTML bool `toml:"allow_html"`
	// DefaultLanguage is served at the site root; others under /CODE/.
	DefaultLanguage string     `toml:"default_language"`
	Languages       []Language `toml:"languages"`
	Menus           Menus      `toml:"menus"`
	// FeedSize is how many recently updated pages the Atom feed lists.
	FeedSize int `toml:"feed_size"`
	// TagPages gives each tag a page listing the pages that carry it, and
	// links pages' tags to them. Off by default, as in Zola: a corpus
	// imported with tags nobody curated would get thousands of one-page lists.
	TagPages bool `toml:"tag_pages"`
}

// Language is one language of the site.
type Language struct {
	Code string `toml:"code"` // BCP 47: "en", "ar"
	Name string `toml:"name"` // in its own script: "العربية"
	Dir  string `toml:"dir"`  // "ltr" or "rtl"
	// Title, Description and Copyright replace the site's on this
	// language's pages; "" keeps the site's.
	Title       string `toml:"title"`
	Description string `toml:"description"`
	Copyright   string `toml:"copyright"`
}

// Menus holds the site's menus.
type Menus struct {
	Main []MenuItem `toml:"main"`
}

// MenuItem links either to a content file (Page, "treaties/_index.md") or
// to an outside URL.
type MenuItem struct {
	Name   string `toml:"name"`
	Page   string `toml:"page"`
	URL    string `toml:"url"`
	Weight int    `toml:"weight"`
	// Names are the entry's names in other languages, by language code
	// (names = { ar = "المعاهدات" }). Without one, a language's menu shows
	// the title of the page's translation, else Name.
	Names map[string]string `toml:"names"`
	// Pos is where the entry is in site.toml, for later stages' problems.
	Pos problem.Pos `toml:"-"`
}

// Default returns the configuration used when site.toml is missing.
func Default() Site {
	s := Site{}
	s.applyDefaults()
	return s
}

// Load reads site.toml from the content file system. A missing file gives
// the defaults; a broken one gives problems with their positions.
func Load(fsys fs.FS) (Site, error) {
	data, err := fs.ReadFile(fsys, FileName)
	if errors.Is(err, fs.ErrNotExist) {
		return Default(), nil
	}
	if err != nil {
		return Site{}, problem.Wrap(problem.Pos{File: FileName}, "config.unreadable", err, "check that it is a readable file and its permissions")
	}
	return Parse(FileName, data)
}

// Parse decodes and validates a configuration file's bytes.
func Parse(name string, data []byte) (Site, error) {
	var s Site
	dec := toml.NewDecoder(bytes.NewReader(data)).DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return Site{}, decodeProblems(name, err)
	}
	s.applyDefaults()
	if err := s.validate(name, data); err != nil {
		return Site{}, err
	}
	return s, nil
}

func decodeProblems(name string, err error) error {
	var strict *toml.StrictMissingError
	if errors.As(err, &strict) {
		var list problem.List
		for _, e := range strict.Errors {
			line, col := e.Position()
			list.Add(problem.New(problem.Pos{File: name, Line: line, Col: col}, "config.unknown-key",
				"unknown key "+strings.Join(e.Key(), "."), "see the configuration reference in README.md"))
		}
		return list.Err()
	}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		line, col := de.Position()
		return problem.Wrap(problem.Pos{File: name, Line: line, Col: col}, "config.invalid", err, "fix the TOML syntax")
	}
	return problem.Wrap(problem.Pos{File: name}, "config.invalid", err, "fix the value's type")
}

func (s *Site) applyDefaults() {
	if s.Title == "" {
		s.Title = "Untitled site"
	}
	if s.BaseURL == "" {
		s.BaseURL = "http://localhost:1313/"
	}
	if !strings.HasSuffix(s.BaseURL, "/") {
		s.BaseURL += "/"
	}
	if len(s.Languages) == 0 {
		s.Languages = []Language{{Code: "en", Name: "English", Dir: "ltr"}}
	}
	for i := range s.Languages {
		if s.Languages[i].Dir == "" {
			s.Languages[i].Dir = "ltr"
		}
		if s.Languages[i].Name == "" {
			s.Languages[i].Name = s.Languages[i].Code
		}
	}
	if s.DefaultLanguage == "" {
		s.DefaultLanguage = s.Languages[0].Code
	}
	if s.FeedSize == 0 {
		s.FeedSize = 20
	}
}

func (s *Site) validate(name string, data []byte) error {
	var list problem.List
	at := func(key string) problem.Pos { return keyPos(name, data, key) }
	if why := BadBaseURL(s.BaseURL); why != "" {
		list.Add(problem.New(at("base_url"), "config.base-url", "base_url "+s.BaseURL+" "+why, `write it as "https://example.org/guide/"`))
	}
	for i, m := range s.Menus.Main {
		s.Menus.Main[i].Pos = menuPos(name, data, m)
		if why := badMenuItem(m); why != "" {
			list.Add(problem.New(s.Menus.Main[i].Pos, "config.menu", "menu entry "+quote(m.Name)+" "+why, `give each [[menus.main]] a name and either page = "treaties/_index.md" or url = "https://…"`))
		}
	}
	seen := map[string]int{}
	for _, l := range s.Languages {
		if l.Code == "" || seen[l.Code] > 0 {
			list.Add(problem.New(valuePos(name, data, "code", l.Code, seen[l.Code]), "config.language", "language code "+quote(l.Code)+" is empty or repeated", "give each [[languages]] entry its own code"))
		}
		seen[l.Code]++
		if l.Dir != "ltr" && l.Dir != "rtl" {
			list.Add(problem.New(valuePos(name, data, "dir", l.Dir, 0), "config.language-dir", "language "+l.Code+" has dir "+quote(l.Dir), `use "ltr" or "rtl"`))
		}
	}
	if seen[s.DefaultLanguage] == 0 {
		list.Add(problem.New(at("default_language"), "config.default-language", "default_language "+quote(s.DefaultLanguage)+" is not among [[languages]]", "add it or change default_language"))
	}
	if s.EditLink != "" && !strings.Contains(s.EditLink, "{path}") {
		list.Add(problem.New(at("edit_link"), "config.edit-link", "edit_link has no {path}", `write it like "https://example.org/repo/edit/main/content/{path}"`))
	}
	return list.Err()
}

// Language returns the language with code, or the default one.
func (s *Site) Language(code string) Language {
	for _, l := range s.Languages {
		if l.Code == code {
			return l
		}
	}
	return s.Languages[0]
}

// IsLanguage reports whether code is one of the site's languages.
func (s *Site) IsLanguage(code string) bool {
	for _, l := range s.Languages {
		if l.Code == code {
			return true
		}
	}
	return false
}

// BadBaseURL says what is wrong with a base URL, or "". Canonical links,
// the sitemap and the feed append paths to it, so it must be a web
// address with a host and nothing after its path.
func BadBaseURL(base string) string {
	u, err := url.Parse(base)
	switch {
	case err != nil || !u.IsAbs():
		return "is not an absolute URL"
	case u.Scheme != "http" && u.Scheme != "https":
		return "is not an http or https address"
	case u.Host == "":
		return "has no host"
	case u.RawQuery != "" || u.Fragment != "" || strings.ContainsAny(base, "?#"):
		return "has a query or fragment, which the paths after it would break"
	}
	return ""
}

// badMenuItem says what is wrong with a menu entry, or "". A page that
// does not exist is found later, when pages are known.
func badMenuItem(m MenuItem) string {
	switch {
	case m.Name == "":
		return "has no name"
	case m.Page == "" && m.URL == "":
		return "has neither page nor url"
	case m.Page != "" && m.URL != "":
		return "has both page and url"
	case m.URL != "":
		if u, err := url.Parse(m.URL); err != nil || u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "mailto" {
			return "has url " + quote(m.URL) + ", which is not a web or mail address"
		}
	}
	return ""
}

func quote(s string) string { return `"` + s + `"` }

// WithBaseURL returns the configuration with another base URL (the
// --base-url flag), checked like the file's own.
func (s Site) WithBaseURL(base string) (Site, error) {
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	if why := BadBaseURL(base); why != "" {
		return s, problem.New(problem.Pos{Root: problem.AsGiven, File: "--base-url"}, "config.base-url", "base URL "+base+" "+why, `write it as "https://example.org/guide/"`)
	}
	s.BaseURL = base
	return s, nil
}

// menuPos finds a menu entry by the line that holds its url, page or
// name, the first of them it has, as TOML gives no positions after decoding.
func menuPos(name string, data []byte, m MenuItem) problem.Pos {
	for _, v := range []string{m.URL, m.Page, m.Name} {
		if v == "" {
			continue
		}
		for i, ln := range strings.Split(string(data), "\n") {
			if col := strings.Index(ln, quote(v)); col >= 0 {
				return problem.Pos{File: name, Line: i + 1, Col: col + 1}
			}
		}
	}
	return keyPos(name, data, "name")
}

// valuePos finds the (skip+1)th line that sets key to value, so that a
// problem with the second [[languages]] entry points at that entry; else
// the key's first line.
func valuePos(name string, data []byte, key, value string, skip int) problem.Pos {
	match := func(v string) bool {
		if strings.Trim(v, `"'`) != value {
			return false
		}
		skip--
		return skip < 0
	}
	if pos, ok := settingPos(name, data, key, match); ok {
		return pos
	}
	return keyPos(name, data, key)
}

// keyPos finds the first line setting key, for problems found after decoding.
func keyPos(name string, data []byte, key string) problem.Pos {
	if pos, ok := settingPos(name, data, key, func(string) bool { return true }); ok {
		return pos
	}
	return problem.Pos{File: name, Line: 1, Col: 1}
}

// settingPos finds the first line "key = value" whose value match accepts.
func settingPos(name string, data []byte, key string, match func(value string) bool) (problem.Pos, bool) {
	for i, ln := range strings.Split(string(data), "\n") {
		rest, ok := strings.CutPrefix(strings.TrimSpace(ln), key)
		if !ok {
			continue
		}
		if rest, ok = strings.CutPrefix(strings.TrimSpace(rest), "="); ok && match(strings.TrimSpace(rest)) {
			return problem.Pos{File: name, Line: i + 1, Col: strings.Index(ln, key) + 1}, true
		}
	}
	return problem.Pos{}, false
}
