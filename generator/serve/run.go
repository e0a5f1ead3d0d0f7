package serve

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"net"
	"path"
	"strings"
	"time"

	"rightsguide/generator/build"
	"rightsguide/generator/problem"
)

// completeDelay is the pause in editing the server waits for before it
// rebuilds the search index and the print page (Session.Complete): a page
// reloads first, and a burst of saves does not start a burst of them.
const completeDelay = time.Second

// Options configure Run.
type Options struct {
	Build    build.Options   // the inputs, as the build reads them
	Inputs   []Input         // the same folders on disk, to watch
	Folders  problem.Folders // the input folders as named, for problems' paths
	Listener net.Listener    // from Listen
	Stdout   io.Writer       // what was rebuilt
	Stderr   io.Writer       // problems and warnings
	// CompleteDelay is the pause in editing before the search index and
	// print page catch up; zero means completeDelay.
	CompleteDelay time.Duration
}

// Run builds the site, serves it on o.Listener, and rebuilds what each
// change touched until ctx ends. A broken edit never stops it: the server
// keeps the last good build, and shows the problems in the terminal and, as
// an overlay, in the browser, until a later save fixes them.
func Run(ctx context.Context, o Options) error {
	r := &runner{sess: build.NewSession(o.Build), srv: NewServer(NewSite(nil)),
		stdout: o.Stdout, stderr: o.Stderr, warned: map[string]bool{}, delay: cmp.Or(o.CompleteDelay, completeDelay),
		folders: o.Folders}
	w, err := newWatcher(o.Inputs, func(msg string) { fmt.Fprintln(r.stderr, "warning: "+msg) })
	if err != nil {
		return fmt.Errorf("cannot watch the input folders: %w", err)
	}
	defer w.close()
	r.first(ctx, o.Listener.Addr().String())
	batches := make(chan []string)
	go w.run(ctx, batches)
	served := make(chan error, 1)
	go func() { served <- Serve(ctx, o.Listener, r.srv) }()
	r.loop(ctx, batches)
	err = <-served
	fmt.Fprintln(r.stdout, "stopped")
	return err
}

// runner is the rebuild side of the server. Its fields are used by one job
// at a time (loop waits for each).
type runner struct {
	sess           *build.Session
	srv            *Server
	stdout, stderr io.Writer
	failing        bool // the last build failed
	incomplete     bool // the search index or print page lags behind the pages
	warned         map[string]bool
	delay          time.Duration // before completing
	folders        problem.Folders
}

// first builds the site before the server answers, so the first page a
// browser gets is the site.
func (r *runner) first(ctx context.Context, addr string) {
	start := time.Now()
	res, _, err := r.sess.Update(ctx)
	if err != nil {
		r.fail(err)
		fmt.Fprintf(r.stdout, "serving on http://%s/ without a site until the problems above are fixed (Ctrl-C to stop)\n", addr)
		return
	}
	r.srv.publish(NewSite(res.Files), func(int) []event { return nil })
	r.incomplete = true
	r.warn(res)
	fmt.Fprintf(r.stdout, "built %d pages in %s; serving on http://%s/ (Ctrl-C to stop)\n", res.Pages, time.Since(start).Round(time.Millisecond), addr)
}

// loop rebuilds for each batch of changes until ctx ends, and completes
// the site (search index, print page) in the pauses. A batch that arrives
// while a job runs cancels it; an interrupted rebuild starts again with
// both batches.
func (r *runner) loop(ctx context.Context, batches <-chan []string) {
	var hints []string
	dirty := false // a rebuild is due
	for {
		var job func(context.Context)
		switch {
		case dirty:
			h := hints
			job = func(c context.Context) { r.update(c, h) }
		case r.incomplete:
			job = r.complete
		default:
			select {
			case <-ctx.Done():
				return
			case hints = <-batches:
				dirty = true
			}
			continue
		}
		jctx, cancel := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() { job(jctx); close(done) }()
		select {
		case <-done:
			if dirty {
				hints, dirty = nil, false
			}
		case b := <-batches:
			cancel()
			<-done
			hints, dirty = append(hints, b...), true // nil unless an update was cut short
		case <-ctx.Done():
			cancel()
			<-done
			return
		}
		cancel()
	}
}

