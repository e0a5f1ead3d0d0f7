package markdown

import "testing"

func TestIsExternal(t *testing.T) {
	for dest, want := range map[string]bool{
		"https://example.org": true, "http://x": true, "mailto:a@b": true, "ftp://x": true,
		"//example.org": true, "tel:+41": true, "x-custom+1.2:y": true,
		"a.md": false, "../a/": false, "/abs": false, "#frag": false, "": false,
		"a/b:c": false, ":x": false, "1http://x": false, "?q=a:b": false,
	} {
		if got := isExternal(dest); got != want {
			t.Errorf("isExternal(%q) = %v, want %v", dest, got, want)
		}
	}
}
