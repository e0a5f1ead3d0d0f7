package markdown

import (
	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

var (
	_ goldmark.Extender     = codeHighlighting{}
	_ renderer.NodeRenderer = codeHighlighting{}
	_ chromahtml.PreWrapper = noPreWrapper{}
)

// codeHighlighting renders code blocks. A fenced block whose info string
// names a language chroma knows is highlighted with CSS classes (the
// stylesheet is HighlightCSS); any other code block is escaped text. Code
// reads left to right even on a right-to-left page, so every <pre> carries
// dir="ltr"; and tabindex="0", so a keyboard can scroll a long line.
type codeHighlighting struct {
	formatter *chromahtml.Formatter
}

func newCodeHighlighting() codeHighlighting {
	return codeHighlighting{formatter: chromahtml.New(
		chromahtml.WithClasses(true),
		chromahtml.WithPreWrapper(noPreWrapper{}), // we write <pre> ourselves
	)}
}

// Extend implements goldmark.Extender.
func (e codeHighlighting) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(e, 100)))
}

// RegisterFuncs implements renderer.NodeRenderer.
func (e codeHighlighting) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, e.renderFenced)
	reg.Register(ast.KindCodeBlock, e.renderIndented)
}

func (e codeHighlighting) renderFenced(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.FencedCodeBlock)
	lang := fenceLanguage(n, src)
	code := n.Lines().Value(src)
	if lang != nil {
		if tokens, ok := tokenise(string(lang), string(code)); ok {
			_, _ = w.WriteString(`<pre class="chroma" dir="ltr" tabindex="0"><code class="language-`)
			_, _ = w.Write(util.EscapeHTML(lang))
			_, _ = w.WriteString(`">`)
			// The formatter only fails when w does, and Render reports that.
			_ = e.formatter.Format(w, styles.Fallback, chroma.Literator(tokens...))
			_, _ = w.WriteString("</code></pre>\n")
			return ast.WalkSkipChildren, nil
		}
	}
	writePlainCode(w, lang, code)
	return ast.WalkSkipChildren, nil
}

func (e codeHighlighting) renderIndented(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		writePlainCode(w, nil, node.Lines().Value(src))
	}
	return ast.WalkSkipChildren, nil
}

// writePlainCode writes code as escaped text, keeping an unknown language
// as a class for CSS or scripts.
func writePlainCode(w util.BufWriter, lang, code []byte) {
	_, _ = w.WriteString(`<pre dir="ltr" tabindex="0"><code`)
	if lang != nil {
		_, _ = w.WriteString(` class="language-`)
		_, _ = w.Write(util.EscapeHTML(lang))
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
	_, _ = w.Write(util.EscapeHTML(code))
	_, _ = w.WriteString("</code></pre>\n")
}

// fenceLanguage is the first word of the info string ("go" in "go {.x}"),
// or nil. It reads the source itself: FencedCodeBlock.Language caches its
// result in the node, which concurrent Render calls must not do.
func fenceLanguage(n *ast.FencedCodeBlock, src []byte) []byte {
	if n.Info == nil {
		return nil
	}
	info := n.Info.Segment.Value(src)
	i := 0
	for i < len(info) && info[i] != ' ' && info[i] != '\t' && info[i] != '{' {
		i++
	}
	if i == 0 {
		return nil
	}
	return info[:i]
}

// tokenise highlights code with the lexer for lang. It reports false when
// chroma knows no such language, or fails: the block is then plain text.
func tokenise(lang, code string) (tokens []chroma.Token, ok bool) {
	lexer := lexers.Get(lang)
	if lexer == nil {
		return nil, false
	}
	defer func() {
		// A lexer is a few hundred regular expressions written by others;
		// one failing must cost the highlighting, not the build.
		if recover() != nil {
			tokens, ok = nil, false
		}
	}()
	it, err := chroma.Coalesce(lexer).Tokenise(nil, code)
	if err != nil {
		return nil, false
	}
	return it.Tokens(), true
}

// noPreWrapper lets chroma write only the highlighted lines.
type noPreWrapper struct{}

func (noPreWrapper) Start(bool, string) string { return "" }
func (noPreWrapper) End(bool) string           { return "" }
