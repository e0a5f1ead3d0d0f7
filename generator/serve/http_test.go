package serve

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestHostilePaths sends paths that try to leave the site, raw, so that no
// client cleans them first. None may reach a file outside the output, and
// a symbolic link out of static/ fails the build instead of being served.
func TestHostilePaths(t *testing.T) {
	p := startPreview(t)
	const secret = "TOP-SECRET-MARKER"
	if err := os.WriteFile(filepath.Join(p.dir, "secret.txt"), []byte(secret), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := p.get("/"); code != 200 {
		t.Fatalf("home: %d", code)
	}
	ev := p.events()
	if err := os.Symlink("../secret.txt", filepath.Join(p.dir, "static", "leak.txt")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	var probs []Problem
	ev.next(t, evProblems, &probs) // the build refuses the link
	if !slices.ContainsFunc(probs, func(p Problem) bool { return strings.Contains(p.File, "leak.txt") }) {
		t.Errorf("problems %+v, want one about static/leak.txt", probs)
	}
	cases := []struct {
		path     string
		code     int
		location string // for redirects
	}{
		{"/../../../secret.txt", 404, ""},
		{"/../secret.txt", 404, ""},
		{"/%2e%2e/secret.txt", 404, ""},
		{"/%2E%2E/%2E%2E/secret.txt", 404, ""},
		{"/..%2fsecret.txt", 404, ""},
		{"/%2e%2e%2f%2e%2e%2fsecret.txt", 404, ""},
		{"/..\\secret.txt", 404, ""},
		{"/%5c..%5csecret.txt", 404, ""},
		{"/treaties/..%5c..%5csecret.txt", 404, ""},
		{"/leak.txt", 404, ""},
		{"/static/leak.txt", 404, ""},
		{"/%00index.html", 404, ""},
		{"/index.html%00.txt", 404, ""},
		{"/.rightsguide-output", 404, ""},
		{"/files/", 404, ""}, // a folder without index.html: no listing
		{"/files", 404, ""},
		{"//etc/passwd", 404, ""},
		{Prefix + "../../secret.txt", 404, ""},
		{Prefix + "nothing", 404, ""},
		{"/treaties", 301, "/treaties/"},
		{"/treaties/../treaties", 301, "/treaties/"},
		{"//treaties", 301, "/treaties/"},
		{"/files/doc.pdf", 200, ""},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			resp, body := rawGet(t, p.url, c.path)
			if strings.Contains(body, secret) {
				t.Fatalf("%s served the secret", c.path)
			}
			if resp.StatusCode != c.code && !(c.code == 404 && resp.StatusCode == 400) {
				t.Errorf("%s: status %d, want %d", c.path, resp.StatusCode, c.code)
			}
			if loc := resp.Header.Get("Location"); loc != c.location {
				t.Errorf("%s: Location %q, want %q", c.path, loc, c.location)
			}
		})
	}
}

