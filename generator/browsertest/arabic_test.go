package browsertest

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"rightsguide/generator/build"
)

// The Arabic edition as a reader sees it: right to left, the sidebar on
// the right, code left to right, mirrored arrows, and a language switcher
// that leads to the translation and back, or to the other language's home
// with a notice.

const arICCPR = "ar/treaties/iccpr/index.html"

// TestArabicRightToLeft checks the layout of an Arabic page on a wide
// screen (1280 px: the sidebar is a column).
func TestArabicRightToLeft(t *testing.T) {
	ctx := Browser(t)
	base := Serve(t, BuildSite(t, build.Options{}))
	Step(t, ctx, chromedp.Navigate(base+arICCPR))

	if dir := Step(t, ctx, chromedp.Evaluate[string](`getComputedStyle(document.documentElement).direction`)); dir != "rtl" {
		t.Errorf("html computes direction %q, want rtl", dir)
	}
	// The sidebar sits to the right of the main column, the page's start.
	var box struct{ SidebarLeft, SidebarRight, MainLeft, MainRight float64 }
	raw := Step(t, ctx, chromedp.Evaluate[[]byte](`(() => {
		const s = document.querySelector(".sidebar").getBoundingClientRect();
		const m = document.querySelector("main").getBoundingClientRect();
		return {SidebarLeft: s.left, SidebarRight: s.right, MainLeft: m.left, MainRight: m.right};
	})()`))
	if err := json.Unmarshal(raw, &box); err != nil {
		t.Fatal(err)
	}
	if box.SidebarLeft < box.MainRight {
		t.Errorf("sidebar [%v, %v] is not right of main [%v, %v]", box.SidebarLeft, box.SidebarRight, box.MainLeft, box.MainRight)
	}
	// Previous (the page before) on the right, next on the left; arrows point outward.
	prevNext := Step(t, ctx, chromedp.Evaluate[[]float64](`[".prevnext .prev", ".prevnext .next"].map(s => document.querySelector(s).getBoundingClientRect().left)`))
	if len(prevNext) != 2 || prevNext[0] <= prevNext[1] {
		t.Errorf("prev/next lefts = %v: want previous to the right of next", prevNext)
	}
	arrows := Step(t, ctx, chromedp.Evaluate[[]string](`[
		getComputedStyle(document.querySelector(".prev .prevnext-label"), "::before").content,
		getComputedStyle(document.querySelector(".next .prevnext-label"), "::after").content,
		getComputedStyle(document.querySelector(".breadcrumbs li + li"), "::before").content]`))
	for i, want := range []string{"→", "←", "‹"} {
		if i >= len(arrows) || !strings.Contains(arrows[i], want) {
			t.Errorf("arrow %d is %q, want %q (mirrored for RTL)", i, arrows, want)
		}
	}
	// Code stays left to right: inline code of the page, and a code block.
	Step(t, ctx, chromedp.Navigate(base+"ar/about/index.html"))
	dirs := Step(t, ctx, chromedp.Evaluate[[]string](`(() => {
		const pre = document.createElement("pre");
		pre.textContent = "go run ./generator build";
		document.querySelector("main").append(pre);
		const code = document.querySelector(".content code");
		return [code ? getComputedStyle(code).direction : "no code", getComputedStyle(pre).direction, getComputedStyle(pre).textAlign];
	})()`))
	if strings.Join(dirs, " ") != "ltr ltr left" {
		t.Errorf("code direction, pre direction, pre text-align = %v; want ltr ltr left", dirs)
	}
}

