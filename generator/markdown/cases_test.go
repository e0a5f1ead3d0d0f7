package markdown

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"rightsguide/generator/internal/golden"
)

// Case files follow goldmark's pattern (extension/_test/*.txt): each
// testdata/<feature>.txtar holds pairs name.md / name.html, and every pair
// is its own subtest:
//
//	go test ./generator/markdown/ -run 'Cases/callout/nested'
//	go test ./generator/markdown/ -update   # rewrites the .html parts
//
// The archive's comment may hold "options: NAME" (see caseOptions) and
// "rewrite: NAME" (see caseRewrites).

// caseOptions are the converters a case file can ask for.
var caseOptions = map[string]Options{
	"default":    {},
	"allow-html": {AllowHTML: true},
	"arabic": {
		AlertTitles: map[string]string{"note": "ملاحظة", "warning": "تحذير"},
		AnchorLabel: "رابط إلى هذا القسم",
	},
}

// caseRewrites are the rewrite functions a case file can ask for.
var caseRewrites = map[string]func(string) string{
	"none": nil,
	// site mimics the render stage: a page path becomes a relative URL.
	"site": func(dest string) string {
		if isExternal(dest) || strings.HasPrefix(dest, "#") {
			return dest
		}
		path, frag, _ := strings.Cut(dest, "#")
		if strings.HasSuffix(path, ".md") {
			path = "../" + strings.TrimSuffix(path, ".md") + "/"
		}
		if frag != "" {
			return path + "#" + frag
		}
		return path
	},
}

func TestCases(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no testdata/*.txtar case files")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			runCaseFile(t, file)
		})
	}
}

func runCaseFile(t *testing.T, file string) {
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	optName := directive(ar.Comment, "options", "default")
	opts, ok := caseOptions[optName]
	if !ok {
		t.Fatalf("%s: unknown options %q", file, optName)
	}
	rwName := directive(ar.Comment, "rewrite", "none")
	rewrite, ok := caseRewrites[rwName]
	if !ok {
		t.Fatalf("%s: unknown rewrite %q", file, rwName)
	}
	c := New(opts)

	index := map[string]int{} // file name -> position in ar.Files
	for i, f := range ar.Files {
		if _, dup := index[f.Name]; dup {
			t.Errorf("%s: %s appears twice", file, f.Name)
		}
		index[f.Name] = i
	}
	// An expected output without its input is an orphan, as in mdBook.
	for _, f := range ar.Files {
		if strings.HasSuffix(f.Name, ".md") {
			continue
		}
		name, isHTML := strings.CutSuffix(f.Name, ".html")
		if _, hasMD := index[name+".md"]; !isHTML || !hasMD {
			t.Errorf("%s: %s has no .md pair", file, f.Name)
		}
	}

	changed := false
	var out []txtar.File
	for _, f := range ar.Files {
		name, isMD := strings.CutSuffix(f.Name, ".md")
		if !isMD {
			continue
		}
		got, err := c.Render(c.Parse(f.Data), rewrite)
		if err != nil {
			t.Errorf("%s: %v", f.Name, err)
			continue
		}
		i, has := index[name+".html"]
		var want []byte
		if has {
			want = ar.Files[i].Data
		}
		out = append(out, f, txtar.File{Name: name + ".html", Data: got})
		t.Run(name, func(t *testing.T) {
			if golden.Updating() {
				changed = changed || !bytes.Equal(want, got)
				return
			}
			if !has {
				t.Fatalf("%s: no %s.html (run go test -update to create it)", file, name)
			}
			if d := cmp.Diff(string(want), string(got)); d != "" {
				t.Errorf("%s: %s.html differs (-want +got):\n%s", file, name, d)
			}
		})
	}
	if golden.Updating() && changed {
		ar.Files = out
		if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// directive reads "key: value" from a case file's comment.
func directive(comment []byte, key, def string) string {
	for _, line := range strings.Split(string(comment), "\n") {
		if v, ok := strings.CutPrefix(line, key+":"); ok {
			return strings.TrimSpace(v)
		}
	}
	return def
}
