package markdown

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestHighlightCSS(t *testing.T) {
	css := HighlightCSS()
	if !bytes.Equal(css, HighlightCSS()) {
		t.Error("HighlightCSS is not deterministic")
	}
	s := string(css)
	light, dark, ok := strings.Cut(s, "@media (prefers-color-scheme: dark) {\n")
	if !ok || !strings.HasSuffix(dark, "}\n") {
		t.Fatalf("no dark-mode block:\n%s", s)
	}
	for _, part := range []string{light, dark} {
		for _, sel := range []string{".chroma {", ".chroma .k {", ".chroma .s {"} {
			if !strings.Contains(part, sel) {
				t.Errorf("a theme lacks %q", sel)
			}
		}
	}
	if strings.Contains(s, "style=") || !utf8.Valid(css) {
		t.Error("unexpected CSS content")
	}
}
