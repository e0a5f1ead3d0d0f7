package browsertest

import (
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"rightsguide/generator/build"
	"rightsguide/generator/serve"
)

// TestLiveReload runs the preview server over a small site in Chromium: an
// edit reloads the page, a stylesheet edit is swapped in without a reload
// (the scroll position stays), a broken edit shows the overlay over the
// last good page, a fix removes it, and the page's Content-Security-Policy
// is never violated by the server's script.
func TestLiveReload(t *testing.T) {
	ctx := Browser(t)
	dir, base := startServe(t)
	page := func(text string) string {
		return "---\ntitle: Covenant\ndescription: A long page.\n---\n" + text + "\n\n" + strings.Repeat("A paragraph to make the page tall.\n\n", 150)
	}
	write := func(name, data string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// until polls a JavaScript condition for a few seconds.
	until := func(what, cond string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for time.Now().Before(deadline) {
			if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond)); err == nil && ok {
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("%s: %s never held", what, cond)
	}
	const watch = `window.violations = []; document.addEventListener("securitypolicyviolation", e => violations.push(e.violatedDirective + " " + e.blockedURI)); window.marker = true; true`

	write("content/covenant.md", page("First version."))
	Step(t, ctx, chromedp.Navigate(base+"covenant/"))
	until("first page", `document.body.textContent.includes("First version.")`)
	Step(t, ctx, chromedp.Evaluate[bool](watch))
	time.Sleep(300 * time.Millisecond) // the event stream connects

	write("content/covenant.md", page("Second version."))
	until("reload after an edit", `document.body.textContent.includes("Second version.") && !window.marker`)
	Step(t, ctx, chromedp.Evaluate[bool](watch))

	// A reload restores the old scroll position when loading completes:
	// scroll after that.
	until("reloaded page loaded", `document.readyState === "complete"`)
	time.Sleep(100 * time.Millisecond)
	until("scrolled", `window.scrollTo(0, 1500), window.scrollY === 1500`)
	css, err := os.ReadFile(filepath.Join(dir, "static/style.css"))
	if err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(dir, "style.css.tmp") // saved as most editors save: a new file renamed over the old
	if err := os.WriteFile(tmp, append(css, "\nbody { outline: 3px solid rgb(1, 2, 3) }\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, "static/style.css")); err != nil {
		t.Fatal(err)
	}
	until("stylesheet swapped", `getComputedStyle(document.body).outlineColor === "rgb(1, 2, 3)"`)
	if kept := Step(t, ctx, chromedp.Evaluate[string](`window.marker + " " + window.scrollY`)); kept != "true 1500" {
		t.Errorf("the stylesheet edit reloaded the page or lost the scroll position: marker, scrollY = %s", kept)
	}
	if n := Step(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll('link[rel="stylesheet"]:not(#rightsguide-reload-css)').length`)); n != 1 {
		t.Errorf("%d stylesheets after the swap, want 1", n)
	}

	write("content/covenant.md", "---\ntitle: [Covenant\n---\nBroken.\n")
	until("overlay", `!!document.querySelector("#rightsguide-overlay") && document.querySelector("#rightsguide-overlay").textContent.includes("covenant.md:2:")`)
	until("overlay styled by reload.css", `getComputedStyle(document.querySelector("#rightsguide-overlay")).position === "fixed"`)
	if kept := Step(t, ctx, chromedp.Evaluate[bool](`document.body.textContent.includes("Second version.") && window.marker === true`)); !kept {
		t.Error("the broken edit replaced the last good page")
	}
	write("content/covenant.md", page("Fixed version."))
	until("overlay gone after the fix", `!document.querySelector("#rightsguide-overlay") && document.body.textContent.includes("Fixed version.")`)

	if v := Step(t, ctx, chromedp.Evaluate[[]string](`window.violations || []`)); len(v) > 0 {
		t.Errorf("CSP violations: %v", v)
	}
}

// startServe copies the project's templates and static files and a one-page
// site into a temporary folder, runs serve.Run on a loopback port, and
// returns the folder and the server's URL.
func startServe(t *testing.T) (dir, base string) {
	t.Helper()
	root := projectRoot(t)
	dir = t.TempDir()
	for _, name := range []string{"templates", "static"} {
		copyFolder(t, filepath.Join(root, name), filepath.Join(dir, name))
	}
	if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	home := "---\ntitle: Home\ndescription: Live reload.\n---\nSee [the covenant](covenant.md).\n"
	if err := os.WriteFile(filepath.Join(dir, "content/_index.md"), []byte(home), 0o644); err != nil {
		t.Fatal(err)
	}
	var o serve.Options
	fss := map[string]*fs.FS{build.InputContent: &o.Build.Content, build.InputTemplates: &o.Build.Templates, build.InputStatic: &o.Build.Static}
	for name, dst := range fss {
		r, err := os.OpenRoot(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { r.Close() })
		*dst = r.FS()
		o.Inputs = append(o.Inputs, serve.Input{Name: name, Dir: filepath.Join(dir, name)})
	}
	ln, err := serve.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	o.Listener, o.Stdout, o.Stderr = ln, io.Discard, io.Discard
	// The search index and print page are completed a while after each
	// edit, which may reload an open page that connects between the two
	// builds; that is not what these steps watch.
	o.CompleteDelay = time.Hour
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve.Run(ctx, o) }()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	return dir, "http://" + ln.Addr().String() + "/"
}

func copyFolder(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
