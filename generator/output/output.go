// Package output is the write stage, the only one that touches the disk:
// it fingerprints assets, writes every file into a temporary folder and
// swaps that folder into place only when all of it was written.
package output

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"

	"rightsguide/generator/content"
	"rightsguide/generator/problem"
)

// HighlightCSS is the asset name of the code-highlighting stylesheet.
const HighlightCSS = "highlight.css"

// Marker is written into every output folder, so that a later build knows
// the folder is its own to replace, and never deletes anything else.
const Marker = ".rightsguide-output"

// Fingerprint names a file after its content: "style.css" becomes
// "style.1a2b3c4d5e.css", so hosts can cache it forever.
func Fingerprint(name string, data []byte) string {
	sum := sha256.Sum256(data)
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext
}

// Assets reads the static folder. Stylesheets and scripts are minified
// (minify.go) and fingerprinted; extraCSS (the code-highlighting rules) is
// written as highlight.css, which only pages with highlighted code load
// (most pages have none, and each byte counts toward a page's weight).
// It returns the files and a map from each original name to the name
// written.
func Assets(static fs.FS, extraCSS []byte) ([]content.File, map[string]string, error) {
	names := map[string]string{}
	var files []content.File
	if len(extraCSS) > 0 {
		data, err := minifyAsset(HighlightCSS, extraCSS)
		if err != nil {
			return nil, nil, err
		}
		names[HighlightCSS] = Fingerprint(HighlightCSS, data)
		files = append(files, content.File{Path: names[HighlightCSS], Data: data})
	}
	var probs problem.List // every bad file, not only the first
	err := fs.WalkDir(static, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			probs.Add(problem.Wrap(problem.Pos{Root: problem.InStatic, File: name}, "static.unreadable", err, content.ReadHint(err)))
			return nil
		}
		if d.IsDir() || strings.HasPrefix(path.Base(name), ".") {
			return nil
		}
		data, err := content.ReadFile(static, name)
		if errors.Is(err, content.ErrNotRegular) {
			probs.Add(problem.Wrap(problem.Pos{Root: problem.InStatic, File: name}, "static.special", err, "remove it from the static folder: only regular files are published"))
			return nil
		}
		if err != nil {
			probs.Add(problem.Wrap(problem.Pos{Root: problem.InStatic, File: name}, "static.unreadable", err, content.ReadHint(err)))
			return nil
		}
		out := name
		switch path.Ext(name) {
		case ".css", ".js":
			if data, err = minifyAsset(name, data); err != nil {
				probs.Add(problem.All(err)...)
				return nil
			}
			out = Fingerprint(name, data)
		}
		names[name] = out
		files = append(files, content.File{Path: out, Data: data})
		return nil
	})
	if err := problem.Join(err, probs.Err()); err != nil {
		return nil, nil, err
	}
	return files, names, nil
}

