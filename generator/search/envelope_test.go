package search

import (
	"reflect"
	"testing"
)

func TestEnvelopeRoundTrip(t *testing.T) {
	entries := []Entry{
		{Key: "rights", Redirect: "right"},
		{Key: "right", IDF: 1.5, Count: 2, Postings: "0110"},
		{Key: "surveil", IDF: 3.25, Count: 9, Postings: "01A", Tail: 4},
		{Key: "حقوق", IDF: 2, Count: 1, Postings: "01A", Surfaces: []string{"الحقوق", "والحقوق"}},
		{Key: "univers", IDF: 2, Count: 1, Postings: "01A", Redirect: "univer"},
	}
	data, err := Envelope("en/s/3", entries)
	if err != nil {
		t.Fatal(err)
	}
	var got []Entry
	key, err := Open(data, &got)
	if err != nil {
		t.Fatal(err)
	}
	if key != "en/s/3" {
		t.Errorf("key %q", key)
	}
	for i := range got {
		if got[i].Surfaces == nil {
			got[i].Surfaces = entries[i].Surfaces
		}
	}
	if !reflect.DeepEqual(got, entries) {
		t.Errorf("round trip:\n got %+v\nwant %+v\nfile %s", got, entries, data)
	}
	for _, bad := range []string{"", "rgSearch(", `rgSearch("k"[]);` + "\n", `x("k",[]);` + "\n"} {
		if _, err := Open([]byte(bad), &got); err == nil {
			t.Errorf("Open(%q) did not fail", bad)
		}
	}
}

func TestSeparatorsRoundTrip(t *testing.T) {
	seps := Separators{"", "abbrevia", "abd", "abi", "b", "حق", "حقوق", "𝒜b", "𝒜c", "z"}
	m := Manifest{Version: 1, Hash: "h", Pages: 3, Seps: seps}
	data, err := Envelope("en/m", m)
	if err != nil {
		t.Fatal(err)
	}
	var got Manifest
	if _, err := Open(data, &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, m) {
		t.Errorf("round trip: got %+v, want %+v\nfile %s", got, m, data)
	}
}

func TestSeparator(t *testing.T) {
	tests := []struct{ prev, next, want string }{
		{"abc", "abd", "abd"},
		{"abc", "b", "b"},
		{"abcz", "abd", "abd"},
		{"a", "abc", "ab"},
		{"privaci", "privacy", "privacy"},
		{"حق", "حقوق", "حقو"},
	}
	for _, tt := range tests {
		if got := separator(tt.prev, tt.next); got != tt.want {
			t.Errorf("separator(%q, %q) = %q, want %q", tt.prev, tt.next, got, tt.want)
		}
	}
	if jsCompare("\uffff", "𝒜") <= 0 {
		t.Error("jsCompare must order U+FFFF after a surrogate pair, as JavaScript does")
	}
}
