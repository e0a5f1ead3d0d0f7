package browsertest

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"rightsguide/generator/build"
)

// Accessible and light: axe-core on each kind of page in light and dark,
// and the weight of a typical page, measured in the browser.

// axeScript reads axe-core's axe.min.js from the npm cache folder that
// .ci/run fills, or another usual place. Without it the test skips with
// a notice, and fails when CI=true.
func axeScript(t *testing.T) string {
	t.Helper()
	home, _ := os.UserHomeDir()
	for _, p := range []string{
		os.Getenv("AXE_CORE_JS"),
		filepath.Join(home, ".cache", "rightsguide-axe", "node_modules", "axe-core", "axe.min.js"),
		filepath.Join(projectRoot(t), "node_modules", "axe-core", "axe.min.js"),
		"/usr/local/lib/node_modules/axe-core/axe.min.js",
		"/usr/lib/node_modules/axe-core/axe.min.js",
	} {
		if p == "" {
			continue
		}
		if b, err := os.ReadFile(p); err == nil {
			return string(b)
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("axe-core is not installed, and CI=true: .ci/run installs it with npm into ~/.cache/rightsguide-axe")
	}
	t.Skip("\n*** SKIPPED: axe-core not found, so no page was checked for accessibility. ***\n" +
		"*** Install it: npm install --prefix ~/.cache/rightsguide-axe axe-core (or set AXE_CORE_JS) ***")
	return ""
}

// colorScheme emulates prefers-color-scheme.
func colorScheme(scheme string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
		return err
	})
}

// axeResult is what the test keeps of axe.run.
type axeResult struct {
	Passes     int
	Violations []string
}

const runAxe = `axe.run(document, {resultTypes: ["violations"]}).then(r => ({
	Passes: r.passes.length,
	Violations: r.violations.map(v => v.id + " (" + v.impact + "): " + v.help + ": " +
		v.nodes.slice(0, 4).map(n => n.target.join(" ") + (n.failureSummary ? " [" + n.failureSummary.replace(/\s+/g, " ").slice(0, 160) + "]" : "")).join("; "))
}))`

// TestAxe runs axe-core (every rule it runs by default: WCAG 2.2 A and AA,
// and its best practices) on each kind of page, in light and dark.
func TestAxe(t *testing.T) {
	src := axeScript(t)
	ctx := Browser(t)
	base := Serve(t, BuildSite(t, build.Options{}))
	pages := readerPages[:len(readerPages)-2] // print/ is every page again; Arabic: arabic_test.go
	pages = append(pages, "ar/index.html", "ar/treaties/iccpr/index.html", "ar/tags/index.html")
	for _, scheme := range []string{"light", "dark"} {
		Step(t, ctx, colorScheme(scheme))
		for _, p := range pages {
			visit(t, ctx, base+p)
			if dark := Step(t, ctx, chromedp.Evaluate[bool](`matchMedia("(prefers-color-scheme: dark)").matches`)); dark != (scheme == "dark") {
				t.Fatalf("%s: the %s scheme is not emulated", p, scheme)
			}
			Step(t, ctx, chromedp.Evaluate[chromedp.Void](src))
			raw := Step(t, ctx, chromedp.Evaluate[[]byte](runAxe, chromedp.EvalAwaitPromise))
			var res axeResult
			if err := json.Unmarshal(raw, &res); err != nil {
				t.Fatal(err)
			}
			if res.Passes < 20 {
				t.Errorf("%s (%s): axe passed only %d rules: did it run?", p, scheme, res.Passes)
			}
			for _, v := range res.Violations {
				t.Errorf("%s (%s): axe: %s", p, scheme, v)
			}
			t.Logf("%-45s %-5s axe: %d rules passed, %d violations", p, scheme, res.Passes, len(res.Violations))
		}
	}
}

// typicalPage is the content page of median HTML size in a built site.
func typicalPage(t *testing.T, dir string) string {
	t.Helper()
	type sized struct {
		path string
		size int64
	}
	var pages []sized
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Base(p) != "index.html" {
			return err
		}
		for _, skip := range []string{"search/", "print/"} {
			if strings.HasPrefix(p, skip) || strings.HasPrefix(p, "ar/"+skip) {
				return nil
			}
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if info.Size() > 2048 { // redirect pages of aliases are tiny
			pages = append(pages, sized{p, info.Size()})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(pages, func(i, j int) bool {
		return pages[i].size < pages[j].size || pages[i].size == pages[j].size && pages[i].path < pages[j].path
	})
	return pages[len(pages)/2].path
}

// pageWeight is what the browser loaded for a page: HTML, CSS and JS,
// uncompressed (Resource Timing's decoded sizes), search shards aside.
type pageWeight struct{ HTML, CSS, JS, Other, Requests int }

func (w pageWeight) total() int { return w.HTML + w.CSS + w.JS }

const measureWeight = `(() => {
	const nav = performance.getEntriesByType("navigation")[0];
	const w = {HTML: nav.decodedBodySize, CSS: 0, JS: 0, Other: 0, Requests: 1};
	for (const r of performance.getEntriesByType("resource")) {
		if (r.name.includes("/search/")) continue; // index shards load on a query only
		w.Requests++;
		if (r.name.endsWith(".css")) w.CSS += r.decodedBodySize;
		else if (r.name.endsWith(".js")) w.JS += r.decodedBodySize;
		else w.Other += r.decodedBodySize;
	}
	return w;
})()`

// TestPageWeight measures, in the browser, the page of median size and
// the heaviest page: HTML + CSS + JS must stay within 50 KB uncompressed.
func TestPageWeight(t *testing.T) {
	const budget = 50 * 1024
	ctx := Browser(t)
	dir := BuildSite(t, build.Options{})
	base := Serve(t, dir)
	typical := typicalPage(t, dir)
	Step(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error { // every page as on a first visit
		_, err := cdp.Call(ctx, tg, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true})
		return err
	}))
	for _, p := range []string{typical, "treaties/cedaw/index.html", "ar/guidance/oman-case-study/index.html"} {
		visit(t, ctx, base+p)
		w := Step(t, ctx, chromedp.Evaluate[pageWeight](measureWeight))
		t.Logf("%-45s HTML %6d + CSS %6d + JS %6d = %6d bytes (%.1f KB) in %d requests", p, w.HTML, w.CSS, w.JS, w.total(), float64(w.total())/1024, w.Requests)
		if w.HTML == 0 || w.CSS == 0 {
			t.Errorf("%s: nothing measured: %+v", p, w)
		}
		if p == typical && w.total() > budget {
			t.Errorf("the typical page %s weighs %d bytes, over the %d-byte budget", p, w.total(), budget)
		}
	}
}
