package markdown

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Human Rights", "human-rights"},
		{"  Trim -- me __ ", "trim-me"},
		{"حقوق الإنسان", "حقوق-الإنسان"},
		{"حُقُوقُ الإِنْسَانِ", "حقوق-الإنسان"},
		{"حقـــوق", "حقوق"},
		{"الإِنسان ٰ", "الإنسان"},                // superscript alef alone leaves nothing
		{"\u200fحقوق\u200f الطفل", "حقوق-الطفل"}, // RLM is dropped
		{"Cafe\u0301", "café"},                   // NFD becomes NFC
		{"🎉\ufe0f Party", "party"},               // emoji and its variation selector are separators
		{"Straße", "strasse"},
		{"HTML5 & CSS3", "html5-css3"},
		{"?!", "section"},
		{"", "section"},
		{"a\xffb", "a-b"}, // invalid UTF-8 is a separator
	}
	for _, tt := range tests {
		if got := slug(tt.in); got != tt.want {
			t.Errorf("slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHeadingIDsUnique(t *testing.T) {
	ids := newHeadingIDs()
	ids.Put([]byte("a-1"))
	var got []string
	for _, v := range []string{"A", "a", "A", "", "?"} {
		got = append(got, string(ids.Generate([]byte(v), 0)))
	}
	want := []string{"a", "a-2", "a-3", "section", "section-1"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("ids (-want +got):\n%s", d)
	}
}
