package search

import (
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
)

// Index reads a built index the way static/search.js does, file by file
// as a query needs them, and ranks results by the same rules. The tests
// use it to check ranking, and outside tools may use it to query a
// built site.
type Index struct {
	fsys     fs.FS
	lang     string
	m        Manifest
	shards   map[int]*shardData
	postings map[string][]Posting // by stem: the first tier, and the tail once loaded
	tails    map[string]bool
}

type shardData struct {
	list  []Entry
	byKey map[string]*Entry
}

// titleInherit is what a stem in a page's title adds, times its idf, to
// each of the page's sections (search.js: TITLE).
const titleInherit = 20

// prefixFactor weighs the words a prefix expands to, below the word typed.
const prefixFactor = 0.7

// OpenIndex opens the index of lang in a built site (fsys is the output
// folder).
func OpenIndex(fsys fs.FS, lang string) (*Index, error) {
	ix := &Index{fsys: fsys, lang: lang, shards: map[int]*shardData{}, postings: map[string][]Posting{}, tails: map[string]bool{}}
	if err := ix.read("m", "manifest", &ix.m); err != nil {
		return nil, err
	}
	return ix, nil
}

// read loads search/LANG/path.js and checks that its key is LANG/key.
func (ix *Index) read(key, path string, v any) error {
	data, err := fs.ReadFile(ix.fsys, "search/"+ix.lang+"/"+path+".js")
	if err != nil {
		return err
	}
	got, err := Open(data, v)
	if err != nil {
		return err
	}
	if want := ix.lang + "/" + key; got != want {
		return fmt.Errorf("search: %s.js holds %s, want %s", path, got, want)
	}
	return nil
}

// shardOf is the last shard whose separator is <= w.
func (ix *Index) shardOf(w string) int {
	i, found := slices.BinarySearchFunc(ix.m.Seps, w, jsCompare)
	if found {
		return i
	}
	return max(0, i-1)
}

func (ix *Index) shard(i int) (*shardData, error) {
	if sh := ix.shards[i]; sh != nil {
		return sh, nil
	}
	sh := &shardData{byKey: map[string]*Entry{}}
	n := strconv.Itoa(i)
	if err := ix.read("s/"+n, ix.m.Hash+"/s/"+n, &sh.list); err != nil {
		return nil, err
	}
	for j := range sh.list {
		sh.byKey[sh.list[j].Key] = &sh.list[j]
	}
	ix.shards[i] = sh
	return sh, nil
}

func (ix *Index) entry(key string) (*Entry, error) {
	sh, err := ix.shard(ix.shardOf(key))
	if err != nil {
		return nil, err
	}
	return sh.byKey[key], nil
}

// stems resolves a key to the stem entries it stands for.
func (ix *Index) stems(key string) ([]*Entry, error) {
	e, err := ix.entry(key)
	if err != nil || e == nil {
		return nil, err
	}
	targets := []string{}
	out := []*Entry{}
	switch {
	case !e.IsStem():
		targets = append(targets, e.Redirect)
	case e.Redirect != "":
		out = append(out, e)
		targets = append(targets, e.Redirect)
	default:
		out = append(out, e)
	}
	for _, t := range targets {
		s, err := ix.entry(t)
		if err != nil {
			return nil, err
		}
		if s != nil {
			out = append(out, s)
		}
	}
	return out, nil
}

// expand returns the stems of the keys that begin with w, from at most 3
// shards: those stored in these shards by frequency, then the others by
// key, 10 at most.
func (ix *Index) expand(w string, exact []*Entry) ([]*Entry, error) {
	if utf16Len(w) < 2 {
		return nil, nil
	}
	first := ix.shardOf(w)
	last := min(ix.shardOf(w+"\uffff"), first+2)
	var keys []string
	known := map[string]*Entry{}
	for i := first; i <= last; i++ {
		sh, err := ix.shard(i)
		if err != nil {
			return nil, err
		}
		for j := range sh.list {
			e := &sh.list[j]
			if e.IsStem() {
				known[e.Key] = e
			}
			if jsCompare(e.Key, w) > 0 && strings.HasPrefix(e.Key, w) {
				k := e.Key
				if !e.IsStem() {
					k = e.Redirect
				}
				if !slices.Contains(keys, k) {
					keys = append(keys, k)
				}
			}
		}
	}
	keys = slices.DeleteFunc(keys, func(k string) bool {
		return slices.ContainsFunc(exact, func(e *Entry) bool { return e.Key == k })
	})
	count := func(k string) int {
		if e := known[k]; e != nil {
			return e.Count
		}
		return 0
	}
	slices.SortStableFunc(keys, func(a, b string) int {
		if d := count(b) - count(a); d != 0 {
			return d
		}
		return jsCompare(a, b)
	})
	var out []*Entry
	for _, k := range keys[:min(10, len(keys))] {
		e := known[k]
		if e == nil {
			var err error
			if e, err = ix.entry(k); err != nil {
				return nil, err
			}
		}
		if e != nil {
			out = append(out, e)
		}
	}
	return out, nil
}

// utf16Len is JavaScript's length of s.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r > 0xFFFF {
			n++
		}
	}
	return n
}
