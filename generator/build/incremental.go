package build

import (
	"context"
	"errors"
	"sort"
	"strings"

	"rightsguide/generator/config"
	"rightsguide/generator/content"
	"rightsguide/generator/markdown"
	"rightsguide/generator/output"
	"rightsguide/generator/problem"
	"rightsguide/generator/render"
	"rightsguide/generator/search"
)

// Session rebuilds one site again and again for the preview server, and
// redoes only what an edit touched. It runs the same stages as Site, in the
// same order, and its files are byte for byte those of a full build (a test
// holds it to that). What it saves:
//
//   - load: when only Markdown bodies changed (the front matter of every
//     edited file is byte for byte the same), the previous load is kept, so
//     URLs, titles and order cannot have moved;
//   - parse: a page is parsed again only when its file's bytes changed;
//   - render: a page is rendered again when its file changed, when it links
//     to a page that changed (anchors), or when a template it uses changed;
//     section pages also when a listed title, description or date changed;
//     every page when navigation (a URL, title, weight, the set of pages),
//     base.html, a partial, the interface strings or the site config changed;
//   - assets: a stylesheet edit renders nothing: pages keep their HTML with
//     the asset's new fingerprinted name swapped in;
//   - index: Update leaves the search index as it was, and after a body
//     edit the whole-guide print page too, and marks them stale; Complete
//     brings them up to date, so a page reloads before they are done.
//
// A Session is not safe for concurrent use.
type Session struct {
	o          Options
	seen       *snapshot         // the inputs as last read
	good       *state            // the last successful build; nil before one
	parsed     map[string]parsed // parse results by page path
	completing *completion       // a Complete still running
}

// Changes says what an Update changed in the output.
type Changes struct {
	Files     []string          // output paths added, changed or removed, sorted
	Renamed   map[string]string // fingerprinted assets renamed: old name -> new name
	StyleOnly bool              // only stylesheets changed: pages differ in the stylesheet's name alone
	Rendered  int               // pages rendered again
}

type parsed struct {
	md  *markdown.Converter
	sum [32]byte // the source file's hash; zero for a folder without _index.md
	doc *markdown.Doc
}

// state is one successful build, kept to compare the next one with.
type state struct {
	snap        *snapshot
	cfg         config.Site
	tmpl        *render.Templates
	mds         map[string]*markdown.Converter
	site        *content.Site
	docs        []*markdown.Doc // docs[i] is site.Pages[i] parsed
	assets      []content.File
	names       map[string]string
	pages       map[string]pageOut // by page path
	extra       []content.File     // what render writes besides pages: 404, search page, feeds...
	search      []content.File
	searchStale bool // search was built from other pages than these
	extraStale  bool // extra was rendered from other page bodies than these
	ropts       render.Options
	result      *Result
}

// pageOut is what the render stage made of one page.
type pageOut struct {
	file  content.File
	html  []byte // the content without the layout, for the search index
	warns []*problem.Error
}

// NewSession prepares a session; nothing is read until Update.
func NewSession(o Options) *Session {
	return &Session{o: o, parsed: map[string]parsed{}}
}

// Update brings the site up to date with its inputs and returns it, maybe
// with the search index and print page of an earlier build (see Complete).
// hints name files the caller knows changed ("content/a.md",
// "templates/page.html", "static/style.css"); any other change is found by
// size and time. On failure the session keeps its last good build, and the
// next Update compares with that one.
func (s *Session) Update(ctx context.Context, hints ...string) (*Result, Changes, error) {
	snap, err := scan(ctx, s.o, s.seen, hintSet(hints))
	if err != nil {
		return nil, Changes{}, err
	}
	s.seen = snap
	d := diff(s.good, snap)
	if s.good != nil && d.empty() {
		return s.good.result, Changes{}, nil
	}
	next, only, err := s.build(ctx, snap, d)
	if err != nil {
		return nil, Changes{}, err
	}
	ch := changesBetween(s.good, next, d, only)
	s.good = next
	s.forget(next)
	return next.result, ch, nil
}

// Complete builds what Update leaves behind when it is stale, and returns
// the whole site with the files it changed: the search index, and the site
// files that read every page's body (the whole-guide print page). When ctx
// ends first it returns at once; the work, which cannot be stopped, goes on
// in the background, and a later Complete of the same build takes it up.
// Only one runs at a time, on one core, so that an Update started
// meanwhile keeps the other.
func (s *Session) Complete(ctx context.Context) (*Result, Changes, error) {
	g := s.good
	if g == nil {
		return nil, Changes{}, errors.New("build: Complete before a successful Update")
	}
	if !g.searchStale && !g.extraStale {
		return g.result, Changes{}, nil
	}
	if c := s.completing; c != nil && c.from != g {
		select { // an earlier build's: let it finish first
		case <-ctx.Done():
			return nil, Changes{}, ctx.Err()
		case <-c.done:
			s.completing = nil
		}
	}
	if s.completing == nil {
		c := &completion{from: g, done: make(chan struct{})}
		s.completing = c
		go func() {
			c.n, c.err = g.complete()
			close(c.done)
		}()
	}
	c := s.completing
	select {
	case <-ctx.Done():
		return nil, Changes{}, ctx.Err()
	case <-c.done:
	}
	s.completing = nil
	if c.err != nil {
		return nil, Changes{}, c.err
	}
	s.good = &c.n
	return c.n.result, changesBetween(g, &c.n, delta{}, func(*content.Page) bool { return false }), nil
}

