package render

import (
	"strconv"
	"strings"
	"time"

	"rightsguide/generator/config"
	"rightsguide/generator/content"
	"rightsguide/generator/markdown"
)

// This file holds what differs between languages: one Markdown converter
// per language (callout titles, permalink labels), dates and numbers, the
// language switcher, menus, and section listings that fall back to the
// default language for pages not translated yet.

// Converters returns one Markdown converter per language, each with that
// language's callout titles (callout_note ...) and permalink label
// (anchor_label) from templates/i18n/LANG.toml. A page is parsed with its
// language's converter: the parse stage writes these strings.
func Converters(tmpl *Templates, langs []config.Language, base markdown.Options) map[string]*markdown.Converter {
	out := make(map[string]*markdown.Converter, len(langs))
	for _, l := range langs {
		labels := tmpl.Labels(l.Code)
		o := base
		o.AlertTitles = map[string]string{}
		for _, kind := range []string{"note", "tip", "important", "warning", "caution"} {
			o.AlertTitles[kind] = labels["callout_"+kind]
		}
		o.AnchorLabel = labels["anchor_label"]
		out[l.Code] = markdown.New(o)
	}
	return out
}

// formatDate writes an ISO date ("2026-11-28") the way the language's
// i18n file says: day, month name, year ("28 November 2026", "28 نوفمبر
// 2026"), in the language's digits. Anything else is returned unchanged.
func formatDate(iso string, labels map[string]string) string {
	names := strings.Fields(labels["months"])
	if _, err := time.Parse(time.DateOnly, iso); err != nil || len(names) != 12 {
		return iso
	}
	m, _ := strconv.Atoi(iso[5:7])
	return localDigits(strings.TrimPrefix(iso[8:], "0")+" "+names[m-1]+" "+iso[:4], labels)
}

// formatNumber writes n with the language's digits and thousands
// separator ("12,345").
func formatNumber(n int, labels map[string]string) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	if sep := labels["thousands_separator"]; sep != "" {
		var b strings.Builder
		for i, c := range s {
			if i > 0 && (len(s)-i)%3 == 0 {
				b.WriteString(sep)
			}
			b.WriteRune(c)
		}
		s = b.String()
	}
	if neg {
		s = "-" + s
	}
	return localDigits(s, labels)
}

// localDigits replaces 0-9 with the language's ten digits (the "digits"
// key, e.g. "٠١٢٣٤٥٦٧٨٩"); without a valid key the digits stay as they are.
func localDigits(s string, labels map[string]string) string {
	digits := []rune(labels["digits"])
	if len(digits) != 10 || string(digits) == "0123456789" {
		return s
	}
	return strings.Map(func(c rune) rune {
		if c >= '0' && c <= '9' {
			return digits[c-'0']
		}
		return c
	}, s)
}

// isoDate reads a date param: "1966-12-16", or a TOML/YAML date value.
func isoDate(v any) string {
	switch x := v.(type) {
	case time.Time:
		return x.Format(time.DateOnly)
	case string:
		if _, err := time.Parse(time.DateOnly, x); err == nil {
			return x
		}
	}
	return ""
}

// Date formats a front matter date (a "1966-12-16" string or a date value)
// in the page's language, for templates: {{$.Date .Params.adopted}}.
// Anything that is not a date is written as text.
func (d *Data) Date(v any) string {
	if iso := isoDate(v); iso != "" {
		return formatDate(iso, d.Labels)
	}
	return strings.TrimSpace(toString(v))
}

// ISODate is the machine-readable form of a date param, for <time
// datetime>; "" when v is not a date.
func (d *Data) ISODate(v any) string { return isoDate(v) }

// Number formats an integer in the page's language: {{$.Number .Page.WordCount}}.
func (d *Data) Number(n int) string { return formatNumber(n, d.Labels) }

// switcher lists the site's languages for a page: the page's own, then
// each other language that has pages, leading to the translation, or to
// that language's home with a notice when there is none yet.
func (r *renderer) switcher(p *content.Page) []LanguageLink {
	trs := map[string]*content.Page{}
	for _, q := range r.site.Translations(p) {
		trs[q.Lang] = q
	}
	return r.languageLinks(p.URL, p.Lang, func(code string) (string, bool) {
		if q := trs[code]; q != nil {
			return q.URL, true
		}
		return "", false
	})
}

