package render

import (
	"testing"

	"rightsguide/generator/content"
)

func TestPrintRewrite(t *testing.T) {
	iccpr := &content.Page{URL: "treaties/iccpr/"}
	cedaw := &content.Page{URL: "treaties/cedaw/"}
	home := &content.Page{URL: ""}
	pages := []*content.Page{home, iccpr, cedaw}
	anchors := printAnchors(pages, "")
	byURL := map[string]*content.Page{"": home, "treaties/iccpr/": iccpr, "treaties/cedaw/": cedaw}
	pr := printRewriter{page: iccpr, anchor: anchors[iccpr], anchors: anchors, byURL: byURL,
		rel:     func(to string) string { return content.RelURL("print/", to, true) },
		relFile: func(to string) string { return content.RelURL("print/", to, false) }}

	for _, tc := range []struct{ in, want string }{
		{"#article-17", "#p-treaties-iccpr--article-17"},
		{"#fn:1", "#p-treaties-iccpr--fn:1"},
		{"../cedaw/index.html", "#p-treaties-cedaw"},
		{"../cedaw/index.html#article-2", "#p-treaties-cedaw--article-2"},
		{"index.html#top", "#p-treaties-iccpr--top"},
		{"../../index.html", "#p-home"},
		{"../../search/index.html", "../search/index.html"},
		{"chart.png", "../treaties/iccpr/chart.png"},
		{"../../files/report.pdf#page=2", "../files/report.pdf#page=2"},
		{"https://example.org/x", "https://example.org/x"},
		{"mailto:a@example.org", "mailto:a@example.org"},
	} {
		if got := pr.url(tc.in); got != tc.want {
			t.Errorf("url(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}

	body := `<h2 id="a">A <a class="anchor" href="#a" aria-label="Link: A">#</a></h2>
<p>See <a href="../cedaw/index.html">CEDAW</a>.<sup id="fnref:1"><a href="#fn:1">1</a></sup></p>
<h1>Big</h1><h6>Small</h6><label for="x">x</label><img src="chart.png" alt="">`
	want := `<h3 id="p-treaties-iccpr--a">A <a class="anchor" href="#p-treaties-iccpr--a" aria-label="Link: A">#</a></h3>
<p>See <a href="#p-treaties-cedaw">CEDAW</a>.<sup id="p-treaties-iccpr--fnref:1"><a href="#p-treaties-iccpr--fn:1">1</a></sup></p>
<h2>Big</h2><h6>Small</h6><label for="p-treaties-iccpr--x">x</label><img src="../treaties/iccpr/chart.png" alt="">`
	if got := string(pr.rewrite([]byte(body))); got != want {
		t.Errorf("rewrite:\n got %s\nwant %s", got, want)
	}
}

func TestPrintAnchorsUnique(t *testing.T) {
	a := &content.Page{URL: "a/b-c/"}
	b := &content.Page{URL: "a-b/c/"}
	ar := &content.Page{URL: "ar/"}
	got := printAnchors([]*content.Page{a, b, ar}, "ar/")
	if got[a] != "p-a-b-c" || got[b] != "p-a-b-c-2" {
		t.Errorf("anchors %q %q, want p-a-b-c and p-a-b-c-2", got[a], got[b])
	}
	if got[ar] != "p-home" {
		t.Errorf("the language's home is %q, want p-home", got[ar])
	}
}
