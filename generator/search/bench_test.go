package search

import (
	"fmt"
	"strings"
	"testing"
)

// benchDocs makes n pages of about 600 words with headings, over a
// vocabulary of 5,000 made-up words drawn Zipf-like, as the shared
// bench corpus does (../shared/bench/gen-corpus.py builds whole sites).
func benchDocs(n int) []Doc {
	rng := uint64(7)
	next := func(k int) int {
		rng = rng*6364136223846793005 + 1442695040888963407
		return int((rng >> 33) % uint64(k))
	}
	syll := []string{"ra", "ti", "on", "pri", "va", "cy", "sur", "vei", "lan", "ce", "tre", "aty", "ma", "ment", "ing", "ed", "s"}
	vocab := make([]string, 5000)
	for i := range vocab {
		var b strings.Builder
		for range 2 + next(3) {
			b.WriteString(syll[next(len(syll))])
		}
		vocab[i] = b.String()
	}
	word := func() string { i := next(len(vocab)); return vocab[next(i+1)] }
	text := func(k int) string {
		w := make([]string, k)
		for i := range w {
			w[i] = word()
		}
		return strings.Join(w, " ")
	}
	docs := make([]Doc, n)
	for i := range docs {
		var h strings.Builder
		fmt.Fprintf(&h, "<p>%s.</p>\n", text(60))
		for s := range 6 {
			fmt.Fprintf(&h, "<h2 id=\"s%d\">%s <a class=\"anchor\" href=\"#s%d\">#</a></h2>\n<p>%s.</p>\n<ul><li>%s</li></ul>\n", s, text(3), s, text(70), text(10))
		}
		docs[i] = Doc{URL: fmt.Sprintf("p/%d/", i), Title: text(4), Description: text(12), HTML: []byte(h.String())}
	}
	return docs
}

func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		docs := benchDocs(n)
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			var bytes int
			for b.Loop() {
				files, err := BuildLang("en", docs, Options{})
				if err != nil {
					b.Fatal(err)
				}
				bytes = 0
				for _, f := range files {
					bytes += len(f.Data)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
			b.ReportMetric(float64(bytes)/float64(n), "index-bytes/page")
		})
	}
}

func BenchmarkSearch(b *testing.B) {
	fsys := buildFS(b, "en", benchDocs(2000), Options{})
	for b.Loop() {
		ix, err := OpenIndex(fsys, "en")
		if err != nil {
			b.Fatal(err)
		}
		r, err := ix.Search("rati onva", true, false)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := ix.Top(r, 0, 10); err != nil {
			b.Fatal(err)
		}
	}
}
