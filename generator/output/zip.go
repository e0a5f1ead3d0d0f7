package output

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/klauspost/compress/flate"
	"golang.org/x/sync/errgroup"

	"rightsguide/generator/content"
	"rightsguide/generator/problem"
)

// The whole site as one zip, for sharing on USB sticks where the site is
// blocked: unzip it and open index.html; every link and the search work
// from file://.
//
// The zip is deterministic, so anyone who builds the same source gets the
// same bytes and the same SHA-256: the pages in the site's order, then
// every other file in path order, a fixed date
// (2000-01-01), mode 0644, no directory entries, no extra fields, each
// file deflated on its own at one fixed level.
//
// The SHA-256 is shown on the About page, which is itself in the zip: a
// file cannot hold its own hash. So the About page exists twice. The copy
// inside the zip says where the hash is published (the About page of the
// website, at its absolute URL). The copy on the website, written after the
// zip, shows the hash and the size. A reader who got the zip from someone
// else checks it against the website (or a mirror they trust) with
// sha256sum. The zip and its .sha256 file are not in the zip.

// zipDate is the modification time of every file in the zip, in MS-DOS
// form: 2000-01-01 00:00. Build times would make every zip different.
const (
	zipDate = (2000-1980)<<9 | 1<<5 | 1
	zipTime = 0
)

// zipLevel trades size for build time: level 1 of klauspost's deflate is
// about three times as fast as the standard library's and within a few
// percent of its default level on HTML.
const zipLevel = flate.BestSpeed

// ZipName is where the zip is written: "download/<host>.zip", after the
// base URL's host ("download/rightsguide.example.org.zip"), so a reader's
// downloads folder says what it is.
func ZipName(baseURL string) string {
	name := "site"
	if u, err := url.Parse(baseURL); err == nil && u.Hostname() != "" {
		name = u.Hostname()
	}
	return "download/" + name + ".zip"
}

// ZipInfo describes a written zip.
type ZipInfo struct {
	Path   string // in the output: "download/x.zip"
	Size   int64  // bytes
	SHA256 string // lower-case hex
	Files  int
}

// Zip writes every file added so far into a zip at name, in the temporary
// folder, and adds name and name+".sha256" (a sha256sum file) to the
// output. Call it after the last Add, before Commit. The zip holds the
// pages given to AddPage first, in page order, then every other file in
// path order: an order that does not depend on which worker finished
// first.
func (w *Writer) Zip(name string) (ZipInfo, error) {
	w.mu.Lock()
	taken := w.seen[name] || w.seen[name+".sha256"]
	pages := w.pages
	paths := make([]string, 0, len(w.seen))
	for p := range w.seen {
		if !pages.has(p) {
			paths = append(paths, p)
		}
	}
	packed, spool := w.packed, w.spool
	w.packed, w.spool, w.pages = nil, nil, nil // the zip takes them; later files are not in it
	w.mu.Unlock()
	if pages == nil { // not packed: every file is read back from disk
		var err error
		if pages, err = newPageStream(filepath.Join(w.tmp, partialName)); err != nil {
			return ZipInfo{}, err
		}
	}
	defer pages.abort()
	if spool != nil {
		defer func() {
			spool.Close()
			os.Remove(spool.Name())
		}()
	}
	if taken {
		return ZipInfo{}, problem.New(problem.Pos{Root: problem.AsGiven, File: name}, "output.duplicate", "the site's zip is written to "+name+", which the site already has", "rename the content or static file at "+name)
	}
	sort.Strings(paths)
	info := ZipInfo{Path: name, Files: len(paths) + pages.count()}
	err := pages.finish(paths, func(p string) (deflated, error) {
		if s, ok := packed[p]; ok {
			return s.read(spool)
		}
		data, err := os.ReadFile(filepath.Join(w.tmp, filepath.FromSlash(p)))
		if err != nil {
			return deflated{}, err
		}
		return deflate(data)
	})
	if err != nil {
		return info, err
	}
	dst := filepath.Join(w.tmp, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return info, err
	}
	if err := os.Rename(pages.file.Name(), dst); err != nil {
		return info, err
	}
	info.Size, info.SHA256 = pages.out.n, hex.EncodeToString(pages.sum.Sum(nil))
	w.mu.Lock()
	w.seen[name] = true
	w.mu.Unlock()
	line := info.SHA256 + "  " + filepath.Base(name) + "\n" // the format sha256sum -c reads
	return info, w.Add(content.File{Path: name + ".sha256", Data: []byte(line)})
}

