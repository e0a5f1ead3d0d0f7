package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// quickLinkify is GFM's autolinks (goldmark's linkify) behind a quick look
// at the word ahead. Goldmark asks linkify at every space of every
// paragraph, and linkify then looks for an e-mail address in the word: a
// few percent of a large build. A word that neither starts like a URL nor
// holds an "@" cannot become a link, so it is passed over.
type quickLinkify struct{}

func (quickLinkify) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		util.Prioritized(linkifyFilter{extension.NewLinkifyParser()}, 999), // linkify's own priority
	))
}

type linkifyFilter struct{ parser.InlineParser }

func (f linkifyFilter) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if line, _ := block.PeekLine(); !mayAutolink(line) {
		return nil
	}
	return f.InlineParser.Parse(parent, block, pc)
}

var (
	schemeHTTP  = []byte("http:")
	schemeHTTPS = []byte("https:")
	schemeFTP   = []byte("ftp:")
	prefixWWW   = []byte("www.")
)

// mayAutolink reports whether linkify could find a link in line, which
// starts at its trigger: linkify skips one trigger character, then wants
// a URL's scheme or "www.", or an e-mail address, whose "@" comes before
// any white space.
func mayAutolink(line []byte) bool {
	if len(line) == 0 {
		return false
	}
	switch line[0] {
	case ' ', '*', '_', '~', '(':
		line = line[1:]
	}
	if len(line) > 0 && (line[0] == 'h' || line[0] == 'f' || line[0] == 'w') &&
		(bytes.HasPrefix(line, schemeHTTP) || bytes.HasPrefix(line, schemeHTTPS) ||
			bytes.HasPrefix(line, schemeFTP) || bytes.HasPrefix(line, prefixWWW)) {
		return true
	}
	for _, c := range line {
		switch c {
		case '@':
			return true
		case ' ', '\t', '\n', '\r', '\f', '\v':
			return false
		}
	}
	return false
}
