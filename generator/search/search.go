// Package search is the index stage: it builds, from the rendered pages,
// a full-text index per language that static/search.js queries in the
// reader's browser, with nothing sent anywhere.
//
// The text pipeline is Words (the tokeniser), Normalize (case folding,
// NFKC, Latin diacritics, Arabic letter forms) and a stemmer (snowball for
// English, light prefix stripping for Arabic). The browser repeats the
// first two and never stems: the index maps every surface form it met to
// its stem.
//
// Each page is split into targets (target 0: its title, description and
// opening text; then one per h2/h3/h4 section), so results link to the
// heading. Files, under search/LANG/:
//
//	manifest.js          the separators of the shards (always loaded first)
//	HASH/s/N.js          a shard: a range of keys, each a stem with its
//	                     postings or a redirect from a surface form
//	HASH/t/N.js          the rest of a very long postings list
//	HASH/f/G/PAGE-C.js   a fragment: chunk C of a page's targets (their URL,
//	                     title, headings and text); G is PAGE/100, so no
//	                     folder holds too many files for a FAT32 USB stick
//
// A query loads the manifest, the shards of its words and the fragments of
// the results it shows. See envelope.go for the file format.
package search

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"sync"

	"golang.org/x/sync/errgroup"

	"rightsguide/generator/content"
	"rightsguide/generator/render"
)

// Options tune the index. Zero values take the defaults.
type Options struct {
	ShardBytes    int // a shard is cut after about this many bytes; 8 KB
	MaxPostings   int // postings in a stem's first tier, the rest in a tail file; 1200
	FragmentBytes int // text kept per target; 3000
	ChunkBytes    int // a fragment file holds targets up to about this much text; 8 KB
}

func (o Options) withDefaults() Options {
	o.ShardBytes = cmp.Or(o.ShardBytes, 8<<10)
	o.MaxPostings = cmp.Or(o.MaxPostings, 1200)
	o.FragmentBytes = cmp.Or(o.FragmentBytes, 3000)
	o.ChunkBytes = cmp.Or(o.ChunkBytes, 8<<10)
	return o
}

// Build indexes the rendered pages, one index per language (the page's
// <html lang>). It does no I/O and returns the files to write.
func Build(pages []render.PageOut, o Options) ([]content.File, error) {
	list := make([]*content.Page, len(pages))
	for i, p := range pages {
		list[i] = p.Page
	}
	number := Numbers(list)
	return buildAll(o, len(pages), func(x *Indexer, i int) {
		if p := pages[i]; p.Page != nil {
			x.Add(p.Page.Lang, number[i], DocOf(p))
		}
	})
}

// DocOf is what the index reads of a rendered page.
func DocOf(p render.PageOut) Doc {
	return Doc{URL: p.Page.URL, Title: p.Page.Title, Description: p.Page.Meta.Description, HTML: p.HTML}
}

// BuildLang indexes the documents of one language, in the order given.
func BuildLang(lang string, docs []Doc, o Options) ([]content.File, error) {
	return buildAll(o, len(docs), func(x *Indexer, i int) { x.Add(lang, i, docs[i]) })
}

// buildAll adds n pages in parallel, one core each, and writes the index.
func buildAll(o Options, n int, add func(x *Indexer, i int)) ([]content.File, error) {
	x := NewIndexer(o)
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i := range n {
		g.Go(func() error { add(x, i); return nil })
	}
	g.Wait()
	files, _, err := x.Files()
	return files, err
}

// Numbers numbers each page among the pages of its language, in the order
// given: the page numbers Add takes. A nil page gets none (-1).
func Numbers(pages []*content.Page) []int {
	next := map[string]int{}
	out := make([]int, len(pages))
	for i, p := range pages {
		if p == nil {
			out[i] = -1
			continue
		}
		out[i] = next[p.Lang]
		next[p.Lang]++
	}
	return out
}

// Indexer builds the index while the pages are rendered: Add analyses a
// page at once, from any goroutine, so the build need not keep every
// page's HTML until the end; Files merges the analysed pages in order and
// writes the index. Analysis holds no shared state but the analysers'
// word tables, so each Add borrows one from a pool.
type Indexer struct {
	o     Options
	emit  func(content.File) error // set by Stream
	mu    sync.Mutex
	langs map[string]*langIndex
}