// pageStream is the zip while the site is written: pages go in as soon as
// every page before them has, the rest at the end.
type pageStream struct {
	mu    sync.Mutex
	file  *os.File
	sum   hash.Hash
	out   *countWriter
	zw    *zip.Writer
	next  int               // the next page number to write
	early map[int]pageEntry // pages compressed before their turn
	in    map[string]bool   // paths taken: written, or waiting in early
	done  bool              // finished or aborted: nothing more goes in
	err   error
}

type pageEntry struct {
	path string
	d    deflated
}

func newPageStream(name string) (*pageStream, error) {
	f, err := os.Create(name)
	if err != nil {
		return nil, err
	}
	s := &pageStream{file: f, sum: sha256.New(), early: map[int]pageEntry{}, in: map[string]bool{}}
	s.out = &countWriter{w: io.MultiWriter(f, s.sum)}
	s.zw = zip.NewWriter(s.out)
	return s, nil
}

// add takes page n and writes every page now in order.
func (s *pageStream) add(n int, path string, d deflated) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done || s.err != nil {
		return s.err // after Zip: the page is on disk, not in the zip
	}
	s.early[n] = pageEntry{path, d}
	s.in[path] = true
	for {
		e, ok := s.early[s.next]
		if !ok {
			return nil
		}
		delete(s.early, s.next)
		s.next++
		if s.err = s.write(e); s.err != nil {
			return s.err
		}
	}
}

func (s *pageStream) write(e pageEntry) error { return addRaw(s.zw, e.path, e.d) }

func (s *pageStream) has(path string) bool {
	if s == nil {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.in[path]
}

func (s *pageStream) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.in)
}

// finish writes the pages still waiting (after a page that never came:
// the build has failed, but the zip stays well formed) in page order, then
// the other files in the order given, and closes the zip.
func (s *pageStream) finish(paths []string, get func(string) (deflated, error)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return s.err
	}
	s.done = true
	waiting := make([]int, 0, len(s.early))
	for n := range s.early {
		waiting = append(waiting, n)
	}
	slices.Sort(waiting)
	for _, n := range waiting {
		if err := s.write(s.early[n]); err != nil {
			return err
		}
		delete(s.early, n)
	}
	if err := writeEntries(s.zw, paths, get); err != nil {
		return err
	}
	if err := s.zw.Close(); err != nil {
		return err
	}
	return s.file.Close()
}

// abort closes the file if finish did not; the temporary folder goes with
// it.
func (s *pageStream) abort() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.done = true
	s.file.Close()
}

// Replace writes a new version of a file already added: the website's
// About page, once the zip's hash is known.
func (w *Writer) Replace(f content.File) error {
	w.mu.Lock()
	known := w.seen[f.Path]
	w.mu.Unlock()
	if !known {
		return fmt.Errorf("output: replacing %s, which was never written", f.Path)
	}
	return os.WriteFile(filepath.Join(w.tmp, filepath.FromSlash(f.Path)), f.Data, 0o644)
}

// deflated is one file, compressed, ready for the archive.
type deflated struct {
	crc        uint32
	size       int
	compressed []byte
	stored     bool // compressing did not make it smaller
}

