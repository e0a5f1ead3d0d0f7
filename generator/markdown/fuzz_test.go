package markdown

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"golang.org/x/tools/txtar"
)

// FuzzParseRender: any input parses and renders without panicking, gives
// valid UTF-8 for valid UTF-8 input, and renders the same bytes twice.
func FuzzParseRender(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.txtar")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, tf := range txtar.Parse(data).Files {
			if filepath.Ext(tf.Name) == ".md" {
				f.Add(tf.Data, false)
			}
		}
	}
	f.Add([]byte(benchPage), true)
	f.Add([]byte("> [!NOTE]\n> > [!TIP]\n> > x\n"), true)
	f.Add([]byte("#\xff\x00 {#}\n\n[a](<\x00>)"), false)
	converters := map[bool]*Converter{false: New(Options{}), true: New(Options{AllowHTML: true})}
	f.Fuzz(func(t *testing.T, src []byte, allowHTML bool) {
		c := converters[allowHTML]
		d := c.Parse(src)
		rewrite := func(dest string) string { return dest }
		first, err := c.Render(d, rewrite)
		if err != nil {
			t.Fatalf("Render: %v", err)
		}
		second, err := c.Render(d, rewrite)
		if err != nil {
			t.Fatalf("Render again: %v", err)
		}
		if !bytes.Equal(first, second) {
			t.Fatalf("Render is not deterministic:\n%q\n%q", first, second)
		}
		if utf8.Valid(src) {
			if !utf8.Valid(first) {
				t.Fatalf("invalid UTF-8 output for valid input %q:\n%q", src, first)
			}
			if !utf8.ValidString(d.Title) {
				t.Fatalf("invalid UTF-8 text for valid input %q", src)
			}
			for _, h := range d.Headings {
				if !utf8.ValidString(h.ID) {
					t.Fatalf("invalid UTF-8 id %q", h.ID)
				}
			}
		}
		seen := map[string]bool{}
		for _, h := range d.Headings {
			if h.ID == "" || seen[h.ID] {
				t.Fatalf("empty or duplicate heading id %q in %q", h.ID, src)
			}
			seen[h.ID] = true
		}
	})
}
