package render

import (
	"bytes"
	"encoding/xml"
	"html/template"
	"net/url"
	"strings"

	"rightsguide/generator/content"
	"rightsguide/generator/problem"
)

// siteFiles writes what is not a page: the search, print and 404 pages, redirects
// for aliases, the sitemap, robots.txt and the Atom feeds.
func (r *renderer) siteFiles() ([]content.File, error) {
	var files []content.File
	var list problem.List
	for _, l := range r.site.Config.Languages {
		if r.site.Homes[l.Code] == nil {
			continue
		}
		sp, errs := r.searchPages(l.Code)
		list.Add(errs...)
		files = append(files, sp...)
		if r.hasPrint(l.Code) {
			pp, err := r.printPage(l.Code) // print.go
			list.Add(err)
			files = append(files, pp)
		}
		files = append(files, r.feed(l.Code))
		tp, errs := r.tagPages(l.Code)
		list.Add(errs...)
		files = append(files, tp...)
	}
	nf, err := r.notFound()
	list.Add(err)
	files = append(files, nf)
	files = append(files, r.aliases()...)
	files = append(files, r.sitemap(), r.robots())
	return files, list.Err()
}

// special renders a generated page (search, 404) at url.
func (r *renderer) special(kind, title, url, lang, layout string, children []*content.Page) (content.File, *problem.Error) {
	l := r.site.Config.Language(lang)
	d := &Data{
		Site:   r.siteData(url, lang),
		Root:   r.rootOf(url, lang),
		Assets: r.assets(url),
		Labels: r.tmpl.Labels(lang),
		Page: PageData{Kind: kind, Title: title, Permalink: r.site.Config.BaseURL + url,
			URL: r.rel(url, url), Lang: l.Code, Dir: l.Dir},
	}
	d.Menu = r.menu(url, lang)
	d.Switcher = r.specialSwitcher(kind, url, lang)
	d.nav = r.navFor(&content.Page{Lang: lang, URL: url})
	d.Children = r.children(url, children)
	html, err := r.tmpl.Execute(layout, d)
	if err == nil {
		if refs := r.checkResources(nil, layout, html, nil, nil, ""); len(refs) > 0 {
			err = refs[0] // the template is the same for every page of its kind
		}
	}
	return content.File{Path: outputPath(url), Data: html}, err
}

// notFound writes 404.html. A server shows it at any depth, so its links
// are written from the site's root path (the base URL's path) instead of
// relative to one folder.
func (r *renderer) notFound() (content.File, *problem.Error) {
	lang := r.site.Config.DefaultLanguage
	f, err := r.special("404", r.tmpl.Labels(lang)["not_found_title"], "", lang, "404.html", nil)
	if err != nil {
		return f, err
	}
	f.Path = "404.html"
	root := "/"
	if u, perr := url.Parse(r.site.Config.BaseURL); perr == nil && u.Path != "" {
		root = u.Path
	}
	f.Data = rootRelative(f.Data, root)
	return f, nil
}

// rootRelative turns the 404 page's relative href and src values (written
// as seen from the site root) into root-relative ones.
func rootRelative(html []byte, root string) []byte {
	for _, attr := range []string{`href="`, `src="`, `action="`} {
		var out bytes.Buffer
		rest := html
		for {
			i := bytes.Index(rest, []byte(attr))
			if i < 0 {
				out.Write(rest)
				break
			}
			i += len(attr)
			out.Write(rest[:i])
			rest = rest[i:]
			if !isAbsoluteRef(rest) {
				out.WriteString(root)
			}
		}
		html = out.Bytes()
	}
	return html
}

func isAbsoluteRef(b []byte) bool {
	s := string(b[:min(len(b), 12)])
	return strings.HasPrefix(s, "/") || strings.HasPrefix(s, "#") || strings.HasPrefix(s, "http:") ||
		strings.HasPrefix(s, "https:") || strings.HasPrefix(s, "mailto:") || strings.HasPrefix(s, "data:") || strings.HasPrefix(s, `"`)
}

// aliases writes a small redirect page at each alias of each page.
func (r *renderer) aliases() []content.File {
	var out []content.File
	for _, p := range r.site.Pages {
		for _, a := range p.Meta.Aliases {
			from := strings.Trim(a, "/") + "/"
			to := r.rel(from, p.URL)
			var b bytes.Buffer
			_ = redirectTemplate.Execute(&b, map[string]string{"Lang": p.Lang, "To": to, "Canonical": r.site.Config.BaseURL + p.URL, "Title": p.Title,
				"Text": r.tmpl.Labels(p.Lang)["redirect"]})
			out = append(out, content.File{Path: outputPath(from), Data: b.Bytes()})
		}
	}
	return out
}

var redirectTemplate = template.Must(template.New("redirect").Parse(`<!doctype html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><title>{{.Title}}</title>
<meta name="robots" content="noindex"><link rel="canonical" href="{{.Canonical}}">
<meta http-equiv="refresh" content="0; url={{.To}}"></head>
<body><p>{{.Text}} <a href="{{.To}}">{{.Title}}</a>.</p></body></html>
`))

func (r *renderer) sitemap() content.File {
	var b bytes.Buffer
	b.WriteString(xml.Header + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, p := range r.site.Pages {
		b.WriteString("<url><loc>")
		xml.EscapeText(&b, []byte(r.site.Config.BaseURL+p.URL))
		b.WriteString("</loc>")
		if lm := lastmod(p); lm != "" {
			b.WriteString("<lastmod>" + lm + "</lastmod>")
		}
		b.WriteString("</url>\n")
	}
	b.WriteString("</urlset>\n")
	return content.File{Path: "sitemap.xml", Data: b.Bytes()}
}

func (r *renderer) robots() content.File {
	return content.File{Path: "robots.txt", Data: []byte("User-agent: *\nAllow: /\nSitemap: " + r.site.Config.BaseURL + "sitemap.xml\n")}
}
