// Package serve is the preview server: it serves a built site from memory,
// watches the inputs, rebuilds what an edit touched (build.Session), and
// tells the pages through Server-Sent Events, so the browser reloads, swaps
// a stylesheet, or shows the problems of a broken edit in an overlay. The
// live-reload script is added to pages as they are served, never to a
// built site.
package serve

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"rightsguide/generator/content"
)

// Prefix is where the server's own files live; no site page can be there.
const Prefix = "/__rightsguide/"

// reloadTag starts what the server adds to every HTML page, before
// </head>. The script is a same-origin file, so the pages' Content-Security-
// Policy (script-src 'self') allows it. data-version is the build the page
// comes from: the script reloads when the server has a newer one.
const reloadTag = `<script src="` + Prefix + `reload.js"`

func reloadScript(version int) string {
	return reloadTag + ` data-version="` + strconv.Itoa(version) + `" defer></script>`
}

// csp repeats the policy of the pages' meta tag as a header, like the
// production setup in README.md, so a policy problem shows in preview too.
const csp = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'"

//go:embed client/reload.js client/reload.css
var client embed.FS

// Site is a built site held in memory, by output path.
type Site struct {
	files   map[string][]byte
	version int // the build's number, for the pages' script
}

// NewSite indexes built files for serving.
func NewSite(files []content.File) *Site {
	m := make(map[string][]byte, len(files))
	for _, f := range files {
		m[f.Path] = f.Data
	}
	return &Site{files: m}
}

// Server serves the current Site, and the live-reload events and script.
// Swap replaces the site atomically: a request sees one build or the other.
type Server struct {
	site   atomic.Pointer[Site]
	events *broker
}

// NewServer starts with site.
func NewServer(site *Site) *Server {
	s := &Server{events: newBroker()}
	s.site.Store(site)
	return s
}

// Swap replaces the site being served with the same build's files (the
// search index caught up): pages need not hear of it.
func (s *Server) Swap(site *Site) {
	site.version = s.site.Load().version
	s.site.Store(site)
}

// publish serves site as a new build, then tells the pages what changed.
func (s *Server) publish(site *Site, events func(version int) []event) {
	s.events.built(func(v int) []event {
		site.version = v
		s.site.Store(site)
		return events(v)
	})
}

// Problems returns the problems of the last build, nil when it succeeded.
func (s *Server) Problems() []Problem { return s.events.Problems() }

// ServeHTTP serves files from memory: no directory listings, no way out of
// the site (paths are cleaned and looked up in a map, never on disk), and
// the site's own 404 page.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("Referrer-Policy", "no-referrer")
	if strings.HasPrefix(r.URL.Path, Prefix) {
		s.own(w, r, strings.TrimPrefix(r.URL.Path, Prefix))
		return
	}
	site := s.site.Load()
	name, ok := lookup(site, r.URL.Path)
	if !ok {
		if dir, isDir := folder(site, r.URL.Path); isDir {
			target := "/" + dir
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusMovedPermanently)
			return
		}
		notFound(w, site)
		return
	}
	data := site.files[name]
	if path.Ext(name) == ".html" {
		data = inject(data, site.version)
	}
	w.Header().Set("Content-Type", contentType(name, data))
	if path.Ext(name) == ".html" {
		w.Header().Set("Content-Security-Policy", csp)
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
}

// own serves the server's files: the script, its stylesheet, the event
// stream and the current problems.
func (s *Server) own(w http.ResponseWriter, r *http.Request, name string) {
	switch name {
	case "reload.js", "reload.css":
		data, _ := client.ReadFile("client/" + name)
		w.Header().Set("Content-Type", contentType(name, data))
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
	case "events":
		s.events.ServeHTTP(w, r)
	case "problems":
		probs := s.events.Problems()
		if probs == nil {
			probs = []Problem{}
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(probs)
	default:
		http.NotFound(w, r)
	}
}

// inject adds the live-reload script to a page of build version.
func inject(page []byte, version int) []byte {
	tag := reloadScript(version)
	i := bytes.Index(page, []byte("</head>"))
	if i < 0 {
		return append(page[:len(page):len(page)], tag...)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}

// contentTypes are the types of what a site holds, fixed here so that they
// do not depend on the machine's MIME tables.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
	".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
	".json": "application/json", ".xml": "application/xml; charset=utf-8",
	".txt": "text/plain; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png",
	".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp",
	".avif": "image/avif", ".ico": "image/vnd.microsoft.icon", ".pdf": "application/pdf",
	".woff": "font/woff", ".woff2": "font/woff2", ".zip": "application/zip",
}

func contentType(name string, data []byte) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return http.DetectContentType(data)
}

// lookup maps a URL path to a file name: "/a/b/" -> "a/b/index.html".
// Backslashes, NUL and hidden names are never files of a site.
func lookup(site *Site, urlPath string) (string, bool) {
	if strings.ContainsAny(urlPath, "\\\x00") {
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
	for _, part := range strings.Split(name, "/") {
		if strings.HasPrefix(part, ".") {
			return "", false
		}
	}
	_, ok := site.files[name]
	return name, ok
}

// folder reports whether a path without its final "/" names a folder with
// an index.html, and returns the folder's clean path ending in "/": the
// redirect never leaves the site, whatever the request held.
func folder(site *Site, urlPath string) (string, bool) {
	if strings.HasSuffix(urlPath, "/") || strings.ContainsAny(urlPath, "\\\x00") {
		return "", false
	}
	dir := strings.TrimPrefix(path.Clean("/"+urlPath), "/")
	if dir == "" || strings.HasPrefix(path.Base(dir), ".") {
		return "", false
	}
	_, ok := site.files[dir+"/index.html"]
	return dir + "/", ok
}

// notFound serves the site's 404 page, or a plain one (with the reload
// script, so a page that appears later still loads) before the first build.
func notFound(w http.ResponseWriter, site *Site) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", csp)
	w.WriteHeader(http.StatusNotFound)
	page, ok := site.files["404.html"]
	if !ok {
		page = []byte("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head>\n<body><h1>Not found</h1><p>Nothing is built at this address (yet).</p></body></html>\n")
	}
	_, _ = w.Write(inject(page, site.version))
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
// Requests share ctx, so open event streams end with it.
func Serve(ctx context.Context, ln net.Listener, h http.Handler) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second,
		BaseContext: func(net.Listener) context.Context { return ctx }}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		shutdown, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		if err := srv.Shutdown(shutdown); err != nil {
			return err
		}
		return nil
	}
}
