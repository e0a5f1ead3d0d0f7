// Package serve is the preview server: it serves a built site from memory.
// (Watching files and live reload build on it.)
package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"path"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"rightsguide/generator/content"
)

// Site is a built site held in memory, by output path.
type Site struct {
	files map[string][]byte
}

// NewSite indexes built files for serving.
func NewSite(files []content.File) *Site {
	m := make(map[string][]byte, len(files))
	for _, f := range files {
		m[f.Path] = f.Data
	}
	return &Site{files: m}
}

// Server serves the current Site; Swap replaces it atomically.
type Server struct {
	site atomic.Pointer[Site]
}

// NewServer starts with site.
func NewServer(site *Site) *Server {
	s := &Server{}
	s.site.Store(site)
	return s
}

// Swap replaces the site being served.
func (s *Server) Swap(site *Site) { s.site.Store(site) }

// ServeHTTP serves files from memory: no directory listings, no way out of
// the site (paths are cleaned and looked up in a map, never on disk), and
// the site's own 404 page.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	site := s.site.Load()
	name, ok := lookup(site, r.URL.Path)
	if !ok {
		if strings.HasSuffix(r.URL.Path, "/") || path.Ext(r.URL.Path) != "" || !hasDir(site, r.URL.Path) {
			notFound(w, site)
			return
		}
		http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
		return
	}
	data := site.files[name]
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
}

// lookup maps a URL path to a file name: "/a/b/" -> "a/b/index.html".
func lookup(site *Site, urlPath string) (string, bool) {
	if strings.Contains(urlPath, "\\") || strings.Contains(urlPath, "\x00") {
		return "", false
	}
	clean := path.Clean("/" + urlPath)
	if clean != "/" && strings.HasSuffix(urlPath, "/") {
		clean += "/"
	}
	name := strings.TrimPrefix(clean, "/")
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	if strings.HasPrefix(path.Base(name), ".") {
		return "", false
	}
	_, ok := site.files[name]
	return name, ok
}

func hasDir(site *Site, urlPath string) bool {
	_, ok := site.files[strings.TrimPrefix(path.Clean("/"+urlPath), "/")+"/index.html"]
	return ok
}

func notFound(w http.ResponseWriter, site *Site) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	if page, ok := site.files["404.html"]; ok {
		w.Write(page)
		return
	}
	io.WriteString(w, "404 page not found\n")
}

// Listen opens addr, with a clear error when the port is taken.
func Listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return nil, fmt.Errorf("cannot listen on %s: the port is in use (choose another with --addr, e.g. --addr 127.0.0.1:1314)", addr)
		}
		return nil, fmt.Errorf("cannot listen on %s: %v (check --addr)", addr, err)
	}
	return ln, nil
}

// Serve runs the HTTP server on ln until ctx is done, then shuts it down.
func Serve(ctx context.Context, ln net.Listener, h http.Handler) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		shutdown, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		return srv.Shutdown(shutdown)
	}
}