// update rebuilds what changed, swaps the new files in and tells the pages.
func (r *runner) update(ctx context.Context, hints []string) {
	start := time.Now()
	res, ch, err := r.sess.Update(ctx, hints...)
	if err != nil {
		if ctx.Err() == nil { // else a newer batch takes over
			r.fail(err)
		}
		return
	}
	r.srv.publish(NewSite(res.Files), func(v int) []event { return eventsFor(ch, v) })
	r.incomplete = r.incomplete || len(ch.Files) > 0
	r.report(ch, time.Since(start))
	r.warn(res)
	r.failing = false
}

// complete rebuilds the search index and the print page after a pause in
// editing, and reloads a print page that is open.
func (r *runner) complete(ctx context.Context) {
	select {
	case <-ctx.Done():
		return
	case <-time.After(r.delay):
	}
	res, ch, err := r.sess.Complete(ctx)
	if err != nil {
		if ctx.Err() == nil {
			r.incomplete = false
			printed := r.folders.Locate(err).Error()
			fmt.Fprintln(r.stderr, "completing the build: "+strings.ReplaceAll(printed, "\n", "\ncompleting the build: "))
		}
		return
	}
	r.incomplete = false
	if r.failing || len(eventsFor(ch, 0)) == 0 { // a new build would hide the problems of the last edit
		r.srv.Swap(NewSite(res.Files))
		return
	}
	r.srv.publish(NewSite(res.Files), func(v int) []event { return eventsFor(ch, v) })
}

// fail shows a failed build's problems in the terminal and the browser.
func (r *runner) fail(err error) {
	probs := problemsOf(r.folders.Locate(err))
	r.srv.events.failed(probs)
	r.failing = true
	for _, p := range probs {
		fmt.Fprintln(r.stderr, p.Text)
	}
	n := "1 problem"
	if len(probs) != 1 {
		n = fmt.Sprintf("%d problems", len(probs))
	}
	fmt.Fprintf(r.stderr, "%s %s; still serving the last good build (fix and save: the browser follows)\n", clock(), n)
}

func (r *runner) report(ch build.Changes, took time.Duration) {
	took = took.Round(100 * time.Microsecond)
	switch {
	case ch.StyleOnly:
		fmt.Fprintf(r.stdout, "%s rebuilt in %s: stylesheet swapped in without a reload\n", clock(), took)
	case len(ch.Files) > 0:
		fmt.Fprintf(r.stdout, "%s rebuilt in %s: %s rendered, %s changed\n", clock(), took, plural(ch.Rendered, "page"), plural(len(ch.Files), "file"))
	case r.failing:
		fmt.Fprintf(r.stdout, "%s fixed: serving the current build\n", clock())
	}
}

// warn prints the warnings not printed before.
func (r *runner) warn(res *build.Result) {
	for _, w := range r.folders.LocateAll(res.Warnings) {
		if text := w.Error(); !r.warned[text] {
			r.warned[text] = true
			fmt.Fprintln(r.stderr, "warning: "+text)
		}
	}
}

// eventsFor tells the pages what an update changed: a stylesheet to swap,
// or the pages to reload. Feeds and the sitemap change with most edits but
// show in no page, so they reload nothing.
func eventsFor(ch build.Changes, version int) []event {
	if ch.StyleOnly {
		type pair struct {
			From string `json:"from"`
			To   string `json:"to"`
		}
		var renamed []pair
		for from, to := range ch.Renamed {
			if path.Ext(from) == ".css" {
				renamed = append(renamed, pair{from, to})
			}
		}
		return []event{{name: evCSS, data: mustJSON(map[string]any{"version": version, "renamed": renamed})}}
	}
	files, all := []string{}, false
	for _, f := range ch.Files {
		switch path.Ext(f) {
		case ".html":
			files = append(files, f)
		case ".xml", ".txt":
		default:
			all = all || !strings.HasPrefix(f, "search/") && !strings.Contains(f, "/search/")
		}
	}
	if len(files) == 0 && !all {
		return nil
	}
	return []event{{name: evReload, data: mustJSON(map[string]any{"version": version, "files": files, "all": all})}}
}

func clock() string { return time.Now().Format("15:04:05") }

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
