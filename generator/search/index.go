package search

import (
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// The fields of a target, weighted title > headings > description > body.
const (
	fTitle = iota
	fHeading
	fDesc
	fBody
	nFields
)

var fieldWeight = [nFields]float64{fTitle: 8, fHeading: 4, fDesc: 2, fBody: 1}

// BM25 parameters, the usual ones.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// Doc is one page as the index sees it.
type Doc struct {
	URL         string // site-relative: "treaties/iccpr/"
	Title       string
	Description string
	HTML        []byte // the rendered content, without the layout
}

type target struct {
	page int32
	sec  int32
	len  [nFields]uint16 // words per field, capped
}

type posting struct {
	target int32
	tf     [nFields]uint8
}

type fragment struct {
	page, chunk int
	data        []byte   // nil once streamed to disk
	sum         [32]byte // SHA-256 of data, for the index's hash
}

// chunkSize is the most targets a fragment file holds (static/search.js
// divides by it with a shift). With ChunkBytes, it makes most pages one
// fragment file: a result costs the reader one request of a few
// kilobytes, and a large site has half as many files to write, upload or
// copy to a USB stick as with eight targets and 4 KB.
const chunkSize = 16

// builder indexes the pages of one language, one page at a time: it keeps
// compact postings and the pages' fragments, and writes the shards at the
// end, when the collection's statistics are known.
type builder struct {
	lang string
	o    Options
	st   stemmer

	keys     map[string]int32 // key -> key id
	keyNames []string
	keyStem  []int32 // key id -> stem id
	stems    map[string]int32
	stemName []string
	postings [][]posting // by stem id, in target order

	targets    []target
	titleStems []int // by page: distinct stems of the title
	frags      []fragment
	nPages     int
	err        error // the first problem met while merging

	slot   places    // scratch: stem id -> its position in merged
	merged []posting // scratch: one target's postings
	mstems []int32   // scratch: their stems
	trans  [][]int32 // by analyser: its key number -> key id
}

func newBuilder(lang string, o Options) *builder {
	return &builder{
		lang: lang, o: o, st: newStemmer(lang),
		keys: map[string]int32{}, stems: map[string]int32{},
	}
}

// merge adds an analysed page to the index, as the next page. keys are
// the analysing worker's keys by number, at least as far as the page's.
func (b *builder) merge(a analysed, keys []string) error {
	if a.err != nil {
		return a.err
	}
	for len(b.trans) <= a.worker {
		b.trans = append(b.trans, nil)
	}
	for len(b.trans[a.worker]) < len(keys) {
		b.trans[a.worker] = append(b.trans[a.worker], -1)
	}
	trans := b.trans[a.worker]
	// Keys are numbered in the order pages are merged, not analysed, so
	// the index does not depend on which analyser took which page.
	for _, t := range a.targets {
		for _, k := range t.keys {
			if trans[k] < 0 {
				trans[k] = b.keyOf(keys[k])
			}
		}
	}
	page := b.nPages
	b.nPages++
	b.titleStems = append(b.titleStems, 0)
	for _, t := range a.targets {
		n := b.target(page, t, trans)
		if t.sec == 0 {
			b.titleStems[page] = n
		}
	}
	b.frags = append(b.frags, a.frags...)
	return nil
}

// target appends a posting for each stem of one target; keys with the
// same stem add up. It returns the number of distinct stems in the title.
func (b *builder) target(page int, t targetTerms, trans []int32) int {
	if len(t.keys) == 0 {
		return 0
	}
	id := int32(len(b.targets))
	b.targets = append(b.targets, target{page: int32(page), sec: t.sec, len: t.len})
	merged, stems := b.merged[:0], b.mstems[:0]
	defer func() {
		b.slot.clear(stems)
		b.merged, b.mstems = merged, stems
	}()
	for i, k := range t.keys {
		s := b.keyStem[trans[k]]
		j := b.slot.find(s)
		if j < 0 {
			j = len(merged)
			b.slot.set(s, j)
			merged = append(merged, posting{target: id})
			stems = append(stems, s)
		}
		for f := range nFields {
			merged[j].tf[f] = uint8(min(255, int(merged[j].tf[f])+int(t.tf[i][f])))
		}
	}
	inTitle := 0
	for j, s := range stems {
		b.postings[s] = append(b.postings[s], merged[j])
		if merged[j].tf[fTitle] > 0 {
			inTitle++
		}
	}
	return inTitle
}

func (b *builder) keyOf(key string) int32 {
	if k, ok := b.keys[key]; ok {
		return k
	}
	stem := b.st.stem(key)
	s, ok := b.stems[stem]
	if !ok {
		s = int32(len(b.stemName))
		b.stems[stem] = s
		b.stemName = append(b.stemName, stem)
		b.postings = append(b.postings, nil)
	}
	k := int32(len(b.keyNames))
	b.keys[key] = k
	b.keyNames = append(b.keyNames, key)
	b.keyStem = append(b.keyStem, s)
	return k
}

// truncate cuts s to at most n bytes at a space, marking the cut.
func truncate(s string, n int) string {
	if n <= 0 || len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut < n/2 {
		cut = n
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
	}
	return s[:cut] + " …"
}

// weights turns the raw counts into Postings: BM25F's saturated
// term-frequency part, with each field's length normalised against its
// average, scaled to 1..63. The idf is kept per stem, so a query's score
// is sum(idf × weight).
func (b *builder) weights(s int32, avg [nFields]float64, out []Posting) []Posting {
	raw := b.postings[s]
	out = slices.Grow(out[:0], len(raw))[:len(raw)]
	for i, p := range raw {
		t := &b.targets[p.target]
		ptf := 0.0
		for f := range nFields {
			if p.tf[f] == 0 {
				continue
			}
			norm := 1 - bm25B + bm25B*float64(t.len[f])/avg[f]
			ptf += fieldWeight[f] * float64(p.tf[f]) / norm
		}
		part := ptf * (bm25K1 + 1) / (ptf + bm25K1)
		w := clamp(int(math.Round(part/(bm25K1+1)*63)), 1, 63)
		out[i] = Posting{Page: int(t.page), Target: int(t.sec), Weight: w}
		if t.sec == 0 && p.tf[fTitle] > 0 {
			out[i].Title = max(1, b.titleStems[t.page])
		}
	}
	return out
}

// averages are the mean length of each field over the targets that have it.
func (b *builder) averages() [nFields]float64 {
	var sum, n [nFields]float64
	for _, t := range b.targets {
		for f := range nFields {
			if t.len[f] > 0 {
				sum[f] += float64(t.len[f])
				n[f]++
			}
		}
	}
	var avg [nFields]float64
	for f := range nFields {
		avg[f] = 1
		if n[f] > 0 {
			avg[f] = sum[f] / n[f]
		}
	}
	return avg
}

// idf is BM25's inverse document frequency, in the form that stays
// positive for words in most targets, rounded for a compact file.
func idf(n, df int) float64 {
	v := math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
	return math.Round(v*100) / 100
}
