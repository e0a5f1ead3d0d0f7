package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"rightsguide/generator/build"
	"rightsguide/generator/search"
)

// searchSite is a small English and Arabic site for the search tests:
// few enough pages to know the right answers.
func searchSite() fstest.MapFS {
	page := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	return fstest.MapFS{
		"site.toml": page(`title = "Search fixture"
default_language = "en"
[[languages]]
code = "en"
name = "English"
dir = "ltr"
[[languages]]
code = "ar"
name = "العربية"
dir = "rtl"
`),
		"_index.md": page("---\ntitle: Home\n---\n\nA guide to rights online.\n"),
		"privacy.md": page(`---
title: Privacy
description: What the right to privacy protects.
---

Everyone has the right to privacy of their correspondence.

## Article 17 {#article-17}

No one shall be subjected to arbitrary interference with their privacy.
`),
		"surveillance.md": page(`---
title: Watching the watchers
description: How states watch people, and the law that limits them.
---

An overview.

## Mass surveillance {#mass-surveillance}

Bulk interception and mass surveillance of communications interfere with privacy.

## Targeted hacking {#targeted-hacking}

Spyware turns a phone against its owner.
`),
		"encryption.md": page(`---
title: Encryption and anonymity
description: Tools that keep communications confidential.
---

Encryption protects journalists, and anonymity protects their sources.
`),
		"many.md": page(`---
title: Notes on privacy and privacy law
---

Privacy, privacy, privacy: a page that says privacy many times, but whose title is not exactly "Privacy".
`),
		"_index.ar.md": page("---\ntitle: الرئيسية\n---\n\nدليل.\n"),
		"rights.ar.md": page(`---
title: الحق في الخصوصية
description: ما يحميه الحق في الخصوصية.
---

لِكُلِّ شَخْصٍ الحَقُّ في حِمايَةِ الْحُقُوق والخصوصية على شبكة الإنترنت.

## المراقبة الجماعية {#mass}

تتدخل المراقبة الجماعية في الخصوصية وفي الحقوق.
`),
		"law.ar.md": page(`---
title: القانون
---

نص عن القانون والمحاكم فقط.
`),
	}
}

// searchCase is one check against the /search/ page of a language.
type searchCase struct {
	name, lang, query string
	wantFirst         string // the first result's link starts with the base and this
	wantMark          string // a <mark> in the first result has this text
}

