package search

import (
	"slices"
	"testing"
)

func TestPostingsRoundTrip(t *testing.T) {
	ps := []Posting{
		{Page: 0, Target: 0, Weight: 63, Title: 3},
		{Page: 0, Target: 2, Weight: 1},
		{Page: 31, Target: 31, Weight: 20},
		{Page: 32, Target: 0, Weight: 5, Title: 0},
		{Page: 100000, Target: 1000, Weight: 40},
	}
	s := encodePostings(ps)
	got, err := DecodePostings(s)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, ps) {
		t.Errorf("round trip: got %+v, want %+v (encoded %q)", got, ps, s)
	}
	for _, bad := range []string{"!", "0", "00", "W", "000"} {
		if _, err := DecodePostings(bad); err == nil {
			t.Errorf("DecodePostings(%q) did not fail", bad)
		}
	}
}

func TestTiers(t *testing.T) {
	var ps []Posting
	for i := range 100 {
		ps = append(ps, Posting{Page: i, Target: 1, Weight: 1 + i*7%63})
	}
	first, rest := tiers(ps, 30, nil, nil)
	if len(first) != 30 || len(rest) != 70 {
		t.Fatalf("tiers: %d + %d, want 30 + 70", len(first), len(rest))
	}
	minFirst := 64
	for _, p := range first {
		minFirst = min(minFirst, p.Weight)
	}
	for _, p := range rest {
		if p.Weight > minFirst {
			t.Errorf("weight %d left in the tail while %d made the first tier", p.Weight, minFirst)
		}
	}
	isSorted := func(ps []Posting) bool {
		return slices.IsSortedFunc(ps, func(a, b Posting) int { return a.Page - b.Page })
	}
	if !isSorted(first) || !isSorted(rest) {
		t.Error("tiers are not in page order")
	}
	if f, r := tiers(ps, 0, nil, nil); len(f) != 100 || len(r) != 0 {
		t.Error("limit 0 must keep one tier")
	}
}
