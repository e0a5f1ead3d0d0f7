package output

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"rightsguide/generator/content"
	"rightsguide/generator/problem"
)

func TestFingerprint(t *testing.T) {
	a := Fingerprint("style.css", []byte("body{}"))
	b := Fingerprint("style.css", []byte("body{ }"))
	if a == b || !strings.HasPrefix(a, "style.") || !strings.HasSuffix(a, ".css") || len(a) != len("style.")+10+len(".css") {
		t.Errorf("Fingerprint gave %q and %q", a, b)
	}
	if Fingerprint("style.css", []byte("body{}")) != a {
		t.Error("Fingerprint is not stable")
	}
}

func TestAssets(t *testing.T) {
	static := fstest.MapFS{
		"style.css":    {Data: []byte("/* a comment */\nbody {\n  margin: 0;\n}\n")},
		"search.js":    {Data: []byte("// a comment\nvar rgSearch = 1;\n")},
		"img/logo.png": {Data: []byte("png")},
		".hidden":      {Data: []byte("x")},
	}
	files, names, err := Assets(static, []byte(".chroma .k { color: #000 }"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 4 || names["img/logo.png"] != "img/logo.png" || names["style.css"] == "style.css" {
		t.Fatalf("files %v names %v", files, names)
	}
	want := map[string]string{ // minified: comments and white space gone, names kept
		names["style.css"]:    "body{margin:0}",
		names["search.js"]:    "var rgSearch=1",
		names[HighlightCSS]:   ".chroma .k{color:#000}",
		names["img/logo.png"]: "png",
	}
	for _, f := range files {
		if string(f.Data) != want[f.Path] {
			t.Errorf("%s = %q, want %q", f.Path, f.Data, want[f.Path])
		}
	}
	if got := Scripts(names); len(got) != 1 || got[0] != "search.js" {
		t.Errorf("Scripts = %v", got)
	}
}

func TestWriteReplacesOnlyOnSuccess(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	if err := Write(dir, []content.File{{Path: "index.html", Data: []byte("one")}, {Path: "a/b/index.html", Data: []byte("b")}}); err != nil {
		t.Fatal(err)
	}
	if err := Write(dir, []content.File{{Path: "index.html", Data: []byte("two")}}); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "index.html")); string(got) != "two" {
		t.Errorf("index.html = %q, want two", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "a")); !os.IsNotExist(err) {
		t.Error("a file of the previous build survived")
	}
	// A failing write (two files at one path) leaves the last output as it was.
	err := Write(dir, []content.File{{Path: "index.html", Data: []byte("3")}, {Path: "index.html", Data: []byte("4")}})
	if err == nil {
		t.Fatal("duplicate paths accepted")
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "index.html")); string(got) != "two" {
		t.Errorf("after a failed build index.html = %q, want two", got)
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), ".public.new-*"))
	if len(leftovers) != 0 {
		t.Errorf("temporary folders left behind: %v", leftovers)
	}
}

func TestWriteRefusesForeignFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "thesis.docx"), []byte("years of work"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := Write(dir, []content.File{{Path: "index.html", Data: []byte("x")}})
	probs := problem.All(err)
	if len(probs) != 1 || probs[0].Code != "output.foreign" {
		t.Fatalf("Write into a foreign folder: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "thesis.docx")); err != nil {
		t.Error("a foreign file was removed")
	}
}

func TestWriteRefusesPathsOutside(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	for _, bad := range []string{"../escape.html", "/abs.html", "a/../../x", ""} {
		if err := Write(dir, []content.File{{Path: bad, Data: nil}}); err == nil {
			t.Errorf("Write accepted %q", bad)
		}
	}
}

// TestWriterMove renames a folder of written files: they land under the
// new name, the zip lists them there, and a clash or a bad path is refused.
func TestWriterMove(t *testing.T) {
	tests := []struct {
		name      string
		from, to  string
		wantPaths []string // after the move, in the output
		wantErr   bool
	}{
		{name: "folder", from: "search/en/pending", to: "search/en/abc",
			wantPaths: []string{"index.html", "search/en/abc/f/0/0-0.js", "search/en/abc/f/1/100-0.js", "search/en/manifest.js"}},
		{name: "nothing there", from: "search/ar/pending", to: "search/ar/abc",
			wantPaths: []string{"index.html", "search/en/manifest.js", "search/en/pending/f/0/0-0.js", "search/en/pending/f/1/100-0.js"}},
		{name: "onto a written file", from: "search/en/pending", to: "search/en/manifest.js", wantErr: true},
		{name: "outside", from: "search/en/pending", to: "../x", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			w, err := NewWriter(out)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range []string{"index.html", "search/en/manifest.js", "search/en/pending/f/0/0-0.js", "search/en/pending/f/1/100-0.js"} {
				if err := w.Add(content.File{Path: p, Data: []byte(p)}); err != nil {
					t.Fatal(err)
				}
			}
			err = w.Move(tt.from, tt.to)
			if (err != nil) != tt.wantErr {
				t.Fatalf("Move(%q, %q) error = %v, want error %v", tt.from, tt.to, err, tt.wantErr)
			}
			if tt.wantErr {
				w.Abort()
				return
			}
			info, err := w.Zip("download/site.zip")
			if err != nil {
				t.Fatal(err)
			}
			if err := w.Commit(); err != nil {
				t.Fatal(err)
			}
			var got []string
			filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() && d.Name() != Marker && !strings.HasPrefix(p, filepath.Join(out, "download")) {
					rel, _ := filepath.Rel(out, p)
					got = append(got, filepath.ToSlash(rel))
				}
				return nil
			})
			if !slices.Equal(got, tt.wantPaths) {
				t.Errorf("output holds %q, want %q", got, tt.wantPaths)
			}
			if info.Files != len(tt.wantPaths) {
				t.Errorf("zip holds %d files, want %d", info.Files, len(tt.wantPaths))
			}
			for _, p := range got {
				if data, _ := os.ReadFile(filepath.Join(out, filepath.FromSlash(p))); !strings.HasSuffix(p, path.Base(string(data))) {
					t.Errorf("%s holds %q", p, data)
				}
			}
		})
	}
}

// TestAbortRemovesMadeParents: a failed build into a new nested folder
// leaves no empty folders behind, and keeps folders that were there.
func TestAbortRemovesMadeParents(t *testing.T) {
	root := t.TempDir()
	w, err := NewWriter(filepath.Join(root, "new", "deeper", "out"))
	if err != nil {
		t.Fatal(err)
	}
	w.Abort()
	if _, err := os.Stat(filepath.Join(root, "new")); !os.IsNotExist(err) {
		t.Errorf("a failed build left %s/new behind (%v)", root, err)
	}
	if _, err := os.Stat(root); err != nil {
		t.Errorf("the existing folder went too: %v", err)
	}
}
