package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestParseFacts(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		src  string
		want Doc
	}{
		{
			name: "empty",
			src:  "",
			want: Doc{},
		},
		{
			name: "title and headings",
			src:  "# The *Title*\n\nIntro.\n\n## Part one\n\n### Sub {#sub}\n\n# Second h1\n",
			want: Doc{
				Title: "The Title",
				Headings: []Heading{
					{Level: 1, ID: "the-title", Text: "The Title", Line: 1},
					{Level: 2, ID: "part-one", Text: "Part one", Line: 5},
					{Level: 3, ID: "sub", Text: "Sub", Line: 7},
					{Level: 1, ID: "second-h1", Text: "Second h1", Line: 9},
				},
				IDs: []string{"the-title", "part-one", "sub", "second-h1"},
			},
		},
		{
			name: "title is the first h1, wherever it is",
			src:  "## Before\n\nText\n===\n",
			want: Doc{
				Title: "Text",
				Headings: []Heading{
					{Level: 2, ID: "before", Text: "Before", Line: 1},
					{Level: 1, ID: "text", Text: "Text", Line: 3},
				},
				IDs: []string{"before", "text"},
			},
		},
		{
			name: "arabic heading",
			src:  "# حُقُوقُ الإِنْسَانِ\n",
			want: Doc{
				Title:    "حُقُوقُ الإِنْسَانِ",
				Headings: []Heading{{Level: 1, ID: "حقوق-الإنسان", Text: "حُقُوقُ الإِنْسَانِ", Line: 1}},
				IDs:      []string{"حقوق-الإنسان"},
			},
		},
		{
			name: "links with positions",
			src: "See [one](a.md) and ![img](i.png).\n" +
				"حقوق [عربي](ar.md)\n" +
				"> quoted [q](q.md)\n" +
				"\n" +
				"Ref [r][x], https://example.org and <b@example.org>.[^1]\n" +
				"\n" +
				"[^1]: Note [fn](fn.md).\n" +
				"\n" +
				"[x]: ref.md\n" +
				"\n" +
				"| [cell](c.md) |\n|---|\n",
			want: Doc{
				Links: []Link{
					{Dest: "a.md", Line: 1, Col: 5},
					{Dest: "i.png", Line: 1, Col: 21, Image: true},
					{Dest: "ar.md", Line: 2, Col: 6},
					{Dest: "q.md", Line: 3, Col: 10},
					{Dest: "ref.md", Line: 5, Col: 5},
					{Dest: "https://example.org", Line: 5, Col: 13},
					{Dest: "mailto:b@example.org", Line: 5, Col: 37},
					{Dest: "fn.md", Line: 7, Col: 12},
					{Dest: "c.md", Line: 11, Col: 3},
				},
				IDs: []string{"fnref:1", "fn:1"},
			},
		},
		{
			name: "link destinations as meant",
			src:  "[a](a\\_b.md) [b](<my page.md>) [c](c&amp;d.md#frag) www.example.org",
			want: Doc{
				Links: []Link{
					{Dest: "a_b.md", Line: 1, Col: 1},
					{Dest: "my page.md", Line: 1, Col: 14},
					{Dest: "c&d.md#frag", Line: 1, Col: 32},
					{Dest: "http://www.example.org", Line: 1, Col: 53},
				},
			},
		},
		{
			name: "footnote ids",
			src:  "## Notes\n\nOne[^a], two[^b], one again[^a].\n\n[^a]: A.\n[^b]: B.\n[^c]: unused.\n",
			want: Doc{
				Headings: []Heading{{Level: 2, ID: "notes", Text: "Notes", Line: 1}},
				IDs:      []string{"notes", "fnref:1", "fnref:2", "fnref1:1", "fn:1", "fn:2"},
			},
		},
		{
			name: "raw html ids only when allowed",
			src:  "<a id=\"old\"></a> <span data-id=\"no\" ID='kept'>x</span>\n\n<div id=block>\n</div>\n",
			want: Doc{},
		},
		{
			name: "raw html ids when allowed",
			opts: Options{AllowHTML: true},
			src:  "<a id=\"old\"></a> <span data-id=\"no\" ID='kept'>x</span>\n\n<div id=block>\n</div>\n",
			want: Doc{IDs: []string{"old", "kept", "block"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := New(tt.opts).Parse([]byte(tt.src))
			opts := cmp.Options{
				cmpopts.IgnoreUnexported(Doc{}),
				cmpopts.EquateEmpty(),
			}
			if d := cmp.Diff(&tt.want, d, opts); d != "" {
				t.Errorf("Parse(%q) (-want +got):\n%s", tt.src, d)
			}
		})
	}
}