func TestSearchPage(t *testing.T) {
	ctx := Browser(t)
	dir := BuildSite(t, build.Options{Content: searchSite()})
	cases := []searchCase{
		{"stem", "en", "surveil", "surveillance/index.html#mass-surveillance", "surveillance"},
		{"exact title first", "en", "privacy", "privacy/index.html", "privacy"},
		{"all words first", "en", "mass surveillance", "surveillance/index.html#mass-surveillance", "mass"},
		{"heading", "en", "article 17", "privacy/index.html#article-17", "Article"},
		{"arabic", "ar", "حقوق", "ar/rights/index.html", "الحقوق"},
		{"arabic query with diacritics", "ar", "الحُقُوق", "ar/rights/index.html", "الحقوق"},
		{"arabic text with diacritics", "ar", "حماية", "ar/rights/index.html", "حِمايَةِ"},
		{"arabic alef variant", "ar", "الانترنت", "ar/rights/index.html", "الإنترنت"},
		{"arabic prefix stripped", "ar", "مراقبة", "ar/rights/index.html#mass", "المراقبة"},
	}
	for _, base := range []string{Serve(t, dir), FileURL(dir)} {
		for _, c := range cases {
			t.Run(c.name+" "+base[:4], func(t *testing.T) {
				prefix := ""
				if c.lang == "ar" {
					prefix = "ar/"
				}
				Step(t, ctx, chromedp.Navigate(base+prefix+"search/index.html?q="+urlQuery(c.query)))
				Step(t, ctx, chromedp.WaitVisible(`[data-result] a`))
				href := Step(t, ctx, chromedp.Evaluate[string](`document.querySelector("[data-result] a").getAttribute("href")`))
				if !strings.HasPrefix(href, base+c.wantFirst) {
					t.Errorf("%q: first result %s, want %s%s", c.query, href, base, c.wantFirst)
				}
				marks := Step(t, ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("[data-result]:first-child mark")].map(m => m.textContent)`))
				if !contains(marks, c.wantMark) {
					t.Errorf("%q: marked %q, want %q among them", c.query, marks, c.wantMark)
				}
				hidden := Step(t, ctx, chromedp.Evaluate[bool](`document.getElementById("search-az").hidden`))
				if !hidden {
					t.Errorf("%q: the A-Z list is still shown beside the results", c.query)
				}
			})
		}
	}
}

func TestSearchNoResults(t *testing.T) {
	ctx := Browser(t)
	dir := BuildSite(t, build.Options{Content: searchSite()})
	for _, base := range []string{Serve(t, dir), FileURL(dir)} {
		Step(t, ctx, chromedp.Navigate(base+"search/index.html?q=xylophone"))
		Step(t, ctx, chromedp.Poll[bool](`document.querySelector(".search-status")?.textContent.includes("No results")`))
		n := Step(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("[data-result]").length`))
		az := Step(t, ctx, chromedp.Evaluate[bool](`!document.getElementById("search-az").hidden`))
		if n != 0 || !az {
			t.Errorf("%s: %d results, A-Z shown %v; want none, and the A-Z list", base, n, az)
		}
	}
}

// TestSearchCombobox types into the header's search box, as a reader does.
func TestSearchCombobox(t *testing.T) {
	ctx := Browser(t)
	dir := BuildSite(t, build.Options{Content: searchSite()})
	for _, base := range []string{Serve(t, dir), FileURL(dir)} {
		Step(t, ctx, chromedp.Navigate(base+"privacy/index.html"))
		Step(t, ctx, pressKey("/", "Slash", "/", 191))
		focused := Step(t, ctx, chromedp.Evaluate[string](`document.activeElement.id + " " + JSON.stringify(document.activeElement.value)`))
		if focused != `search-input ""` {
			t.Fatalf("%s: after /, focus is on %q, want the empty search box", base, focused)
		}
		// prefix as you type: "encryp" is no word of the site
		Step(t, ctx, chromedp.KeyEvent("encryp"))
		Step(t, ctx, chromedp.WaitVisible(`#search-listbox [role=option] .sr-title`))
		first := Step(t, ctx, chromedp.Text(`#search-listbox [role=option] .sr-title`))
		if first != "Encryption and anonymity" {
			t.Errorf("%s: typing encryp, first option %q", base, first)
		}
		expanded := Step(t, ctx, chromedp.Evaluate[string](`document.getElementById("search-input").getAttribute("aria-expanded")`))
		if expanded != "true" {
			t.Errorf("%s: aria-expanded = %q while the list shows", base, expanded)
		}
		// Escape closes the list
		Step(t, ctx, chromedp.KeyEvent(kb.Escape))
		if !Step(t, ctx, chromedp.Evaluate[bool](`document.getElementById("search-listbox").hidden`)) {
			t.Errorf("%s: Escape did not close the list", base)
		}
		// ArrowDown opens it again and moves to the first option; Enter follows it
		Step(t, ctx, chromedp.KeyEvent(kb.ArrowDown))
		Step(t, ctx, chromedp.WaitVisible(`#search-listbox`))
		Step(t, ctx, chromedp.KeyEvent(kb.ArrowDown))
		active := Step(t, ctx, chromedp.Evaluate[string](`document.getElementById("search-input").getAttribute("aria-activedescendant")`))
		selected := Step(t, ctx, chromedp.Evaluate[string](`document.getElementById("search-opt-0").getAttribute("aria-selected")`))
		if active != "search-opt-0" || selected != "true" {
			t.Errorf("%s: after ArrowDown, active %q selected %q; want search-opt-0, true", base, active, selected)
		}
		Step(t, ctx, pressKey("Enter", "Enter", "\r", 13))
		Step(t, ctx, chromedp.WaitVisible(`h1`))
		if loc := Step(t, ctx, chromedp.Location()); loc != base+"encryption/index.html" && loc != base+"encryption/" {
			t.Errorf("Enter on the first option went to %s", loc)
		}
	}
}

// pressKey presses a key as a keyboard does: one keyDown that carries
// its text, so that a handler's preventDefault keeps the text out of the
// page. (chromedp.KeyEvent sends the text in a separate event, which no
// handler can cancel.)
func pressKey(key, code, text string, vk int64) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		down := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyDown, Key: key, Code: code, Text: text, UnmodifiedText: text, WindowsVirtualKeyCode: vk}
		if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, down); err != nil {
			return err
		}
		up := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyUp, Key: key, Code: code, WindowsVirtualKeyCode: vk}
		_, err := cdp.Call(ctx, t, input.DispatchKeyEvent, up)
		return err
	})
}

