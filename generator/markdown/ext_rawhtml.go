package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

var (
	_ goldmark.Extender     = omitRawHTML{}
	_ renderer.NodeRenderer = omitRawHTML{}
)

// omitRawHTML drops raw HTML, block and inline, from the output when
// Options.AllowHTML is false. goldmark would write an
// "<!-- raw HTML omitted -->" comment in its place; readers gain nothing
// from it, so nothing is written at all.
type omitRawHTML struct{}

// Extend implements goldmark.Extender.
func (e omitRawHTML) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(e, 100)))
}

// RegisterFuncs implements renderer.NodeRenderer.
func (omitRawHTML) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHTMLBlock, omit)
	reg.Register(ast.KindRawHTML, omit)
}

func omit(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
	return ast.WalkSkipChildren, nil
}
