package render

import (
	"bytes"
	"html"
	"html/template"
	"path"
	"strconv"
	"strings"

	xhtml "golang.org/x/net/html"

	"rightsguide/generator/content"
	"rightsguide/generator/problem"
)

// The "whole guide" page (print/ in each language) puts every page of the
// language on one page, in reading order, under a table of contents: to
// print, to save as PDF, or to read in one go offline. Each page becomes a
// <section> whose title is an h2, so every heading of its body moves one
// level down (h2 becomes h3, h1 becomes h2). Ids are made unique by a
// prefix per page ("p-treaties-iccpr--article-17"); a link to a page or a
// heading that is on the print page becomes an in-page anchor, any other
// relative URL is rewritten to be seen from print/.

// maxPrintPages caps the print page: past a thousand pages it would be
// tens of megabytes, more than a browser prints or a reader downloads, and
// rendering it would slow every build. Such a site has no print page.
const maxPrintPages = 1000

// hasPrint reports whether a language gets a print page.
func (r *renderer) hasPrint(lang string) bool {
	n := len(r.ordered[lang])
	return r.tmpl.Has("print.html") && n > 0 && n <= maxPrintPages
}

// printPage renders the print page of one language.
func (r *renderer) printPage(lang string) (content.File, *problem.Error) {
	prefix := r.site.LangPrefix(lang)
	url := prefix + content.PrintURL
	pages := r.ordered[lang]
	anchors := printAnchors(pages, prefix)
	byURL := make(map[string]*content.Page, len(pages))
	for _, p := range pages {
		byURL[p.URL] = p
	}
	var body bytes.Buffer
	children := make([]Child, 0, len(pages))
	for _, p := range pages {
		html, err := r.printBody(p, url, anchors, byURL)
		if err != nil {
			return content.File{}, problem.Wrap(problem.Pos{File: p.Path}, "markdown.render", err, "simplify the Markdown around the problem")
		}
		writePrintSection(&body, p, anchors[p], html)
		children = append(children, Child{Title: p.Title, Description: p.Meta.Description, URL: "#" + anchors[p],
			IsSection: p.IsSection(), Language: r.language(p.Lang)})
	}
	l := r.site.Config.Language(lang)
	labels := r.tmpl.Labels(lang)
	d := &Data{
		Site:   r.siteData(url, lang),
		Root:   r.rootOf(url, lang),
		Assets: r.assets(url),
		Labels: labels,
		Page: PageData{Kind: "print", Title: labels["print_title"], Permalink: r.site.Config.BaseURL + url,
			URL: r.rel(url, url), Lang: l.Code, Dir: l.Dir, Content: template.HTML(body.String())},
		Children: children,
	}
	d.Assets.CodeCSS = r.codeCSS(url, string(d.Page.Content))
	d.Menu = r.menu(url, lang)
	d.Switcher = r.specialSwitcher("print", url, lang)
	d.nav = r.navFor(&content.Page{Lang: lang, URL: url})
	out, err := r.tmpl.Execute("print.html", d)
	if err == nil {
		if refs := r.checkResources(nil, "print.html", out, nil, nil, ""); len(refs) > 0 {
			err = refs[0]
		}
	}
	return content.File{Path: outputPath(url), Data: out}, err
}

// printAnchors gives each page a unique id on the print page, from its URL
// below the language's root: "p-treaties-iccpr", "p-home" for the home.
func printAnchors(pages []*content.Page, prefix string) map[*content.Page]string {
	out := make(map[*content.Page]string, len(pages))
	used := map[string]bool{}
	for _, p := range pages {
		slug := strings.Trim(strings.TrimPrefix(p.URL, prefix), "/")
		slug = strings.ReplaceAll(strings.TrimSuffix(slug, ".html"), "/", "-")
		if slug == "" {
			slug = "home"
		}
		id := "p-" + slug
		for n := 2; used[id]; n++ {
			id = "p-" + slug + "-" + strconv.Itoa(n)
		}
		used[id] = true
		out[p] = id
	}
	return out
}

func writePrintSection(b *bytes.Buffer, p *content.Page, id string, body []byte) {
	esc := html.EscapeString
	b.WriteString(`<section class="print-page" id="` + esc(id) + `" aria-labelledby="` + esc(id) + `--title">` + "\n")
	b.WriteString(`<h2 id="` + esc(id) + `--title">` + esc(p.Title) + "</h2>\n")
	if d := p.Meta.Description; d != "" {
		b.WriteString(`<p class="lead">` + esc(d) + "</p>\n")
	}
	b.Write(body)
	b.WriteString("</section>\n")
}

