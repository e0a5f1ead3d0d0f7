package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// GitHub-style alerts: a blockquote whose first line is [!NOTE], [!TIP],
// [!IMPORTANT], [!WARNING] or [!CAUTION] (any case) becomes a callout:
//
//	<div class="callout callout-warning" role="note">
//	<p class="callout-title">Warning</p>
//	...the rest of the blockquote...
//	</div>
//
// The title says what kind it is, so the meaning never rests on colour
// alone. Every blockquote else stays a blockquote.

var (
	_ goldmark.Extender     = (*callout)(nil)
	_ parser.ASTTransformer = (*callout)(nil)
	_ renderer.NodeRenderer = (*callout)(nil)
)

// alertKinds are the alert kinds, in GitHub's order.
const alertKinds = "note tip important warning caution"

// englishTitle is the visible title of a callout kind when no translation
// is given.
func englishTitle(kind string) string {
	switch kind {
	case "note":
		return "Note"
	case "tip":
		return "Tip"
	case "important":
		return "Important"
	case "warning":
		return "Warning"
	case "caution":
		return "Caution"
	}
	return ""
}

// kindCallout is the NodeKind of calloutNode.
var kindCallout = ast.NewNodeKind("Callout")

// calloutNode replaces the blockquote of an alert; its children are the
// blockquote's, without the [!KIND] line.
type calloutNode struct {
	ast.BaseBlock
	kind string // "note", "tip", ...
}

// Kind implements ast.Node.
func (n *calloutNode) Kind() ast.NodeKind { return kindCallout }

// Dump implements ast.Node.
func (n *calloutNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Kind": n.kind}, nil)
}

// callout is the Extender, the AST transformer and the renderer.
type callout struct {
	titles map[string]string // kind -> visible title
}

func newCallout(titles map[string]string) *callout {
	c := &callout{titles: map[string]string{}}
	for _, kind := range strings.Fields(alertKinds) {
		title := titles[kind]
		if title == "" {
			title = englishTitle(kind)
		}
		c.titles[kind] = title
	}
	return c
}

// Extend implements goldmark.Extender.
func (c *callout) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(c, 500)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(c, 100)))
}

// Transform implements parser.ASTTransformer.
func (c *callout) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var quotes []*ast.Blockquote
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if q, ok := n.(*ast.Blockquote); ok && entering {
			quotes = append(quotes, q)
		}
		return ast.WalkContinue, nil
	})
	// Outer blockquotes come first: a callout moved into another one is
	// replaced in its new parent.
	for _, q := range quotes {
		p, ok := q.FirstChild().(*ast.Paragraph)
		if !ok || p.Lines().Len() == 0 {
			continue
		}
		first := p.Lines().At(0)
		kind := alertKind(first.Value(src))
		if kind == "" {
			continue
		}
		removeFirstLine(p, first)
		n := &calloutNode{kind: kind}
		n.SetPos(q.Pos())
		for child := q.FirstChild(); child != nil; {
			next := child.NextSibling()
			n.AppendChild(n, child)
			child = next
		}
		q.Parent().ReplaceChild(q.Parent(), q, n)
	}
}

// alertKind returns the kind named by a "[!KIND]" line, or "".
func alertKind(line []byte) string {
	line = bytes.TrimSpace(line)
	if len(line) < 4 || line[0] != '[' || line[1] != '!' || line[len(line)-1] != ']' {
		return ""
	}
	kind := string(bytes.ToLower(line[2 : len(line)-1]))
	if englishTitle(kind) == "" {
		return ""
	}
	return kind
}

// removeFirstLine drops the [!KIND] line, already parsed into inline nodes
// (text, or a link if someone defined a [!note] reference), from paragraph
// p, and p itself when nothing is left.
func removeFirstLine(p *ast.Paragraph, first text.Segment) {
	for child := p.FirstChild(); child != nil; {
		start := child.Pos()
		if t, ok := child.(*ast.Text); ok {
			start = t.Segment.Start
		}
		if start < first.Start || start >= first.Stop {
			break
		}
		next := child.NextSibling()
		p.RemoveChild(p, child)
		child = next
	}
	lines := p.Lines()
	rest := lines.Sliced(1, lines.Len())
	lines.SetSliced(0, 0)
	lines.AppendAll(rest)
	p.SetLines(lines)
	if !p.HasChildren() {
		p.Parent().RemoveChild(p.Parent(), p)
	}
}

// RegisterFuncs implements renderer.NodeRenderer.
func (c *callout) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindCallout, c.render)
}

func (c *callout) render(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*calloutNode)
	if !entering {
		_, _ = w.WriteString("</div>\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<div class="callout callout-`)
	_, _ = w.WriteString(n.kind)
	_, _ = w.WriteString(`" role="note">` + "\n" + `<p class="callout-title">`)
	_, _ = w.Write(util.EscapeHTML([]byte(c.titles[n.kind])))
	_, _ = w.WriteString("</p>\n")
	return ast.WalkContinue, nil
}