func urlQuery(q string) string {
	var b strings.Builder
	for _, c := range []byte(q) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestSearchMatchesGo checks that the browser normalises and ranks as the
// Go reader of the index does (search.ParseQuery, Index.Search, Index.Top),
// on a corpus large enough for several shards, tails and many ties.
func TestSearchMatchesGo(t *testing.T) {
	ctx := Browser(t)
	dir := BuildSite(t, build.Options{Content: zipfSite(400)})
	base := Serve(t, dir)
	Step(t, ctx, chromedp.Navigate(base+"search/index.html"))

	golden, err := os.ReadFile("../search/testdata/normalize.golden")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(golden)), "\n") {
		in, want, _ := strings.Cut(line, "\t")
		in, _ = strconv.Unquote(in)
		want, _ = strconv.Unquote(want)
		got := Step(t, ctx, chromedp.Evaluate[string](fmt.Sprintf(`rgSearch.norm(%s)`, jsString(in))))
		if got != want {
			t.Errorf("search.js norm(%q) = %q, Go Normalize = %q", in, got, want)
		}
	}

	ix, err := search.OpenIndex(os.DirFS(dir), "en")
	if err != nil {
		t.Fatal(err)
	}
	shards, _ := filepath.Glob(filepath.Join(dir, "search/en/*/s/*.js"))
	tails, _ := filepath.Glob(filepath.Join(dir, "search/en/*/t/*.js"))
	if len(shards) < 3 || len(tails) < 1 {
		t.Fatalf("%d shards and %d tails: the corpus is too small to test them", len(shards), len(tails))
	}
	queries := []string{"the", "right", "rights ", "state parties", "pri", "priv", "surv", "co", "privacy the", "of the",
		"committees", "human rights defenders", "xylophone", "a", "treaty state", "sur", "Right to PRIVACY"}
	for _, tails := range []bool{false, true} {
		for _, q := range queries {
			for _, typing := range []bool{true, false} {
				want := goTop(t, ix, q, typing, tails)
				js := fmt.Sprintf(`rgSearch.search(%s, %v, %v).then(s => rgSearch.results(s, s.ranked.slice(0, 10)))
					.then(rs => rs.map(([r]) => r[0] + "/" + r[1] + " " + r[3] + (r[4] ? " exact" : "")).join(", "))`, jsString(q), typing, tails)
				got := Step(t, ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
				if got != want {
					t.Errorf("%q typing=%v tails=%v:\n search.js %s\n Go        %s", q, typing, tails, got, want)
				}
			}
		}
	}
}

