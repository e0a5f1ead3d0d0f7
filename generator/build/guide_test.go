package build

import (
	"encoding/json"
	"html"
	"net/url"
	"os"
	"path"
	"regexp"
	"strings"
	"testing"

	"rightsguide/generator/content"
	"rightsguide/generator/internal/htmlscan"
)

// TestGuide builds the real guide in content/ and holds it to the
// project's promises: it builds without problems, every internal link and
// anchor in the output resolves, every page is described and dated, and
// the treaty pages match the checked facts.
func TestGuide(t *testing.T) {
	res, err := builtGuide()
	if err != nil {
		t.Fatalf("the guide does not build:\n%v", err)
	}
	files := map[string][]byte{}
	for _, f := range res.Files {
		files[f.Path] = f.Data
	}
	t.Run("links", func(t *testing.T) { checkOutputLinks(t, files) })
	t.Run("front matter", func(t *testing.T) { checkFrontMatter(t, res.Site) })
	t.Run("facts", func(t *testing.T) { checkTreatyFacts(t, res.Site, files) })
}

var (
	attrURL = regexp.MustCompile(`(?:href|src)="([^"]*)"`)
	attrID  = regexp.MustCompile(`\sid="([^"]*)"`)
)

// checkOutputLinks follows every relative href and src in every HTML file
// of the output, and every #fragment to an id in its target.
func checkOutputLinks(t *testing.T, files map[string][]byte) {
	ids := map[string]map[string]bool{}
	idsOf := func(name string) map[string]bool {
		if m, ok := ids[name]; ok {
			return m
		}
		m := map[string]bool{}
		for _, match := range attrID.FindAllSubmatch(files[name], -1) {
			m[html.UnescapeString(string(match[1]))] = true
		}
		ids[name] = m
		return m
	}
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") || name == "404.html" {
			continue
		}
		for _, m := range attrURL.FindAllSubmatch(data, -1) {
			ref := html.UnescapeString(string(m[1]))
			u, err := url.Parse(ref)
			if err != nil {
				t.Errorf("%s: unparsable link %q", name, ref)
				continue
			}
			if u.Scheme != "" || u.Host != "" {
				continue
			}
			target := name
			if u.Path != "" {
				target = path.Join(path.Dir(name), u.Path)
				if strings.HasSuffix(u.Path, "/") {
					target += "/index.html"
					t.Errorf("%s: link %q ends in / (breaks from file://)", name, ref)
				}
			}
			if _, ok := files[target]; !ok {
				t.Errorf("%s: link %q leads to %s, which is not in the output", name, ref, target)
				continue
			}
			if u.Fragment != "" && strings.HasSuffix(target, ".html") && !idsOf(target)[u.Fragment] {
				t.Errorf("%s: link %q: %s has no id %q", name, ref, target, u.Fragment)
			}
		}
	}
}

func checkFrontMatter(t *testing.T, site *content.Site) {
	for _, p := range site.Pages {
		if p.Virtual {
			t.Errorf("%s: section has no _index.md", p.Path)
			continue
		}
		if strings.TrimSpace(p.Meta.Description) == "" {
			t.Errorf("%s: no description", p.Path)
		}
		if p.Meta.LastmodISO == "" {
			t.Errorf("%s: no lastmod", p.Path)
		}
	}
}

type treatyFacts struct {
	Treaties []map[string]any `json:"treaties"`
}

// checkTreatyFacts holds every treaty page's params against the checked
// facts (a copy of ../shared/facts/treaties.json in testdata/facts/).
func checkTreatyFacts(t *testing.T, site *content.Site, files map[string][]byte) {
	data, err := os.ReadFile("testdata/facts/treaties.json")
	if err != nil {
		t.Fatal(err)
	}
	var facts treatyFacts
	if err := json.Unmarshal(data, &facts); err != nil {
		t.Fatal(err)
	}
	if len(facts.Treaties) != 9 {
		t.Fatalf("facts list %d treaties, want 9", len(facts.Treaties))
	}
	for _, want := range facts.Treaties {
		abbr := want["abbr"].(string)
		p := site.PageByPath("treaties/" + strings.ToLower(abbr) + ".md")
		if p == nil {
			t.Errorf("no page treaties/%s.md", strings.ToLower(abbr))
			continue
		}
		for _, key := range []string{"abbr", "name", "adopted", "in_force", "committee", "committee_name", "individual_complaints"} {
			got, _ := p.Meta.Params[key].(string)
			if got != want[key] {
				t.Errorf("%s: params.%s = %q, facts say %q", p.Path, key, got, want[key])
			}
		}
	}
	overview := string(files["treaties/index.html"])
	body := overview
	if i := strings.Index(body, "<tbody>"); i >= 0 {
		body = body[i:]
		if j := strings.Index(body, "</tbody>"); j >= 0 {
			body = body[:j]
		}
	}
	if rows := strings.Count(body, "<tr"); rows != 9 {
		t.Errorf("treaty overview table has %d rows, want 9", rows)
	}
}

// TestGuideScans: every page the guide's templates and Markdown make stays
// inside what htmlscan reads, so the search index and the resource check
// take their quick way on every page instead of the HTML tokeniser.
func TestGuideScans(t *testing.T) {
	res, err := builtGuide()
	if err != nil {
		t.Fatal(err)
	}
	pages := 0
	for _, f := range res.Files {
		if !strings.HasSuffix(f.Path, ".html") {
			continue
		}
		pages++
		read := 0
		if !htmlscan.Scan(f.Data, func(t htmlscan.Token) { read += len(t.Raw) }) {
			end := min(read+60, len(f.Data))
			t.Errorf("%s: htmlscan stops at byte %d: %q", f.Path, read, f.Data[read:end])
		}
	}
	if pages < 20 {
		t.Fatalf("only %d pages", pages)
	}
}
