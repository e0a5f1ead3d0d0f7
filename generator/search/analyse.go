package search

import (
	"crypto/sha256"
	"hash/maphash"
	"strconv"
	"strings"
)

// analysed is one page after the work that needs no shared state:
// sections split, words normalised and counted, fragments encoded. Pages
// are analysed in parallel and merged into the index in order.
type analysed struct {
	worker  int // the analyser, whose key numbers targets use
	targets []targetTerms
	frags   []fragment
	err     error
}

// targetTerms are the distinct keys of one target, as the analyser's key
// numbers, with their counts per field.
type targetTerms struct {
	sec  int32
	len  [nFields]uint16
	keys []int32
	tf   [][nFields]uint8
}

// analyser is one worker. It numbers the keys it meets and remembers the
// key of every token form, so each form is normalised once per worker and
// the merge translates numbers through a slice instead of hashing strings.
type analyser struct {
	id         int
	lang       string
	fragSize   int
	chunkBytes int
	norm       map[string]int32 // token as written -> its place in forms
	forms      []recentForm     // every token form met, with its key number (-1 for none)
	keyNum     map[string]int32
	keys       []string // key number -> key
	pos        places   // scratch: key number -> its place in the target's keys
	seed       maphash.Seed
	recent     *[recentSize]recentSlot // a small cache in front of norm
}

// recentSize is the number of slots of the cache in front of an
// analyser's norm map. Words come Zipf-like, so tens of thousands of slots
// catch most tokens, and unlike the map, which holds every form met
// (hundreds of thousands on a large site), the slots (a megabyte) stay in
// the processor's cache. On a 10,000-page site, 4,096 slots left
// the map a third of the analysis; this many, an eighth.
const recentSize = 1 << 15

type recentForm struct {
	word string // the norm map's own copy of the token, never the page's text
	key  int32
}

// recentSlot is one slot of the cache: a token form, kept in the slot
// itself, and its key. A hit then reads one 32-byte slot instead of also
// following a pointer to the form's bytes. Forms longer than short (few)
// are not cached.
type recentSlot struct {
	hash  uint64 // of the form
	key   int32
	n     uint8 // the form's length; 0: an empty slot
	short [19]byte
}

func newAnalyser(id int, lang string, o Options) *analyser {
	return &analyser{id: id, lang: lang, fragSize: o.FragmentBytes, chunkBytes: o.ChunkBytes,
		norm: map[string]int32{}, keyNum: map[string]int32{},
		seed: maphash.MakeSeed(), recent: new([recentSize]recentSlot)}
}

// page analyses page number n. Its targets are target 0 (title,
// description and the text before the first heading) and each heading
// section; their texts are packed, in order, into fragments (see Chunk)
// of about ChunkBytes, at most chunkSize targets each, and each target is
// numbered chunk*chunkSize + its place in the chunk, so that the browser
// finds a result's fragment from the posting alone.
func (a *analyser) page(n int, d Doc) analysed {
	secs := sections(d.HTML)
	out := analysed{worker: a.id}
	var fields [nFields]string
	fields[fTitle], fields[fDesc], fields[fBody] = d.Title, d.Description, secs[0].Text
	intro := strings.TrimSpace(d.Description + " " + secs[0].Text)
	ch := Chunk{URL: d.URL, Title: d.Title}
	chunk, size := 0, 0
	add := func(t ChunkTarget, fields [nFields]string) {
		t.Text = truncate(t.Text, a.fragSize)
		if len(ch.Targets) > 0 && (len(ch.Targets) == chunkSize || size+len(t.Text) > a.chunkBytes) {
			a.chunk(&out, n, chunk, ch)
			chunk, size, ch.Targets = chunk+1, 0, nil
		}
		out.targets = append(out.targets, a.target(chunk*chunkSize+len(ch.Targets), fields))
		ch.Targets = append(ch.Targets, t)
		size += len(t.Text) + len(t.Heading) + len(t.Anchor)
	}
	add(ChunkTarget{Text: intro}, fields)
	for _, s := range secs[1:] {
		add(ChunkTarget{Heading: s.Heading, Anchor: s.ID, Text: s.Text}, [nFields]string{fHeading: s.Heading, fBody: s.Text})
	}
	a.chunk(&out, n, chunk, ch)
	return out
}

// target counts the keys of one target's fields.
func (a *analyser) target(sec int, fields [nFields]string) targetTerms {
	t := targetTerms{sec: int32(sec)}
	for f, text := range fields {
		n := 0
		Words(text, func(w string) {
			key := a.key(w)
			if key < 0 {
				return
			}
			n++
			i := a.pos.find(key)
			if i < 0 {
				i = len(t.keys)
				a.pos.set(key, i)
				t.keys = append(t.keys, key)
				t.tf = append(t.tf, [nFields]uint8{})
			}
			if t.tf[i][f] < 255 {
				t.tf[i][f]++
			}
		})
		t.len[f] = uint16(min(n, 65535))
	}
	a.pos.clear(t.keys)
	return t
}

func (a *analyser) key(w string) int32 {
	h := maphash.String(a.seed, w)
	slot := &a.recent[h&(recentSize-1)]
	if slot.hash == h && int(slot.n) == len(w) && string(slot.short[:slot.n]) == w && w != "" {
		return slot.key
	}
	f := a.normKey(w)
	if len(w) <= len(slot.short) {
		*slot = recentSlot{hash: h, key: f.key, n: uint8(len(w))}
		copy(slot.short[:], w)
	}
	return f.key
}

// normKey returns a token's form: the analyser's own copy of it and of
// its key (never a slice of a page's text, which the tables would keep
// alive) and its key number.
func (a *analyser) normKey(w string) recentForm {
	if i, ok := a.norm[w]; ok {
		return a.forms[i]
	}
	w = strings.Clone(w) // the key below is often w itself
	k := int32(-1)
	if key := Normalize(w); key != "" {
		var ok bool
		if k, ok = a.keyNum[key]; !ok {
			k = int32(len(a.keys))
			a.keyNum[key] = k
			a.keys = append(a.keys, key)
		}
	}
	f := recentForm{word: w, key: k}
	a.norm[f.word] = int32(len(a.forms))
	a.forms = append(a.forms, f)
	return f
}

func (a *analyser) chunk(out *analysed, page, chunk int, c Chunk) {
	data, err := Envelope(a.lang+"/f/"+strconv.Itoa(page)+"/"+strconv.Itoa(chunk), c)
	if err != nil && out.err == nil {
		out.err = err
	}
	out.frags = append(out.frags, fragment{page: page, chunk: chunk, data: data, sum: sha256.Sum256(data)})
}
