package search

// places maps dense ids (an analyser's key numbers, a builder's stem ids)
// to a place in one target's short list: a slice, not a map, because the
// lookup runs for every word of the site. It holds 1 + the place, 0 for
// none, and is cleared after each target by the ids it was given.
type places []int32

// find returns id's place, or -1.
func (p *places) find(id int32) int {
	if int(id) >= len(*p) {
		*p = append(*p, make([]int32, int(id)+1-len(*p))...)
	}
	return int((*p)[id]) - 1
}

// set gives id a place; find(id) must have been called first.
func (p places) set(id int32, place int) { p[id] = int32(place + 1) }

// clear forgets the places of ids, leaving p all zero for the next target.
func (p places) clear(ids []int32) {
	for _, id := range ids {
		p[id] = 0
	}
}
