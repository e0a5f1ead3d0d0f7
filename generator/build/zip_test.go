package build

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestZipOfTheGuide builds the guide twice: the zip must be the same bytes
// both times, hold every file of the site but itself and its checksum,
// and the About page must show the hash on the website, not in the zip.
func TestZipOfTheGuide(t *testing.T) {
	var sums []string
	var dir string
	for range 2 {
		dir = filepath.Join(t.TempDir(), "public")
		res, err := Run(context.Background(), projectOptions(), dir)
		if err != nil {
			t.Fatal(err)
		}
		sums = append(sums, res.Zip.SHA256)
	}
	if sums[0] != sums[1] || len(sums[0]) != 64 {
		t.Fatalf("two builds gave zips %q and %q", sums[0], sums[1])
	}
	zr, err := zip.OpenReader(filepath.Join(dir, "download", "rightsguide.example.org.zip"))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	inZip := map[string]*zip.File{}
	for _, f := range zr.File {
		inZip[f.Name] = f
	}
	err = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		wantIn := !strings.HasPrefix(rel, "download/") && rel != ".rightsguide-output"
		if _, ok := inZip[rel]; ok != wantIn {
			t.Errorf("%s: in the zip %v, want %v", rel, ok, wantIn)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	hosted, err := os.ReadFile(filepath.Join(dir, "about", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(hosted, []byte(sums[0])) {
		t.Error("the website's About page does not show the zip's SHA-256")
	}
	zipped := readZipped(t, inZip["about/index.html"])
	if bytes.Contains(zipped, []byte(sums[0])) || !bytes.Contains(zipped, []byte("https://rightsguide.example.org/about/")) {
		t.Error("the About page inside the zip should say where the hash is published, not hold it")
	}
	if !bytes.Contains(readZipped(t, inZip["ar/about/index.html"]), []byte("https://rightsguide.example.org/ar/about/")) {
		t.Error("the Arabic About page inside the zip does not say where the hash is published")
	}
}

func readZipped(t *testing.T, f *zip.File) []byte {
	t.Helper()
	if f == nil {
		t.Fatal("file missing from the zip")
	}
	rc, err := f.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
