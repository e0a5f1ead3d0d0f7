package search

import (
	"io/fs"
	"os"
	"reflect"
	"strings"
	"testing"

	"rightsguide/generator/markdown"
)

// slowSections is sections by the HTML tokeniser alone: the reference the
// quick scanner must match.
func slowSections(content []byte) []section {
	var s splitter
	s.init()
	tokenise(content, s.feed)
	return s.finish()
}

// scanned reports whether the quick scanner read all of content.
func scanned(content []byte) bool { return scanTokens(content, func(token) {}) }

func TestScanTokens(t *testing.T) {
	tests := []struct {
		name, html string
		scans      bool // the quick scanner reads it; otherwise the tokeniser does
	}{
		{"markdown output", `<h2 id="a">A <a class="anchor" href="#a">#</a></h2><p>x &amp; y&rsquo;s <em>z</em><br />w</p>`, true},
		{"upper case", `<H2 ID="a">A</H2><P CLASS='anchor'>x</P>`, true},
		{"bare attribute", `<input type="checkbox" checked disabled/> done`, true},
		{"comment", `<!-- note --><p>x</p>`, false},
		{"script", `<script>let a = "<p>";</script><p>x</p>`, true},
		{"unquoted", `<p id=a>x</p>`, false},
		{"entity in id", `<h2 id="a&amp;b">x</h2>`, false},
		{"custom element", `<my-el>x</my-el>`, false},
		{"lone less-than", `a < b`, false},
		{"repeated id", `<h2 id="a" id="b">x</h2>`, true},
		{"unfinished tag", `<p class="x`, false},
		{"NUL", "a\x00b", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := scanned([]byte(tt.html)); got != tt.scans {
				t.Errorf("scanned = %v, want %v", got, tt.scans)
			}
			if got, want := sections([]byte(tt.html)), slowSections([]byte(tt.html)); !reflect.DeepEqual(got, want) {
				t.Errorf("sections:\n got %q\nwant %q", got, want)
			}
		})
	}
}

// TestScanGuide renders every page of the bundled guide and checks that
// the quick scanner reads all of it, as the tokeniser does.
func TestScanGuide(t *testing.T) {
	md := markdown.New(markdown.Options{})
	n := 0
	err := fs.WalkDir(os.DirFS("../../content"), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		src, err := os.ReadFile("../../content/" + p)
		if err != nil {
			return err
		}
		html, err := md.Render(md.Parse(src), func(dest string) string { return dest })
		if err != nil {
			return err
		}
		n++
		if !scanned(html) {
			t.Errorf("%s: the quick scanner gave up", p)
		}
		if got, want := sections(html), slowSections(html); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: sections differ:\n got %q\nwant %q", p, got, want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 20 {
		t.Fatalf("read %d pages of the guide; expected its content folder", n)
	}
}

// FuzzSections holds the quick scanner to the tokeniser, on Markdown
// rendered as the site renders it (with and without raw HTML) and on the
// input taken as HTML.
func FuzzSections(f *testing.F) {
	for _, s := range []string{
		"# T\n\nIntro *em* & more\n\n## A\n\ntext[^1]\n\n[^1]: note\n",
		"## \"Quotes\" -- and... 'these'\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
		"> [!WARNING]\n> Careful <b>x</b>\n\n```go\nfunc f() {}\n```\n",
		"<div id=x>raw</div>\n\n<script>alert(1)</script>\n\n<!-- c -->\n",
		"- [x] done\n- [ ] todo\n\nTerm\n: Definition\n\n## مرحبا\n\nنص\n",
	} {
		f.Add(s)
	}
	safe, raw := markdown.New(markdown.Options{}), markdown.New(markdown.Options{AllowHTML: true})
	f.Fuzz(func(t *testing.T, src string) {
		for _, md := range []*markdown.Converter{safe, raw} {
			html, err := md.Render(md.Parse([]byte(src)), func(dest string) string { return dest })
			if err != nil {
				continue
			}
			if got, want := sections(html), slowSections(html); !reflect.DeepEqual(got, want) {
				t.Fatalf("sections of %q differ:\n got %q\nwant %q", html, got, want)
			}
		}
		if got, want := sections([]byte(src)), slowSections([]byte(src)); !reflect.DeepEqual(got, want) {
			t.Fatalf("sections of %q differ:\n got %q\nwant %q", src, got, want)
		}
	})
}

func BenchmarkSections(b *testing.B) {
	src, err := os.ReadFile("../../content/guidance/oman-case-study.md")
	if err != nil {
		b.Skip(err)
	}
	md := markdown.New(markdown.Options{})
	html, _ := md.Render(md.Parse(src), func(dest string) string { return dest })
	for _, c := range []struct {
		name string
		f    func([]byte) []section
	}{{"scanner", sections}, {"tokeniser", slowSections}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(html)))
			for b.Loop() {
				c.f(html)
			}
		})
	}
}
