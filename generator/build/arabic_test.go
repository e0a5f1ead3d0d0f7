package build

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestArabicEdition holds the Arabic edition of the real guide to its
// promises: the core pages are translated, Arabic pages say so on <html>,
// translated treaty pages use the UN's Arabic names (the checked facts'
// name_ar), every translation keeps its original's lastmod, and the Arabic
// treaty overview still lists all nine treaties.
func TestArabicEdition(t *testing.T) {
	res, err := builtGuide()
	if err != nil {
		t.Fatalf("the guide does not build:\n%v", err)
	}
	files := map[string]string{}
	for _, f := range res.Files {
		files[f.Path] = string(f.Data)
	}
	for _, path := range []string{"ar/index.html", "ar/treaties/index.html", "ar/treaties/iccpr/index.html", "ar/about/index.html"} {
		html, ok := files[path]
		if !ok {
			t.Errorf("%s was not built", path)
			continue
		}
		if !strings.Contains(html, `<html lang="ar" dir="rtl">`) {
			t.Errorf("%s: no <html lang=\"ar\" dir=\"rtl\">", path)
		}
	}
	overview := files["ar/treaties/index.html"]
	if rows := regexp.MustCompile(`(?s)<tbody>.*</tbody>`).FindString(overview); strings.Count(rows, "<tr") != 9 {
		t.Errorf("Arabic treaty overview has %d rows, want 9", strings.Count(rows, "<tr"))
	}

	site := res.Site
	for _, p := range site.Pages {
		if p.Lang != "ar" || p.Virtual {
			continue
		}
		for _, orig := range site.Translations(p) {
			if orig.Lang == site.Config.DefaultLanguage && orig.Meta.LastmodISO != p.Meta.LastmodISO {
				t.Errorf("%s: lastmod %s, but its original %s has %s", p.Path, p.Meta.LastmodISO, orig.Path, orig.Meta.LastmodISO)
			}
		}
	}

	data, err := os.ReadFile("testdata/facts/treaties.json")
	if err != nil {
		t.Fatal(err)
	}
	var facts treatyFacts
	if err := json.Unmarshal(data, &facts); err != nil {
		t.Fatal(err)
	}
	for _, want := range facts.Treaties {
		p := site.PageByPath("treaties/" + strings.ToLower(want["abbr"].(string)) + ".ar.md")
		if p == nil {
			continue // not translated yet: the overview lists the English page
		}
		for key, fact := range map[string]string{"abbr": "abbr", "name": "name_ar", "committee_name": "committee_name_ar", "adopted": "adopted", "in_force": "in_force", "committee": "committee"} {
			if got, _ := p.Meta.Params[key].(string); got != want[fact] {
				t.Errorf("%s: params.%s = %q, facts say %q", p.Path, key, got, want[fact])
			}
		}
	}
}
