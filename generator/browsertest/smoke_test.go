package browsertest

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"rightsguide/generator/build"
)

// TestPagesOpen opens the guide over HTTP and from file://, follows a link
// and checks the page arrived styled.
func TestPagesOpen(t *testing.T) {
	ctx := Browser(t)
	dir := BuildSite(t, build.Options{})
	for _, base := range []string{Serve(t, dir), FileURL(dir)} {
		Step(t, ctx, chromedp.Navigate(base+"index.html"))
		Step(t, ctx, chromedp.Click(`nav.menu a[href="treaties/index.html"]`))
		Step(t, ctx, chromedp.WaitVisible(`h1`))
		h1 := Step(t, ctx, chromedp.Text(`h1`))
		if !strings.Contains(h1, "treaties") {
			t.Errorf("%s: after clicking Treaties, h1 = %q", base, h1)
		}
		styled := Step(t, ctx, chromedp.Evaluate[bool](`document.styleSheets.length > 0 && getComputedStyle(document.body).margin === "0px"`))
		if !styled {
			t.Errorf("%s: the stylesheet did not load", base)
		}
		rows := Step(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("table tbody tr").length`))
		if rows != 9 {
			t.Errorf("%s: treaty table has %d rows, want 9", base, rows)
		}
	}
}