// rawGet sends path exactly as written.
func rawGet(t *testing.T, base, path string) (*http.Response, string) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", strings.TrimPrefix(base, "http://"), wait)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(wait))
	if _, err := io.WriteString(conn, "GET "+path+" HTTP/1.1\r\nHost: preview\r\nConnection: close\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

// TestContentTypes: each kind of file is served with its type, and every
// HTML page (the 404 page too) carries the reload script and the CSP.
func TestContentTypes(t *testing.T) {
	files := []struct{ path, data string }{
		{"index.html", "<html><head><title>x</title></head><body></body></html>"},
		{"404.html", "<html><head></head><body>gone</body></html>"},
		{"style.0123456789.css", "body{}"}, {"app.0123456789.js", "1"}, {"index.xml", "<feed/>"},
		{"robots.txt", "User-agent: *"}, {"a/pic.png", "\x89PNG"}, {"a/pic.svg", "<svg/>"},
		{"a/doc.pdf", "%PDF"}, {"a/data.json", "{}"}, {"a/font.woff2", "wOF2"}, {"a/odd.unknownext", "plain words"},
	}
	site := map[string][]byte{}
	for _, f := range files {
		site[f.path] = []byte(f.data)
	}
	srv := NewServer(&Site{files: site})
	want := map[string]string{
		"/": "text/html; charset=utf-8", "/style.0123456789.css": "text/css; charset=utf-8",
		"/app.0123456789.js": "text/javascript; charset=utf-8", "/index.xml": "application/xml; charset=utf-8",
		"/robots.txt": "text/plain; charset=utf-8", "/a/pic.png": "image/png", "/a/pic.svg": "image/svg+xml",
		"/a/doc.pdf": "application/pdf", "/a/data.json": "application/json", "/a/font.woff2": "font/woff2",
		"/a/odd.unknownext": "text/plain; charset=utf-8", "/missing": "text/html; charset=utf-8",
		Prefix + "reload.js": "text/javascript; charset=utf-8", Prefix + "reload.css": "text/css; charset=utf-8",
	}
	for path, ctype := range want {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if got := rec.Header().Get("Content-Type"); got != ctype {
			t.Errorf("%s: Content-Type %q, want %q", path, got, ctype)
		}
		if rec.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: no nosniff", path)
		}
		if strings.HasPrefix(ctype, "text/html") {
			if !strings.Contains(rec.Body.String(), reloadTag) || rec.Header().Get("Content-Security-Policy") == "" {
				t.Errorf("%s: HTML without the reload script or CSP", path)
			}
		}
	}
}

func TestInject(t *testing.T) {
	cases := map[string]string{
		"<html><head><title>t</title></head><body></body></html>": "<html><head><title>t</title>" + reloadScript(7) + "</head><body></body></html>",
		"<p>no head</p>": "<p>no head</p>" + reloadScript(7),
	}
	for in, want := range cases {
		if got := string(inject([]byte(in), 7)); got != want {
			t.Errorf("inject(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestPortInUse names the flag to change.
func TestPortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, err = Listen(ln.Addr().String())
	if err == nil || !strings.Contains(err.Error(), "--addr") {
		t.Errorf("Listen on a taken port: %v, want a hint naming --addr", err)
	}
}

// FuzzServePath: whatever the path, the server answers with a file of the
// site, the site's 404 page, or a redirect to a folder of the site; never
// with anything else, and never a redirect to another host.
func FuzzServePath(f *testing.F) {
	for _, seed := range []string{"/", "/a/", "/a", "/../x", "/%2e%2e/x", "//evil.example/", "/a\\..\\b", "/.hidden", "/a/b.txt", Prefix + "events/../x", Prefix + "events"} {
		f.Add(seed)
	}
	site := &Site{files: map[string][]byte{
		"index.html": []byte("<head></head>home"), "404.html": []byte("<head></head>missing"),
		"a/index.html": []byte("<head></head>folder"), "a/b.txt": []byte("text"),
	}}
	srv := NewServer(site)
	done, cancel := context.WithCancel(context.Background())
	cancel() // an event stream ends at once
	f.Fuzz(func(t *testing.T, p string) {
		req := httptest.NewRequest(http.MethodGet, "/", nil).WithContext(done)
		req.URL.Path = p
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		body := rec.Body.String()
		switch rec.Code {
		case 200:
			if strings.HasPrefix(p, Prefix) {
				return // the server's own files
			}
			name, ok := lookup(site, p)
			if !ok || !strings.Contains(body, strings.TrimPrefix(string(site.files[name]), "<head></head>")) {
				t.Errorf("%q: 200 with %q", p, body)
			}
		case 301:
			loc := rec.Header().Get("Location")
			if loc != "/a/" {
				t.Errorf("%q: redirect to %q", p, loc)
			}
		case 404:
			if !strings.HasPrefix(p, Prefix) && !strings.Contains(body, "missing") {
				t.Errorf("%q: 404 without the site's page: %q", p, body)
			}
		default:
			t.Errorf("%q: status %d", p, rec.Code)
		}
	})
}
