package search

import (
	"strconv"
	"testing"
)

// TestRecentCache: the cache in front of the norm map gives each token
// form the key the map does, for short and long forms, on hits and misses,
// whichever forms share a slot.
func TestRecentCache(t *testing.T) {
	a := newAnalyser(0, "en", Options{}.withDefaults())
	words := []string{"rights", "Rights", "RIGHTS", "surveillance", "a", "", "internationalisation", "pneumonoultramicroscopicsilicovolcanoconiosis", "الحقوق", "ré", "re"}
	for i := range 5000 { // enough forms for slots to be shared and overwritten
		words = append(words, "w"+strconv.Itoa(i))
	}
	for round := range 2 {
		for _, w := range words {
			if got, want := a.key(w), a.normKey(w).key; got != want {
				t.Fatalf("round %d: key(%q) = %d, want %d", round, w, got, want)
			}
		}
	}
	if a.key("rights") != a.key("Rights") {
		t.Error("rights and Rights have different keys")
	}
}
