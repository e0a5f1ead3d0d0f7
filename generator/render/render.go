// Package render is the render stage: it resolves and checks every link,
// turns each parsed page into a finished HTML document through the site's
// templates, and writes the site-wide outputs (sitemap, feed, redirects).
package render

import (
	"context"
	"html/template"
	"runtime"
	"strings"

	"golang.org/x/sync/errgroup"

	"rightsguide/generator/content"
	"rightsguide/generator/markdown"
	"rightsguide/generator/problem"
)

// Options are the render stage's settings.
type Options struct {
	// IndexLinks ends folder links in "index.html", so the site can be
	// browsed from file:// without a server.
	IndexLinks bool
	// Assets maps static file names to their fingerprinted names
	// ("style.css" -> "style.1a2b3c4d.css").
	Assets map[string]string
	// Scripts are the static scripts every page loads, in order
	// ("search.js"), as keys of Assets.
	Scripts []string
	// WarnBrokenLinks reports broken links as warnings instead of failing.
	WarnBrokenLinks bool
	// Zip is where the site's zip is written ("download/x.zip", see
	// output/zip.go), offered on the page that sets params.download; ""
	// when the build writes none.
	Zip string
	// Emit, when set, receives each page's file as soon as it is rendered
	// (it must be safe for concurrent use), and Result.Files leaves them
	// out: a large site is then never held in memory whole.
	Emit func(i int, f content.File) error
	// Only, when set, renders just the pages it accepts; the others get an
	// empty File and PageOut. The preview server's incremental rebuilds use
	// it to redo the pages an edit touched (build/incremental.go).
	Only func(*content.Page) bool
	// NoSiteFiles leaves out what is not a page (404, search pages, feeds,
	// sitemap): they depend on no page's body, so after a body edit the
	// incremental rebuild keeps the ones it has.
	NoSiteFiles bool
	// Index, when set, receives each page as soon as it is rendered (it
	// must be safe for concurrent use: the search index reads pages while
	// they stream to disk), and Result.Pages keeps no HTML.
	Index func(i int, page PageOut)
	// ReleaseDocs frees each page's parsed Markdown once the page is
	// rendered, except where the build renders it again (the print page,
	// the page offering the zip). For one-shot builds: a large site then
	// never holds every page's HTML at once.
	ReleaseDocs bool
}

// Result is what the render stage returns.
type Result struct {
	Files    []content.File   // every HTML page, in page order
	Pages    []PageOut        // the rendered page bodies, for the search index
	Warnings []*problem.Error // problems that do not fail the build
	r        *renderer        // for DownloadPages (download.go)
}

// PageOut is one rendered page, for later stages.
type PageOut struct {
	Page *content.Page
	Doc  *markdown.Doc
	HTML []byte // the page's content HTML, without the layout
}

