package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"rightsguide/generator/build"
)

// wait is how long a test waits for the server to notice an edit.
const wait = 10 * time.Second

// preview is a running server over a temporary copy of testdata/site with
// the project's templates and static files.
type preview struct {
	t    testing.TB
	dir  string // holds content/, templates/, static/
	url  string // "http://127.0.0.1:PORT"
	done chan error
	out  *syncBuffer
	stop context.CancelFunc
}

func startPreview(t testing.TB) *preview {
	t.Helper()
	return startPreviewOf(t, "testdata/site/content")
}

// startPreviewOf serves a copy of the content folder src.
func startPreviewOf(t testing.TB, src string) *preview {
	t.Helper()
	dir := t.TempDir()
	copyDir(t, src, filepath.Join(dir, "content"))
	copyDir(t, "../../templates", filepath.Join(dir, "templates"))
	copyDir(t, "../../static", filepath.Join(dir, "static"))
	var o Options
	for _, name := range []string{build.InputContent, build.InputTemplates, build.InputStatic} {
		root, err := os.OpenRoot(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { root.Close() })
		switch name {
		case build.InputContent:
			o.Build.Content = root.FS()
		case build.InputTemplates:
			o.Build.Templates = root.FS()
		default:
			o.Build.Static = root.FS()
		}
		o.Inputs = append(o.Inputs, Input{Name: name, Dir: filepath.Join(dir, name)})
	}
	ln, err := Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &preview{t: t, dir: dir, url: "http://" + ln.Addr().String(), done: make(chan error, 1), out: &syncBuffer{}}
	o.Listener, o.Stdout, o.Stderr = ln, p.out, p.out
	if _, ok := t.(*testing.T); ok {
		o.CompleteDelay = 150 * time.Millisecond // benchmarks keep the real pause
	}
	ctx, cancel := context.WithCancel(context.Background())
	p.stop = cancel
	go func() { p.done <- Run(ctx, o) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-p.done:
		case <-time.After(wait):
			t.Error("the server did not stop")
		}
	})
	return p
}

// get fetches a path and returns the status, content type and body.
func (p *preview) get(path string) (int, string, string) {
	p.t.Helper()
	c := &http.Client{Timeout: wait, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(p.url + path)
	if err != nil {
		p.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Content-Type"), string(body)
}

// write writes a file below the site's folder.
func (p *preview) write(name, data string) {
	p.t.Helper()
	path := filepath.Join(p.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		p.t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		p.t.Fatal(err)
	}
}

// events is a page's connection to the event stream.
type events struct {
	ch chan sse
}

type sse struct{ name, data string }

func (p *preview) events() *events {
	p.t.Helper()
	resp, err := http.Get(p.url + Prefix + "events")
	if err != nil {
		p.t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		p.t.Fatalf("events: Content-Type %q", ct)
	}
	e := &events{ch: make(chan sse, 64)}
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		var cur sse
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				cur.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				cur.data = strings.TrimPrefix(line, "data: ")
			case line == "" && cur.name != "":
				e.ch <- cur
				cur = sse{}
			}
		}
		close(e.ch)
	}()
	p.t.Cleanup(func() { resp.Body.Close() })
	return e
}

// next waits for the event called name, skipping others, and decodes its
// data into v.
func (e *events) next(t testing.TB, name string, v any) {
	t.Helper()
	timeout := time.After(wait)
	for {
		select {
		case ev, ok := <-e.ch:
			if !ok {
				t.Fatalf("event stream closed while waiting for %q", name)
			}
			if ev.name != name {
				continue
			}
			if v != nil {
				if err := json.Unmarshal([]byte(ev.data), v); err != nil {
					t.Fatalf("%s: %v in %q", name, err, ev.data)
				}
			}
			return
		case <-timeout:
			t.Fatalf("no %q event within %s", name, wait)
		}
	}
}

type reloadData struct {
	Files []string `json:"files"`
	All   bool     `json:"all"`
}

// reload waits for a reload event that names file.
func (e *events) reload(t testing.TB, file string) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for time.Now().Before(deadline) {
		var d reloadData
		e.next(t, evReload, &d)
		for _, f := range d.Files {
			if f == file {
				return
			}
		}
	}
	t.Fatalf("no reload of %s", file)
}

