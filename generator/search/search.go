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
	"runtime"
	"slices"
	"sync"

	"rightsguide/generator/content"
	"rightsguide/generator/render"
)

// Options tune the index. Zero values take the defaults.
type Options struct {
	ShardBytes    int // a shard is cut after about this many bytes; 8 KB
	MaxPostings   int // postings in a stem's first tier, the rest in a tail file; 1200
	FragmentBytes int // text kept per target; 3000
	ChunkBytes    int // a fragment file holds targets up to about this much text; 4 KB
}

func (o Options) withDefaults() Options {
	o.ShardBytes = cmp.Or(o.ShardBytes, 8<<10)
	o.MaxPostings = cmp.Or(o.MaxPostings, 1200)
	o.FragmentBytes = cmp.Or(o.FragmentBytes, 3000)
	o.ChunkBytes = cmp.Or(o.ChunkBytes, 4<<10)
	return o
}

// Build indexes the rendered pages, one index per language (the page's
// <html lang>). It does no I/O and returns the files to write.
func Build(pages []render.PageOut, o Options) ([]content.File, error) {
	byLang := map[string][]Doc{}
	for _, p := range pages {
		if p.Page == nil {
			continue
		}
		d := Doc{URL: p.Page.URL, Title: p.Page.Title, Description: p.Page.Meta.Description, HTML: p.HTML}
		byLang[p.Page.Lang] = append(byLang[p.Page.Lang], d)
	}
	langs := make([]string, 0, len(byLang))
	for l := range byLang {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	var out []content.File
	for _, l := range langs {
		files, err := BuildLang(l, byLang[l], o)
		if err != nil {
			return nil, err
		}
		out = append(out, files...)
	}
	return out, nil
}

// BuildLang indexes the documents of one language, in the order given.
// Pages are analysed in parallel, a batch at a time, so memory holds only
// the compact postings and the batch, then merged in order.
func BuildLang(lang string, docs []Doc, o Options) ([]content.File, error) {
	o = o.withDefaults()
	b := newBuilder(lang, o)
	workers := runtime.GOMAXPROCS(0)
	an := make([]*analyser, workers)
	for w := range an {
		an[w] = newAnalyser(w, lang, o)
	}
	const batch = 256
	out := make([]analysed, batch)
	for start := 0; start < len(docs); start += batch {
		n := min(batch, len(docs)-start)
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() {
				for i := w; i < n; i += workers {
					out[i] = an[w].page(start+i, docs[start+i])
				}
			})
		}
		wg.Wait()
		for i := range n {
			if err := b.merge(out[i], an[out[i].worker]); err != nil {
				return nil, err
			}
			out[i] = analysed{}
		}
	}
	return b.files()
}
