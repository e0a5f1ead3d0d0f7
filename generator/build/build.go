// Package build runs the pipeline: load, parse, render, index, write. It
// holds no logic of its own beyond calling the stages in order.
package build

import (
	"context"
	"io/fs"
	"runtime"

	"golang.org/x/sync/errgroup"

	"rightsguide/generator/config"
	"rightsguide/generator/content"
	"rightsguide/generator/markdown"
	"rightsguide/generator/output"
	"rightsguide/generator/problem"
	"rightsguide/generator/render"
	"rightsguide/generator/search"
)

// Options say where the inputs are and how to build.
type Options struct {
	Content, Templates, Static fs.FS
	BaseURL                    string // overrides site.toml's base_url when set
	Drafts                     bool
	WarnBrokenLinks            bool
	Timings                    *Timings // when set, the build records each stage's time
}

// Result is a built site, held in memory.
type Result struct {
	Files    []content.File
	Pages    int              // pages written, every language
	Warnings []*problem.Error // problems that did not fail the build
	Site     *content.Site
	Zip      output.ZipInfo // the site's zip; written by Run only

	rendered *render.Result // for the pages that show the zip's hash
}

// Site runs every stage but the write, and returns the files in memory.
func Site(ctx context.Context, o Options) (*Result, error) {
	return run(ctx, o, nil)
}

// sink takes a build's files as they are made: the output writer.
type sink interface {
	Add(content.File) error
	AddPage(n int, f content.File) error // page n of the site, in its order
	Move(from, to string) error          // a folder of files already added
}

// Run builds the site and writes it to outDir, replacing what was there
// only when the whole build succeeded. Pages go to disk as they are
// rendered, into a temporary folder that is swapped in at the end.
func Run(ctx context.Context, o Options, outDir string) (*Result, error) {
	w, err := output.NewWriter(outDir)
	if err != nil {
		return nil, err
	}
	if err := w.PackForZip(); err != nil {
		w.Abort()
		return nil, err
	}
	res, err := run(ctx, o, w)
	if err != nil {
		w.Abort()
		return res, err
	}
	if err := addAll(w, res.Files); err != nil {
		w.Abort()
		return res, err
	}
	o.Timings.done("write other files")
	if err := writeZip(w, res); err != nil {
		w.Abort()
		return res, err
	}
	o.Timings.done("zip")
	err = w.Commit() // write
	o.Timings.done("swap into place")
	return res, err
}

// addAll writes the files made after the pages (the search index, assets,
// sitemap, feeds) on every core: a large site has thousands.
func addAll(w *output.Writer, files []content.File) error {
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, f := range files {
		g.Go(func() error { return w.Add(f) })
	}
	return g.Wait()
}

// writeZip adds the whole site as one zip, then the website's copies of
// the pages that show its SHA-256 (output/zip.go says why they differ
// from the copies inside the zip).
func writeZip(w *output.Writer, res *Result) error {
	info, err := w.Zip(output.ZipName(res.Site.Config.BaseURL))
	if err != nil {
		return err
	}
	res.Zip = info
	pages, err := res.rendered.DownloadPages(info.SHA256, info.Size)
	if err != nil {
		return err
	}
	for _, f := range pages {
		if err := w.Replace(f); err != nil {
			return err
		}
	}
	return nil
}

// run is the pipeline. out, when set, takes each page and search fragment
// as it is made.
func run(ctx context.Context, o Options, out sink) (*Result, error) {
	cfg, err := loadConfig(o)
	if err != nil {
		return nil, err
	}
	site, loadErr := content.Load(o.Content, cfg, content.Options{Drafts: o.Drafts}) // load
	if site == nil {
		return nil, loadErr
	}
	var emit func(int, content.File) error
	if out != nil && loadErr == nil { // a build that will fail writes no pages (two may share a URL)
		emit = out.AddPage
	}
	o.Timings.done("load")
	tmpl, err := render.LoadTemplates(o.Templates)
	if err != nil { // no page can render; the static files are still checked
		_, _, staticErr := staticFiles(o.Static)
		return nil, problem.Join(loadErr, err, staticErr)
	}
	mds := render.Converters(tmpl, cfg.Languages, markdown.Options{AllowHTML: cfg.AllowHTML}) // one per language: callout titles
	md := mds[cfg.DefaultLanguage]
	docs, err := parse(ctx, mds, site.Pages, out != nil && !cfg.AllowHTML) // parse
	if err != nil {
		return nil, err
	}
	o.Timings.done("parse")
	assets, names, staticErr := staticFiles(o.Static)
	if names == nil { // no page can render without its assets' names
		return nil, problem.Join(loadErr, staticErr)
	}
	index := search.NewIndexer(search.Options{})
	if out != nil {
		index.Stream(out.Add) // fragments go to disk as pages are indexed
	}
	number := search.Numbers(site.Pages)
	pages, err := render.Pages(ctx, site, docs, md, tmpl, render.Options{ // render, and index as pages come out
		IndexLinks: true, Assets: names, Scripts: output.Scripts(names), WarnBrokenLinks: o.WarnBrokenLinks, Emit: emit,
		Zip: zipName(emit, cfg.BaseURL), ReleaseDocs: emit != nil,
		Index: func(i int, p render.PageOut) { index.Add(p.Page.Lang, number[i], search.DocOf(p)) }})
	if err := problem.Join(loadErr, err, staticErr); err != nil { // every problem of every stage, together
		return nil, err
	}
	o.Timings.done("render and index")
	idx, moves, err := index.Files() // index
	if err != nil {
		return nil, err
	}
	for _, m := range moves {
		if err := out.Move(m.From, m.To); err != nil {
			return nil, err
		}
	}
	o.Timings.done("search index")
	files := append(append(append(pages.Files, idx...), assets...), site.Files...)
	var warns problem.List
	warns.Add(site.Warnings...)
	warns.Add(pages.Warnings...)
	return &Result{Files: files, Pages: len(site.Pages), Warnings: warns.Errs(), Site: site, rendered: pages}, nil
}

// staticFiles reads the static folder (output.Assets) and checks that it
// loads nothing from other hosts (render.CheckStatic). Every build, full or
// incremental, reports both with the other stages' problems; names is nil
// when the folder could not be read.
func staticFiles(static fs.FS) (assets []content.File, names map[string]string, err error) {
	assets, names, err = output.Assets(static, markdown.HighlightCSS())
	return assets, names, problem.Join(err, render.CheckStatic(static))
}

// zipName is where Run writes the site's zip. A build held in memory
// (emit nil: tests, the preview server) writes none.
func zipName(emit func(int, content.File) error, baseURL string) string {
	if emit == nil {
		return ""
	}
	return output.ZipName(baseURL)
}

func loadConfig(o Options) (config.Site, error) {
	cfg, err := config.Load(o.Content)
	if err != nil {
		return cfg, err
	}
	if o.BaseURL != "" {
		return cfg.WithBaseURL(o.BaseURL)
	}
	return cfg, nil
}

// parse turns every page's Markdown into a document, in parallel, with
// the converter of the page's language. With dropSources, a page's
// Markdown is let go once parsed: a one-shot build without raw HTML finds
// every later problem's position in the document's facts.
func parse(ctx context.Context, mds map[string]*markdown.Converter, pages []*content.Page, dropSources bool) ([]*markdown.Doc, error) {
	docs := make([]*markdown.Doc, len(pages))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, p := range pages {
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			docs[i] = mds[p.Lang].Parse(p.Body)
			if dropSources {
				p.Body = nil
			}
			return nil
		})
	}
	return docs, g.Wait()
}
