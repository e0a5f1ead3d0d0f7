package build

import (
	"bytes"
	"context"
	"path"
	"runtime"
	"strings"
	"unicode/utf8"

	"golang.org/x/sync/errgroup"

	"rightsguide/generator/content"
	"rightsguide/generator/markdown"
	"rightsguide/generator/problem"
	"rightsguide/generator/render"
)

// The stages of an incremental build (Session.build): each runs only as far
// as the change requires, and otherwise keeps the last good build's result.

// config reads the site config again when it changed.
func (n *state) config(old *state, d delta, baseURL string) error {
	if old != nil && !d.config {
		n.cfg = old.cfg
		return nil
	}
	var err error
	n.cfg, err = loadConfig(Options{Content: n.snap.fsys(InputContent), BaseURL: baseURL})
	return err
}

// load runs the load stage, or keeps the last one when only Markdown
// bodies changed; then it returns the new bodies by page path.
func (n *state) load(old *state, d delta, drafts bool) (map[string][]byte, error) {
	if old != nil && !d.config && len(d.content) == 0 {
		n.site = old.site
		return nil, nil
	}
	if edits, ok := bodyEdits(old, n.snap, d); ok {
		n.site = old.site
		return edits, nil
	}
	site, err := content.Load(n.snap.fsys(InputContent), n.cfg, content.Options{Drafts: drafts})
	n.site = site
	return nil, err
}

// bodyEdits returns the new bodies of the edited Markdown files when
// nothing else changed: every edited file exists before and after, and its
// front matter is byte for byte the same (so URLs, titles, order and
// drafts are too). ok is false when the load stage must run.
func bodyEdits(old *state, snap *snapshot, d delta) (edits map[string][]byte, ok bool) {
	if old == nil || d.config {
		return nil, false
	}
	edits = map[string][]byte{}
	for _, name := range d.content {
		key := InputContent + "/" + name
		before, after := old.snap.files[key], snap.files[key]
		if !strings.HasSuffix(name, ".md") || before == nil || after == nil ||
			before.err != nil || after.err != nil || before.mode != after.mode || !utf8.Valid(after.data) {
			return nil, false
		}
		b, berr := splitPage(name, before.data)
		a, aerr := splitPage(name, after.data)
		if berr != nil || aerr != nil || a.format != b.format || !bytes.Equal(a.fm, b.fm) || a.line != b.line ||
			content.OverIndented(a.body) > 0 { // the load stage reports it
			return nil, false
		}
		p := old.site.PageByPath(name)
		if p == nil {
			continue // a draft the site leaves out, or a file it skips
		}
		if p.Meta.Title == "" && content.FirstHeading(a.body) != content.FirstHeading(b.body) {
			return nil, false // the title comes from the first heading
		}
		edits[name] = a.body
	}
	return edits, true
}

type split struct {
	format   string
	fm, body []byte
	line     int
}

// splitPage splits a page the way the load stage does (content/load.go).
func splitPage(name string, data []byte) (split, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	var s split
	var err error
	s.format, s.fm, s.body, s.line, err = content.SplitFrontMatter(name, data)
	return s, err
}

func (n *state) templates(old *state, d delta) error {
	if old != nil && len(d.templates) == 0 && !d.config {
		n.tmpl, n.mds = old.tmpl, old.mds
		return nil
	}
	if old != nil && len(d.templates) == 0 {
		n.tmpl = old.tmpl
	} else {
		tmpl, err := render.LoadTemplates(n.snap.fsys(InputTemplates))
		if err != nil {
			return err
		}
		n.tmpl = tmpl
	}
	if old != nil && !d.config && !anyPrefix(d.templates, "i18n/") {
		n.mds = old.mds // the converters hold only the interface strings
		return nil
	}
	n.mds = render.Converters(n.tmpl, n.cfg.Languages, markdown.Options{AllowHTML: n.cfg.AllowHTML})
	return nil
}

// loadAssets reads the static files when they changed, and returns their
// problems as a full build does (staticFiles); n.names is then nil if the
// folder could not be read.
func (n *state) loadAssets(old *state, d delta) error {
	if old != nil && len(d.statics) == 0 { // the last good build had none
		n.assets, n.names = old.assets, old.names
		return nil
	}
	var err error
	n.assets, n.names, err = staticFiles(n.snap.fsys(InputStatic))
	return err
}

