// Package markdown is the parse stage: goldmark configured once per build.
//
// Parse turns a page's Markdown into a Doc, which holds the goldmark AST and
// the facts later stages need (title, headings, links, ids, words, plain
// text). Render writes a Doc's HTML and passes every link destination through
// a rewrite function, so the render stage can make links relative to the page
// being written. Each feature lives in its own file as a goldmark.Extender:
// ids.go (heading ids), ext_callout.go (GitHub alerts), ext_anchor.go
// (permalinks), ext_chroma.go (code), ext_links.go (links and images) and
// ext_rawhtml.go (raw HTML omitted), ext_table.go (column alignment) and
// ext_tasklist.go (checklists).
package markdown

import (
	"bufio"
	"bytes"
	"fmt"
	"strconv"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Options configures a Converter. The zero value is safe: raw HTML omitted,
// English titles and labels.
type Options struct {
	// AllowHTML lets raw HTML (block and inline) through. Otherwise it is
	// omitted: readers are at risk, so no script injection.
	AllowHTML bool
	// AlertTitles maps "note", "tip", "important", "warning" and "caution" to
	// the visible title of a callout. Nil, or a missing kind, means English.
	AlertTitles map[string]string
	// AnchorLabel starts the accessible name of heading permalinks, followed
	// by ": " and the heading's text. "" means "Link to this section".
	AnchorLabel string
}

// Converter parses and renders Markdown. It is built once per build (or
// once per language) and is safe for concurrent use by many goroutines.
type Converter struct {
	md        goldmark.Markdown
	allowHTML bool
}

// New builds the goldmark instance with every extension the site uses.
func New(opts Options) *Converter {
	exts := []goldmark.Extender{
		quickLinkify{}, // GFM: autolinks, tables, strikethrough, task lists
		extension.Table,
		extension.Strikethrough,
		extension.TaskList,
		tableAlign{},
		extension.Footnote,
		extension.DefinitionList,
		extension.Typographer,
		headingIDExtension{},
		newCallout(opts.AlertTitles),
		newAnchor(opts.AnchorLabel),
		newCodeHighlighting(),
		newLinks(opts.AllowHTML),
		taskLists{}, // labelled, enabled checkboxes (ext_tasklist.go)
	}
	var rendererOpts []renderer.Option
	if opts.AllowHTML {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	} else {
		exts = append(exts, omitRawHTML{})
	}
	md := goldmark.New(
		goldmark.WithExtensions(exts...),
		goldmark.WithParserOptions(parser.WithAttribute()),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	return &Converter{md: md, allowHTML: opts.AllowHTML}
}

// Heading is one heading of a page.
type Heading struct {
	Level int
	ID    string // final, unique within the page
	Text  string // plain text
	Line  int    // 1-based line in the source
}

// Link is one link or image destination.
type Link struct {
	// Dest is the destination as written, with Markdown escapes and entities
	// resolved; autolinks carry the scheme they are rendered with
	// ("http://www.example.org", "mailto:a@example.org"). Render passes
	// exactly this string to rewrite.
	Dest      string
	Line, Col int // 1-based; where the link starts in the source ("[", "![" or the autolink)
	Image     bool
}

// Doc is a parsed page: plain data, and its HTML already rendered with a
// marker in place of each link destination. The AST is dropped after
// Parse, so a site of tens of thousands of pages fits in little memory, and
// Render is a cheap substitution that may run many times, concurrently.
type Doc struct {
	Title    string    // plain text of the first h1, "" if none
	Headings []Heading // every heading, in order, with its final unique ID
	Links    []Link    // every link and image destination, in source order
	IDs      []string  // every id a link may target in this page: headings, footnotes (and raw HTML ids when allowed)

	html     []byte   // rendered HTML with destination markers
	dests    []string // the destination behind each marker, by number
	err      error    // a renderer failure, reported by Render
	unsafe   bool     // AllowHTML: dangerous URLs are written too
	parsed   bool     // made by Parse
	released bool     // Release dropped html and dests
}

// Release frees the rendered HTML, which a one-shot build needs no more
// once the page is written; the facts stay. Render then fails.
func (d *Doc) Release() {
	d.html, d.dests, d.released = nil, nil, true
}

// Markers stand for link destinations in Doc.html. NUL never reaches the
// HTML otherwise: Parse replaces it in the source, as CommonMark says.
const (
	markerStart = "\x00rg"
	markerEnd   = '\x00'
)

// Parse parses and renders src. It never fails: goldmark accepts any input;
// a renderer failure is kept and returned by Render.
func (c *Converter) Parse(src []byte) *Doc {
	if bytes.IndexByte(src, 0) >= 0 { // NUL is U+FFFD in CommonMark, and marks destinations here
		src = bytes.ReplaceAll(src, []byte{0}, []byte("\uFFFD"))
	}
	pc := parser.NewContext(parser.WithIDs(newHeadingIDs()))
	root := c.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	d := &Doc{unsafe: c.allowHTML, parsed: true}
	collectFacts(d, src, root, c.allowHTML)
	d.html, d.err = c.renderMarked(d, src, root)
	return d
}

// renderMarked writes the HTML with a marker for each destination.
func (c *Converter) renderMarked(d *Doc, src []byte, root ast.Node) (out []byte, err error) {
	defer func() {
		// A renderer bug must not take the whole build down; report it as
		// this page's error instead.
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("markdown: render: %v", r)
		}
	}()
	var buf bytes.Buffer
	buf.Grow(len(src) * 2)
	w := &renderWriter{Writer: bufio.NewWriter(&buf), dests: &d.dests}
	if err := c.md.Renderer().Render(w, src, root); err != nil {
		return nil, fmt.Errorf("markdown: render: %w", err)
	}
	if err := w.Flush(); err != nil {
		return nil, err
	}
	html := buf.Bytes()
	if cap(html)-len(html) > len(html)/8 {
		html = bytes.Clone(html) // held until the page is rendered: every page's slack adds up
	}
	return html, nil
}

// Render writes the page's HTML. Every link and image destination (Link.Dest)
// goes through rewrite, which returns the destination to write; a nil rewrite
// keeps them as they are. Render changes nothing in d, so it can be called
// again with another rewrite.
func (c *Converter) Render(d *Doc, rewrite func(dest string) string) ([]byte, error) {
	if d == nil || !d.parsed {
		return nil, fmt.Errorf("markdown: render: no parsed document")
	}
	if d.err != nil {
		return nil, d.err
	}
	if d.released {
		return nil, fmt.Errorf("markdown: render: the document was released")
	}
	out := make([]byte, 0, len(d.html)+len(d.html)/8)
	rest := d.html
	for {
		i := bytes.Index(rest, []byte(markerStart))
		if i < 0 {
			return append(out, rest...), nil
		}
		out = append(out, rest[:i]...)
		rest = rest[i+len(markerStart):]
		j := bytes.IndexByte(rest, markerEnd)
		n, err := strconv.Atoi(string(rest[:max(j, 0)]))
		if j < 0 || err != nil || n < 0 || n >= len(d.dests) {
			return nil, fmt.Errorf("markdown: render: damaged link marker")
		}
		rest = rest[j+1:]
		dest := d.dests[n]
		if rewrite != nil {
			dest = rewrite(dest)
		}
		out = append(out, safeURL(dest, d.unsafe)...)
	}
}

// renderWriter collects the destinations of one page while it renders:
// goldmark's renderer is shared by all goroutines, the writer is not.
type renderWriter struct {
	*bufio.Writer
	dests *[]string
}

var _ util.BufWriter = (*renderWriter)(nil)

// markDest records dest and returns the marker that stands for it.
func markDest(w util.BufWriter, dest string) []byte {
	rw, ok := w.(*renderWriter)
	if !ok {
		return safeURL(dest, false)
	}
	*rw.dests = append(*rw.dests, dest)
	return []byte(markerStart + strconv.Itoa(len(*rw.dests)-1) + string(markerEnd))
}