// writeEntries gets the files compressed in parallel, a batch at a time
// so memory stays bounded, and writes them in the order given.
func writeEntries(zw *zip.Writer, paths []string, get func(string) (deflated, error)) error {
	batch := 8 * runtime.GOMAXPROCS(0)
	results := make([]deflated, batch)
	for start := 0; start < len(paths); start += batch {
		chunk := paths[start:min(start+batch, len(paths))]
		var g errgroup.Group
		g.SetLimit(runtime.GOMAXPROCS(0))
		for i, p := range chunk {
			g.Go(func() error {
				var err error
				results[i], err = get(p)
				return err
			})
		}
		if err := g.Wait(); err != nil {
			return err
		}
		for i, p := range chunk {
			if err := addRaw(zw, p, results[i]); err != nil {
				return err
			}
			results[i] = deflated{}
		}
	}
	return nil
}

// flaters keeps deflate writers for reuse: each holds about a megabyte of
// tables, and a site has tens of thousands of files. Not a sync.Pool: the
// render stage compresses while it allocates, and a pool emptied at every
// garbage collection would make a new writer for most files.
var flaters = make(chan *flate.Writer, 64)

func getFlater() *flate.Writer {
	select {
	case fw := <-flaters:
		return fw
	default:
		fw, _ := flate.NewWriter(nil, zipLevel) // fails only on a bad level
		return fw
	}
}

func putFlater(fw *flate.Writer) {
	select {
	case flaters <- fw:
	default:
	}
}

func deflate(data []byte) (deflated, error) {
	d := deflated{crc: crc32.ChecksumIEEE(data), size: len(data)}
	var b bytes.Buffer
	b.Grow(len(data)/2 + 1024) // HTML and the index deflate to a quarter to a half
	fw := getFlater()
	defer putFlater(fw)
	fw.Reset(&b)
	if _, err := fw.Write(data); err != nil {
		return d, err
	}
	if err := fw.Close(); err != nil {
		return d, err
	}
	d.compressed = b.Bytes()
	if len(d.compressed) >= len(data) {
		d.compressed, d.stored = data, true
	}
	return d, nil
}

// spooled is a file compressed for the zip and appended to the spool:
// its header fields (compressed left nil) and where its bytes are.
type spooled struct {
	head   deflated
	off, n int64
}

// pack compresses f and appends it to the spool.
func (w *Writer) pack(f content.File) error {
	d, err := deflate(f.Data)
	if err != nil {
		return err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.spool == nil {
		return nil // the zip is written: this file comes after it
	}
	if _, err := w.spool.Write(d.compressed); err != nil {
		return err
	}
	s := spooled{head: d, off: w.spoolEnd, n: int64(len(d.compressed))}
	s.head.compressed = nil
	w.spoolEnd += s.n
	w.packed[f.Path] = s
	return nil
}

func (s spooled) read(spool *os.File) (deflated, error) {
	d := s.head
	d.compressed = make([]byte, s.n)
	_, err := spool.ReadAt(d.compressed, s.off)
	return d, err
}

func addRaw(zw *zip.Writer, name string, d deflated) error {
	fh := &zip.FileHeader{
		Name:               name,
		Method:             zip.Deflate,
		CRC32:              d.crc,
		CompressedSize64:   uint64(len(d.compressed)),
		UncompressedSize64: uint64(d.size),
		// The MS-DOS fields, not Modified: Modified also writes an
		// extended-timestamp field, which a fixed date does not need.
		//lint:ignore SA1019 deliberate, as above
		ModifiedDate: zipDate,
		//lint:ignore SA1019 deliberate, as above
		ModifiedTime: zipTime,
	}
	if d.stored {
		fh.Method = zip.Store
	}
	if !isASCII(name) && utf8.ValidString(name) {
		fh.Flags |= 0x800 // names are UTF-8 (an Arabic slug)
	}
	fh.SetMode(0o644)
	w, err := zw.CreateRaw(fh)
	if err != nil {
		return err
	}
	_, err = w.Write(d.compressed)
	return err
}

func isASCII(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return r >= utf8.RuneSelf }) < 0
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