// TestRenderRewrite checks that Render keeps the original destinations:
// rendering again with another rewrite gives that rewrite's result.
func TestRenderRewrite(t *testing.T) {
	c := New(Options{})
	d := c.Parse([]byte("[a](a.md) ![i](i.png) [ext](https://example.org) <https://auto.example.org>\n"))
	var seen []string
	upper := func(dest string) string { seen = append(seen, dest); return strings.ToUpper(dest) }
	prefix := func(dest string) string { return "/p/" + dest }

	first, err := c.Render(d, upper)
	if err != nil {
		t.Fatal(err)
	}
	second, err := c.Render(d, prefix)
	if err != nil {
		t.Fatal(err)
	}
	again, err := c.Render(d, upper)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := c.Render(d, nil)
	if err != nil {
		t.Fatal(err)
	}

	for _, want := range []string{`href="A.MD"`, `src="I.PNG"`, `href="HTTPS://EXAMPLE.ORG"`} {
		if !strings.Contains(string(first), want) {
			t.Errorf("first render lacks %s:\n%s", want, first)
		}
	}
	// Whether a link is external is decided from what the author wrote, not
	// from what the rewrite returns.
	for _, want := range []string{`href="/p/a.md"`, `src="/p/i.png"`, `<a href="/p/https://example.org" class="external"`} {
		if !strings.Contains(string(second), want) {
			t.Errorf("second render lacks %s:\n%s", want, second)
		}
	}
	if !bytes.Equal(first, again) {
		t.Errorf("rendering again with the same rewrite differs:\n%s\n%s", first, again)
	}
	if !strings.Contains(string(plain), `href="a.md"`) {
		t.Errorf("nil rewrite changed destinations:\n%s", plain)
	}
	// rewrite sees exactly Doc.Links, in order.
	var dests []string
	for _, l := range d.Links {
		dests = append(dests, l.Dest)
	}
	if d := cmp.Diff(dests, seen[:len(dests)]); d != "" {
		t.Errorf("rewrite saw other destinations than Doc.Links (-links +seen):\n%s", d)
	}
}

// TestConcurrent parses and renders from many goroutines with one
// Converter, and renders one Doc concurrently; run with -race.
func TestConcurrent(t *testing.T) {
	c := New(Options{})
	src := []byte(benchPage)
	shared := c.Parse(src)
	want, err := c.Render(shared, nil)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Go(func() {
			d := shared
			if i%2 == 0 {
				d = c.Parse(src)
			}
			got, err := c.Render(d, func(s string) string { return s })
			if err == nil && !bytes.Equal(got, want) {
				err = fmt.Errorf("goroutine %d: output differs", i)
			}
			errs[i] = err
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

func TestParseCopiesSource(t *testing.T) {
	c := New(Options{})
	src := []byte("# Title\n\n[link](a.md)\n")
	d := c.Parse(src)
	want, _ := c.Render(d, nil)
	for i := range src {
		src[i] = 'x'
	}
	got, _ := c.Render(d, nil)
	if !bytes.Equal(want, got) {
		t.Errorf("changing the caller's slice changed the Doc:\n%s", got)
	}
}

func TestRenderNilDoc(t *testing.T) {
	if _, err := New(Options{}).Render(&Doc{}, nil); err == nil {
		t.Error("Render of an unparsed Doc: no error")
	}
}
