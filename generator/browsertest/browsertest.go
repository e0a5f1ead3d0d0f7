// Package browsertest drives Debian's headless Chromium (through chromedp)
// against a built site, for the tests of what a reader sees. Without
// Chromium the tests skip with a loud notice, except under CI=true, where
// they fail.
package browsertest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"rightsguide/generator/build"
)

// chromiumPath finds the browser, or "".
func chromiumPath() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Browser starts a headless Chromium for the test and returns a chromedp
// context for one tab. It is closed when the test ends.
func Browser(t testing.TB) context.Context {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("Chromium is not installed, and CI=true: browser tests must run (apt-get install chromium)")
		}
		t.Skip("\n*** SKIPPED: Chromium is not installed, so this browser test did not run. ***\n*** Install it with: apt-get install chromium ***")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox, // the tests run as root here
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true), // the closed network refuses its calls
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("allow-file-access-from-files", false),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx); err != nil { // start the browser now, without a timeout
		t.Fatalf("starting Chromium: %v", err)
	}
	return ctx
}

// Step runs one action with a time limit and fails the test on error.
func Step[T any](t testing.TB, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// BuildSite builds a site into a temporary folder and returns the folder.
// Empty fields of o default to the project's own folders.
func BuildSite(t testing.TB, o build.Options) string {
	t.Helper()
	root := projectRoot(t)
	if o.Content == nil {
		o.Content = os.DirFS(filepath.Join(root, "content"))
	}
	if o.Templates == nil {
		o.Templates = os.DirFS(filepath.Join(root, "templates"))
	}
	if o.Static == nil {
		o.Static = os.DirFS(filepath.Join(root, "static"))
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := build.Run(context.Background(), o, out); err != nil {
		t.Fatalf("build: %v", err)
	}
	return out
}

// Serve serves dir over HTTP on loopback and returns its base URL, with
// "/" at the end.
func Serve(t testing.TB, dir string) string {
	t.Helper()
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	t.Cleanup(srv.Close)
	return srv.URL + "/"
}

// FileURL is the file:// URL of dir, with "/" at the end.
func FileURL(dir string) string {
	return "file://" + filepath.ToSlash(dir) + "/"
}

func projectRoot(t testing.TB) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test's folder")
		}
		dir = parent
	}
}
