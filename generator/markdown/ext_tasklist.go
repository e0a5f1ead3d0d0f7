package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

var (
	_ goldmark.Extender     = taskLists{}
	_ parser.ASTTransformer = taskLists{}
	_ renderer.NodeRenderer = taskLists{}
	_ ast.Node              = (*taskLabel)(nil)
)

var kindTaskLabel = ast.NewNodeKind("TaskLabel")

// taskLists makes GFM task lists usable checklists. goldmark writes each
// box disabled and unlabelled; here a box is enabled (static/checklist.js
// may remember its tick, and without JavaScript it can still be ticked
// while reading) and wrapped, with the item's text, in a <label>, so it has
// an accessible name without ids. The list gets class="task-list" and the
// item class="task", for the stylesheet and the script.
//
//	<ul class="task-list"><li class="task"><label><input type="checkbox"> Text</label></li></ul>
type taskLists struct{}

// Extend implements goldmark.Extender. It must come after extension.GFM,
// whose parser makes the TaskCheckBox nodes.
func (e taskLists) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(e, 500)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(e, 100))) // before GFM's 500
}

// Transform implements parser.ASTTransformer: each checkbox and the inline
// content after it move into a taskLabel.
func (taskLists) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	var boxes []*east.TaskCheckBox
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if b, ok := n.(*east.TaskCheckBox); ok && entering {
			boxes = append(boxes, b)
		}
		return ast.WalkContinue, nil
	})
	for _, b := range boxes {
		block := b.Parent()
		label := &taskLabel{}
		for c := ast.Node(b); c != nil; {
			next := c.NextSibling()
			label.AppendChild(label, c) // AppendChild removes c from block
			c = next
		}
		block.AppendChild(block, label)
		if item := block.Parent(); item != nil {
			item.SetAttributeString("class", "task")
			if list := item.Parent(); list != nil {
				list.SetAttributeString("class", "task-list")
			}
		}
	}
}

// RegisterFuncs implements renderer.NodeRenderer.
func (taskLists) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTaskCheckBox, renderTaskCheckBox)
	reg.Register(kindTaskLabel, renderTaskLabel)
}

func renderTaskCheckBox(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		box := `<input type="checkbox"> `
		if node.(*east.TaskCheckBox).IsChecked {
			box = `<input type="checkbox" checked=""> `
		}
		_, _ = w.WriteString(box)
	}
	return ast.WalkContinue, nil
}

func renderTaskLabel(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString("<label>")
	} else {
		_, _ = w.WriteString("</label>")
	}
	return ast.WalkContinue, nil
}

// taskLabel holds a task's checkbox and text.
type taskLabel struct{ ast.BaseInline }

func (n *taskLabel) Kind() ast.NodeKind { return kindTaskLabel }

func (n *taskLabel) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }
