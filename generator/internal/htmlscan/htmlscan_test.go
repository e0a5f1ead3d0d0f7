package htmlscan

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	nethtml "golang.org/x/net/html"
)

// tokens lists what the tokeniser reads: one line per token, text runs
// joined and with CR LF as LF (Text's own rule), attributes decoded.
func tokens(b []byte) []string {
	z := nethtml.NewTokenizer(bytes.NewReader(b))
	var out []string
	var text []byte
	flush := func() {
		if len(text) > 0 {
			out = append(out, "text "+string(text))
			text = nil
		}
	}
	for {
		tt := z.Next()
		switch tt {
		case nethtml.ErrorToken:
			flush()
			return out
		case nethtml.TextToken:
			text = append(text, z.Text()...)
		case nethtml.CommentToken, nethtml.DoctypeToken:
			flush()
			out = append(out, tt.String())
		default:
			flush()
			name, more := z.TagName()
			line := tt.String() + " " + string(name)
			for more && tt != nethtml.EndTagToken {
				var k, v []byte
				k, v, more = z.TagAttr()
				line += fmt.Sprintf(" %s=%q", k, v)
			}
			out = append(out, line)
		}
	}
}

// scanned lists what Scan reads, in the form of tokens.
func scanned(tb testing.TB, b []byte) ([]string, bool) {
	var out []string
	var text []byte
	flush := func() {
		if len(text) > 0 {
			out = append(out, "text "+string(text))
			text = nil
		}
	}
	ok := Scan(b, func(t Token) {
		tb.Helper()
		if t.Type == nethtml.TextToken {
			s := strings.ReplaceAll(strings.ReplaceAll(string(t.Raw), "\r\n", "\n"), "\r", "\n")
			if !t.RawText {
				s = nethtml.UnescapeString(s)
			}
			text = append(text, s...)
			return
		}
		flush()
		if t.Type == nethtml.DoctypeToken {
			out = append(out, t.Type.String())
			return
		}
		line := t.Type.String() + " " + t.Atom.String()
		if t.Type != nethtml.EndTagToken {
			t.Attrs(func(k, v []byte) bool {
				val := string(v)
				if bytes.IndexByte(v, '&') >= 0 { // attribute entities decode by their own rules
					val = attrUnescape(v)
				}
				line += fmt.Sprintf(" %s=%q", k, strings.ReplaceAll(strings.ReplaceAll(val, "\r\n", "\n"), "\r", "\n"))
				return true
			})
		}
		out = append(out, line)
	})
	flush()
	return out, ok
}

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
			got, ok := scanned(t, []byte(tt.html))
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
		got, ok := scanned(t, []byte(s))
		if !ok {
			return
		}
		if want := tokens([]byte(s)); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("%q:\n got %q\nwant %q", s, got, want)
		}
	})
}