// parse parses the pages whose source changed since they were last
// parsed with the same converter, in parallel.
func (s *Session) parse(ctx context.Context, n *state, edits map[string][]byte) error {
	pages := n.site.Pages
	n.docs = make([]*markdown.Doc, len(pages))
	fresh := make([]bool, len(pages))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, p := range pages {
		md, sum := n.mds[p.Lang], n.sourceSum(p)
		if c := s.parsed[p.Path]; c.doc != nil && c.md == md && c.sum == sum {
			n.docs[i] = c.doc
			continue
		}
		body, ok := edits[p.Path]
		if !ok {
			body = p.Body
		}
		fresh[i] = true
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			n.docs[i] = md.Parse(body)
			return nil
		})
	}
	err := g.Wait()
	for i, p := range pages {
		if fresh[i] && n.docs[i] != nil {
			s.parsed[p.Path] = parsed{md: n.mds[p.Lang], sum: n.sourceSum(p), doc: n.docs[i]}
		}
	}
	return err
}

func (n *state) sourceSum(p *content.Page) [32]byte {
	if e := n.snap.files[InputContent+"/"+p.Path]; e != nil && !p.Virtual {
		return e.sum
	}
	return [32]byte{}
}

// forget drops parse results of pages the site no longer has.
func (s *Session) forget(n *state) {
	if len(s.parsed) <= len(n.site.Pages) {
		return
	}
	keep := make(map[string]parsed, len(n.site.Pages))
	for _, p := range n.site.Pages {
		if c, ok := s.parsed[p.Path]; ok {
			keep[p.Path] = c
		}
	}
	s.parsed = keep
}

// merge takes the rendered pages from res and the others from old, with
// renamed assets swapped into their HTML.
func (n *state) merge(old *state, res *render.Result, only func(*content.Page) bool) {
	warns := map[string][]*problem.Error{}
	for _, w := range res.Warnings {
		warns[w.Pos.File] = append(warns[w.Pos.File], w)
	}
	var renames map[string]string
	if old != nil {
		renames = renamedAssets(old.names, n.names)
	}
	pages := n.site.Pages
	n.pages = make(map[string]pageOut, len(pages))
	for i, p := range pages {
		if only == nil || only(p) {
			n.pages[p.Path] = pageOut{file: res.Files[i], html: res.Pages[i].HTML, warns: warns[p.Path]}
			continue
		}
		prev := old.pages[p.Path]
		prev.file.Data = rename(prev.file.Data, renames)
		n.pages[p.Path] = prev
	}
	n.extra = res.Files[len(pages):]
}

// assemble lists the files in the order Site returns them.
func (n *state) assemble() *Result {
	pages := n.site.Pages
	files := make([]content.File, 0, len(pages)+len(n.extra)+len(n.search)+len(n.assets)+len(n.site.Files))
	var warns problem.List
	warns.Add(n.site.Warnings...)
	for _, p := range pages {
		out := n.pages[p.Path]
		files = append(files, out.file)
		warns.Add(out.warns...)
	}
	files = append(files, n.extra...)
	files = append(files, n.search...)
	files = append(files, n.assets...)
	files = append(files, n.site.Files...)
	return &Result{Files: files, Pages: len(pages), Warnings: warns.Errs(), Site: n.site}
}

func (n *state) pageOuts() []render.PageOut {
	outs := make([]render.PageOut, len(n.site.Pages))
	for i, p := range n.site.Pages {
		outs[i] = render.PageOut{Page: p, Doc: n.docs[i], HTML: n.pages[p.Path].html}
	}
	return outs
}

// renamedAssets maps each asset name whose fingerprint changed to its new
// one.
func renamedAssets(before, after map[string]string) map[string]string {
	out := map[string]string{}
	for name, was := range before {
		if now, ok := after[name]; ok && now != was {
			out[was] = now
		}
	}
	return out
}

func rename(html []byte, renames map[string]string) []byte {
	for was, now := range renames {
		html = bytes.ReplaceAll(html, []byte(was), []byte(now))
	}
	return html
}

// ignored reports whether the stages skip a file: below content/, hidden
// files and folders and editors' backups (content.Load); below static/,
// hidden files (output.Assets). Editors write such files all the time.
func ignored(root, name string) bool {
	if root == InputStatic {
		return strings.HasPrefix(path.Base(name), ".")
	}
	if root != InputContent {
		return false
	}
	for _, part := range strings.Split(name, "/") {
		if strings.HasPrefix(part, ".") || strings.HasPrefix(part, "#") || strings.HasSuffix(part, "~") {
			return true
		}
	}
	return false
}

func anyPrefix(names []string, prefix string) bool {
	for _, n := range names {
		if strings.HasPrefix(n, prefix) {
			return true
		}
	}
	return false
}
