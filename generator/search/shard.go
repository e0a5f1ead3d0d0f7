package search

import (
	"crypto/sha256"
	"encoding/hex"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"unicode/utf16"

	"rightsguide/generator/content"
)

// files writes the language's index: the shards of keys and postings, the
// tails of the longest postings lists, the fragments and the manifest.
func (b *builder) files() ([]content.File, string, error) {
	entries, tails := b.entries()
	shards, seps := pack(entries, b.o.ShardBytes)
	addSurfaces(shards, b.surfacesByStem())

	var out []content.File
	h := sha256.New()
	add := func(path string, data []byte) {
		h.Write([]byte(path))
		h.Write(data)
		out = append(out, content.File{Path: path, Data: data})
	}
	for i, sh := range shards {
		data, err := Envelope(b.lang+"/s/"+strconv.Itoa(i), shardEntries(sh))
		if err != nil {
			return nil, "", err
		}
		add("s/"+strconv.Itoa(i)+".js", data)
	}
	for i, t := range tails {
		data, err := Envelope(b.lang+"/t/"+strconv.Itoa(i+1), t)
		if err != nil {
			return nil, "", err
		}
		add("t/"+strconv.Itoa(i+1)+".js", data)
	}
	for _, f := range b.frags { // a fragment counts by its digest: streamed ones are on disk already
		path := FragmentPath(f.page, f.chunk)
		h.Write([]byte(path))
		h.Write(f.sum[:])
		if f.data != nil {
			out = append(out, content.File{Path: path, Data: f.data})
		}
	}
	hash := hex.EncodeToString(h.Sum(nil)[:5])
	dir := "search/" + b.lang + "/"
	for i := range out {
		out[i].Path = dir + hash + "/" + out[i].Path
	}
	m, err := Envelope(b.lang+"/m", Manifest{Version: 1, Hash: hash, Pages: b.nPages, Seps: seps})
	if err != nil {
		return nil, "", err
	}
	return append(out, content.File{Path: dir + "manifest.js", Data: m}), hash, nil
}

// entries makes one Entry per key and per stem, in JavaScript's string
// order, and the tails: the postings of each long list that did not make
// its first tier, tail i+1 at index i.
func (b *builder) entries() ([]Entry, []string) {
	stems, rests := b.stemEntries()
	byKey := make(map[string]*Entry, len(b.keyNames))
	var tails []string
	for s := range stems {
		if rests[s] != "" { // tails are numbered in stem order, whichever worker encoded them
			tails = append(tails, rests[s])
			stems[s].Tail = len(tails)
		}
		byKey[stems[s].Key] = &stems[s]
	}
	for k, key := range b.keyNames {
		stem := b.stemName[b.keyStem[k]]
		if stem == key {
			continue
		}
		if e := byKey[key]; e != nil {
			e.Redirect = stem
			continue
		}
		byKey[key] = &Entry{Key: key, Redirect: stem}
	}
	out := make([]Entry, 0, len(byKey))
	for _, e := range byKey {
		out = append(out, *e)
	}
	slices.SortFunc(out, func(x, y Entry) int { return jsCompare(x.Key, y.Key) })
	return out, tails
}

// stemEntries weighs and encodes every stem's postings, the stems shared
// out among the cores: the entries by stem id, and the encoded rest of
// each long list ("" for most).
func (b *builder) stemEntries() ([]Entry, []string) {
	avg := b.averages()
	n := len(b.targets)
	stems := make([]Entry, len(b.stemName))
	rests := make([]string, len(b.stemName))
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			var buf, firstBuf, restBuf []Posting // reused: a stem's postings are encoded before the next
			for s := w; s < len(b.stemName); s += workers {
				buf = b.weights(int32(s), avg, buf)
				b.postings[s] = nil // done with: let the memory go
				first, rest := tiers(buf, b.o.MaxPostings, firstBuf, restBuf)
				if len(rest) > 0 {
					firstBuf, restBuf = first, rest
					rests[s] = encodePostings(rest)
				}
				stems[s] = Entry{Key: b.stemName[s], IDF: idf(n, len(buf)), Count: len(buf), Postings: encodePostings(first)}
			}
		})
	}
	wg.Wait()
	return stems, rests
}

