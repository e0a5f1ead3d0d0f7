package main

import (
	"path/filepath"
	"testing"

	"rightsguide/generator/internal/golden"
)

// TestCheck runs check over testdata/check, a site with one of each
// problem check finds (its templates have no sidebar, language switcher or
// previous/next links, so some pages are unreachable), and compares the
// report with testdata/check.golden.
func TestCheck(t *testing.T) {
	code, stdout, stderr := runCLI("check", "--content", "testdata/check/content", "--templates", "testdata/check/templates", "--static", "../static")
	if code != exitBuild {
		t.Errorf("exit %d, want %d", code, exitBuild)
	}
	golden.Check(t, filepath.Join("testdata", "check.golden"), []byte(stdout+stderr))
}

// TestCheckGuide: the bundled guide passes every check.
func TestCheckGuide(t *testing.T) {
	code, stdout, stderr := runCLI("check", "--content", "../content", "--templates", "../templates", "--static", "../static")
	if code != exitOK {
		t.Errorf("exit %d:\n%s%s", code, stdout, stderr)
	}
}

func TestEmptyAlt(t *testing.T) {
	cases := []struct {
		line string
		col  int
		want bool
	}{
		{"![](a.png)", 1, true},
		{"See ![ ](a.png).", 5, true},
		{"![\t][ref]", 1, true},
		{"![A chart](a.png)", 1, false},
		{"مثال ![](a.png)", 6, true},
		{"مثال ![نص](a.png)", 6, false},
		{"[link](x.md)", 1, false},
		{"short", 9, false},
	}
	for _, c := range cases {
		if got := emptyAlt(c.line, c.col); got != c.want {
			t.Errorf("emptyAlt(%q, %d) = %v, want %v", c.line, c.col, got, c.want)
		}
	}
}

func TestLinkTarget(t *testing.T) {
	cases := []struct{ from, href, want string }{
		{"index.html", "treaties/index.html", "treaties/index.html"},
		{"treaties/iccpr/index.html", "../index.html", "treaties/index.html"},
		{"treaties/iccpr/index.html", "../cat/", "treaties/cat/index.html"},
		{"treaties/iccpr/index.html", "../../index.html#top", "index.html"},
		{"treaties/iccpr/index.html", ".", "treaties/iccpr/index.html"},
		{"treaties/iccpr/index.html", "/about/", "about/index.html"},
		{"a/index.html", "%D8%A8/index.html", "a/ب/index.html"},
		{"index.html", "https://example.org/", ""},
		{"index.html", "mailto:a@example.org", ""},
		{"index.html", "#main", ""},
	}
	for _, c := range cases {
		got, _ := target(c.from, c.href)
		if got != c.want {
			t.Errorf("target(%q, %q) = %q, want %q", c.from, c.href, got, c.want)
		}
	}
}