// languageLinks builds the switcher of the page at from: target(code) is
// the site-relative URL of the same page in language code, and false when
// it has none (the link then leads to that language's home).
func (r *renderer) languageLinks(from, lang string, target func(code string) (string, bool)) []LanguageLink {
	cfg := r.site.Config
	if len(cfg.Languages) < 2 {
		return nil
	}
	var out []LanguageLink
	for _, l := range cfg.Languages {
		if r.site.Homes[l.Code] == nil {
			continue // a declared language without pages yet
		}
		ll := LanguageLink{Code: l.Code, Name: l.Name, Dir: l.Dir, Current: l.Code == lang}
		switch u, ok := target(l.Code); {
		case ll.Current:
			ll.URL = r.rel(from, from)
		case ok:
			ll.URL = r.rel(from, u)
		default:
			ll.URL = r.rel(from, r.site.LangPrefix(l.Code))
			ll.Missing = true
			ll.Notice = r.tmpl.Labels(l.Code)["not_translated"]
		}
		out = append(out, ll)
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// inLanguage is p's translation into lang, or p itself when there is none.
func (r *renderer) inLanguage(p *content.Page, lang string) *content.Page {
	if p.Lang == lang {
		return p
	}
	for _, q := range r.site.Translations(p) {
		if q.Lang == lang {
			return q
		}
	}
	return p
}

// menu is the header menu in a language. A menu entry's page leads to its
// translation when there is one; its name is the entry's name for the
// language (names = { ar = "..." }), else the translation's title, else
// the name as written.
func (r *renderer) menu(from, lang string) []Link {
	var out []Link
	for _, m := range r.site.Config.Menus.Main {
		l := Link{Title: m.Name, URL: m.URL}
		if p := r.site.PageByPath(m.Page); m.Page != "" && p != nil {
			q := r.inLanguage(p, lang)
			l.URL = r.rel(from, q.URL)
			if q != p {
				l.Title = q.Title
			}
			if q.Lang != lang {
				l.HrefLang = q.Lang
			}
		}
		if name := m.Names[lang]; name != "" {
			l.Title = name
		}
		out = append(out, l)
	}
	return out
}

// childrenOf lists what a home or section page holds. A translated
// section also lists, in its original's order, the original's pages that
// are not translated yet, marked with their language, so readers of every
// language reach the whole guide (the Arabic treaty overview shows all
// nine treaties, most of them in English).
func (r *renderer) childrenOf(p *content.Page) []Child {
	def := r.site.Config.DefaultLanguage
	orig := r.inLanguage(p, def)
	if p.Lang == def || orig == p {
		return r.children(p.URL, p.Children)
	}
	own := map[*content.Page]bool{}
	for _, c := range p.Children {
		own[c] = true
	}
	seen := map[*content.Page]bool{}
	var list []*content.Page
	for _, c := range orig.Children {
		if q := r.inLanguage(c, p.Lang); own[q] {
			list = append(list, q)
			seen[q] = true
		} else if !c.Virtual {
			list = append(list, c)
		}
	}
	for _, c := range p.Children {
		if !seen[c] {
			list = append(list, c)
		}
	}
	out := r.children(p.URL, list)
	for i, c := range list {
		out[i].Fallback = c.Lang != p.Lang
	}
	return out
}

// language is a site language for the templates.
func (r *renderer) language(code string) Language {
	l := r.site.Config.Language(code)
	return Language{Code: l.Code, Name: l.Name, Dir: l.Dir}
}

// specialSwitcher is the switcher of a generated page: each language's
// own search page, or its home (from the 404 page).
func (r *renderer) specialSwitcher(kind, url, lang string) []LanguageLink {
	return r.languageLinks(url, lang, func(code string) (string, bool) {
		if kind == "search" {
			return r.site.LangPrefix(code) + content.SearchURL, true
		}
		if kind == "print" && r.hasPrint(code) {
			return r.site.LangPrefix(code) + content.PrintURL, true
		}
		if (kind == "tags" || kind == "tag") && len(r.site.Tags(code)) > 0 { // tags differ between languages: their lists
			return r.site.LangPrefix(code) + content.TagsURL, true
		}
		return r.site.LangPrefix(code), true
	})
}

// siteTitle is the site's name in a language ([[languages]] title), else
// the site's title.
func (r *renderer) siteTitle(lang string) string {
	if t := r.site.Config.Language(lang).Title; t != "" && r.site.Config.IsLanguage(lang) {
		return t
	}
	return r.site.Config.Title
}