// tiers splits a long postings list: the first tier keeps the limit
// postings with the highest weights (the earlier pages among equals), which
// rank first for any query with the stem; the rest load only when a reader
// asks for more results. Both stay in page order. Weights are 1..63, so a
// count per weight finds the cut without sorting. The tiers are appended
// to first[:0] and rest[:0]; a list short enough is returned as it is.
func tiers(ps []Posting, limit int, first, rest []Posting) ([]Posting, []Posting) {
	if limit <= 0 || len(ps) <= limit {
		return ps, rest[:0]
	}
	var count [64]int
	for _, p := range ps {
		count[p.Weight]++
	}
	cut, take := 63, limit // the lowest weight in the first tier, and how many of it
	for ; cut > 0 && count[cut] < take; cut-- {
		take -= count[cut]
	}
	first, rest = first[:0], rest[:0]
	for _, p := range ps {
		switch {
		case p.Weight > cut:
			first = append(first, p)
		case p.Weight == cut && take > 0:
			first = append(first, p)
			take--
		default:
			rest = append(rest, p)
		}
	}
	return first, rest
}

// pack cuts the sorted entries into shards of about limit bytes each, and
// returns for each shard the shortest string that separates its first key
// from the previous shard's last one.
func pack(entries []Entry, limit int) ([][]Entry, []string) {
	shards := [][]Entry{}
	seps := []string{}
	size := 0
	var data []byte
	for i, e := range entries {
		data = e.appendJSON(data[:0])
		if len(shards) == 0 || size > 0 && size+len(data) > limit {
			sep := ""
			if i > 0 {
				sep = separator(entries[i-1].Key, e.Key)
			}
			shards = append(shards, nil)
			seps = append(seps, sep)
			size = 0
		}
		shards[len(shards)-1] = append(shards[len(shards)-1], e)
		size += len(data) + 1
	}
	if len(shards) == 0 {
		return [][]Entry{{}}, []string{""}
	}
	return shards, seps
}

// separator is the shortest prefix of next that sorts after prev.
func separator(prev, next string) string {
	for i := range next {
		if i > 0 && jsCompare(prev, next[:i]) < 0 {
			return next[:i]
		}
	}
	return next
}

// surfacesByStem lists, for each stem, the keys that are its surface
// forms.
func (b *builder) surfacesByStem() map[string][]string {
	m := map[string][]string{}
	for k, key := range b.keyNames {
		stem := b.stemName[b.keyStem[k]]
		if stem != key {
			m[stem] = append(m[stem], key)
		}
	}
	return m
}

// addSurfaces gives each stem entry the surface forms that sit in other
// shards, so that the browser can mark them in excerpts without loading
// those shards.
func addSurfaces(shards [][]Entry, surfaces map[string][]string) {
	shardOf := map[string]int{}
	for i, sh := range shards {
		for _, e := range sh {
			shardOf[e.Key] = i
		}
	}
	for i, sh := range shards {
		for j := range sh {
			e := &sh[j]
			if !e.IsStem() {
				continue
			}
			for _, s := range surfaces[e.Key] {
				if shardOf[s] != i {
					e.Surfaces = append(e.Surfaces, s)
				}
			}
			slices.SortFunc(e.Surfaces, jsCompare)
		}
	}
}

// jsCompare orders strings as JavaScript's < does, by UTF-16 code units,
// so that the browser's binary search over the separators agrees with
// the build. It differs from Go's byte order only beyond U+FFFF.
func jsCompare(x, y string) int {
	if isBMP(x) && isBMP(y) {
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	}
	return slices.Compare(utf16.Encode([]rune(x)), utf16.Encode([]rune(y)))
}

func isBMP(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0xF0 { // lead byte of a 4-byte sequence
			return false
		}
	}
	return true
}

// FragmentPath is the path of a page's fragment file below the hash
// folder.
func FragmentPath(page, chunk int) string {
	return "f/" + strconv.Itoa(page/100) + "/" + strconv.Itoa(page) + "-" + strconv.Itoa(chunk) + ".js"
}
