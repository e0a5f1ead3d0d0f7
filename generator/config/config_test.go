package config

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"rightsguide/generator/internal/golden"
	"rightsguide/generator/problem"
)

func TestParse(t *testing.T) {
	cases := []struct{ name, src string }{
		{"empty", ""},
		{"full", "title = \"Guide\"\nbase_url = \"https://example.org/guide\"\nedit_link = \"https://example.org/edit/{path}\"\n[[languages]]\ncode = \"en\"\n[[languages]]\ncode = \"ar\"\nname = \"العربية\"\ndir = \"rtl\"\n[[menus.main]]\nname = \"Treaties\"\npage = \"treaties/_index.md\"\n"},
		{"unknown-key", "title = \"A\"\ncolour = \"red\"\n"},
		{"syntax", "title = \n"},
		{"wrong-type", "feed_size = \"many\"\n"},
		{"relative-base", "base_url = \"/guide/\"\n"},
		{"bad-dir", "[[languages]]\ncode = \"ar\"\ndir = \"up\"\n"},
		{"default-not-listed", "default_language = \"fr\"\n"},
		{"edit-link-no-path", "edit_link = \"https://example.org/edit\"\n"},
		{"script-base", "base_url = \"javascript:alert(1)\"\n"},
		{"no-host-base", "base_url = \"https://\"\n"},
		{"query-base", "base_url = \"https://example.org/guide?x=1\"\n"},
		{"second-language", "[[languages]]\ncode = \"en\"\n[[languages]]\ncode = \"ar\"\ndir = \"rtl\"\n[[languages]]\ncode = \"en\"\ndir = \"up\"\n"},
		{"bad-menus", "[[menus.main]]\nname = \"Ok\"\npage = \"about.md\"\n[[menus.main]]\nname = \"About\"\nurl = \"javascript:alert(1)\"\n[[menus.main]]\nname = \"\"\n[[menus.main]]\nname = \"Both\"\npage = \"a.md\"\nurl = \"https://example.org/\"\n"},
	}
	var out strings.Builder
	for _, c := range cases {
		fmt.Fprintf(&out, "== %s\n", c.name)
		s, err := Parse("site.toml", []byte(c.src))
		if err == nil {
			fmt.Fprintf(&out, "title=%q base=%q default=%s languages=%v menus=%v\n", s.Title, s.BaseURL, s.DefaultLanguage, s.Languages, s.Menus.Main)
		}
		for _, p := range problem.All(err) {
			fmt.Fprintf(&out, "problem %s %s\n", p.Code, p.Error())
		}
	}
	golden.Check(t, "testdata/parse.golden", []byte(out.String()))
}

func TestLoadMissingFileGivesDefaults(t *testing.T) {
	s, err := Load(fstest.MapFS{})
	if err != nil {
		t.Fatal(err)
	}
	if s.DefaultLanguage != "en" || len(s.Languages) != 1 || !strings.HasSuffix(s.BaseURL, "/") {
		t.Errorf("defaults = %+v", s)
	}
}

func TestWithBaseURL(t *testing.T) {
	s := Default()
	if got, err := s.WithBaseURL("https://mirror.example.net/guide"); err != nil || got.BaseURL != "https://mirror.example.net/guide/" {
		t.Errorf("WithBaseURL = %q, %v", got.BaseURL, err)
	}
	for _, bad := range []string{"not a url", "mailto:someone@example.org", "https://", "https://example.org/guide?x=1#frag"} {
		if _, err := s.WithBaseURL(bad); err == nil {
			t.Errorf("WithBaseURL accepted %q", bad)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("title = \"A\"\n[[languages]]\ncode = \"ar\"\ndir = \"rtl\"\n"))
	f.Add([]byte("[menus]\nmain = 3"))
	f.Fuzz(func(t *testing.T, src []byte) {
		s, err := Parse("site.toml", src)
		if err == nil && (len(s.Languages) == 0 || !s.IsLanguage(s.DefaultLanguage)) {
			t.Fatalf("accepted a configuration without its default language: %+v", s)
		}
		for _, p := range problem.All(err) {
			if strings.Contains(p.Error(), "\n") {
				t.Fatalf("problem spans lines: %q", p.Error())
			}
		}
	})
}
