package build

import (
	"archive/zip"
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/txtar"

	"rightsguide/generator/internal/golden"
	"rightsguide/generator/problem"
)

// siteOptions reads a txtar archive whose in/ holds content/, templates/
// and static/. Templates and static default to the project's own.
func siteOptions(t *testing.T, ar *txtar.Archive) Options {
	t.Helper()
	fsys, err := txtar.FS(ar)
	if err != nil {
		t.Fatal(err)
	}
	sub := func(dir, fallback string) fs.FS {
		if _, err := fs.Stat(fsys, "in/"+dir); err == nil {
			s, err := fs.Sub(fsys, "in/"+dir)
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
		return os.DirFS(fallback)
	}
	return Options{
		Content:   sub("content", "testdata/empty"),
		Templates: sub("templates", "../../templates"),
		Static:    sub("static", "../../static"),
	}
}

// TestSites builds each testdata/sites/*.txtar and compares the files
// named in its want/ sections; -update rewrites those sections.
func TestSites(t *testing.T) {
	archives, _ := filepath.Glob("testdata/sites/*.txtar")
	for _, path := range archives {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Site(context.Background(), siteOptions(t, ar))
			if err != nil {
				t.Fatalf("build failed:\n%v", err)
			}
			built := map[string][]byte{}
			for _, f := range res.Files {
				built[f.Path] = f.Data
			}
			var got txtar.Archive
			got.Comment = ar.Comment
			for _, f := range ar.Files {
				if strings.HasPrefix(f.Name, "in/") {
					got.Files = append(got.Files, f)
				}
			}
			for _, f := range ar.Files {
				name, ok := strings.CutPrefix(f.Name, "want/")
				if !ok {
					continue
				}
				data, exists := built[name]
				if !exists {
					t.Errorf("%s was not built", name)
				}
				got.Files = append(got.Files, txtar.File{Name: f.Name, Data: data})
			}
			golden.Check(t, path, txtar.Format(&got))
		})
	}
}

// TestBroken builds each testdata/broken/*.txtar and compares its problems
// with the want/problems section.
func TestBroken(t *testing.T) {
	archives, _ := filepath.Glob("testdata/broken/*.txtar")
	for _, path := range archives {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatal(err)
			}
			_, err = Site(context.Background(), siteOptions(t, ar))
			if err == nil {
				t.Fatal("build succeeded; want problems")
			}
			lines := problemLines(err)
			// Run, which lets sources go as it goes, must find the same
			// problems at the same places.
			_, err = Run(context.Background(), siteOptions(t, ar), filepath.Join(t.TempDir(), "public"))
			if written := problemLines(err); !slices.Equal(written, lines) {
				t.Errorf("Run reports\n%s\nSite reports\n%s", strings.Join(written, "\n"), strings.Join(lines, "\n"))
			}
			// So must the preview server's first build.
			_, _, err = NewSession(siteOptions(t, ar)).Update(context.Background())
			if previewed := problemLines(err); !slices.Equal(previewed, lines) {
				t.Errorf("a Session reports\n%s\nSite reports\n%s", strings.Join(previewed, "\n"), strings.Join(lines, "\n"))
			}
			var got txtar.Archive
			got.Comment = ar.Comment
			for _, f := range ar.Files {
				if f.Name != "want/problems" {
					got.Files = append(got.Files, f)
				}
			}
			got.Files = append(got.Files, txtar.File{Name: "want/problems", Data: []byte(strings.Join(lines, "\n") + "\n")})
			golden.Check(t, path, txtar.Format(&got))
		})
	}
}

// problemLines lists a failed build's problems, each with its code.
func problemLines(err error) []string {
	if err == nil {
		return nil
	}
	var lines []string
	for _, p := range problem.All(err) {
		lines = append(lines, p.Code+" "+p.Error())
	}
	if len(lines) == 0 {
		lines = append(lines, "error "+err.Error())
	}
	return lines
}

// TestReproducible builds the same site twice and wants the same bytes.
func TestReproducible(t *testing.T) {
	opts := projectOptions()
	a, err := Site(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Site(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Files) != len(b.Files) {
		t.Fatalf("%d files, then %d", len(a.Files), len(b.Files))
	}
	for i := range a.Files {
		if a.Files[i].Path != b.Files[i].Path || !bytes.Equal(a.Files[i].Data, b.Files[i].Data) {
			t.Fatalf("%s differs between two builds", a.Files[i].Path)
		}
	}
}

// builtGuide is the bundled guide built in memory once, for the tests
// that only read it.
var builtGuide = sync.OnceValues(func() (*Result, error) {
	return Site(context.Background(), projectOptions())
})

func projectOptions() Options {
	return Options{Content: os.DirFS("../../content"), Templates: os.DirFS("../../templates"), Static: os.DirFS("../../static")}
}

func fileNames(res *Result) []string {
	var names []string
	for _, f := range res.Files {
		names = append(names, f.Path)
	}
	sort.Strings(names)
	return names
}

// TestRunMatchesSite checks that what Run writes, streaming pages and
// search fragments to disk and into the zip as they are made, is what
// Site builds in memory. Only the pages that show the zip's hash may
// differ, and only on the website.
func TestRunMatchesSite(t *testing.T) {
	mem, err := builtGuide()
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	res, err := Run(context.Background(), projectOptions(), out)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.OpenReader(filepath.Join(out, res.Zip.Path))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	inZip := map[string]*zip.File{}
	for _, f := range zr.File {
		inZip[f.Name] = f
	}
	showsHash := 0
	for _, f := range mem.Files {
		onDisk, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(f.Path)))
		if err != nil {
			t.Errorf("Site made %s, Run did not write it: %v", f.Path, err)
			continue
		}
		if !bytes.Equal(onDisk, f.Data) {
			if bytes.Contains(onDisk, []byte(res.Zip.SHA256)) {
				showsHash++
			} else {
				t.Errorf("%s differs between Run and Site", f.Path)
			}
		}
		if zipped := readZipped(t, inZip[f.Path]); !bytes.Equal(zipped, f.Data) && !bytes.Contains(onDisk, []byte(res.Zip.SHA256)) {
			t.Errorf("%s in the zip differs from Site's", f.Path)
		}
	}
	if showsHash == 0 {
		t.Error("no page on disk shows the zip's hash")
	}
	if len(mem.Files) < 100 || len(inZip) != len(mem.Files) {
		t.Errorf("the zip holds %d files, Site made %d", len(inZip), len(mem.Files))
	}
}
