package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

var (
	_ goldmark.Extender     = links{}
	_ renderer.NodeRenderer = links{}
)

// links renders links, autolinks and images: each destination goes through
// the Render call's rewrite function, and links leaving the site are marked.
type links struct {
	unsafe bool // AllowHTML: dangerous URLs (javascript:...) are written too
}

func newLinks(allowHTML bool) links { return links{unsafe: allowHTML} }

// Extend implements goldmark.Extender.
func (e links) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(e, 100)))
}

// RegisterFuncs implements renderer.NodeRenderer.
func (e links) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindLink, e.renderLink)
	reg.Register(ast.KindImage, e.renderImage)
	reg.Register(ast.KindAutoLink, e.renderAutoLink)
}

// destination is the destination of a link, image or autolink as the
// author meant it: escapes and entities resolved, and for autolinks the
// scheme they are rendered with. Doc.Links and Render both use it, so
// rewrite sees exactly the strings of Doc.Links.
func destination(n ast.Node, src []byte) string {
	switch n := n.(type) {
	case *ast.Link:
		return string(unescape(n.Destination))
	case *ast.Image:
		return string(unescape(n.Destination))
	case *ast.AutoLink:
		url := n.URL(src)
		if n.AutoLinkType == ast.AutoLinkEmail && !bytes.HasPrefix(bytes.ToLower(url), []byte("mailto:")) {
			return "mailto:" + string(url)
		}
		return string(url)
	}
	return ""
}

// isExternal reports whether dest leaves the site: it has a scheme
// ("https:", "mailto:") or is protocol-relative ("//example.org").
func isExternal(dest string) bool {
	if strings.HasPrefix(dest, "//") {
		return true
	}
	for i := 0; i < len(dest); i++ {
		c := dest[i]
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case c == ':':
			return i > 0
		default:
			return false
		}
	}
	return false
}

// href stands in for dest until Render rewrites it. The second result
// reports whether the link leaves the site.
func (e links) href(w util.BufWriter, dest string) ([]byte, bool) {
	return markDest(w, dest), isExternal(dest)
}

// safeURL makes a destination safe to write inside a double-quoted
// attribute; dangerous schemes (javascript:) become empty unless unsafe.
func safeURL(dest string, unsafe bool) []byte {
	u := util.URLEscape([]byte(dest), false)
	if !unsafe && html.IsDangerousURL(u) {
		u = nil
	}
	return util.EscapeHTML(u)
}

const externalAttrs = ` class="external" rel="noopener noreferrer"`

func (e links) renderLink(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Link)
	u, external := e.href(w, destination(n, src))
	_, _ = w.WriteString(`<a href="`)
	_, _ = w.Write(u)
	_ = w.WriteByte('"')
	if n.Title != nil {
		_, _ = w.WriteString(` title="`)
		html.DefaultWriter.Write(w, n.Title)
		_ = w.WriteByte('"')
	}
	if external {
		_, _ = w.WriteString(externalAttrs)
	}
	if n.Attributes() != nil {
		html.RenderAttributes(w, n, html.LinkAttributeFilter)
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

func (e links) renderAutoLink(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.AutoLink)
	u, external := e.href(w, destination(n, src))
	_, _ = w.WriteString(`<a href="`)
	_, _ = w.Write(u)
	_ = w.WriteByte('"')
	if external {
		_, _ = w.WriteString(externalAttrs)
	}
	_ = w.WriteByte('>')
	_, _ = w.Write(util.EscapeHTML(n.Label(src)))
	_, _ = w.WriteString("</a>")
	return ast.WalkContinue, nil
}

func (e links) renderImage(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	u, _ := e.href(w, destination(n, src))
	_, _ = w.WriteString(`<img src="`)
	_, _ = w.Write(u)
	_, _ = w.WriteString(`" alt="`)
	_, _ = w.Write(util.EscapeHTML([]byte(inlineText(n, src))))
	_ = w.WriteByte('"')
	if n.Title != nil {
		_, _ = w.WriteString(` title="`)
		html.DefaultWriter.Write(w, n.Title)
		_ = w.WriteByte('"')
	}
	if n.Attributes() != nil {
		html.RenderAttributes(w, n, html.ImageAttributeFilter)
	}
	_, _ = w.WriteString(` loading="lazy">`)
	return ast.WalkSkipChildren, nil
}
