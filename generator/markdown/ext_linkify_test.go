package markdown

import (
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// linkifyFinds reports whether goldmark's own linkify makes a link at the
// start of line.
func linkifyFinds(line []byte) bool {
	if len(line) == 0 {
		return false
	}
	return extension.NewLinkifyParser().Parse(ast.NewParagraph(), text.NewReader(line), parser.NewContext()) != nil
}

func TestMayAutolink(t *testing.T) {
	for _, tc := range []struct {
		line string
		want bool // linkify makes a link here
	}{
		{"https://example.org/a", true},
		{" http://example.org", true},
		{"(www.example.org)", true},
		{"*ftp://example.org*", true},
		{" someone@example.org.", true},
		{"(a.b+c@example.org)", true},
		{"_a@example.org_", false}, // linkify refuses an address followed by "_"
		{" privacy and rights", false},
		{" example.org", false},
		{" mail me at", false},
		{"~strike~", false},
		{" a@b", false}, // an "@" but no dot after it: linkify looks and finds nothing
		{" HTTP://example.org", false},
	} {
		if got := linkifyFinds([]byte(tc.line)); got != tc.want {
			t.Errorf("linkify on %q: %v, the table says %v", tc.line, got, tc.want)
		}
		if tc.want && !mayAutolink([]byte(tc.line)) {
			t.Errorf("mayAutolink(%q) = false, but linkify makes a link there", tc.line)
		}
		if !mayAutolink([]byte(tc.line)) && linkifyFinds([]byte(tc.line)) {
			t.Errorf("mayAutolink(%q) passes over a link", tc.line)
		}
	}
	if mayAutolink([]byte(" privacy and rights")) {
		t.Error("a plain word goes to linkify: the filter saves nothing")
	}
}

// FuzzMayAutolink: the filter never passes over a place where goldmark's
// linkify would make a link.
func FuzzMayAutolink(f *testing.F) {
	for _, s := range []string{"https://example.org", " www.example.org", "(a@example.org)", " word", "_x@y.z_", "\tftp://a.b", " a\n@b.c"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		if linkifyFinds(line) && !mayAutolink(line) {
			t.Errorf("mayAutolink(%q) = false, but linkify makes a link there", line)
		}
	})
}