// TestLanguageSwitcher follows the switcher from the English ICCPR page to
// its translation and back, over HTTP and from file://, and from a page
// without a translation to the Arabic home, past the notice.
func TestLanguageSwitcher(t *testing.T) {
	ctx := Browser(t)
	dir := BuildSite(t, build.Options{})
	for _, base := range []string{Serve(t, dir), FileURL(dir)} {
		Step(t, ctx, chromedp.Navigate(base+"treaties/iccpr/index.html"))
		follow(t, ctx, `nav.languages a[hreflang="ar"]`, base+arICCPR)
		if lang := Step(t, ctx, chromedp.Evaluate[string](`document.documentElement.lang + " " + document.documentElement.dir`)); lang != "ar rtl" {
			t.Errorf("%s: after switching, html is %q, want ar rtl", base, lang)
		}
		follow(t, ctx, `nav.languages a[hreflang="en"]`, base+"treaties/iccpr/index.html")

		// sources.md is not part of the Arabic edition.
		Step(t, ctx, chromedp.Navigate(base+"sources/index.html"))
		notice := Step(t, ctx, chromedp.Evaluate[string](`(() => {
			const a = document.querySelector('nav.languages a[hreflang="ar"][data-untranslated]');
			const n = a && document.getElementById(a.getAttribute("aria-describedby"));
			return n && n.checkVisibility() ? n.lang + ": " + n.textContent : "";
		})()`))
		if !strings.HasPrefix(notice, "ar: ") {
			t.Errorf("%s: sources page shows no visible Arabic 'not translated' notice (got %q)", base, notice)
		}
		follow(t, ctx, `nav.languages a[hreflang="ar"]`, base+"ar/index.html")
	}
}

// follow clicks a link and waits until the browser is at want.
func follow(t *testing.T, ctx context.Context, sel, want string) {
	t.Helper()
	Step(t, ctx, chromedp.Click(sel))
	deadline := time.Now().Add(10 * time.Second)
	var at string
	for time.Now().Before(deadline) {
		// Errors are expected while the old page goes away.
		at, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`document.readyState === "complete" ? location.href : ""`))
		if at != "" && strings.TrimSuffix(at, "index.html") == strings.TrimSuffix(want, "index.html") { // a server may drop index.html
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("clicking %s led to %q, want %q", sel, at, want)
}

// TestArabicAccessibility runs axe-core on the Arabic pages. axe-core is
// not vendored: set AXE_CORE_JS to its axe.min.js, or install it with npm
// into the project (node_modules/axe-core) or globally.
func TestArabicAccessibility(t *testing.T) {
	src := axeSource(t)
	ctx := Browser(t)
	base := Serve(t, BuildSite(t, build.Options{}))
	for _, page := range []string{"ar/index.html", "ar/treaties/index.html", arICCPR, "ar/about/index.html", "ar/search/index.html"} {
		Step(t, ctx, chromedp.Navigate(base+page))
		Step(t, ctx, chromedp.Evaluate[chromedp.Void](src))
		raw := Step(t, ctx, chromedp.Evaluate[[]byte](`axe.run(document, {runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]})
			.then(r => ({Passes: r.passes.length, Violations: r.violations.map(v => v.id + ": " + v.nodes.map(n => n.target.join(" ")).slice(0, 5).join(", "))}))`, chromedp.EvalAwaitPromise))
		var res struct {
			Passes     int
			Violations []string
		}
		if err := json.Unmarshal(raw, &res); err != nil {
			t.Fatal(err)
		}
		if res.Passes == 0 {
			t.Errorf("%s: axe passed no rule: did it run?", page)
		}
		for _, v := range res.Violations {
			t.Errorf("%s: axe: %s", page, v)
		}
	}
}

// axeSource reads axe-core, or skips the test loudly.
func axeSource(t *testing.T) string {
	t.Helper()
	candidates := []string{os.Getenv("AXE_CORE_JS"), filepath.Join(projectRoot(t), "node_modules", "axe-core", "axe.min.js"),
		"/usr/local/lib/node_modules/axe-core/axe.min.js", "/usr/lib/node_modules/axe-core/axe.min.js"}
	for _, p := range candidates {
		if p == "" {
			continue
		}
		if b, err := os.ReadFile(p); err == nil {
			return string(b)
		}
	}
	t.Skip("\n*** SKIPPED: axe-core not found, so the Arabic pages were not checked for accessibility. ***\n*** Set AXE_CORE_JS=/path/to/axe.min.js, or run: npm install axe-core ***")
	return ""
}