// Scripts lists the top-level scripts of the static folder ("search.js"),
// in name order: every page loads them.
func Scripts(names map[string]string) []string {
	var out []string
	for name := range names {
		if path.Ext(name) == ".js" && !strings.Contains(name, "/") {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// Write puts files into dir atomically: they are written to a temporary
// folder beside dir, which then replaces dir. If anything fails, dir is
// left exactly as it was. dir must be empty, missing, or an earlier output.
func Write(dir string, files []content.File) error {
	if err := checkFiles(files); err != nil {
		return err
	}
	w, err := NewWriter(dir)
	if err != nil {
		return err
	}
	var g errgroup.Group
	g.SetLimit(2 * runtime.GOMAXPROCS(0))
	for _, f := range files {
		g.Go(func() error { return w.Add(f) })
	}
	if err := g.Wait(); err != nil {
		w.Abort()
		return err
	}
	return w.Commit()
}

// Writer writes a build's files into a temporary folder as they are made,
// so a large site is never held in memory whole, then swaps the folder in.
type Writer struct {
	dir, tmp string
	madeFrom string // the highest folder above dir that NewWriter made, or ""
	mu       sync.Mutex
	seen     map[string]bool
	dirs     map[string]bool
	packed   map[string]spooled // set by PackForZip: where each file's compressed bytes are
	spool    *os.File           // those bytes, one after another
	spoolEnd int64
	pages    *pageStream // set by PackForZip: the zip, pages first
}

// The zip is written while the site is: spoolName holds the files
// compressed before their turn in it (every file but the pages) and
// partialName the zip itself until Zip names it. Neither is published.
const (
	spoolName   = ".zip-spool"
	partialName = ".zip-partial"
)

// PackForZip makes Add and AddPage compress each file for the zip as it is
// added, on the caller's goroutine (the render stage's workers), so that
// Zip neither reads the whole site back from disk nor holds it compressed
// in memory. Pages go into the zip at once, in page order; other files
// wait in a spool file until Zip.
func (w *Writer) PackForZip() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.packed != nil {
		return nil
	}
	f, err := os.Create(filepath.Join(w.tmp, spoolName))
	if err != nil {
		return err
	}
	pages, err := newPageStream(filepath.Join(w.tmp, partialName))
	if err != nil {
		f.Close()
		return err
	}
	w.packed, w.spool, w.pages = map[string]spooled{}, f, pages
	return nil
}

// NewWriter prepares a temporary folder beside dir.
func NewWriter(dir string) (*Writer, error) {
	if err := checkReplaceable(dir); err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	parent := filepath.Dir(abs)
	made := firstMissing(parent)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	w := &Writer{dir: abs, madeFrom: made, seen: map[string]bool{}, dirs: map[string]bool{".": true}}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(abs)+".new-")
	if err != nil {
		w.removeMadeParents()
		return nil, err
	}
	w.tmp = tmp
	if err := os.Chmod(tmp, 0o755); err != nil {
		w.Abort()
		return nil, err
	}
	return w, nil
}

// firstMissing returns the highest folder of dir's path that does not
// exist yet, or "" when dir exists.
func firstMissing(dir string) string {
	missing := ""
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil || filepath.Dir(d) == d {
			return missing
		}
		missing = d
	}
}

// removeMadeParents removes the folders NewWriter made above the output
// folder, if they are still empty: a failed build leaves nothing behind.
func (w *Writer) removeMadeParents() {
	if w.madeFrom == "" {
		return
	}
	for d := filepath.Dir(w.dir); ; d = filepath.Dir(d) {
		if os.Remove(d) != nil || d == w.madeFrom {
			return
		}
	}
}

// Add writes one file. It is safe for concurrent use.
func (w *Writer) Add(f content.File) error {
	pack, err := w.write(f)
	if err != nil || !pack {
		return err
	}
	return w.pack(f)
}

// AddPage writes page number n (in the site's order) and, with
// PackForZip, puts it into the zip as soon as the pages before it are in:
// render workers finish pages nearly in order, so few wait. It is safe
// for concurrent use.
func (w *Writer) AddPage(n int, f content.File) error {
	pack, err := w.write(f)
	if err != nil || !pack {
		return err
	}
	d, err := deflate(f.Data)
	if err != nil {
		return err
	}
	return w.pages.add(n, f.Path, d)
}

// write writes f into the temporary folder, and says whether it is to be
// packed for the zip.
func (w *Writer) write(f content.File) (pack bool, err error) {
	if !fs.ValidPath(f.Path) || f.Path == "." {
		return false, fmt.Errorf("output path %q is not inside the output folder", f.Path)
	}
	w.mu.Lock()
	if w.seen[f.Path] {
		w.mu.Unlock()
		return false, problem.New(problem.Pos{Root: problem.AsGiven, File: f.Path}, "output.duplicate", "two outputs are written to "+f.Path, "rename the content or static file that clashes with it")
	}
	w.seen[f.Path] = true
	if err := w.mkdir(path.Dir(f.Path)); err != nil { // under the lock: no writer races ahead of it
		w.mu.Unlock()
		return false, err
	}
	pack = w.packed != nil
	w.mu.Unlock()
	return pack, os.WriteFile(filepath.Join(w.tmp, filepath.FromSlash(f.Path)), f.Data, 0o644)
}

