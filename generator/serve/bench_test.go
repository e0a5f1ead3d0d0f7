package serve

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// BenchmarkEditToReload1k times what a contributor waits for: from saving
// one page of a 1,000-page site to the reload event reaching the browser,
// through fsnotify, the batching (20 ms of quiet), the incremental rebuild
// and the event stream. The corpus is shared/bench/gen-corpus.py's:
//
//	python3 shared/bench/gen-corpus.py 1000 /tmp/corpus1k
//	go test ./generator/serve -run X -bench EditToReload
//
// (RIGHTSGUIDE_CORPUS names another folder.) build's BenchmarkSessionFull1k
// is the full build of the same corpus, for comparison.
func BenchmarkEditToReload1k(b *testing.B) { benchEdits(b, 0) }

// BenchmarkEditToReloadBusy1k is the worst case: each save comes while the
// server completes the previous one (search index, print page) in the
// background. The pause before each save is not timed.
func BenchmarkEditToReloadBusy1k(b *testing.B) { benchEdits(b, completeDelay+300*time.Millisecond) }

func benchEdits(b *testing.B, pause time.Duration) {
	src := os.Getenv("RIGHTSGUIDE_CORPUS")
	if src == "" {
		src = "/tmp/corpus1k"
	}
	if _, err := os.Stat(src); err != nil {
		b.Skipf("no corpus in %s: run shared/bench/gen-corpus.py 1000 %s", src, src)
	}
	p := startPreviewOf(b, src)
	if code, _, _ := p.get("/"); code != 200 {
		b.Fatalf("home: %d", code)
	}
	page, file := firstPage(b, filepath.Join(p.dir, "content"))
	orig, err := os.ReadFile(page)
	if err != nil {
		b.Fatal(err)
	}
	ev := p.events()
	ev.next(b, evHello, nil)
	i := 0
	for b.Loop() {
		if pause > 0 {
			b.StopTimer()
			time.Sleep(pause)
			b.StartTimer()
		}
		i++
		if err := os.WriteFile(page, fmt.Appendf(orig[:len(orig):len(orig)], "\nEdit number %d.\n", i), 0o644); err != nil {
			b.Fatal(err)
		}
		ev.reload(b, file)
	}
}

// firstPage finds a page that is not a section, and its output file.
func firstPage(b *testing.B, content string) (path, output string) {
	b.Helper()
	err := filepath.WalkDir(content, func(p string, d os.DirEntry, err error) error {
		if err == nil && path == "" && !d.IsDir() && strings.HasSuffix(p, ".md") && !strings.HasPrefix(d.Name(), "_index") {
			path = p
		}
		return err
	})
	if err != nil || path == "" {
		b.Fatal("no page in", content, err)
	}
	rel, _ := filepath.Rel(content, path)
	return path, strings.TrimSuffix(filepath.ToSlash(rel), ".md") + "/index.html"
}