// Pages renders every page of the site in parallel. docs[i] is the parsed
// Markdown of site.Pages[i]. All problems of all pages are returned together.
func Pages(ctx context.Context, site *content.Site, docs []*markdown.Doc, md *markdown.Converter, tmpl *Templates, opts Options) (*Result, error) {
	r := &renderer{site: site, docs: docs, md: md, tmpl: tmpl, opts: opts}
	r.index()
	files := make([]content.File, len(site.Pages))
	outs := make([]PageOut, len(site.Pages))
	probs := make([]problem.List, len(site.Pages))
	warns := make([]problem.List, len(site.Pages))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(2 * runtime.GOMAXPROCS(0)) // twice the cores: pages wait on disk writes when Emit is set
	for i, p := range site.Pages {
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			if r.opts.Only != nil && !r.opts.Only(p) {
				return nil
			}
			files[i], outs[i] = r.page(p, docs[i], &probs[i], &warns[i])
			if probs[i].Len() == 0 {
				r.handOn(i, p, &outs[i])
			}
			if r.opts.Emit != nil && probs[i].Len() == 0 {
				err := r.opts.Emit(i, files[i])
				files[i] = content.File{}
				return err
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	var all, warnings problem.List
	for i := range probs {
		all.Merge(&probs[i])
		warnings.Merge(&warns[i])
	}
	if r.opts.Emit != nil {
		files = nil
	}
	res := &Result{Files: files, Pages: outs, Warnings: warnings.Errs(), r: r}
	if all.Len() > 0 {
		return res, all.Err()
	}
	if r.opts.NoSiteFiles {
		return res, nil
	}
	extra, err := r.siteFiles()
	if err != nil {
		return res, err
	}
	res.Files = append(res.Files, extra...)
	return res, nil
}

type renderer struct {
	site    *content.Site
	docs    []*markdown.Doc
	md      *markdown.Converter
	tmpl    *Templates
	opts    Options
	docOf   map[*content.Page]*markdown.Doc
	ids     map[*content.Page]map[string]bool
	order   map[*content.Page]int // position in its language's reading order
	ordered map[string][]*content.Page
	zipSum  string // the zip's SHA-256, once it is written (download.go)
	zipSize int64
}

// index prepares lookups shared by every page: anchors and reading order.
func (r *renderer) index() {
	r.docOf = make(map[*content.Page]*markdown.Doc, len(r.docs))
	r.ids = make(map[*content.Page]map[string]bool, len(r.docs))
	for i, p := range r.site.Pages {
		r.docOf[p] = r.docs[i]
		set := make(map[string]bool, len(r.docs[i].IDs))
		for _, id := range r.docs[i].IDs {
			set[id] = true
		}
		r.ids[p] = set
	}
	r.order = map[*content.Page]int{}
	r.ordered = map[string][]*content.Page{}
	for _, l := range r.site.Config.Languages {
		list := r.site.Ordered(l.Code)
		r.ordered[l.Code] = list
		for i, p := range list {
			r.order[p] = i
		}
	}
}

// page renders one page: links, Markdown, then the layout.
func (r *renderer) page(p *content.Page, doc *markdown.Doc, probs, warns *problem.List) (content.File, PageOut) {
	rewrites := r.resolveLinks(p, doc, probs, warns)
	body, err := r.md.Render(doc, func(dest string) string {
		if to, ok := rewrites[dest]; ok {
			return to
		}
		return dest
	})
	if err != nil {
		probs.Add(problem.Wrap(problem.Pos{File: p.Path}, "markdown.render", err, "simplify the Markdown around the problem"))
		return content.File{}, PageOut{}
	}
	data := r.pageData(p, doc, template.HTML(body))
	layout := r.layoutOf(p, probs)
	html, perr := r.tmpl.Execute(layout, data)
	if perr != nil {
		probs.Add(perr)
	}
	probs.Add(r.checkResources(p, layout, html, doc, body, data.navHTML)...) // nothing from other hosts (safety.go)
	return content.File{Path: outputPath(p.URL), Data: html}, PageOut{Page: p, Doc: doc, HTML: body}
}

// handOn gives a rendered page to the index and frees what no later
// stage reads.
func (r *renderer) handOn(i int, p *content.Page, out *PageOut) {
	if r.opts.Index != nil {
		r.opts.Index(i, *out)
		out.HTML = nil
	}
	if r.opts.ReleaseDocs && !r.hasPrint(p.Lang) && !r.offersDownload(p) {
		r.docs[i].Release()
	}
}

func (r *renderer) layoutOf(p *content.Page, probs *problem.List) string {
	if p.Meta.Layout != "" {
		name := p.Meta.Layout + ".html"
		if r.tmpl.Has(name) {
			return name
		}
		probs.Add(problem.New(p.Meta.LayoutPos, "frontmatter.layout", "layout "+p.Meta.Layout+" has no template "+name+" in the templates folder", "create the template or remove the layout key"))
	}
	switch p.Kind {
	case content.KindHome:
		return "home.html"
	case content.KindSection:
		return "section.html"
	}
	return "page.html"
}

// resolveLinks checks every link of a page and returns what to write for
// each destination. Broken links are problems at the link's position.
func (r *renderer) resolveLinks(p *content.Page, doc *markdown.Doc, probs, warns *problem.List) map[string]string {
	out := make(map[string]string, len(doc.Links))
	for _, l := range doc.Links {
		if _, done := out[l.Dest]; done {
			continue
		}
		to, lerr := r.resolve(p, l.Dest)
		if lerr == nil {
			out[l.Dest] = to
			continue
		}
		pos := p.BodyPos(l.Line, l.Col)
		e := problem.New(pos, "link.broken", lerr.Msg, lerr.Hint)
		if r.opts.WarnBrokenLinks {
			warns.Add(e)
		} else {
			probs.Add(e)
		}
	}
	return out
}

func (r *renderer) resolve(p *content.Page, dest string) (string, *content.LinkError) {
	t, lerr := r.site.Resolve(p, dest)
	if lerr != nil {
		return "", lerr
	}
	switch {
	case t.External:
		return dest, nil
	case t.File != "":
		return r.rel(p.URL, t.File), nil
	}
	if t.Fragment != "" && !r.ids[t.Page][t.Fragment] {
		return "", &content.LinkError{Msg: "link to #" + t.Fragment + " in " + t.Page.Path + ", which has no such heading", Hint: "check the heading's id: " + nearestIDs(r.ids[t.Page], t.Fragment)}
	}
	u := ""
	if t.Page != p {
		u = r.rel(p.URL, t.Page.URL)
	}
	if t.Fragment != "" {
		u += "#" + t.Fragment
	}
	if u == "" {
		u = r.rel(p.URL, p.URL)
	}
	return u, nil
}

// nearestIDs suggests the ids that share the most leading characters.
func nearestIDs(ids map[string]bool, want string) string {
	best, bestLen := "", -1
	for id := range ids {
		n := 0
		for n < len(id) && n < len(want) && id[n] == want[n] {
			n++
		}
		if n > bestLen || (n == bestLen && id < best) {
			best, bestLen = id, n
		}
	}
	if best == "" {
		return "the page has no headings"
	}
	return "did you mean #" + best + "?"
}

func (r *renderer) rel(from, to string) string {
	return content.RelURL(from, to, r.opts.IndexLinks)
}

// outputPath is the file a page's URL is written to.
func outputPath(url string) string {
	if url == "" || strings.HasSuffix(url, "/") {
		return url + "index.html"
	}
	return url
}
