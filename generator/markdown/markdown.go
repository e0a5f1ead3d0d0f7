// Package markdown is the parse stage: goldmark configured once per build.
//
// Parse turns a page's Markdown into a Doc, which holds the goldmark AST and
// the facts later stages need (title, headings, links, ids, words, plain
// text). Render writes a Doc's HTML and passes every link destination through
// a rewrite function, so the render stage can make links relative to the page
// being written. Each feature lives in its own file as a goldmark.Extender:
// ids.go (heading ids), ext_callout.go (GitHub alerts), ext_anchor.go
// (permalinks), ext_chroma.go (code), ext_links.go (links and images) and
// ext_rawhtml.go (raw HTML omitted).
package markdown

import (
	"bufio"
	"bytes"
	"fmt"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
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
		extension.GFM, // tables, strikethrough, linkify, task lists
		extension.Footnote,
		extension.DefinitionList,
		extension.Typographer,
		headingIDExtension{},
		newCallout(opts.AlertTitles),
		newAnchor(opts.AnchorLabel),
		newCodeHighlighting(),
		newLinks(opts.AllowHTML),
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

// Doc is a parsed page: plain data, plus the AST that Render needs. A Doc is
// never changed after Parse, so it may be rendered many times, concurrently.
type Doc struct {
	Title    string    // plain text of the first h1, "" if none
	Headings []Heading // every heading, in order, with its final unique ID
	Links    []Link    // every link and image destination, in source order
	IDs      []string  // every id a link may target in this page: headings, footnotes (and raw HTML ids when allowed)
	Words    int       // words of text, for reading time and statistics
	Text     string    // plain text, one block (paragraph, heading, table row...) per line

	src  []byte
	root ast.Node
}

// Parse parses src. It never fails: goldmark accepts any input. The Doc
// keeps its own copy of src, so the caller may reuse the slice.
func (c *Converter) Parse(src []byte) *Doc {
	src = bytes.Clone(src)
	if src == nil {
		src = []byte{}
	}
	pc := parser.NewContext(parser.WithIDs(newHeadingIDs()))
	root := c.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	d := &Doc{src: src, root: root}
	collectFacts(d, c.allowHTML)
	return d
}

// Render writes the page's HTML. Every link and image destination (Link.Dest)
// goes through rewrite, which returns the destination to write; a nil rewrite
// keeps them as they are. Render changes nothing in d, so it can be called
// again with another rewrite.
func (c *Converter) Render(d *Doc, rewrite func(dest string) string) (out []byte, err error) {
	if d == nil || d.root == nil {
		return nil, fmt.Errorf("markdown: render: no parsed document")
	}
	defer func() {
		// A renderer bug must not take the whole build down; report it as
		// this page's error instead.
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("markdown: render: %v", r)
		}
	}()
	var buf bytes.Buffer
	buf.Grow(len(d.src) * 2)
	w := &renderWriter{Writer: bufio.NewWriter(&buf), rewrite: rewrite}
	if err := c.md.Renderer().Render(w, d.src, d.root); err != nil {
		return nil, fmt.Errorf("markdown: render: %w", err)
	}
	return buf.Bytes(), nil
}

// renderWriter carries the per-call rewrite function to the node renderers:
// goldmark's renderer is shared by all goroutines, the writer is not.
type renderWriter struct {
	*bufio.Writer
	rewrite func(dest string) string
}

// rewriteDest applies the rewrite function of the Render call that owns w.
func rewriteDest(w any, dest string) string {
	if rw, ok := w.(*renderWriter); ok && rw.rewrite != nil {
		return rw.rewrite(dest)
	}
	return dest
}
