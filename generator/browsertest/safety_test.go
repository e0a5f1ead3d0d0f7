package browsertest

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"rightsguide/generator/build"
)

// Reader safety, as a reader's browser sees it (issue: private, offline,
// accessible, light): nothing is fetched from another host, the CSP is
// never violated, axe-core finds nothing, a typical page is light, and
// everything works with the keyboard alone and from file://.

// readerPages are the kinds of page a reader meets, English and Arabic.
var readerPages = []string{
	"index.html",                                // home
	"treaties/index.html",                       // a section
	"treaties/cedaw/index.html",                 // a page
	"search/index.html?q=privacy",               // search, with results
	"404.html",                                  // not found (HTTP only: its links are root-relative)
	"about/index.html",                          // the zip's hash
	"due-diligence/export-checklist/index.html", // a checklist
	"tags/surveillance/index.html",              // a tag's pages
	"print/index.html",                          // the whole guide
	"ar/treaties/iccpr/index.html",              // right to left
}

// visit opens a page and waits until it has loaded and its scripts ran;
// on the search page, until the results show.
func visit(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	Step(t, ctx, chromedp.Navigate(url))
	Step(t, ctx, chromedp.Poll[bool](`document.readyState === "complete"`))
	if strings.Contains(url, "search/index.html?q=") {
		Step(t, ctx, chromedp.WaitVisible(`[data-result] a`))
	}
}

// cspRecorder makes every new document record its
// securitypolicyviolation events in window.__csp, before its own scripts.
const cspRecorder = `window.__csp = [];
document.addEventListener("securitypolicyviolation", e => window.__csp.push(e.violatedDirective + " " + e.blockedURI));`

// requestLog records the URL of every request the tab makes.
type requestLog struct {
	mu   sync.Mutex
	urls []string
}

func (l *requestLog) take() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := l.urls
	l.urls = nil
	return out
}

// watch starts recording requests and CSP violations in the tab of ctx.
func watch(t *testing.T, ctx context.Context) *requestLog {
	t.Helper()
	log := &requestLog{}
	err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			log.mu.Lock()
			log.urls = append(log.urls, e.Request.URL)
			log.mu.Unlock()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	Step(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: cspRecorder})
		return err
	}))
	return log
}

// TestNoRequestLeavesTheSite opens every kind of page over HTTP and from
// file://, searches from the header, and checks each request the browser
// made (from its network events) stays inside the site, and that the
// Content-Security-Policy was never violated (from the page's
// securitypolicyviolation events and the console).
func TestNoRequestLeavesTheSite(t *testing.T) {
	ctx := Browser(t)
	dir := BuildSite(t, build.Options{})
	log := watch(t, ctx)
	console := chromedp.Console(ctx)
	var consoleMu sync.Mutex
	var cspConsole []string
	go func() {
		for m, err := range console {
			if err != nil {
				return
			}
			if strings.Contains(m.Text, "Content Security Policy") || strings.Contains(m.Text, "Content-Security-Policy") {
				consoleMu.Lock()
				cspConsole = append(cspConsole, m.Text)
				consoleMu.Unlock()
			}
		}
	}()
	for _, base := range []string{Serve(t, dir), FileURL(dir)} {
		requests := 0
		for _, p := range readerPages {
			if p == "404.html" && strings.HasPrefix(base, "file:") {
				continue
			}
			visit(t, ctx, base+p)
			if p == "treaties/cedaw/index.html" { // search from the header box: the index shards load
				Step(t, ctx, chromedp.Focus(`#search-input`))
				Step(t, ctx, chromedp.KeyEvent("surveillance"))
				Step(t, ctx, chromedp.WaitVisible(`#search-listbox [role=option]`))
			}
			violations := Step(t, ctx, chromedp.Evaluate[[]string](`window.__csp || ["the CSP recorder did not run"]`))
			for _, v := range violations {
				t.Errorf("%s%s: CSP violation: %s", base, p, v)
			}
			for _, u := range log.take() {
				requests++
				if !strings.HasPrefix(u, base) && !strings.HasPrefix(u, "data:") {
					t.Errorf("%s%s: request to %s leaves the site", base, p, u)
				}
			}
		}
		if requests < len(readerPages) {
			t.Errorf("%s: only %d requests recorded: are network events coming?", base, requests)
		}
		t.Logf("%s: %d requests, all inside the site", base[:4], requests)
	}
	time.Sleep(200 * time.Millisecond) // let the last console messages arrive
	consoleMu.Lock()
	defer consoleMu.Unlock()
	for _, m := range cspConsole {
		t.Errorf("console: %s", m)
	}
}

