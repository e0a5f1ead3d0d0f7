package render

import (
	"bytes"
	"encoding/xml"
	"sort"

	"rightsguide/generator/content"
)

// feed writes an Atom feed of a language's most recently updated pages.
// Its dates come from the pages, never from the clock, so builds repeat.
func (r *renderer) feed(lang string) content.File {
	cfg := r.site.Config
	pages := make([]*content.Page, 0, len(r.ordered[lang]))
	for _, p := range r.ordered[lang] {
		if lastmod(p) != "" && !p.Virtual {
			pages = append(pages, p)
		}
	}
	sort.SliceStable(pages, func(i, j int) bool {
		if a, b := lastmod(pages[i]), lastmod(pages[j]); a != b {
			return a > b
		}
		return pages[i].Path < pages[j].Path
	})
	if len(pages) > cfg.FeedSize {
		pages = pages[:cfg.FeedSize]
	}
	prefix := r.site.LangPrefix(lang)
	updated := "1970-01-01"
	if len(pages) > 0 {
		updated = lastmod(pages[0])
	}
	var b bytes.Buffer
	b.WriteString(xml.Header + `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="` + lang + `">` + "\n")
	elem(&b, "title", r.siteTitle(lang))
	elem(&b, "id", cfg.BaseURL+prefix)
	b.WriteString(`<link rel="self" href="` + esc(cfg.BaseURL+prefix+"index.xml") + `"/>` + "\n")
	b.WriteString(`<link href="` + esc(cfg.BaseURL+prefix) + `"/>` + "\n")
	elem(&b, "updated", updated+"T00:00:00Z")
	b.WriteString("<author><name>")
	xml.EscapeText(&b, []byte(r.siteTitle(lang)))
	b.WriteString("</name></author>\n")
	for _, p := range pages {
		b.WriteString("<entry>")
		elem(&b, "title", p.Title)
		elem(&b, "id", cfg.BaseURL+p.URL)
		b.WriteString(`<link href="` + esc(cfg.BaseURL+p.URL) + `"/>`)
		elem(&b, "updated", lastmod(p)+"T00:00:00Z")
		if p.Meta.Description != "" {
			elem(&b, "summary", p.Meta.Description)
		}
		b.WriteString("</entry>\n")
	}
	b.WriteString("</feed>\n")
	return content.File{Path: prefix + "index.xml", Data: b.Bytes()}
}

func elem(b *bytes.Buffer, name, text string) {
	b.WriteString("<" + name + ">")
	xml.EscapeText(b, []byte(text))
	b.WriteString("</" + name + ">\n")
}

func esc(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return b.String()
}
