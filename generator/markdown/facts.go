package markdown

import (
	"bytes"
	"html"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// collectFacts fills d's exported fields from its AST in one walk.
func collectFacts(d *Doc, src []byte, root ast.Node, allowHTML bool) {
	idx := newLineIndex(src)
	type placed struct {
		offset int
		link   Link
	}
	var links []placed
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			id, _ := n.AttributeString("id")
			h := Heading{Level: n.Level, ID: attrString(id), Text: inlineText(n, src)}
			h.Line, _ = idx.pos(blockOffset(n))
			d.Headings = append(d.Headings, h)
			d.IDs = append(d.IDs, h.ID)
			if h.Level == 1 && d.Title == "" {
				d.Title = h.Text
			}
		case *ast.Link, *ast.Image, *ast.AutoLink:
			l := Link{Dest: destination(n, src), Image: n.Kind() == ast.KindImage}
			offset := linkOffset(n, src)
			l.Line, l.Col = idx.pos(offset)
			links = append(links, placed{offset, l})
		case *east.FootnoteLink:
			d.IDs = append(d.IDs, footnoteRefID(n.Index, n.RefIndex))
		case *east.Footnote:
			d.IDs = append(d.IDs, "fn:"+strconv.Itoa(n.Index))
		case *ast.RawHTML:
			if allowHTML {
				d.IDs = append(d.IDs, htmlIDs(n.Segments.Value(src))...)
			}
		case *ast.HTMLBlock:
			if allowHTML {
				v := n.Lines().Value(src)
				if n.HasClosure() {
					v = append(v, n.ClosureLine.Value(src)...)
				}
				d.IDs = append(d.IDs, htmlIDs(v)...)
			}
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	// Footnote definitions are moved to the end of the AST: sort links back
	// into source order.
	sort.SliceStable(links, func(i, j int) bool { return links[i].offset < links[j].offset })
	for _, l := range links {
		d.Links = append(d.Links, l.link)
	}
}

// linkOffset is where a link starts: "[", "![", "<", or the first
// character of a URL found by linkify (which reports the character before).
func linkOffset(n ast.Node, src []byte) int {
	pos := n.Pos()
	if a, ok := n.(*ast.AutoLink); ok && pos >= 0 && pos < len(src) && src[pos] != '<' {
		if i := bytes.Index(src[pos:], a.Label(src)); i >= 0 {
			pos += i
		}
	}
	return pos
}

// footnoteRefID is the id goldmark's footnote renderer gives the n-th
// reference (refIndex, from 0) to footnote index.
func footnoteRefID(index, refIndex int) string {
	if refIndex > 0 {
		return "fnref" + strconv.Itoa(refIndex) + ":" + strconv.Itoa(index)
	}
	return "fnref:" + strconv.Itoa(index)
}

// blockOffset is where a block starts in the source, or -1.
func blockOffset(n ast.Node) int {
	if p := n.Pos(); p >= 0 {
		return p
	}
	if n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	return -1
}

// inlineText is the plain text of n's inline content, white space
// collapsed: what a reader sees, without markup.
func inlineText(n ast.Node, src []byte) string {
	var b strings.Builder
	writeInlineText(&b, n, src)
	return strings.Join(strings.Fields(b.String()), " ")
}

func writeInlineText(b *strings.Builder, n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(src)
			if !c.IsRaw() {
				v = unescape(v)
			}
			b.Write(v)
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			if c.IsCode() { // typographer entities: "&rsquo;"
				b.WriteString(html.UnescapeString(string(c.Value)))
			} else {
				b.Write(c.Value)
			}
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if t, ok := t.(*ast.Text); ok {
					b.Write(t.Segment.Value(src)) // code is literal; newlines are collapsed later
				}
			}
		case *ast.AutoLink:
			b.Write(c.Label(src))
		case *ast.RawHTML, *east.FootnoteLink, *east.FootnoteBacklink, *east.TaskCheckBox:
			// markup, not text
		default:
			writeInlineText(b, c, src)
		}
	}
}

// unescape resolves backslash escapes and character references, as
// goldmark's HTML writer does.
func unescape(v []byte) []byte {
	v = util.UnescapePunctuations(v)
	v = util.ResolveNumericReferences(v)
	return util.ResolveEntityNames(v)
}

var (
	htmlTagRe = regexp.MustCompile(`<[A-Za-z][^<>]*>`)
	htmlIDRe  = regexp.MustCompile(`(?i)[\s"']id\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>` + "`" + `]+))`)
)

// htmlIDs finds the id attributes in raw HTML (best effort), so that links
// to <a id="x"></a> anchors are not reported as broken.
func htmlIDs(v []byte) []string {
	var ids []string
	for _, tag := range htmlTagRe.FindAll(v, -1) {
		for _, m := range htmlIDRe.FindAllSubmatch(tag, -1) {
			for _, g := range m[1:] {
				if len(g) > 0 {
					ids = append(ids, html.UnescapeString(string(g)))
					break
				}
			}
		}
	}
	return ids
}

// lineIndex turns byte offsets into 1-based lines and columns (columns in
// characters, as problem.LineCol counts them).
type lineIndex struct {
	src    []byte
	starts []int // offset of each line's first byte
}

func newLineIndex(src []byte) lineIndex {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return lineIndex{src: src, starts: starts}
}

// pos returns 0, 0 for an unknown (negative) offset.
func (x lineIndex) pos(offset int) (line, col int) {
	if offset < 0 {
		return 0, 0
	}
	offset = min(offset, len(x.src))
	i := sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > offset }) - 1
	return i + 1, utf8.RuneCount(x.src[x.starts[i]:offset]) + 1
}
