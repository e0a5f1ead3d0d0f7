package serve

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Batching: a burst of events (an editor's save-by-rename is three or four)
// becomes one rebuild. Like Hugo's batcher, events are collected for at most
// maxDelay; unlike a fixed tick, a burst is handed on as soon as quietDelay
// passes without another event, so a single save waits 20 ms, not 100.
const (
	quietDelay = 20 * time.Millisecond
	maxDelay   = 100 * time.Millisecond
)

// Input is a folder the server watches, and the name the build gives its
// files ("content", as in "content/a.md").
type Input struct {
	Name string
	Dir  string
}

// watcher turns fsnotify's events below the inputs into batches of
// changed paths ("content/treaties/iccpr.md"). fsnotify watches single
// folders, so every folder is added, including those created later.
type watcher struct {
	fsw    *fsnotify.Watcher
	inputs []Input // Dir absolute and clean
	warn   func(string)
}

func newWatcher(inputs []Input, warn func(string)) (*watcher, error) {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{fsw: fsw, warn: warn}
	for _, in := range inputs {
		dir, err := filepath.Abs(in.Dir)
		if err != nil {
			fsw.Close()
			return nil, err
		}
		w.inputs = append(w.inputs, Input{Name: in.Name, Dir: dir})
		if err := w.addTree(dir); err != nil {
			fsw.Close()
			return nil, err
		}
	}
	return w, nil
}

// addTree watches dir and every folder below it, but not hidden ones
// (.git), which the build skips too. Files already inside a new folder need
// no events of their own: the rebuild compares every file's size and time.
func (w *watcher) addTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			return nil // gone already, or unreadable: the build reports it
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if err := w.fsw.Add(p); err != nil && p == dir {
			return err
		}
		return nil
	})
}

// name maps a path on disk to the build's name for it, "" outside the inputs.
func (w *watcher) name(p string) string {
	for _, in := range w.inputs {
		rel, err := filepath.Rel(in.Dir, p)
		if err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			if rel == "." {
				return in.Name
			}
			return in.Name + "/" + filepath.ToSlash(rel)
		}
	}
	return ""
}

// run sends batches of changed names on out until ctx ends. A batch is
// handed over only when the receiver takes it; meanwhile later events join
// it, so a slow rebuild is followed by one rebuild, not a queue.
func (w *watcher) run(ctx context.Context, out chan<- []string) {
	pending := map[string]bool{}
	var timer <-chan time.Time
	var deadline time.Time
	var ready chan<- []string // out when a batch is ready, else nil
	arm := func() {
		now := time.Now()
		if deadline.IsZero() {
			deadline = now.Add(maxDelay)
		}
		timer = time.After(min(quietDelay, max(deadline.Sub(now), 0)))
	}
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			if w.note(ev, pending) {
				arm()
			}
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				pending[""] = true // events were lost: the build looks at every file anyway
				arm()
			} else {
				w.warn("watching files: " + err.Error())
			}
		case <-timer:
			timer, ready = nil, out
		case ready <- batchOf(pending):
			clear(pending)
			ready, timer, deadline = nil, nil, time.Time{}
		}
	}
}

// note records one event; it reports whether the event matters. A new
// folder is watched at once, with everything already inside it.
func (w *watcher) note(ev fsnotify.Event, pending map[string]bool) bool {
	if ev.Op == fsnotify.Chmod { // touch, or an editor's attribute change: no new bytes
		return false
	}
	name := w.name(ev.Name)
	if name == "" {
		return false
	}
	if ev.Has(fsnotify.Create) {
		if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() {
			if strings.HasPrefix(info.Name(), ".") {
				return false
			}
			_ = w.addTree(ev.Name) // a folder moved in, or made with files (mkdir -p, git checkout)
		}
	}
	pending[name] = true
	return true
}

func batchOf(pending map[string]bool) []string {
	out := make([]string, 0, len(pending))
	for name := range pending {
		if name != "" {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

func (w *watcher) close() error { return w.fsw.Close() }
