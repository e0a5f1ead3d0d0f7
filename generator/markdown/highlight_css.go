package markdown

import (
	"bytes"
	"strings"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
)

// Highlighting themes: chosen for contrast on white and on a dark page.
const (
	lightTheme = "github"
	darkTheme  = "github-dark"
)

// HighlightCSS returns the stylesheet for highlighted code: the light theme,
// then the dark theme inside @media (prefers-color-scheme: dark). The bytes
// are the same on every call.
func HighlightCSS() []byte {
	f := chromahtml.New(chromahtml.WithClasses(true), chromahtml.WithCSSComments(false))
	var light, dark bytes.Buffer
	// WriteCSS only fails when its writer does, and a bytes.Buffer doesn't.
	_ = f.WriteCSS(&light, styles.Get(lightTheme))
	_ = f.WriteCSS(&dark, styles.Get(darkTheme))

	var b bytes.Buffer
	b.WriteString("/* Code highlighting (chroma): " + lightTheme + ", and " + darkTheme + " in dark mode. */\n")
	b.Write(light.Bytes())
	b.WriteString("@media (prefers-color-scheme: dark) {\n")
	// A token the light theme styles and the dark one leaves alone would keep
	// its light colour on a dark background: reset every token first. The
	// selector has the same specificity as ".chroma .k" and comes later, so
	// it beats the light rules; the dark rules below come later still.
	b.WriteString("  .chroma [class] { color: inherit; background-color: transparent; font-weight: inherit; font-style: inherit; text-decoration: inherit }\n")
	for _, line := range strings.SplitAfter(dark.String(), "\n") {
		if line != "" {
			b.WriteString("  " + line)
		}
	}
	b.WriteString("}\n")
	return b.Bytes()
}