// TestLiveReload edits, adds, renames and deletes files of a running
// server's site and checks that the browser is told and the new pages are
// served; a broken edit shows its problems and keeps the last good pages,
// and fixing it clears them.
func TestLiveReload(t *testing.T) {
	p := startPreview(t)
	code, ctype, home := p.get("/")
	if code != 200 || !strings.HasPrefix(ctype, "text/html") || !regexp.MustCompile(`<script src="/__rightsguide/reload.js" data-version="\d+" defer></script></head>`).MatchString(home) {
		t.Fatalf("home: %d %s, script injected: %v", code, ctype, strings.Contains(home, reloadTag))
	}
	ev := p.events()
	ev.next(t, evHello, nil)

	t.Run("edit", func(t *testing.T) {
		p.write("content/treaties/iccpr.md", "---\ntitle: ICCPR\ndescription: The covenant.\n---\n## Article 17: privacy {#article-17}\n\nEdited text of the covenant page.\n")
		ev.reload(t, "treaties/iccpr/index.html")
		if _, _, body := p.get("/treaties/iccpr/"); !strings.Contains(body, "Edited text") {
			t.Error("the edit is not served")
		}
		ev.reload(t, "print/index.html") // the whole-guide page catches up after a pause
		if _, _, body := p.get("/print/"); !strings.Contains(body, "Edited text") {
			t.Error("the print page did not catch up")
		}
	})
	t.Run("add in a new folder", func(t *testing.T) {
		p.write("content/guidance/deep/new-page.md", "---\ntitle: New page\ndescription: Added.\n---\nA new page.\n")
		ev.reload(t, "guidance/deep/new-page/index.html")
		if code, _, body := p.get("/guidance/deep/new-page/"); code != 200 || !strings.Contains(body, "A new page.") {
			t.Errorf("new page: %d", code)
		}
	})
	t.Run("rename", func(t *testing.T) {
		if err := os.Rename(filepath.Join(p.dir, "content/guidance/deep/new-page.md"), filepath.Join(p.dir, "content/guidance/deep/renamed.md")); err != nil {
			t.Fatal(err)
		}
		ev.reload(t, "guidance/deep/renamed/index.html")
		if code, _, _ := p.get("/guidance/deep/new-page/"); code != 404 {
			t.Errorf("old name: %d, want 404", code)
		}
		if code, _, _ := p.get("/guidance/deep/renamed/"); code != 200 {
			t.Errorf("new name: %d", code)
		}
	})
	t.Run("save by rename", func(t *testing.T) { // how vim, JetBrains and others save
		p.write("content/treaties/.iccpr.md.swp", "---\ntitle: ICCPR\ndescription: The covenant.\n---\n## Article 17: privacy {#article-17}\n\nSaved by rename.\n")
		if err := os.Rename(filepath.Join(p.dir, "content/treaties/.iccpr.md.swp"), filepath.Join(p.dir, "content/treaties/iccpr.md")); err != nil {
			t.Fatal(err)
		}
		ev.reload(t, "treaties/iccpr/index.html")
		if _, _, body := p.get("/treaties/iccpr/"); !strings.Contains(body, "Saved by rename.") {
			t.Error("the renamed-over file is not served")
		}
	})
	t.Run("delete", func(t *testing.T) {
		if err := os.RemoveAll(filepath.Join(p.dir, "content/guidance")); err != nil {
			t.Fatal(err)
		}
		ev.reload(t, "guidance/deep/renamed/index.html")
		code, ctype, body := p.get("/guidance/deep/renamed/")
		if code != 404 || !strings.HasPrefix(ctype, "text/html") || !strings.Contains(body, "Preview fixture") || !strings.Contains(body, reloadTag) {
			t.Errorf("deleted page: %d %s, want the site's 404 page", code, ctype)
		}
	})
	t.Run("stylesheet", func(t *testing.T) {
		old := stylesheet(t, p)
		css, _ := os.ReadFile(filepath.Join(p.dir, "static/style.css"))
		p.write("static/style.css", string(css)+"\n.edited-in-test { color: red }\n")
		var d struct {
			Renamed []struct{ From, To string } `json:"renamed"`
		}
		ev.next(t, evCSS, &d)
		if len(d.Renamed) != 1 || d.Renamed[0].From != old {
			t.Fatalf("css event %+v, want a rename of %s", d, old)
		}
		code, ctype, body := p.get("/" + d.Renamed[0].To)
		if code != 200 || !strings.HasPrefix(ctype, "text/css") || !strings.Contains(body, ".edited-in-test") {
			t.Errorf("new stylesheet: %d %s", code, ctype)
		}
		if stylesheet(t, p) != d.Renamed[0].To {
			t.Error("pages do not link the new stylesheet")
		}
	})
	t.Run("broken edit", func(t *testing.T) {
		good := "---\ntitle: ICCPR\ndescription: The covenant.\n---\n## Article 17: privacy {#article-17}\n\nSaved by rename.\n"
		p.write("content/treaties/iccpr.md", good+"\nOne more line.\n") // leaves the search index and print page to complete
		ev.reload(t, "treaties/iccpr/index.html")
		p.write("content/treaties/iccpr.md", "---\ntitle: ICCPR\ndescription: [The covenant.\n---\nBroken front matter.\n")
		var probs []Problem
		ev.next(t, evProblems, &probs)
		if !slices.ContainsFunc(probs, func(p Problem) bool { return p.File == "treaties/iccpr.md" && p.Line == 3 && p.Message != "" }) {
			t.Fatalf("problems %+v, want one at treaties/iccpr.md:3", probs)
		}
		if _, _, body := p.get("/treaties/iccpr/"); !strings.Contains(body, "One more line.") {
			t.Error("the last good page is not served any more")
		}
		if _, ctype, body := p.get(Prefix + "problems"); !strings.HasPrefix(ctype, "application/json") || !strings.Contains(body, "treaties/iccpr.md") {
			t.Errorf("problems endpoint: %s %s", ctype, body)
		}
		if !strings.Contains(p.out.String(), "treaties/iccpr.md:3:") {
			t.Errorf("the terminal does not show the problem:\n%s", p.out.String())
		}
		late := p.events() // a page opened now is told at once
		late.next(t, evProblems, nil)
		time.Sleep(500 * time.Millisecond) // the search index and print page catch up meanwhile
		if _, _, body := p.get(Prefix + "problems"); !strings.Contains(body, "treaties/iccpr.md") {
			t.Errorf("the problems went away by themselves: %s", body)
		}

		p.write("content/treaties/iccpr.md", good)
		ev.next(t, evOK, nil)
		late.next(t, evOK, nil)
		if _, _, body := p.get(Prefix + "problems"); strings.TrimSpace(body) != "[]" {
			t.Errorf("problems after the fix: %s", body)
		}
	})
	t.Run("broken template", func(t *testing.T) {
		page, _ := os.ReadFile(filepath.Join(p.dir, "templates/page.html"))
		p.write("templates/page.html", string(page)+"\n{{define \"broken\"}}{{.Nope}\n")
		var probs []Problem
		ev.next(t, evProblems, &probs)
		if !slices.ContainsFunc(probs, func(p Problem) bool { return p.File == "templates/page.html" && p.Line > 0 }) {
			t.Fatalf("problems %+v, want one in templates/page.html", probs)
		}
		p.write("templates/page.html", string(page))
		ev.next(t, evOK, nil)
	})
}

// stylesheet returns the file name of the home page's stylesheet.
func stylesheet(t *testing.T, p *preview) string {
	t.Helper()
	_, _, home := p.get("/")
	m := regexp.MustCompile(`<link rel="stylesheet" href="(style\.[0-9a-f]+\.css)"`).FindStringSubmatch(home)
	if m == nil {
		t.Fatal("no stylesheet link in the home page")
	}
	return m[1]
}

// TestStops: Run returns soon after its context ends, even with a page
// connected to the event stream.
func TestStops(t *testing.T) {
	p := startPreview(t)
	if code, _, _ := p.get("/"); code != 200 {
		t.Fatalf("home: %d", code)
	}
	p.events().next(t, evHello, nil)
	p.stop()
	select {
	case err := <-p.done:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
		p.done <- err // for the cleanup
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return within 5s of Ctrl-C")
	}
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func copyDir(t testing.TB, src, dst string) {
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