// pendingDir holds a streamed language's fragments until the index's
// hash, which names their folder, is known.
const pendingDir = "pending"

// Move is a folder of streamed fragments and the name it must take.
type Move struct{ From, To string }

// Stream makes Add hand each fragment (most of the index's bytes) to emit
// at once, under search/LANG/pending/, instead of keeping it until Files;
// Files then says which folders to rename. emit must be safe for
// concurrent use.
func (x *Indexer) Stream(emit func(content.File) error) { x.emit = emit }

// langIndex is one language's index while pages come in. Pages are
// merged into the builder as soon as every page before them has been
// analysed, so the merge runs alongside the render instead of after it,
// and an analysed page is held only until its turn.
type langIndex struct {
	pool chan *analyser // the analysers not in use
	mu   sync.Mutex
	b    *builder
	keys [][]string // by analyser: its key numbers' keys, as far as known
	wait []analysed // by page number, from next on: analysed, not yet merged
	next int        // the next page number to merge
}

// NewIndexer starts an index. Zero Options take the defaults.
func NewIndexer(o Options) *Indexer {
	return &Indexer{o: o.withDefaults(), langs: map[string]*langIndex{}}
}

// Add analyses page number n of a language (numbers run from 0 in the
// order the pages are to be merged). It is safe for concurrent use.
func (x *Indexer) Add(lang string, n int, d Doc) {
	li := x.lang(lang)
	a := <-li.pool
	res := a.page(n, d)
	keys := a.keys // read before the analyser goes back: others append to it
	li.pool <- a
	if x.emit != nil {
		x.stream(lang, &res)
	}
	li.mu.Lock()
	defer li.mu.Unlock()
	if len(keys) > len(li.keys[a.id]) { // the entries below len never change
		li.keys[a.id] = keys
	}
	li.put(n, res)
}

// put files page n's analysis and merges every page now complete in order.
// Call it with li.mu held.
func (li *langIndex) put(n int, res analysed) {
	if n < li.next {
		if li.b.err == nil {
			li.b.err = fmt.Errorf("search: page %d of %s was added twice", n, li.b.lang)
		}
		return
	}
	for len(li.wait) <= n-li.next {
		li.wait = append(li.wait, analysed{worker: -1})
	}
	li.wait[n-li.next] = res
	done := 0
	for done < len(li.wait) && li.wait[done].worker >= 0 {
		w := li.wait[done]
		if err := li.b.merge(w, li.keys[w.worker]); err != nil && li.b.err == nil {
			li.b.err = err
		}
		li.wait[done] = analysed{}
		done++
	}
	li.next += done
	li.wait = li.wait[done:]
}

func (x *Indexer) lang(code string) *langIndex {
	x.mu.Lock()
	defer x.mu.Unlock()
	li := x.langs[code]
	if li == nil {
		workers := runtime.GOMAXPROCS(0) // one per core: each keeps its own word tables warm
		li = &langIndex{pool: make(chan *analyser, workers), b: newBuilder(code, x.o), keys: make([][]string, workers)}
		for id := range workers {
			li.pool <- newAnalyser(id, code, x.o)
		}
		x.langs[code] = li
	}
	return li
}

func (x *Indexer) stream(lang string, res *analysed) {
	for i, f := range res.frags {
		err := x.emit(content.File{Path: "search/" + lang + "/" + pendingDir + "/" + FragmentPath(f.page, f.chunk), Data: f.data})
		if err != nil && res.err == nil {
			res.err = err
		}
		res.frags[i].data = nil
	}
}

// Files returns the index files, and the folders of streamed fragments to
// rename. Call it once, after the last Add.
func (x *Indexer) Files() ([]content.File, []Move, error) {
	codes := make([]string, 0, len(x.langs))
	for c := range x.langs {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	var out []content.File
	var moves []Move
	for _, c := range codes {
		li := x.langs[c]
		b := li.b
		if len(li.wait) > 0 {
			return nil, nil, fmt.Errorf("search: page %d of %s was never added", li.next, c)
		}
		if b.err != nil {
			return nil, nil, b.err
		}
		files, hash, err := b.files()
		if err != nil {
			return nil, nil, err
		}
		out = append(out, files...)
		if x.emit != nil {
			dir := "search/" + c + "/"
			moves = append(moves, Move{From: dir + pendingDir, To: dir + hash})
		}
	}
	return out, moves, nil
}