// TestOfflineAndMirror browses from file:// and from a mirror at another
// path, with the mouse and links only: menu, a treaty from the table, the
// next page, the language switcher and a search from the header box.
func TestOfflineAndMirror(t *testing.T) {
	ctx := Browser(t)
	dir := BuildSite(t, build.Options{})
	mux := http.NewServeMux()
	mux.Handle("/mirror/guide/", http.StripPrefix("/mirror/guide/", http.FileServer(http.Dir(dir))))
	mirror := httptest.NewServer(mux)
	t.Cleanup(mirror.Close)
	for _, base := range []string{FileURL(dir), mirror.URL + "/mirror/guide/"} {
		visit(t, ctx, base+"index.html")
		follow(t, ctx, `nav.menu a[href="treaties/index.html"]`, base+"treaties/index.html")
		follow(t, ctx, `table.treaties a[href="cedaw/index.html"]`, base+"treaties/cedaw/index.html")
		follow(t, ctx, `a[rel=next]`, base+"treaties/cat/index.html")
		follow(t, ctx, `nav.languages a[hreflang=ar]`, base+"ar/index.html")
		visit(t, ctx, base+"treaties/cedaw/index.html")
		Step(t, ctx, chromedp.Focus(`#search-input`))
		Step(t, ctx, chromedp.KeyEvent("complaint"))
		Step(t, ctx, chromedp.WaitVisible(`#search-listbox [role=option]`))
		Step(t, ctx, pressKey("Enter", "Enter", "\r", 13))
		Step(t, ctx, chromedp.WaitVisible(`[data-result] a`))
		first := Step(t, ctx, chromedp.Evaluate[string](`document.querySelector("[data-result] a").href`))
		if !strings.HasPrefix(first, base) {
			t.Errorf("%s: the first search result leads to %s, outside the copy", base, first)
		}
		print := Step(t, ctx, chromedp.Evaluate[string](`document.querySelector(".site-footer a[href$='print/index.html']")?.href || ""`))
		if print != base+"print/index.html" {
			t.Errorf("%s: the footer's whole-guide link is %q", base, print)
		}
	}
}

// focused describes the element that has the focus.
const focused = `(() => { const e = document.activeElement; if (!e || e === document.body) return "body";
	const where = e.closest("nav.menu") ? "menu" : e.closest("main") ? "main" : e.closest("header") ? "header" : "other";
	return where + " " + e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className ? "." + e.className.split(" ")[0] : "") })()`

// focusRing reports whether the focused element shows a focus outline.
const focusRing = `(() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2 })()`

// tabUntil presses Tab until the focused element matches want (a prefix
// of its description, see focused), at most n times, and returns the
// elements passed on the way.
func tabUntil(t *testing.T, ctx context.Context, want string, n int) []string {
	t.Helper()
	var seen []string
	for range n {
		Step(t, ctx, chromedp.KeyEvent(kb.Tab))
		f := Step(t, ctx, chromedp.Evaluate[string](focused))
		seen = append(seen, f)
		if strings.HasPrefix(f, want) {
			if !Step(t, ctx, chromedp.Evaluate[bool](focusRing)) {
				t.Errorf("%s has the focus but no visible outline", f)
			}
			return seen
		}
	}
	t.Fatalf("%d Tabs never reached %q; passed %q", n, want, seen)
	return nil
}

// TestKeyboardOnly uses the guide with the keyboard alone: the skip link,
// the menu, the search box and its results, the page's table of contents
// and a checklist, with a visible focus at each step.
func TestKeyboardOnly(t *testing.T) {
	ctx := Browser(t)
	base := Serve(t, BuildSite(t, build.Options{}))
	page := base + "treaties/cedaw/index.html"

	// The skip link comes first and leads into main.
	visit(t, ctx, page)
	tabUntil(t, ctx, "other a.skip-link", 1)
	Step(t, ctx, pressKey("Enter", "Enter", "\r", 13))
	if hash := Step(t, ctx, chromedp.Evaluate[string](`location.hash`)); hash != "#main" {
		t.Errorf("Enter on the skip link: location.hash = %q", hash)
	}
	tabUntil(t, ctx, "main", 1)

	// The menu, then the search box, from the top of the page.
	visit(t, ctx, page)
	passed := tabUntil(t, ctx, "header input#search-input", 25)
	menu := 0
	for _, f := range passed {
		if strings.HasPrefix(f, "menu a") {
			menu++
		}
	}
	if menu != 5 {
		t.Errorf("Tab passed %d menu links before the search box, want 5: %q", menu, passed)
	}
	Step(t, ctx, chromedp.KeyEvent("privacy"))
	Step(t, ctx, pressKey("Enter", "Enter", "\r", 13))
	Step(t, ctx, chromedp.WaitVisible(`[data-result] a`))
	if loc := Step(t, ctx, chromedp.Location()); !strings.Contains(loc, "search/") {
		t.Fatalf("Enter in the search box led to %s, want the search page", loc)
	}
	// On the search page, the skip link leads to its search box, then the results.
	tabUntil(t, ctx, "other a.skip-link", 1)
	Step(t, ctx, pressKey("Enter", "Enter", "\r", 13))
	tabUntil(t, ctx, "main input#search-input", 3)
	tabUntil(t, ctx, "main a", 3) // the first result

	// The page's table of contents, reached from the skip link, moves to
	// the heading.
	visit(t, ctx, page)
	tabUntil(t, ctx, "other a.skip-link", 1)
	Step(t, ctx, pressKey("Enter", "Enter", "\r", 13))
	for i := 0; !Step(t, ctx, chromedp.Evaluate[bool](`!!document.activeElement.closest("nav.toc")`)); i++ {
		if i == 10 {
			t.Fatalf("10 Tabs from the skip link did not reach the table of contents; at %s", Step(t, ctx, chromedp.Evaluate[string](focused)))
		}
		Step(t, ctx, chromedp.KeyEvent(kb.Tab))
	}
	href := Step(t, ctx, chromedp.Evaluate[string](`document.activeElement.getAttribute("href")`))
	Step(t, ctx, pressKey("Enter", "Enter", "\r", 13))
	if hash := Step(t, ctx, chromedp.Evaluate[string](`location.hash`)); !strings.HasPrefix(href, "#") || hash != href {
		t.Errorf("Enter on the table of contents link %q: location.hash = %q", href, hash)
	}

	// A checklist ticks with the space bar.
	visit(t, ctx, base+"due-diligence/export-checklist/index.html")
	tabUntil(t, ctx, "main input", 60)
	Step(t, ctx, chromedp.KeyEvent(" "))
	if !Step(t, ctx, chromedp.Evaluate[bool](`document.activeElement.checked`)) {
		t.Error("Space did not tick the checklist's box")
	}
}