// completion is a Complete running in the background.
type completion struct {
	from *state // the build it completes
	done chan struct{}
	n    state
	err  error
}

// complete returns a copy of g with its stale parts built again. It reads
// g and changes nothing in it, so it may outlive the Session's interest.
func (g *state) complete() (state, error) {
	n := *g
	if n.extraStale {
		o := n.ropts
		o.Only = func(*content.Page) bool { return false }
		res, err := render.Pages(context.Background(), n.site, n.docs, n.mds[n.cfg.DefaultLanguage], n.tmpl, o)
		if err != nil {
			return n, err
		}
		n.extra, n.extraStale = res.Files[len(n.site.Pages):], false
	}
	if n.searchStale {
		files, err := search.Build(g.pageOuts(), search.Options{}) // index
		if err != nil {
			return n, err
		}
		n.search, n.searchStale = files, false
	}
	n.result = n.assemble()
	return n, nil
}

// Pages returns the last good build's pages in site order, each with its
// parsed Markdown and content HTML (check reads them).
func (s *Session) Pages() []render.PageOut {
	if s.good == nil {
		return nil
	}
	return s.good.pageOuts()
}

// Templates returns the last good build's templates.
func (s *Session) Templates() *render.Templates {
	if s.good == nil {
		return nil
	}
	return s.good.tmpl
}

// delta is how a snapshot differs from the last good build's: paths below
// each input, of files added, changed or removed.
type delta struct {
	first, config               bool
	content, templates, statics []string
}

func (d delta) empty() bool {
	return !d.first && !d.config && len(d.content)+len(d.templates)+len(d.statics) == 0
}

func diff(good *state, snap *snapshot) delta {
	if good == nil {
		return delta{first: true}
	}
	var d delta
	note := func(key string) {
		root, name, _ := strings.Cut(key, "/")
		switch {
		case ignored(root, name): // an editor's swap or backup file
		case root == InputContent && name == config.FileName:
			d.config = true
		case root == InputContent:
			d.content = append(d.content, name)
		case root == InputTemplates:
			d.templates = append(d.templates, name)
		case root == InputStatic:
			d.statics = append(d.statics, name)
		}
	}
	for key, e := range snap.files {
		if !e.equal(good.snap.files[key]) {
			note(key)
		}
	}
	for key := range good.snap.files {
		if snap.files[key] == nil {
			note(key)
		}
	}
	for _, list := range [][]string{d.content, d.templates, d.statics} {
		sort.Strings(list)
	}
	return d
}

// build runs the stages, each only as far as d requires, in the order of
// run in build.go. It also returns the pages it rendered (nil: all).
func (s *Session) build(ctx context.Context, snap *snapshot, d delta) (*state, func(*content.Page) bool, error) {
	old := s.good
	n := &state{snap: snap}
	if err := n.config(old, d, s.o.BaseURL); err != nil {
		return nil, nil, err
	}
	edits, loadErr := n.load(old, d, s.o.Drafts) // load
	if n.site == nil {
		return nil, nil, loadErr
	}
	staticErr := n.loadAssets(old, d) // static files' problems are reported with every other stage's
	if err := n.templates(old, d); err != nil {
		return nil, nil, problem.Join(loadErr, err, staticErr)
	}
	if n.names == nil { // the static files could not be read: no page can render
		return nil, nil, problem.Join(loadErr, staticErr)
	}
	if err := s.parse(ctx, n, edits); err != nil { // parse
		return nil, nil, err
	}
	only := selection(old, n, d)
	// After a body edit, the site files (404, search and A-Z pages, feeds,
	// sitemap, the print page) are kept: all but the print page read no
	// body, and Complete renders it again. A change of pages, templates or
	// assets renders them now.
	keepSiteFiles := old != nil && n.site == old.site && n.tmpl == old.tmpl && sameConverters(old, n) && len(d.statics) == 0
	n.ropts = render.Options{IndexLinks: true, Assets: n.names, Scripts: output.Scripts(n.names), WarnBrokenLinks: s.o.WarnBrokenLinks}
	o := n.ropts
	o.Only, o.NoSiteFiles = only, keepSiteFiles
	res, err := render.Pages(ctx, n.site, n.docs, n.mds[n.cfg.DefaultLanguage], n.tmpl, o) // render
	if err := problem.Join(loadErr, err, staticErr); err != nil {
		return nil, nil, err
	}
	n.merge(old, res, only)
	if keepSiteFiles {
		n.extra = old.extra
		n.extraStale = old.extraStale || docsChanged(old, n)
	}
	n.searchStale = old == nil || old.searchStale || searchChanged(old, n)
	if old != nil {
		n.search = old.search
	}
	n.result = n.assemble()
	return n, only, nil
}
