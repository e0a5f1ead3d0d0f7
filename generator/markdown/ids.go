package markdown

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Heading ids are given after inline parsing, by an AST transformer, rather
// than by goldmark's AutoHeadingID option, for two reasons:
//   - the id comes from the heading's text, not from its Markdown source
//     ("See [ICCPR](../iccpr/)" gives "see-iccpr", not "see-iccpr-iccpr");
//   - every explicit {#id} is reserved before any id is generated, so an
//     explicit id wins even over an earlier heading with the same text.

var (
	_ parser.IDs            = (*headingIDs)(nil)
	_ goldmark.Extender     = headingIDExtension{}
	_ parser.ASTTransformer = headingIDExtension{}
)

// headingIDs is the set of ids used in one page. Parse gives every page a
// new one through parser.WithIDs.
type headingIDs struct {
	used map[string]bool
	next map[string]int // last suffix tried for a base id
}

func newHeadingIDs() *headingIDs {
	return &headingIDs{used: map[string]bool{}, next: map[string]int{}}
}

// Generate implements parser.IDs: the slug of value, made unique.
func (s *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	return []byte(s.unique(slug(string(value))))
}

// Put implements parser.IDs: value is taken as it is.
func (s *headingIDs) Put(value []byte) {
	s.used[string(value)] = true
}

// unique returns base, or base-1, base-2... whichever is still free, and
// marks it as used.
func (s *headingIDs) unique(base string) string {
	if !s.used[base] {
		s.used[base] = true
		return base
	}
	for i := s.next[base] + 1; ; i++ {
		id := base + "-" + strconv.Itoa(i)
		if !s.used[id] {
			s.used[id] = true
			s.next[base] = i
			return id
		}
	}
}

// slug turns a heading's plain text into an id that stays readable in every
// script: case-folded and NFC-normalised, letters, digits and combining marks
// kept, Arabic tashkeel and tatweel and invisible format characters (bidi
// marks, ZWNJ, soft hyphen) dropped, and every run of anything else (spaces,
// punctuation, symbols) turned into one "-". An empty result is "section".
func slug(s string) string {
	s = norm.NFC.String(cases.Fold().String(s))
	var b strings.Builder
	b.Grow(len(s))
	sep := false // a separator is pending
	for _, r := range s {
		switch {
		case isArabicDiacritic(r) || unicode.Is(unicode.Cf, r):
			// dropped without splitting the word
		case unicode.IsLetter(r) || unicode.IsNumber(r):
			if sep && b.Len() > 0 {
				b.WriteByte('-')
			}
			sep = false
			b.WriteRune(r)
		case unicode.IsMark(r) && !sep && b.Len() > 0:
			// a combining mark belongs to the letter before it (é in NFD,
			// Devanagari vowel signs); a stray one, such as an emoji's
			// variation selector, is a separator like the emoji itself
			b.WriteRune(r)
		default:
			sep = true
		}
	}
	if b.Len() == 0 {
		return "section"
	}
	return b.String()
}

// isArabicDiacritic reports whether r is tashkeel (U+064B–U+065F, U+0670)
// or tatweel (U+0640), which readers don't type and ids leave out.
func isArabicDiacritic(r rune) bool {
	return (r >= 0x064B && r <= 0x065F) || r == 0x0670 || r == 0x0640
}

// headingIDExtension gives every heading its final, unique id.
type headingIDExtension struct{}

// Extend implements goldmark.Extender.
func (e headingIDExtension) Extend(m goldmark.Markdown) {
	// After the footnote transformer (999) has moved the footnotes to the
	// end, so ids follow the rendered order.
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(e, 1100)))
}

// Transform implements parser.ASTTransformer.
func (headingIDExtension) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	ids, ok := pc.IDs().(*headingIDs)
	if !ok {
		ids = newHeadingIDs()
	}
	src := reader.Source()
	var auto []*ast.Heading
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		explicit, _ := h.AttributeString("id")
		id := attrString(explicit)
		if id == "" {
			auto = append(auto, h)
			return ast.WalkSkipChildren, nil
		}
		// An explicit id is kept as written; only a second heading with the
		// same explicit id gets a suffix, so ids stay unique.
		if unique := ids.unique(id); unique != id {
			h.SetAttributeString("id", []byte(unique))
		}
		return ast.WalkSkipChildren, nil
	})
	for _, h := range auto {
		h.SetAttributeString("id", ids.Generate([]byte(inlineText(h, src)), ast.KindHeading))
	}
}

// attrString reads an attribute value as goldmark stores it.
func attrString(v any) string {
	switch v := v.(type) {
	case []byte:
		return string(v)
	case string:
		return v
	}
	return ""
}
