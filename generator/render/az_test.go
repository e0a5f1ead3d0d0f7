package render

import "testing"

func TestInitial(t *testing.T) {
	tests := []struct{ title, letter, slug string }{
		{"privacy", "P", "p"},
		{"“Quoted” title", "Q", "q"},
		{"17 articles", "1", "1"},
		{"العهد الدولي", "ا", "u0627"},
		{"Élan", "É", "u00c9"},
		{"?!", "#", "u0023"},
	}
	for _, tt := range tests {
		if got := initial(tt.title); got != tt.letter {
			t.Errorf("initial(%q) = %q, want %q", tt.title, got, tt.letter)
		}
		if got := letterSlug(tt.letter); got != tt.slug {
			t.Errorf("letterSlug(%q) = %q, want %q", tt.letter, got, tt.slug)
		}
	}
}
