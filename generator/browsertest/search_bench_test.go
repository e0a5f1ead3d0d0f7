package browsertest

import (
	"os"
	"testing"

	"github.com/chromedp/chromedp"

	"rightsguide/generator/build"
)

// BenchmarkSearchKeystroke measures, in the browser, the time from a
// keystroke in the header's search box to its results in the list, once
// the shards are cached: the debounce plus the search and the rendering.
// It reports ms/keystroke. RG_BENCH_SITE names a built site to use (for
// example the 10,000-page corpus of ../shared/bench/gen-corpus.py);
// without it a generated 1,000-page site is built.
//
//	go test ./generator/browsertest/ -run XXX -bench SearchKeystroke
func BenchmarkSearchKeystroke(b *testing.B) {
	ctx := Browser(b)
	dir := os.Getenv("RG_BENCH_SITE")
	if dir == "" {
		dir = BuildSite(b, build.Options{Content: zipfSite(1000)})
	}
	Step(b, ctx, chromedp.Navigate(Serve(b, dir)+"index.html"))
	const js = `(async () => {
		const i = document.getElementById("search-input");
		const l = document.getElementById("search-listbox");
		const type = (v) => new Promise((ok) => {
			const o = new MutationObserver(() => {
				if (!l.hidden && l.querySelector("[role=option] .sr-title")) { o.disconnect(); ok(performance.now() - t0); }
			});
			o.observe(l, { childList: true, subtree: true, attributes: true });
			const t0 = performance.now();
			i.value = v;
			i.dispatchEvent(new Event("input"));
		});
		await type("privacy right"); await type("privacy righ"); // load the shards and fragments
		let ms = 0;
		for (const q of ["privacy righ", "privacy right", "privacy righ", "privacy right"]) ms += await type(q);
		return ms / 4;
	})()`
	var total float64
	for b.Loop() {
		total += Step(b, ctx, chromedp.Evaluate[float64](js, chromedp.EvalAwaitPromise))
	}
	b.ReportMetric(total/float64(b.N), "ms/keystroke")
	b.ReportMetric(0, "ns/op")
}