// TestChecklist: ticks survive a reload, from HTTP and file://, under one
// localStorage key per page; the button clears them; nothing else is
// stored and no cookie is set.
func TestChecklist(t *testing.T) {
	ctx := Browser(t)
	dir := BuildSite(t, build.Options{})
	for _, base := range []string{Serve(t, dir), FileURL(dir)} {
		url := base + "due-diligence/export-checklist/index.html"
		visit(t, ctx, url)
		Step(t, ctx, chromedp.Evaluate[chromedp.Void](`localStorage.clear()`))
		visit(t, ctx, url)
		n := Step(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll(".task-list input[type=checkbox]:not([disabled])").length`))
		if n < 2 {
			t.Fatalf("%s: %d enabled checkboxes", url, n)
		}
		Step(t, ctx, chromedp.Click(`.task-list li:nth-child(2) label`)) // clicking the text ticks the box
		visit(t, ctx, url)
		ticked := Step(t, ctx, chromedp.Evaluate[[]bool](`[...document.querySelectorAll(".task-list input")].slice(0, 3).map(b => b.checked)`))
		if fmt.Sprint(ticked) != "[false true false]" {
			t.Errorf("%s: after a reload, the first boxes are %v, want [false true false]", base, ticked)
		}
		stored := Step(t, ctx, chromedp.Evaluate[string](`JSON.stringify(Object.keys(localStorage)) + " " + document.cookie`))
		want := fmt.Sprintf(`["rightsguide.checklist:%s"] `, Step(t, ctx, chromedp.Evaluate[string](`location.pathname`)))
		if stored != want {
			t.Errorf("%s: stored %q, want only %q and no cookie", base, stored, want)
		}
		Step(t, ctx, chromedp.Click(`.checklist-tools button`))
		left := Step(t, ctx, chromedp.Evaluate[string](`localStorage.length + " " + document.querySelectorAll(".task-list input:checked").length + " " + document.querySelector(".checklist-tools [role=status]").textContent`))
		if left != "0 0 Ticks cleared." {
			t.Errorf("%s: after Clear: %q, want nothing stored, nothing ticked, and the status said", base, left)
		}
	}
}

// TestPrintPage checks the whole guide on one page: every in-page link has
// its target, ids are unique, and printing shows the checklists as
// checklists but not the site's controls.
func TestPrintPage(t *testing.T) {
	ctx := Browser(t)
	base := Serve(t, BuildSite(t, build.Options{}))
	visit(t, ctx, base+"print/index.html")
	broken := Step(t, ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('a[href^="#"]')].map(a => decodeURIComponent(a.getAttribute("href").slice(1))).filter(id => !document.getElementById(id))`))
	if len(broken) > 0 {
		t.Errorf("%d in-page links without a target: %q", len(broken), broken[:min(5, len(broken))])
	}
	dups := Step(t, ctx, chromedp.Evaluate[[]string](`(() => { const seen = new Set(), d = []; for (const e of document.querySelectorAll("[id]")) { if (seen.has(e.id)) d.push(e.id); seen.add(e.id) } return d })()`))
	if len(dups) > 0 {
		t.Errorf("duplicate ids: %q", dups)
	}
	counts := Step(t, ctx, chromedp.Evaluate[[]int](`[document.querySelectorAll("h1").length, document.querySelectorAll(".print-page").length, document.querySelectorAll(".print-toc li").length]`))
	if counts[0] != 1 || counts[1] < 20 || counts[1] != counts[2] {
		t.Errorf("h1s, sections, contents entries = %v; want one h1 and one entry per section", counts)
	}
	Step(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	}))
	shown := Step(t, ctx, chromedp.Evaluate[string](`[".site-header .search-form", ".sidebar", ".task-list input"].map(s => { const e = document.querySelector(s); return s + "=" + (e && getComputedStyle(e).display !== "none") }).join(" ")`))
	if shown != ".site-header .search-form=false .sidebar=false .task-list input=true" {
		t.Errorf("printing: %s", shown)
	}
}
