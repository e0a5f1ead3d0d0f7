package render

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestIsForeign(t *testing.T) {
	for _, tc := range []struct {
		url  string
		want bool
	}{
		{"style.css", false},
		{"../img/a.png", false},
		{"/abs/path.png", false},
		{"#top", false},
		{"a.png?x=1:2", false},
		{"data:image/png;base64,AAAA", false},
		{"about:blank", false},
		{"https://cdn.example.com/x.js", true},
		{"HTTP://cdn.example.com/x.js", true},
		{"//cdn.example.com/x.js", true},
		{`\\cdn.example.com/x.js`, true},
		{`/\cdn.example.com/x.js`, true},
		{" \thttps://cdn.example.com/x.js ", true},
		{"ht\ntps://cdn.example.com/x.js", true},
		{"ftp://files.example.com/a", true},
		{"wss://socket.example.com/", true},
		{"", false},
	} {
		if got := isForeign(tc.url); got != tc.want {
			t.Errorf("isForeign(%q) = %v, want %v", tc.url, got, tc.want)
		}
	}
}

func TestForeignInHTML(t *testing.T) {
	for _, tc := range []struct {
		name, html string
		want       []string // What + " " + URL
	}{
		{"links out are fine", `<a href="https://example.org/">x</a><link rel="canonical" href="https://example.org/"><link rel="alternate" hreflang="ar" href="https://example.org/ar/">`, nil},
		{"own files are fine", `<img src="a.png" srcset="a.png 1x, b.png 2x"><link rel="stylesheet" href="style.css"><script src="s.js"></script>`, nil},
		{"stylesheet", `<link href="https://cdn.example.com/a.css" rel="stylesheet">`, []string{`<link rel="stylesheet"> https://cdn.example.com/a.css`}},
		{"icon and preload", `<link rel="icon" href="//x.example/i.png"><link rel="preload" as="font" href="https://f.example/f.woff2">`,
			[]string{`<link rel="icon"> //x.example/i.png`, `<link rel="preload"> https://f.example/f.woff2`}},
		{"preconnect leaks too", `<link rel="preconnect" href="https://fonts.example.com">`, []string{`<link rel="preconnect"> https://fonts.example.com`}},
		{"script", `<script src="https://an.example/a.js"></script>`, []string{"<script src> https://an.example/a.js"}},
		{"srcset", `<picture><source srcset="https://i.example/a.webp 1x"><img src="a.png" alt=""></picture>`, []string{"<source srcset> https://i.example/a.webp"}},
		{"poster", `<video poster="https://i.example/p.jpg" src="v.mp4"></video>`, []string{"<video poster> https://i.example/p.jpg"}},
		{"iframe", `<iframe src="https://v.example/embed"></iframe>`, []string{"<iframe src> https://v.example/embed"}},
		{"object and embed", `<object data="https://o.example/x.swf"></object><embed src="https://e.example/y">`,
			[]string{"<object data> https://o.example/x.swf", "<embed src> https://e.example/y"}},
		{"svg", `<svg><image href="https://i.example/a.png"/><use xlink:href="https://i.example/s.svg#a"/></svg>`,
			[]string{"<image href> https://i.example/a.png", "<use xlink:href> https://i.example/s.svg#a"}},
		{"style attribute", `<p style="background:url(https://t.example/p.gif)">x</p>`, []string{"<p style> https://t.example/p.gif"}},
		{"style element", `<style>@import url("https://f.example/a.css");</style>`, []string{"CSS url() https://f.example/a.css"}},
		{"noscript", `<noscript><img src="https://t.example/n.gif"></noscript>`, []string{"<img src> https://t.example/n.gif"}},
		{"ping", `<a href="x.html" ping="p https://t.example/ping">x</a>`, []string{"<a ping> https://t.example/ping"}},
		{"refresh", `<meta content="0; URL='https://else.example/'" http-equiv="Refresh">`, []string{`<meta http-equiv="refresh"> https://else.example/`}},
		{"refresh inside the site", `<meta http-equiv="refresh" content="0; url=../x/index.html">`, nil},
		{"entities", `<img src="https&#58;//t.example/e.gif">`, []string{"<img src> https://t.example/e.gif"}},
		{"no slashes", `<script src="https:cdn.example.com/x.js"></script>`, []string{"<script src> https:cdn.example.com/x.js"}},
		{"split by a newline", "<img src=\"/\n/t.example/n.gif\">", []string{"<img src> /\n/t.example/n.gif"}},
		{"footnotes are not schemes", `<sup id="fnref:1"><a href="#fn:1" aria-label="see: note">1</a></sup>`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, r := range foreignInHTML([]byte(tc.html)) {
				got = append(got, r.What+" "+r.URL)
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestForeignInCSS(t *testing.T) {
	for _, tc := range []struct {
		name, css string
		want      []string
	}{
		{"local", `a { background: url(img/a.png) } b { background: url("data:image/png;base64,AA") }`, nil},
		{"comment", `/* url(https://x.example/a.png) */`, nil},
		{"string", `a::after { content: "url(https://x.example/a.png)" }`, nil},
		{"url", `a { background: url( 'https://x.example/a.png' ) }`, []string{"CSS url() https://x.example/a.png"}},
		{"unquoted", `a{background:URL(//x.example/a.png)}`, []string{"CSS url() //x.example/a.png"}},
		{"escaped", `a { background: url(h\74 tps://x.example/a.png) }`, []string{"CSS url() https://x.example/a.png"}},
		{"import", `@import 'https://f.example/a.css' screen;`, []string{"CSS @import https://f.example/a.css"}},
		{"font", `@font-face { font-family: X; src: local(X), url(https://f.example/x.woff2) format("woff2") }`, []string{"CSS url() https://f.example/x.woff2"}},
		{"image-set", `a { background: image-set("a.png" 1x, "https://x.example/b.png" 2x) }`, []string{"CSS image-set() https://x.example/b.png"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, r := range foreignInCSS([]byte(tc.css), 0) {
				got = append(got, r.What+" "+r.URL)
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
		})
	}
}

// FuzzForeign feeds the HTML and CSS scanners anything: they must not
// panic, and offsets must stay inside the input.
func FuzzForeign(f *testing.F) {
	for _, s := range []string{`<img src="https://x/a">`, `<link rel="stylesheet" href="//x/a.css"><p style="background:url(https://x)">`,
		`<meta http-equiv="refresh" content="0; url=https://x"><img srcset="a 1x, https://x/b 2x">`, `<img src="a.png" SRC="https://x/b.png"><IMG SRC="//x/c.png">`, `a{background:url(//x/a)}`, `<style>@import "x`, `url(`, `"\`, `image-set(("`, `\`, `<noscript><svg><use xlink:href=//a>`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, r := range append(foreignInHTML([]byte(s)), foreignInCSS([]byte(s), 0)...) {
			if r.Offset < 0 || r.Offset > len(s) {
				t.Fatalf("offset %d outside %d bytes", r.Offset, len(s))
			}
			if !isForeign(r.URL) {
				t.Fatalf("reported %q, which is not foreign", r.URL)
			}
		}
		if refs, ok := foreignInScanned([]byte(s)); ok && !reflect.DeepEqual(refs, foreignInTokens([]byte(s))) {
			t.Fatalf("htmlscan and the tokeniser disagree:\n%+v\n%+v", refs, foreignInTokens([]byte(s)))
		}
		_ = cssUnescape(s)
		if utf8.ValidString(s) && !utf8.ValidString(cssUnescape(s)) && !strings.Contains(s, `\`) {
			t.Fatal("cssUnescape broke valid text")
		}
	})
}