// printBody renders a page's Markdown as it is on its own page, then
// rewrites it for the print page (see printRewriter).
func (r *renderer) printBody(p *content.Page, printURL string, anchors map[*content.Page]string, byURL map[string]*content.Page) ([]byte, error) {
	var probs, warns problem.List // the page's own render reported them already
	rewrites := r.resolveLinks(p, r.docOf[p], &probs, &warns)
	body, err := r.md.Render(r.docOf[p], func(dest string) string {
		if to, ok := rewrites[dest]; ok {
			return to
		}
		return dest
	})
	if err != nil {
		return nil, err
	}
	pr := printRewriter{page: p, anchor: anchors[p], anchors: anchors, byURL: byURL,
		rel: func(to string) string { return r.rel(printURL, to) }, relFile: func(to string) string { return r.relFile(printURL, to) }}
	return pr.rewrite(body), nil
}

// printRewriter moves one page's body HTML onto the print page.
type printRewriter struct {
	page    *content.Page
	anchor  string // the page's id on the print page
	anchors map[*content.Page]string
	byURL   map[string]*content.Page // the pages on the print page, by URL
	rel     func(to string) string   // a page URL as seen from print/
	relFile func(to string) string   // a file URL as seen from print/
}

// idAttrs hold one id; refAttrs a space-separated list of ids.
var (
	idAttrs  = map[string]bool{"id": true, "name": true}
	refAttrs = map[string]bool{"for": true, "headers": true, "aria-labelledby": true, "aria-describedby": true,
		"aria-controls": true, "aria-owns": true, "aria-details": true, "aria-flowto": true}
)

func (pr printRewriter) rewrite(body []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(body) + len(body)/8)
	z := xhtml.NewTokenizer(bytes.NewReader(body))
	for {
		tt := z.Next()
		switch tt {
		case xhtml.ErrorToken:
			return out.Bytes()
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			pr.writeTag(&out, z.Token())
			continue
		case xhtml.EndTagToken:
			if name, _ := z.TagName(); demote(string(name)) != string(name) {
				out.WriteString("</" + demote(string(name)) + ">")
				continue
			}
		}
		out.Write(z.Raw())
	}
}

// demote moves a heading one level down: h1 to h2 ... h5 to h6.
func demote(tag string) string {
	if len(tag) == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '5' {
		return "h" + string(tag[1]+1)
	}
	return tag
}

func (pr printRewriter) writeTag(out *bytes.Buffer, t xhtml.Token) {
	out.WriteString("<" + demote(t.Data))
	for _, a := range t.Attr {
		v := a.Val
		switch {
		case idAttrs[a.Key]:
			v = pr.anchor + "--" + v
		case refAttrs[a.Key]:
			ids := strings.Fields(v)
			for i := range ids {
				ids[i] = pr.anchor + "--" + ids[i]
			}
			v = strings.Join(ids, " ")
		case a.Key == "href" || a.Key == "src":
			v = pr.url(v)
		}
		out.WriteString(" " + a.Key + `="` + html.EscapeString(v) + `"`)
	}
	if t.Type == xhtml.SelfClosingTagToken {
		out.WriteString("/")
	}
	out.WriteString(">")
}

// url rewrites a link or source of the page for the print page.
func (pr printRewriter) url(u string) string {
	if isForeign(u) || strings.HasPrefix(u, "mailto:") || strings.HasPrefix(u, "data:") {
		return u
	}
	target, frag, _ := strings.Cut(u, "#")
	if target == "" { // a heading or footnote of the page itself
		return "#" + pr.anchor + "--" + frag
	}
	abs := path.Join(path.Dir(pr.page.URL+"x"), target) // the site-relative path it leads to
	if strings.HasSuffix(target, "/") || path.Base(target) == "index.html" {
		abs = strings.TrimSuffix(strings.TrimSuffix(abs, "index.html"), "/") + "/"
	}
	if abs == "./" || abs == "/" {
		abs = ""
	}
	if p, ok := pr.byURL[abs]; ok {
		if frag == "" {
			return "#" + pr.anchors[p]
		}
		return "#" + pr.anchors[p] + "--" + frag
	}
	if strings.HasSuffix(abs, "/") || abs == "" {
		out := pr.rel(abs)
		if frag != "" {
			out += "#" + frag
		}
		return out
	}
	out := pr.relFile(abs)
	if frag != "" {
		out += "#" + frag
	}
	return out
}