func goTop(t *testing.T, ix *search.Index, q string, typing, tails bool) string {
	r, err := ix.Search(q, typing, tails)
	if err != nil {
		t.Fatal(err)
	}
	hits, err := ix.Top(r, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, h := range hits {
		s := fmt.Sprintf("%d/%d %d", h.Page, h.Target, h.Matched)
		if h.Exact {
			s += " exact"
		}
		out = append(out, s)
	}
	return strings.Join(out, ", ")
}

// zipfSite is a generated English site of n pages whose words follow a
// Zipf-like law over a small vocabulary: many shared words, many ties.
func zipfSite(n int) fstest.MapFS {
	vocab := strings.Fields(`the of and to a in right rights state states party parties privacy human treaty
		committee committees surveillance surveil survey private principle procedure protect protection defenders
		defend report reporting complaint complaints article covenant convention person persons law lawful
		freedom expression information encryption encrypted anonymity security cyber data digital`)
	rng := uint64(1)
	next := func(k int) int { // a small, fixed pseudo-random sequence
		rng = rng*6364136223846793005 + 1442695040888963407
		return int((rng >> 33) % uint64(k))
	}
	word := func() string {
		i := next(len(vocab))
		return vocab[next(i+1)] // favours the first words
	}
	sentence := func(k int) string {
		var w []string
		for range k {
			w = append(w, word())
		}
		return strings.Join(w, " ")
	}
	fsys := fstest.MapFS{
		"site.toml": {Data: []byte("title = \"Zipf\"\n")},
		"_index.md": {Data: []byte("---\ntitle: Home\n---\n\nHome.\n")},
	}
	for i := range n {
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: %q\ndescription: %q\n---\n\n%s.\n", sentence(1+next(4)), sentence(8), sentence(20))
		for s := range 1 + next(5) {
			fmt.Fprintf(&b, "\n## %s {#s%d}\n\n%s.\n", sentence(1+next(3)), s, sentence(10+next(40)))
		}
		fsys[fmt.Sprintf("p%03d.md", i)] = &fstest.MapFile{Data: []byte(b.String())}
	}
	return fsys
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestSearchGuide searches the bundled guide in both its languages, from
// file://, the way a reader with a copy on a USB stick would.
func TestSearchGuide(t *testing.T) {
	ctx := Browser(t)
	base := FileURL(BuildSite(t, build.Options{}))
	for _, c := range []struct{ path, query, wantIn string }{
		{"search/index.html", "privacy", base},
		{"ar/search/index.html", "الخصوصية", base + "ar/"},
	} {
		Step(t, ctx, chromedp.Navigate(base+c.path+"?q="+urlQuery(c.query)))
		Step(t, ctx, chromedp.WaitVisible(`[data-result] a`))
		hrefs := Step(t, ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("[data-result] a")].map(a => a.getAttribute("href"))`))
		for _, h := range hrefs {
			if !strings.HasPrefix(h, c.wantIn) || !strings.Contains(h, "index.html") {
				t.Errorf("%q: result %s is not a page of %s", c.query, h, c.wantIn)
			}
		}
		marks := Step(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("[data-result] mark").length`))
		if len(hrefs) == 0 || marks == 0 {
			t.Errorf("%q: %d results, %d marked words", c.query, len(hrefs), marks)
		}
	}
}

// TestSearchMore pages through the results of a common word, past the
// first tier of its postings.
func TestSearchMore(t *testing.T) {
	ctx := Browser(t)
	dir := BuildSite(t, build.Options{Content: zipfSite(400)})
	base := Serve(t, dir)
	// past 300 pages the no-JavaScript A-Z list moves to one page per letter
	page, err := os.ReadFile(filepath.Join(dir, "search/index.html"))
	if err != nil || !strings.Contains(string(page), `href="az/t/index.html"`) || len(page) > 30000 {
		t.Errorf("the search page of 400 pages (%d bytes) does not link to its A-Z letter pages", len(page))
	}
	Step(t, ctx, chromedp.Navigate(base+"search/index.html?q=the"))
	Step(t, ctx, chromedp.WaitVisible(`[data-result]`))
	status := Step(t, ctx, chromedp.Text(`.search-status`))
	if !strings.Contains(status, "+") {
		t.Errorf("status %q: the count of a word whose tail is not loaded should say it may be more", status)
	}
	seen := 0
	for range 60 {
		n := Step(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("[data-result]").length`))
		if n <= seen {
			t.Fatalf("More added no results (%d shown)", n)
		}
		seen = n
		if !Step(t, ctx, chromedp.Evaluate[bool](`!document.querySelector(".search-more").hidden`)) {
			break
		}
		Step(t, ctx, chromedp.Click(`.search-more`))
		Step(t, ctx, chromedp.Poll[bool](fmt.Sprintf(`document.querySelectorAll("[data-result]").length > %d || document.querySelector(".search-more").hidden`, n)))
	}
	unique := Step(t, ctx, chromedp.Evaluate[int](`new Set([...document.querySelectorAll("[data-result] a")].map(a => a.pathname)).size`))
	status = Step(t, ctx, chromedp.Text(`.search-status`))
	if unique != seen || strings.Contains(status, "+") || seen < 300 {
		t.Errorf("after paging: %d results, %d distinct pages, status %q; want every page once and an exact count", seen, unique, status)
	}
}
