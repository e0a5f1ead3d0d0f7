package render

import (
	"io/fs"
	"os"
	"path"
	"regexp"
	"strings"
	"testing"
)

var (
	english = map[string]string{
		"months":              "January February March April May June July August September October November December",
		"thousands_separator": ",",
	}
	arabic = map[string]string{
		"months": "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
	}
	arabicIndic = map[string]string{
		"months":              arabic["months"],
		"digits":              "٠١٢٣٤٥٦٧٨٩",
		"thousands_separator": "٬",
	}
)

func TestFormatDate(t *testing.T) {
	cases := []struct {
		iso    string
		labels map[string]string
		want   string
	}{
		{"2026-11-28", english, "28 November 2026"},
		{"1966-12-16", arabic, "16 ديسمبر 1966"},
		{"2026-03-05", arabic, "5 مارس 2026"},
		{"2026-03-05", arabicIndic, "٥ مارس ٢٠٢٦"},
		{"2026-13-01", english, "2026-13-01"},                                // not a date: as written
		{"2026-11-28", map[string]string{"months": "Jan Feb"}, "2026-11-28"}, // a broken months list
		{"", english, ""},
	}
	for _, c := range cases {
		if got := formatDate(c.iso, c.labels); got != c.want {
			t.Errorf("formatDate(%q) = %q, want %q", c.iso, got, c.want)
		}
	}
}

func TestFormatNumber(t *testing.T) {
	cases := []struct {
		n      int
		labels map[string]string
		want   string
	}{
		{0, english, "0"},
		{999, english, "999"},
		{1000, english, "1,000"},
		{-1234567, english, "-1,234,567"},
		{1234567, arabic, "1234567"}, // no separator given
		{1234567, arabicIndic, "١٬٢٣٤٬٥٦٧"},
		{42, map[string]string{"digits": "0123"}, "42"}, // a broken digits key is ignored
	}
	for _, c := range cases {
		if got := formatNumber(c.n, c.labels); got != c.want {
			t.Errorf("formatNumber(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}

// TestProjectLabels holds the project's interface strings to their
// promise: every template key is in en.toml, and every other language
// has every key of en.toml (what it lacks would show in English).
func TestProjectLabels(t *testing.T) {
	fsys := os.DirFS("../../templates")
	tmpl, err := LoadTemplates(fsys)
	if err != nil {
		t.Fatal(err)
	}
	used := regexp.MustCompile(`index \$?[.A-Za-z]*L[a-z]* "([a-z_]+)"`)
	optional := map[string]bool{"treaty_caption": true} // falls back to the page's title in every language
	_ = fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(name, ".html") {
			return err
		}
		src, _ := fs.ReadFile(fsys, name)
		for _, m := range used.FindAllStringSubmatch(string(src), -1) {
			if _, ok := tmpl.labels["en"][m[1]]; !ok && !optional[m[1]] {
				t.Errorf("templates/%s reads label %q, which templates/i18n/en.toml lacks", name, m[1])
			}
		}
		return nil
	})
	files, _ := fs.Glob(fsys, "i18n/*.toml")
	if len(files) < 2 {
		t.Fatalf("i18n files: %v, want en.toml and at least one other", files)
	}
	for _, name := range files {
		lang := strings.TrimSuffix(path.Base(name), ".toml")
		if missing := tmpl.MissingLabels(lang); len(missing) > 0 {
			t.Errorf("templates/%s lacks %s (they would show in English)", name, strings.Join(missing, ", "))
		}
	}
}

// FuzzFormatDate: dates come from front matter params, so any text must
// come back unharmed, and never panic.
func FuzzFormatDate(f *testing.F) {
	for _, s := range []string{"2026-11-28", "1966-12-16", "2026-00-10", "٢٠٢٦-١١-٢٨", "", "2026-1-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := formatDate(s, arabicIndic)
		if isoDate(s) == "" && got != s {
			t.Errorf("formatDate(%q) = %q; not a date, want it unchanged", s, got)
		}
	})
}
