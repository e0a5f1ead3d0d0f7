package render

import (
	"cmp"
	"html/template"
	"strings"

	"rightsguide/generator/content"
	"rightsguide/generator/markdown"
)

// pageData builds what the templates see for one page.
func (r *renderer) pageData(p *content.Page, doc *markdown.Doc, body template.HTML) *Data {
	cfg := r.site.Config
	lang := cfg.Language(p.Lang)
	d := &Data{
		Site:   r.siteData(p.URL, p.Lang),
		Root:   r.rootOf(p.URL, p.Lang),
		Assets: r.assets(p.URL),
		Labels: r.tmpl.Labels(p.Lang),
		Page: PageData{
			Kind: string(p.Kind), Title: p.Title, Description: p.Meta.Description, Content: body,
			Lastmod: lastmod(p), Date: p.Meta.DateISO, Tags: p.Meta.Tags, Params: p.Meta.Params,
			Permalink: cfg.BaseURL + p.URL, URL: r.rel(p.URL, p.URL), Lang: lang.Code, Dir: lang.Dir,
			Draft:     p.Meta.Draft,
			Checklist: strings.Contains(string(body), `<ul class="task-list">`) || strings.Contains(string(body), `<ol class="task-list">`),
		},
	}
	if d.Page.Description == "" && p.Kind == content.KindHome {
		d.Page.Description = d.Site.Description
	}
	if cfg.EditLink != "" && !p.Virtual {
		d.Page.EditURL = strings.ReplaceAll(cfg.EditLink, "{path}", p.Path)
	}
	d.Page.LastmodHuman = formatDate(d.Page.Lastmod, d.Labels)
	d.Page.TagLinks = r.tagLinks(p)
	d.Menu = r.menu(p.URL, p.Lang)
	d.nav = r.navFor(p)
	d.Breadcrumbs = r.breadcrumbs(p)
	d.TOC = toc(doc)
	d.Prev, d.Next = r.neighbours(p)
	d.Children = r.childrenOf(p)
	d.Translations = r.translations(p)
	d.Switcher = r.switcher(p)
	d.Download = r.downloadFor(p)
	d.Assets.CodeCSS = r.codeCSS(p.URL, string(body))
	return d
}

func lastmod(p *content.Page) string {
	if p.Meta.LastmodISO != "" {
		return p.Meta.LastmodISO
	}
	return p.Meta.DateISO
}

func (r *renderer) siteData(from, lang string) SiteData {
	cfg := r.site.Config
	prefix := r.site.LangPrefix(lang)
	s := SiteData{
		Title: r.siteTitle(lang), Description: cfg.Description, BaseURL: cfg.BaseURL, Copyright: cfg.Copyright,
		FeedURL:   r.relFile(from, prefix+"index.xml"),
		HomeURL:   r.rel(from, prefix),
		SearchURL: r.rel(from, prefix+content.SearchURL),
	}
	if r.hasPrint(lang) {
		s.PrintURL = r.rel(from, prefix+content.PrintURL)
	}
	if len(r.site.Tags(lang)) > 0 {
		s.TagsURL = r.rel(from, prefix+content.TagsURL)
	}
	if l := cfg.Language(lang); cfg.IsLanguage(lang) {
		s.Description = cmp.Or(l.Description, s.Description)
		s.Copyright = cmp.Or(l.Copyright, s.Copyright)
	}
	for _, l := range cfg.Languages {
		s.Languages = append(s.Languages, Language{Code: l.Code, Name: l.Name, Dir: l.Dir})
	}
	return s
}

func (r *renderer) relFile(from, to string) string { return content.RelURL(from, to, false) }

// rootOf is the relative path from a page to its language's home folder:
// "" on the home page itself, "../../" two folders down.
func (r *renderer) rootOf(from, lang string) string {
	root := r.relFile(from, r.site.LangPrefix(lang))
	if root == "./" {
		return ""
	}
	return root
}

func (r *renderer) assets(from string) Assets {
	var a Assets
	if css := r.opts.Assets["style.css"]; css != "" {
		a.CSS = r.relFile(from, css)
	}
	for _, name := range r.opts.Scripts {
		a.JS = append(a.JS, r.relFile(from, r.opts.Assets[name]))
	}
	return a
}

// codeCSS is the highlighting stylesheet for a page whose body has
// highlighted code, else "".
func (r *renderer) codeCSS(from, body string) string {
	css := r.opts.Assets["highlight.css"]
	if css == "" || !strings.Contains(body, `<pre class="chroma"`) {
		return ""
	}
	return r.relFile(from, css)
}

func (r *renderer) breadcrumbs(p *content.Page) []Link {
	var chain []*content.Page
	for q := p.Parent; q != nil; q = q.Parent {
		chain = append(chain, q)
	}
	out := make([]Link, 0, len(chain))
	for i := len(chain) - 1; i >= 0; i-- {
		out = append(out, Link{Title: chain[i].NavTitle(), URL: r.rel(p.URL, chain[i].URL)})
	}
	return out
}

func toc(doc *markdown.Doc) []TOCEntry {
	var out []TOCEntry
	for _, h := range doc.Headings {
		if h.Level == 2 || h.Level == 3 {
			out = append(out, TOCEntry{Level: h.Level, ID: h.ID, Text: h.Text})
		}
	}
	return out
}

func (r *renderer) neighbours(p *content.Page) (prev, next *Link) {
	list := r.ordered[p.Lang]
	i, ok := r.order[p]
	if !ok {
		return nil, nil
	}
	if i > 0 {
		prev = &Link{Title: list[i-1].NavTitle(), URL: r.rel(p.URL, list[i-1].URL)}
	}
	if i+1 < len(list) {
		next = &Link{Title: list[i+1].NavTitle(), URL: r.rel(p.URL, list[i+1].URL)}
	}
	return prev, next
}

func (r *renderer) children(from string, list []*content.Page) []Child {
	out := make([]Child, 0, len(list))
	for _, c := range list {
		out = append(out, Child{Title: c.Title, Description: c.Meta.Description, URL: r.rel(from, c.URL),
			Lastmod: lastmod(c), IsSection: c.IsSection(), Params: c.Meta.Params,
			Language: r.language(c.Lang)})
	}
	return out
}

func (r *renderer) translations(p *content.Page) []Translation {
	trs := r.site.Translations(p)
	if len(trs) == 0 {
		return nil
	}
	// Only the other languages: base.html writes the page's own hreflang
	// link itself, and og:locale:alternate must not repeat og:locale.
	out := make([]Translation, 0, len(trs))
	for _, q := range trs {
		l := r.site.Config.Language(q.Lang)
		out = append(out, Translation{Lang: l.Code, Name: l.Name, URL: r.rel(p.URL, q.URL), Permalink: r.site.Config.BaseURL + q.URL})
	}
	return out
}

// tagLinks are p's tags, each linked to its tag page when the site has
// them (tag_pages), else as written.
func (r *renderer) tagLinks(p *content.Page) []Link {
	tags := r.site.TagsOf(p)
	if tags == nil {
		links := make([]Link, len(p.Meta.Tags))
		for i, name := range p.Meta.Tags {
			links[i] = Link{Title: name}
		}
		return links
	}
	links := make([]Link, len(tags))
	for i, t := range tags {
		links[i] = Link{Title: t.Name, URL: r.rel(p.URL, t.URL)}
	}
	return links
}
