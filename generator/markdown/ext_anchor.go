package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

var (
	_ goldmark.Extender     = anchor{}
	_ renderer.NodeRenderer = anchor{}
)

// anchor renders headings, and after the text of every h2, h3 and h4 a
// permalink a reader can copy:
//
//	<h2 id="x">Text <a class="anchor" href="#x" aria-label="Link to this section: Text">#</a></h2>
//
// The aria-label gives the link a name that makes sense out of context
// (a screen reader's list of links); "#" stays the visible mark.
type anchor struct {
	label string
}

func newAnchor(label string) anchor {
	if label == "" {
		label = "Link to this section"
	}
	return anchor{label: label}
}

// Extend implements goldmark.Extender.
func (e anchor) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(e, 100)))
}

// RegisterFuncs implements renderer.NodeRenderer.
func (e anchor) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, e.renderHeading)
}

func (e anchor) renderHeading(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	level := "0123456"[n.Level]
	if entering {
		_, _ = w.WriteString("<h")
		_ = w.WriteByte(level)
		if n.Attributes() != nil {
			html.RenderAttributes(w, n, html.HeadingAttributeFilter)
		}
		_ = w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	if id, ok := n.AttributeString("id"); ok && n.Level >= 2 && n.Level <= 4 {
		label := e.label
		if text := inlineText(n, src); text != "" {
			label += ": " + text
		}
		if n.HasChildren() {
			_ = w.WriteByte(' ')
		}
		_, _ = w.WriteString(`<a class="anchor" href="#`)
		_, _ = w.Write(util.EscapeHTML([]byte(attrString(id))))
		_, _ = w.WriteString(`" aria-label="`)
		_, _ = w.Write(util.EscapeHTML([]byte(label)))
		_, _ = w.WriteString(`">#</a>`)
	}
	_, _ = w.WriteString("</h")
	_ = w.WriteByte(level)
	_, _ = w.WriteString(">\n")
	return ast.WalkContinue, nil
}
