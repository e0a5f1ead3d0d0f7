package search

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"rightsguide/generator/content"
	"rightsguide/generator/internal/golden"
)

// rankDocs is a small English corpus with known answers.
var rankDocs = []Doc{
	{URL: "", Title: "Home", HTML: []byte(`<p>A guide to human rights online.</p>`)},
	{URL: "privacy/", Title: "Privacy", Description: "What the right to privacy protects.",
		HTML: []byte(`<p>Everyone has the right to privacy.</p><h2 id="article-17">Article 17</h2><p>No arbitrary interference with privacy.</p>`)},
	{URL: "privacy-law/", Title: "Notes on privacy and privacy law",
		HTML: []byte(`<p>Privacy, privacy, privacy: the word many times, in a title that is not exactly the query.</p>`)},
	{URL: "surveillance/", Title: "Watching the watchers", Description: "How states watch people.",
		HTML: []byte(`<p>An overview.</p><h2 id="mass-surveillance">Mass surveillance</h2><p>Bulk interception and mass surveillance interfere with privacy.</p>
<h2 id="hacking">Targeted hacking</h2><p>Spyware turns a phone against its owner. Surveillance again.</p>`)},
	{URL: "due-diligence/", Title: "Due diligence",
		HTML: []byte(`<p>Companies carry out human rights due diligence.</p><h2 id="steps">Steps</h2><p>Identify, prevent, mitigate and account for harm. Diligence is due.</p>`)},
	{URL: "diligence-due/", Title: "Diligence is due in every sale",
		HTML: []byte(`<p>Before each export, diligence; a sale is due for review.</p>`)},
	{URL: "encryption/", Title: "Encryption and anonymity",
		HTML: []byte(`<p>Encryption protects journalists; anonymity protects sources. Encrypted messages.</p>`)},
	{URL: "committees/", Title: "How treaty committees work",
		HTML: []byte(`<p>Each treaty has a committee of experts.</p><h2 id="complaints">Complaint procedure</h2><p>A committee may hear individual complaints once a state accepts the procedure.</p>`)},
}

// buildFS indexes docs and returns the files as a site folder.
func buildFS(t testing.TB, lang string, docs []Doc, o Options) fs.FS {
	t.Helper()
	files, err := BuildLang(lang, docs, o)
	if err != nil {
		t.Fatal(err)
	}
	return filesFS(files)
}

func filesFS(files []content.File) fstest.MapFS {
	m := fstest.MapFS{}
	for _, f := range files {
		m[f.Path] = &fstest.MapFile{Data: f.Data}
	}
	return m
}

// rankQueries are the queries of testdata/ranking.golden: typed (the last
// word a prefix) or submitted.
var rankQueries = []struct {
	q      string
	typing bool
}{
	{"privacy", false},
	{"surveil", false},
	{"surveillance privacy", false},
	{"due diligence", false},
	{"diligence due", false},
	{"encryp", true},
	{"encryp", false},
	{"treaty committee", false},
	{"committees", false},
	{"complaint procedure", false},
	{"human rights privacy", false},
	{"xylophone", false},
	{"the", false},
	{"pri", true},
}

func TestRanking(t *testing.T) {
	golden.Check(t, "testdata/ranking.golden", []byte(ranking(t, Options{})))
	// tiny shards and tiers, so that lookups cross shards and tails load
	golden.Check(t, "testdata/ranking-small-shards.golden", []byte(ranking(t, Options{ShardBytes: 200, MaxPostings: 2})))
	// one target a fragment file: the same results
	if got, want := ranking(t, Options{ChunkBytes: 1}), ranking(t, Options{}); got != want {
		t.Errorf("ranking with one target a fragment:\n%s\nwant\n%s", got, want)
	}
}

func ranking(t *testing.T, o Options) string {
	fsys := buildFS(t, "en", rankDocs, o)
	var b strings.Builder
	for _, rq := range rankQueries {
		for _, tails := range []bool{false, true} {
			ix, err := OpenIndex(fsys, "en")
			if err != nil {
				t.Fatal(err)
			}
			r, err := ix.Search(rq.q, rq.typing, tails)
			if err != nil {
				t.Fatal(err)
			}
			hits, err := ix.Top(r, 0, 5)
			if err != nil {
				t.Fatal(err)
			}
			if tails && o.MaxPostings == 0 {
				continue // no tails without small tiers: the same as above
			}
			fmt.Fprintf(&b, "%q typing=%v tails=%v: %d results, words %q prefix=%v trunc=%b\n", rq.q, rq.typing, tails, len(r.Results), r.Query.Words, r.Query.Prefix, r.Trunc)
			for _, h := range hits {
				fmt.Fprintf(&b, "\t%s#%s\t%q\t%q\tmatched=%d exact=%v phrase=%v score=%.2f\n", h.Fragment.URL, h.Fragment.Anchor, h.Fragment.Title, h.Fragment.Heading, h.Matched, h.Exact, h.Phrase, h.Score)
			}
		}
	}
	return b.String()
}

// TestShards checks the index's structure: every key is found in the
// shard the separators point to, and every target of every posting has
// a fragment.
func TestShards(t *testing.T) {
	fsys := buildFS(t, "en", rankDocs, Options{ShardBytes: 200, MaxPostings: 2, ChunkBytes: 40})
	ix, err := OpenIndex(fsys, "en")
	if err != nil {
		t.Fatal(err)
	}
	if len(ix.m.Seps) < 5 {
		t.Fatalf("%d shards; the test wants several", len(ix.m.Seps))
	}
	for i := range ix.m.Seps {
		sh, err := ix.shard(i)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range sh.list {
			if got := ix.shardOf(e.Key); got != i {
				t.Errorf("key %q is in shard %d, the separators say %d", e.Key, i, got)
			}
			if !e.IsStem() {
				if s, _ := ix.entry(e.Redirect); s == nil || !s.IsStem() {
					t.Errorf("%q redirects to %q, which is no stem", e.Key, e.Redirect)
				}
				continue
			}
			ps, err := ix.list(&e)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range ps {
				if _, ok := ix.fragment(p.Page, p.Target); !ok {
					t.Errorf("%q: posting %+v has no fragment", e.Key, p)
				}
			}
		}
	}
}

// TestDeterministic: the same pages give the same bytes.
func TestDeterministic(t *testing.T) {
	a, _ := BuildLang("en", rankDocs, Options{})
	b, _ := BuildLang("en", rankDocs, Options{})
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Path != b[i].Path || string(a[i].Data) != string(b[i].Data) {
			t.Fatalf("%s differs between two builds", a[i].Path)
		}
	}
}