// mkdir makes a folder of the output and the folders above it that the
// writer has not made yet: one system call for each new folder, where
// os.MkdirAll would first look at every level. Call it with w.mu held.
func (w *Writer) mkdir(dir string) error {
	if w.dirs[dir] {
		return nil
	}
	if err := w.mkdir(path.Dir(dir)); err != nil {
		return err
	}
	err := os.Mkdir(filepath.Join(w.tmp, filepath.FromSlash(dir)), 0o755)
	if err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	w.dirs[dir] = true
	return nil
}

// Move renames a folder of files already added, inside the output: the
// search index streams its fragments to disk before it knows the name of
// their folder.
func (w *Writer) Move(from, to string) error {
	if !fs.ValidPath(from) || !fs.ValidPath(to) || from == "." || to == "." {
		return fmt.Errorf("output: moving %q to %q: not inside the output folder", from, to)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	var moved []string
	for p := range w.seen {
		if p == to || under(p, to) {
			return problem.New(problem.Pos{Root: problem.AsGiven, File: to}, "output.duplicate", "two outputs are written to "+to, "rename the content or static file that clashes with it")
		}
		if under(p, from) {
			if w.pages.has(p) {
				return fmt.Errorf("output: moving %s, which is in the zip already", p)
			}
			moved = append(moved, p)
		}
	}
	if len(moved) == 0 {
		return nil
	}
	dst := filepath.Join(w.tmp, filepath.FromSlash(to))
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	if err := os.Rename(filepath.Join(w.tmp, filepath.FromSlash(from)), dst); err != nil {
		return err
	}
	for _, p := range moved {
		delete(w.seen, p)
		w.seen[to+p[len(from):]] = true
		if s, ok := w.packed[p]; ok {
			delete(w.packed, p)
			w.packed[to+p[len(from):]] = s
		}
	}
	for d := range w.dirs {
		if d == from || under(d, from) {
			delete(w.dirs, d)
			w.dirs[to+d[len(from):]] = true
		}
	}
	for d := path.Dir(to); d != "."; d = path.Dir(d) {
		w.dirs[d] = true
	}
	return nil
}

// under reports whether p is inside the folder dir.
func under(p, dir string) bool {
	return len(p) > len(dir) && p[len(dir)] == '/' && p[:len(dir)] == dir
}

// Commit marks the folder as this tool's and swaps it into place.
func (w *Writer) Commit() error {
	if err := os.WriteFile(filepath.Join(w.tmp, Marker), []byte("written by rightsguide; the next build replaces this folder\n"), 0o644); err != nil {
		w.Abort()
		return err
	}
	return swap(w.tmp, w.dir)
}

// Abort removes the temporary folder, leaving the previous output alone.
func (w *Writer) Abort() {
	w.mu.Lock()
	if w.spool != nil {
		w.spool.Close()
	}
	if w.pages != nil {
		w.pages.abort()
	}
	w.mu.Unlock()
	os.RemoveAll(w.tmp)
	w.removeMadeParents()
}

func checkFiles(files []content.File) error {
	seen := make(map[string]bool, len(files))
	for _, f := range files {
		if !fs.ValidPath(f.Path) || f.Path == "." {
			return fmt.Errorf("output path %q is not inside the output folder", f.Path)
		}
		if seen[f.Path] {
			return problem.New(problem.Pos{Root: problem.AsGiven, File: f.Path}, "output.duplicate", "two outputs are written to "+f.Path, "rename the content or static file that clashes with it")
		}
		seen[f.Path] = true
	}
	return nil
}

// checkReplaceable refuses to replace a folder this tool did not write.
func checkReplaceable(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, Marker)); err == nil {
		return nil
	}
	return problem.New(problem.Pos{Root: problem.AsGiven, File: dir}, "output.foreign", "output folder "+dir+" holds files that rightsguide did not write", "choose an empty or new folder with --out")
}

// swap moves tmp to dir, keeping the old dir until the new one is in place.
func swap(tmp, dir string) error {
	old := ""
	if _, err := os.Stat(dir); err == nil {
		old = tmp + ".old"
		if err := os.Rename(dir, old); err != nil {
			os.RemoveAll(tmp)
			return err
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			os.Rename(old, dir)
		}
		os.RemoveAll(tmp)
		return err
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}
