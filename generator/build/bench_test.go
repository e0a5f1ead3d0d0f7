package build

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// corpus writes n synthetic pages in sections of 40, each with front
// matter, headings, paragraphs, a list, a table, a footnote, code and links
// to other pages and their headings: the shape of gen-corpus.py's corpus.
func corpus(n int) fstest.MapFS {
	rng := rand.New(rand.NewPCG(1, 2))
	words := strings.Fields("rights privacy security state party committee covenant expression assembly surveillance " +
		"encryption journalist defender remedy communication treaty article report export risk company product " +
		"network device message access information freedom law court decree review data protection user")
	sentence := func() string {
		k := 6 + rng.IntN(14)
		w := make([]string, k)
		for i := range w {
			w[i] = words[rng.IntN(len(words))]
		}
		return strings.ToUpper(w[0][:1]) + strings.Join(w, " ")[1:] + "."
	}
	fsys := fstest.MapFS{"_index.md": {Data: []byte("---\ntitle: Bench\n---\nHome.\n")}}
	for s := 0; s*40 < n; s++ {
		dir := fmt.Sprintf("part-%02d/chapter-%04d", s/10, s)
		fsys[fmt.Sprintf("part-%02d/_index.md", s/10)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: Part %d\nweight: %d\n---\nPart.\n", s/10, s/10))}
		fsys[dir+"/_index.md"] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: Chapter %d\nweight: %d\n---\nChapter.\n", s, s))}
		for i := 0; i < 40 && s*40+i < n; i++ {
			var b strings.Builder
			fmt.Fprintf(&b, "---\ntitle: Page %d\ndescription: %s\nweight: %d\ntags: [a, b]\n---\n", s*40+i, sentence(), i)
			for h := 0; h < 5; h++ {
				fmt.Fprintf(&b, "\n## Heading %d\n\n", h)
				for p := 0; p < 3; p++ {
					b.WriteString(sentence() + " " + sentence() + " " + sentence() + "\n\n")
				}
			}
			b.WriteString("- " + sentence() + "\n- " + sentence() + "\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n")
			fmt.Fprintf(&b, "See [the first page](../../part-00/chapter-0000/page-%06d.md#heading-1).[^1]\n\n", 0)
			b.WriteString("```go\nfunc main() { println(\"hi\") }\n```\n\n[^1]: A source.\n")
			fsys[fmt.Sprintf("%s/page-%06d.md", dir, s*40+i)] = &fstest.MapFile{Data: []byte(b.String())}
		}
	}
	return fsys
}

func benchBuild(b *testing.B, n int, write bool) {
	opts := projectOptions()
	opts.Content = corpus(n)
	out := filepath.Join(b.TempDir(), "public")
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		build := Site
		if write {
			build = func(ctx context.Context, o Options) (*Result, error) { return Run(ctx, o, out) }
		}
		res, err := build(context.Background(), opts)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(res.Pages), "pages")
	}
}

// BenchmarkBuild1k and 10k build a synthetic corpus in memory; the Write
// variants also write it to disk. Compare ns/op between 1k and 10k to see
// that the cost grows linearly with pages.
func BenchmarkBuild1k(b *testing.B)       { benchBuild(b, 1000, false) }
func BenchmarkBuild10k(b *testing.B)      { benchBuild(b, 10000, false) }
func BenchmarkBuildWrite1k(b *testing.B)  { benchBuild(b, 1000, true) }
func BenchmarkBuildWrite10k(b *testing.B) { benchBuild(b, 10000, true) }
