package htmlscan

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	nethtml "golang.org/x/net/html"
)

// listing is a token listing, to compare two readers: one line per tag,
// runs of text joined into one line.
type listing struct {
	lines []string
	text  []byte
}

func (l *listing) addText(b []byte) { l.text = append(l.text, b...) }

func (l *listing) add(line string) {
	l.flush()
	l.lines = append(l.lines, line)
}

func (l *listing) done() []string {
	l.flush()
	return l.lines
}

func (l *listing) flush() {
	if len(l.text) > 0 {
		l.lines = append(l.lines, "text "+string(l.text))
		l.text = nil
	}
}

// tokens lists what the tokeniser reads, with CR LF as LF (Text's own
// rule) and attributes decoded.
func tokens(b []byte) []string {
	z := nethtml.NewTokenizer(bytes.NewReader(b))
	var l listing
	for {
		tt := z.Next()
		switch tt {
		case nethtml.ErrorToken:
			return l.done()
		case nethtml.TextToken:
			l.addText(z.Text())
		case nethtml.CommentToken, nethtml.DoctypeToken:
			l.add(tt.String())
		default:
			name, more := z.TagName()
			line := tt.String() + " " + string(name)
			for more && tt != nethtml.EndTagToken {
				var k, v []byte
				k, v, more = z.TagAttr()
				line += fmt.Sprintf(" %s=%q", k, v)
			}
			l.add(line)
		}
	}
}

// scanned lists what Scan reads, in the form of tokens.
func scanned(b []byte) ([]string, bool) {
	var l listing
	ok := Scan(b, func(t Token) {
		switch t.Type {
		case nethtml.TextToken:
			s := lf(string(t.Raw))
			if !t.RawText {
				s = nethtml.UnescapeString(s)
			}
			l.addText([]byte(s))
		case nethtml.DoctypeToken:
			l.add(t.Type.String())
		default:
			line := t.Type.String() + " " + t.Atom.String()
			if t.Type != nethtml.EndTagToken {
				t.Attrs(func(k, v []byte) bool {
					val := string(v)
					if bytes.IndexByte(v, '&') >= 0 { // attribute entities decode by their own rules
						val = attrUnescape(v)
					}
					line += fmt.Sprintf(" %s=%q", k, lf(val))
					return true
				})
			}
			l.add(line)
		}
	})
	return l.done(), ok
}

// lf writes line breaks as the tokeniser does: CR LF and CR as LF.
func lf(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n") }

// attrUnescape decodes an attribute value with the tokeniser itself.
func attrUnescape(v []byte) string {
	z := nethtml.NewTokenizer(strings.NewReader(`<a x="` + string(v) + `">`))
	z.Next()
	z.TagName()
	_, val, _ := z.TagAttr()
	return string(val)
}

func TestScan(t *testing.T) {
	tests := []struct {
		name, html string
		scans      bool
	}{
		{"page", `<html lang="en"><head><title>A &amp; B</title><script src="a.js" defer></script></head><body class="x"><p>t&rsquo;s<br/>x</p></body></html>`, true},
		{"upper case", `<H2 ID="a">A</H2><P CLASS='anchor'>x</P>`, true},
		{"bare attribute", `<input type="checkbox" checked disabled/> done`, true},
		{"style", `<style>a > b { color: red }</style><p>x</p>`, true},
		{"script with markup", `<script>if (a<b) x = "</p>";</script>`, true},
		{"script escape", `<script><!-- x --></script>`, false},
		{"self-closing script", `<script/>x`, false},
		{"plaintext", `<plaintext></plaintext>`, false},
		{"comment", `<!-- note --><p>x</p>`, false},
		{"doctype", `<!doctype HTML><p>x</p>`, true},
		{"other doctype", `<!DOCTYPE html PUBLIC "x"><p>x</p>`, false},
		{"unquoted", `<p id=a>x</p>`, false},
		{"custom element", `<my-el>x</my-el>`, false},
		{"lone less-than", `a < b`, false},
		{"unfinished tag", `<p class="x`, false},
		{"unfinished title", `<title>x`, false},
		{"NUL", "a\x00b", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := scanned([]byte(tt.html))
			if ok != tt.scans {
				t.Fatalf("Scan = %v, want %v", ok, tt.scans)
			}
			if want := tokens([]byte(tt.html)); ok && strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("tokens:\n got %q\nwant %q", got, want)
			}
		})
	}
}

func TestAttr(t *testing.T) {
	var tag Token
	Scan([]byte(`<a ID="one" class='c' id="two" hidden>`), func(t Token) { tag = t })
	if v, ok := tag.Attr("id"); !ok || string(v) != "one" {
		t.Errorf(`Attr("id") = %q, %v; want the first, "one"`, v, ok)
	}
	if _, ok := tag.Attr("hidden"); !ok {
		t.Error(`Attr("hidden") not found`)
	}
	if _, ok := tag.Attr("href"); ok {
		t.Error(`Attr("href") found`)
	}
}

// FuzzScan holds Scan to the tokeniser: wherever it reads all of an
// input, it reads the same tokens.
func FuzzScan(f *testing.F) {
	for _, s := range []string{
		`<p>a &amp; b</p>`, `<h2 id="x">T <a class="anchor" href="#x">#</a></h2>`,
		`<title>t</title><style>p{}</style><script src="a"></script>`,
		`<img src="https://x/a.png" srcset='a 1x, b 2x'/>`, `<textarea>&lt;b&gt;</TEXTAREA >`,
		"<p\tclass=\"a\"\r\n>x\r\ny</p >", `<br/><hr><input disabled>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := scanned([]byte(s))
		if !ok {
			return
		}
		if want := tokens([]byte(s)); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("%q:\n got %q\nwant %q", s, got, want)
		}
	})
}
