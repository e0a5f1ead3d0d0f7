package render

import (
	"html/template"
	"testing"
)

func TestWordCount(t *testing.T) {
	tests := []struct {
		html string
		want int
	}{
		{"", 0},
		{"<p>Hello, <em>world</em> — 3 times.</p>\n<p>Re<strong>view</strong></p>\n", 5},
		{"<table>\n<tr>\n<td>a</td>\n<td>b</td>\n</tr>\n</table>\n", 2},
		{"<p>Tom &amp; Jerry&rsquo;s</p>", 2},
		{"<p>حقوق الإنسان للجميع.</p>", 3},
		{"<p>unclosed <b", 1},
	}
	for _, tt := range tests {
		if got := (PageData{Content: template.HTML(tt.html)}).WordCount(); got != tt.want {
			t.Errorf("WordCount(%q) = %d, want %d", tt.html, got, tt.want)
		}
	}
}
