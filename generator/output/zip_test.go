package output

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"rightsguide/generator/content"
)

func TestZipName(t *testing.T) {
	for base, want := range map[string]string{
		"https://rightsguide.example.org/":       "download/rightsguide.example.org.zip",
		"https://mirror.example.net:8443/guide/": "download/mirror.example.net.zip",
		"not a url \x00":                         "download/site.zip",
	} {
		if got := ZipName(base); got != want {
			t.Errorf("ZipName(%q) = %q, want %q", base, got, want)
		}
	}
}

var zipInput = []content.File{
	{Path: "treaties/iccpr/index.html", Data: []byte(strings.Repeat("<p>Article 17: privacy.</p>\n", 50))},
	{Path: "index.html", Data: []byte("<!doctype html><title>Home</title>")},
	{Path: "ar/الخصوصية/index.html", Data: []byte("<p>الخصوصية</p>")},
	{Path: "empty.txt", Data: nil},
	{Path: "image.png", Data: []byte{0x89, 'P', 'N', 'G', 1, 2, 3}}, // grows when deflated: stored
}

// TestZipFiles reads the zip back: every file, in path order, unchanged,
// with the fixed date and mode, and names flagged UTF-8 where needed.
func TestZipFiles(t *testing.T) {
	data, err := zipFiles(nil, zipInput)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]byte{}
	for _, f := range zipInput {
		want[f.Path] = f.Data
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if !bytes.Equal(got, want[f.Name]) {
			t.Errorf("%s: content differs", f.Name)
		}
		if y, m, d := f.Modified.Date(); y != 2000 || m != 1 || d != 1 {
			t.Errorf("%s: date %v, want 2000-01-01", f.Name, f.Modified)
		}
		if f.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v", f.Name, f.Mode())
		}
		if utf := f.Flags&0x800 != 0; utf != !isASCII(f.Name) {
			t.Errorf("%s: UTF-8 flag %v", f.Name, utf)
		}
	}
	if got := strings.Join(names, " "); got != "ar/الخصوصية/index.html empty.txt image.png index.html treaties/iccpr/index.html" {
		t.Errorf("order: %s", got)
	}
}

// TestZipDeterministic: the same files in any order give the same bytes.
func TestZipDeterministic(t *testing.T) {
	a, err := zipFiles(nil, zipInput)
	if err != nil {
		t.Fatal(err)
	}
	rev := make([]content.File, len(zipInput))
	for i, f := range zipInput {
		rev[len(zipInput)-1-i] = f
	}
	b, err := zipFiles(nil, rev)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("the zip depends on the order files were given in")
	}
}

// TestWriterZip zips what a Writer wrote, writes the .sha256 file beside
// it, keeps both out of the zip, and lets a page be replaced afterwards.
// With PackForZip the files are compressed as they are added, and the
// zip must be the same bytes. Pages given to AddPage come first, in page
// order, whatever order they were added in.
func TestWriterZip(t *testing.T) {
	for _, pack := range []bool{false, true} {
		t.Run(fmt.Sprintf("packed=%v", pack), func(t *testing.T) { testWriterZip(t, pack, nil) })
	}
	// zipInput's pages 2, 0, 1 (page 3 never comes: a failed build) as pages, in that order
	t.Run("pages", func(t *testing.T) { testWriterZip(t, true, map[int]int{2: 2, 0: 0, 4: 1, 1: 4}) })
}

// testWriterZip adds zipInput; pageOf[i] = n gives zipInput[i] to AddPage
// as page n, in increasing i.
func testWriterZip(t *testing.T, pack bool, pageOf map[int]int) {
	out := filepath.Join(t.TempDir(), "public")
	w, err := NewWriter(out)
	if err != nil {
		t.Fatal(err)
	}
	if pack {
		if err := w.PackForZip(); err != nil {
			t.Fatal(err)
		}
	}
	var pages, rest []content.File
	for i, f := range zipInput {
		add := w.Add
		if n, ok := pageOf[i]; ok {
			add = func(f content.File) error { return w.AddPage(n, f) }
		} else {
			rest = append(rest, f)
		}
		if err := add(f); err != nil {
			t.Fatal(err)
		}
	}
	for n := range len(zipInput) + 1 {
		for i, m := range pageOf {
			if m == n {
				pages = append(pages, zipInput[i])
			}
		}
	}
	info, err := w.Zip("download/site.zip")
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Replace(content.File{Path: "index.html", Data: []byte("hosted copy")}); err != nil {
		t.Fatal(err)
	}
	if err := w.Replace(content.File{Path: "nowhere.html"}); err == nil {
		t.Error("replacing a file never written succeeded")
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(out, "download", "site.zip"))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	if hex.EncodeToString(sum[:]) != info.SHA256 || int64(len(data)) != info.Size || info.Files != len(zipInput) {
		t.Errorf("info %+v does not describe the %d-byte zip", info, len(data))
	}
	line, _ := os.ReadFile(filepath.Join(out, "download", "site.zip.sha256"))
	if string(line) != info.SHA256+"  site.zip\n" {
		t.Errorf("sha256 file = %q", line)
	}
	want, _ := zipFiles(pages, rest) // the zip holds the first copy of index.html
	if !bytes.Equal(data, want) {
		t.Error("the Writer's zip differs from zipFiles of the same files")
	}
	if hosted, _ := os.ReadFile(filepath.Join(out, "index.html")); string(hosted) != "hosted copy" {
		t.Errorf("index.html = %q, want the replaced copy", hosted)
	}
}

// A file of the site at the zip's path is a problem, not overwritten.
func TestWriterZipClash(t *testing.T) {
	w, err := NewWriter(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	if err := w.Add(content.File{Path: "download/site.zip", Data: []byte("mine")}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Zip("download/site.zip"); err == nil || !strings.Contains(err.Error(), "already has") {
		t.Errorf("err = %v, want a clash", err)
	}
}

// zipFiles returns the zip of files held in memory, as Zip would write it
// when pages were given to AddPage and the rest to Add: the reference the
// Writer's zip is held to.
func zipFiles(pages, rest []content.File) ([]byte, error) {
	byPath := make(map[string][]byte, len(pages)+len(rest))
	pagePaths, restPaths := make([]string, 0, len(pages)), make([]string, 0, len(rest))
	for _, f := range pages {
		byPath[f.Path] = f.Data
		pagePaths = append(pagePaths, f.Path)
	}
	for _, f := range rest {
		byPath[f.Path] = f.Data
		restPaths = append(restPaths, f.Path)
	}
	sort.Strings(restPaths)
	get := func(p string) (deflated, error) { return deflate(byPath[p]) }
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	if err := writeEntries(zw, pagePaths, get); err != nil {
		return nil, err
	}
	if err := writeEntries(zw, restPaths, get); err != nil {
		return nil, err
	}
	err := zw.Close()
	return b.Bytes(), err
}
