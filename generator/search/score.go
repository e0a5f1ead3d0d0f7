package search

import (
	"cmp"
	"math/bits"
	"slices"
	"strconv"
	"strings"
)

// Result is one ranked page: its best target for the query.
type Result struct {
	Page, Target int
	Score        float64
	Matched      int  // query words the target matches (a word whose postings are cut counts as matched)
	Exact        bool // the page's title is exactly the query's words
	Phrase       bool // the query's words stand side by side in the target (set for shown results only)
}

// Ranking is the outcome of a search.
type Ranking struct {
	Query   Query
	Results []Result
	Trunc   uint // words some of whose postings were left in their tails
	words   [][]weighted
}

type weighted struct {
	e      *Entry
	factor float64
}

// Search ranks the pages for q as static/search.js does. tails loads the
// tails of long postings lists, as the search page's "More results" does.
func (ix *Index) Search(q string, typing, tails bool) (*Ranking, error) {
	r := &Ranking{Query: ParseQuery(q, typing)}
	for i, w := range r.Query.Words {
		exact, err := ix.stems(w)
		if err != nil {
			return nil, err
		}
		var ws []weighted
		for _, e := range exact {
			ws = append(ws, weighted{e, 1})
		}
		if r.Query.Prefix && i == len(r.Query.Words)-1 {
			more, err := ix.expand(w, exact)
			if err != nil {
				return nil, err
			}
			for _, e := range more {
				ws = append(ws, weighted{e, prefixFactor})
			}
		}
		r.words = append(r.words, ws)
	}
	for i, ws := range r.words {
		for _, w := range ws {
			if w.e.Tail == 0 || ix.tails[w.e.Key] {
				continue
			}
			if !tails {
				r.Trunc |= 1 << i
				continue
			}
			if err := ix.loadTail(w.e); err != nil {
				return nil, err
			}
		}
	}
	r.Results = ix.rank(r)
	return r, nil
}

func (ix *Index) list(e *Entry) ([]Posting, error) {
	if ps, ok := ix.postings[e.Key]; ok {
		return ps, nil
	}
	ps, err := DecodePostings(e.Postings)
	ix.postings[e.Key] = ps
	return ps, err
}

func (ix *Index) loadTail(e *Entry) error {
	first, err := ix.list(e)
	if err != nil {
		return err
	}
	var s string
	n := strconv.Itoa(e.Tail)
	if err := ix.read("t/"+n, ix.m.Hash+"/t/"+n, &s); err != nil {
		return err
	}
	rest, err := DecodePostings(s)
	if err != nil {
		return err
	}
	ix.postings[e.Key] = append(slices.Clip(first), rest...)
	ix.tails[e.Key] = true
	return nil
}

type pageScore struct {
	score          float64
	mask, exact    uint
	stems          map[string]bool
	titleStemCount int
}

type targetScore struct {
	score float64
	mask  uint
}

// rank scores every target that holds a query word (idf × weight ×
// factor, summed), adds to each section what the page's title matches,
// keeps each page's best target, and orders the pages: exact title first,
// then by words matched (all words first), then by score.
func (ix *Index) rank(r *Ranking) []Result {
	targets := map[[2]int]*targetScore{}
	var order [][2]int
	pages := map[int]*pageScore{}
	page := func(p int) *pageScore {
		if pages[p] == nil {
			pages[p] = &pageScore{stems: map[string]bool{}}
		}
		return pages[p]
	}
	for i, ws := range r.words {
		for _, w := range ws {
			ps, _ := ix.list(w.e)
			for _, p := range ps {
				k := [2]int{p.Page, p.Target}
				t := targets[k]
				if t == nil {
					t = &targetScore{}
					targets[k] = t
					order = append(order, k)
				}
				t.score += w.e.IDF * float64(p.Weight) * w.factor
				t.mask |= 1 << i
				if p.Title > 0 {
					pi := page(p.Page)
					pi.score += w.e.IDF * titleInherit * w.factor
					pi.mask |= 1 << i
					if w.factor == 1 {
						pi.exact |= 1 << i
						pi.stems[w.e.Key] = true
						pi.titleStemCount = p.Title
					}
				}
			}
		}
	}
	all := uint(1)<<len(r.words) - 1
	best := map[int]Result{}
	var pageOrder []int
	for _, k := range order {
		v := targets[k]
		pi := page(k[0])
		res := Result{Page: k[0], Target: k[1], Score: v.score}
		mask := v.mask | r.Trunc
		if k[1] != 0 {
			mask |= pi.mask
			res.Score += pi.score
		}
		res.Matched = bits.OnesCount(mask)
		res.Exact = pi.exact == all && len(pi.stems) == pi.titleStemCount
		b, ok := best[k[0]]
		if !ok {
			pageOrder = append(pageOrder, k[0])
		}
		if !ok || res.Matched > b.Matched || res.Matched == b.Matched && (res.Score > b.Score || res.Score == b.Score && res.Target < b.Target) {
			best[k[0]] = res
		}
	}
	out := make([]Result, 0, len(best))
	for _, p := range pageOrder {
		out = append(out, best[p])
	}
	slices.SortStableFunc(out, compareResults)
	return out
}

func compareResults(a, b Result) int {
	return cmp.Or(
		cmpBool(b.Exact, a.Exact),
		b.Matched-a.Matched,
		cmpBool(b.Phrase, a.Phrase),
		cmp.Compare(b.Score, a.Score),
		a.Page-b.Page,
	)
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// Hit is a shown result with its fragment.
type Hit struct {
	Result
	Fragment Fragment
}

// Top returns the results from..to of a ranking with their fragments, the
// phrase matches among them first (within the same words matched), as the
// browser shows them.
func (ix *Index) Top(r *Ranking, from, to int) ([]Hit, error) {
	var out []Hit
	for _, res := range r.Results[min(from, len(r.Results)):min(to, len(r.Results))] {
		f, ok := ix.fragment(res.Page, res.Target)
		if !ok {
			continue // as the browser does: a missing fragment drops the result
		}
		if len(r.Query.Words) > 1 {
			res.Phrase = phrase(r.Query, f.Title+" "+f.Heading+" "+f.Text)
		}
		out = append(out, Hit{res, f})
	}
	if len(r.Query.Words) > 1 {
		slices.SortStableFunc(out, func(a, b Hit) int { return compareResults(a.Result, b.Result) })
	}
	return out, nil
}

// phrase reports whether the query's words stand side by side in text,
// the last one as a prefix while typing.
func phrase(q Query, text string) bool {
	var toks []string
	Words(text, func(w string) { toks = append(toks, Normalize(w)) })
	last := len(q.Words) - 1
	for i := range toks {
		ok := true
		for j, w := range q.Words {
			if i+j >= len(toks) {
				ok = false
				break
			}
			t := toks[i+j]
			if t != w && !(j == last && q.Prefix && strings.HasPrefix(t, w)) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// fragment reads what target t of a page shows, from its chunk.
func (ix *Index) fragment(page, t int) (Fragment, bool) {
	var c Chunk
	key := "f/" + strconv.Itoa(page) + "/" + strconv.Itoa(t/chunkSize)
	path := strings.TrimSuffix(FragmentPath(page, t/chunkSize), ".js")
	if err := ix.read(key, ix.m.Hash+"/"+path, &c); err != nil || t%chunkSize >= len(c.Targets) {
		return Fragment{}, false
	}
	ct := c.Targets[t%chunkSize]
	return Fragment{URL: c.URL, Title: c.Title, Heading: ct.Heading, Anchor: ct.Anchor, Text: ct.Text}, true
}
