package search

import (
	"reflect"
	"testing"
)

func TestSections(t *testing.T) {
	html := `<p>Intro <em>text</em> with a note.<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup></p>
<h2 id="art-17">Article 17 <a class="anchor" href="#art-17" aria-label="Link to this section: Article 17">#</a></h2>
<p>Privacy.</p><ul><li>one</li><li>two</li></ul>
<pre><code>func skipped() {}</code></pre>
<h3>No id: stays in the section</h3>
<h4 id="deep">Deep &amp; deeper</h4>
<table><tr><td>cell</td><td>row</td></tr></table>
<h2 id="empty"></h2>
<div class="footnotes"><ol><li id="fn:1">A source.&#160;<a href="#fnref:1" class="footnote-backref" role="doc-backlink">↩︎</a></li></ol></div>`
	got := sections([]byte(html))
	want := []section{
		{Text: "Intro text with a note."},
		{ID: "art-17", Heading: "Article 17", Text: "Privacy. one two No id: stays in the section"},
		{ID: "deep", Heading: "Deep & deeper", Text: "cell row"},
		{ID: "empty", Text: "A source.\u00a0"}, // a heading without text is still a place to link to
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sections:\n got %q\nwant %q", got, want)
	}
}
