package markdown

import (
	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

var (
	_ goldmark.Extender     = tableAlign{}
	_ parser.ASTTransformer = tableAlign{}
)

// tableAlign writes a column's alignment as style="text-align:..." on its
// cells once, while parsing. goldmark's table renderer does the same, but at
// render time, by appending to the cell's style attribute: a Doc rendered
// twice got "text-align:left;text-align:left". Render must leave the AST
// alone, so goldmark's alignment rendering is switched off.
type tableAlign struct{}

// Extend implements goldmark.Extender.
func (e tableAlign) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(e, 600)))
	m.Renderer().AddOptions(extension.WithTableCellAlignMethod(extension.TableCellAlignNone))
}

// Transform implements parser.ASTTransformer.
func (tableAlign) Transform(doc *gast.Document, _ text.Reader, _ parser.Context) {
	_ = gast.Walk(doc, func(n gast.Node, entering bool) (gast.WalkStatus, error) {
		cell, ok := n.(*ast.TableCell)
		if !ok || !entering {
			return gast.WalkContinue, nil
		}
		if cell.Alignment != ast.AlignNone {
			cell.SetAttributeString("style", []byte("text-align:"+cell.Alignment.String()))
		}
		return gast.WalkSkipChildren, nil
	})
}
