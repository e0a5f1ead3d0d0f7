package build

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"rightsguide/generator/problem"
)

// sessionSite is a small two-language site for the incremental tests.
var sessionSite = map[string]string{
	"content/site.toml": `title = "Test guide"
base_url = "https://example.org/"
tag_pages = true
[[languages]]
code = "en"
name = "English"
[[languages]]
code = "ar"
name = "العربية"
dir = "rtl"
`,
	"content/_index.md":          "---\ntitle: Home\ndescription: The guide.\n---\nStart with [the covenant](treaties/iccpr.md#article-17).\n",
	"content/_index.ar.md":       "---\ntitle: الرئيسية\ndescription: الدليل.\n---\nابدأ من [العهد](treaties/iccpr.md).\n",
	"content/treaties/_index.md": "---\ntitle: Treaties\ndescription: The treaties.\nweight: 20\n---\nThe treaties.\n",
	"content/treaties/iccpr.md": "---\ntitle: ICCPR\ndescription: The covenant.\nlastmod: 2026-11-03\nweight: 1\ntags: [privacy, treaties]\n---\n" +
		"## Article 17: privacy {#article-17}\n\nSee ![a chart](chart.png) and [the CAT](cat.md).\n",
	"content/treaties/cat.md":    "---\ntitle: CAT\ndescription: Against torture.\nweight: 2\ntags: [treaties]\n---\n## Scope\n\nText.\n\n> [!NOTE]\n> A note.\n",
	"content/treaties/chart.png": "not really a png",
	"content/notes.md":           "---\ntags: [treaties]\n---\n# Notes without a title key\n\nPlain text.\n",
	"content/draft.md":           "---\ntitle: Draft\ndraft: true\n---\nNot yet.\n",
}

// writeTree writes files below dir.
func writeTree(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// copyTree copies the folder src to dst.
func copyTree(t testing.TB, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// diskOptions reads content/, templates/ and static/ below dir.
func diskOptions(dir string) Options {
	return Options{
		Content:   os.DirFS(filepath.Join(dir, "content")),
		Templates: os.DirFS(filepath.Join(dir, "templates")),
		Static:    os.DirFS(filepath.Join(dir, "static")),
	}
}

// newSessionSite writes sessionSite with copies of the project's templates
// and static files into a temporary folder.
func newSessionSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	copyTree(t, "../../templates", filepath.Join(dir, "templates"))
	copyTree(t, "../../static", filepath.Join(dir, "static"))
	writeTree(t, dir, sessionSite)
	return dir
}

// sameAsFullBuild fails unless the session's site is the one a full build
// makes of the same inputs, file for file and byte for byte.
func sameAsFullBuild(t *testing.T, dir string, got *Result) {
	t.Helper()
	want, err := Site(context.Background(), diskOptions(dir))
	if err != nil {
		t.Fatalf("full build failed: %v", err)
	}
	if g, w := fileNames(got), fileNames(want); !slices.Equal(g, w) {
		t.Fatalf("files differ:\n got %v\nwant %v", g, w)
	}
	for i, f := range want.Files {
		if got.Files[i].Path != f.Path {
			t.Fatalf("file %d is %s, want %s (order)", i, got.Files[i].Path, f.Path)
		}
		if !bytes.Equal(got.Files[i].Data, f.Data) {
			t.Errorf("%s differs from a full build:\n got %.400q\nwant %.400q", f.Path, got.Files[i].Data, f.Data)
		}
	}
	if got.Pages != want.Pages || fmt.Sprint(got.Warnings) != fmt.Sprint(want.Warnings) {
		t.Errorf("pages %d warnings %v, want %d %v", got.Pages, got.Warnings, want.Pages, want.Warnings)
	}
}

func TestSessionMatchesFullBuild(t *testing.T) {
	dir := newSessionSite(t)
	s := NewSession(diskOptions(dir))
	ctx := context.Background()
	update := func(t *testing.T, hints ...string) (*Result, Changes) {
		t.Helper()
		_, ch, err := s.Update(ctx, hints...)
		if err != nil {
			t.Fatalf("update: %v", err)
		}
		res, _, err := s.Complete(ctx)
		if err != nil {
			t.Fatalf("complete: %v", err)
		}
		sameAsFullBuild(t, dir, res)
		return res, ch
	}
	edit := func(name, data string) string {
		writeTree(t, dir, map[string]string{name: data})
		return name
	}
	replace := func(name, old, new string) string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte(old)) {
			t.Fatalf("%s has no %q", name, old)
		}
		return edit(name, strings.Replace(string(b), old, new, 1))
	}
	remove := func(name string) string {
		if err := os.Remove(filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
		return name
	}
	_, first := update(t)
	if first.Rendered == 0 || len(first.Files) == 0 {
		t.Fatalf("first build: %+v", first)
	}

	steps := []struct {
		name     string
		change   func() []string
		rendered int // pages rendered again; -1: every page
		style    bool
	}{
		{"body edit", func() []string { return []string{replace("content/treaties/cat.md", "Text.", "Other text.")} }, 2, false},
		{"heading others link to", func() []string {
			return []string{replace("content/treaties/iccpr.md", "Article 17: privacy", "Article 17: private life")}
		}, 3, false},
		{"description", func() []string {
			return []string{replace("content/treaties/cat.md", "Against torture.", "Against torture and ill-treatment.")}
		}, 5, false},
		{"title", func() []string {
			return []string{replace("content/treaties/cat.md", "title: CAT", "title: Convention against Torture")}
		}, -1, false},
		{"tags", func() []string {
			return []string{replace("content/treaties/cat.md", "tags: [treaties]", "tags: [treaties, torture]")}
		}, -1, false},
		{"tag spelling", func() []string { // renames the tag on pages that do not link to notes.md
			return []string{replace("content/notes.md", "tags: [treaties]", "tags: [Treaties]")}
		}, -1, false},
		{"weight", func() []string { return []string{replace("content/treaties/cat.md", "weight: 2", "weight: 0")} }, -1, false},
		{"draft edit", func() []string { return []string{replace("content/draft.md", "Not yet.", "Still not.")} }, 0, false},
		{"add page", func() []string { return []string{edit("content/treaties/crc.md", "---\ntitle: CRC\n---\nChildren.\n")} }, -1, false},
		{"rename page", func() []string {
			data, _ := os.ReadFile(filepath.Join(dir, "content/treaties/crc.md"))
			return []string{remove("content/treaties/crc.md"), edit("content/treaties/crc-1989.md", string(data))}
		}, -1, false},
		{"delete page", func() []string { return []string{remove("content/treaties/crc-1989.md")} }, -1, false},
		{"translation", func() []string {
			return []string{edit("content/treaties/cat.ar.md", "---\ntitle: اتفاقية مناهضة التعذيب\n---\nنص.\n")}
		}, -1, false},
		{"image", func() []string { return []string{edit("content/treaties/chart.png", "another png")} }, 0, false},
		{"stylesheet", func() []string { return []string{replace("static/style.css", "}", "}\n/* edited */")} }, 0, true},
		{"layout", func() []string {
			return []string{replace("templates/page.html", "{{define", "{{/* edited */}}{{define")}
		}, 4, false},
		{"partial", func() []string {
			return []string{replace("templates/partials/footer.html", "<footer", "<!-- edited --><footer")}
		}, -1, false},
		{"interface strings", func() []string {
			return []string{replace("templates/i18n/en.toml", `callout_note = "Note"`, `callout_note = "Notice"`)}
		}, -1, false},
		{"archetype", func() []string {
			return []string{replace("templates/archetypes/default.md", "What to do", "What to do next")}
		}, 0, false},
		{"site config", func() []string { return []string{replace("content/site.toml", "Test guide", "The test guide")} }, -1, false},
		{"title from heading", func() []string { return []string{replace("content/notes.md", "# Notes without", "# Notes with no")} }, -1, false},
		{"no change", func() []string { return []string{"content/notes.md"} }, 0, false},
		{"editor files", func() []string {
			return []string{edit("content/.notes.md.swp", "swap"), edit("content/notes.md~", "backup"), edit("static/.style.css.swp", "x")}
		}, 0, false},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			_, ch := update(t, st.change()...)
			want := st.rendered
			if want < 0 {
				want = s.good.result.Pages
			}
			if ch.Rendered != want || ch.StyleOnly != st.style {
				t.Errorf("rendered %d pages (style only %v), want %d (%v); files %v", ch.Rendered, ch.StyleOnly, want, st.style, ch.Files)
			}
		})
	}
}

func TestSessionKeepsLastGoodBuild(t *testing.T) {
	dir := newSessionSite(t)
	s := NewSession(diskOptions(dir))
	ctx := context.Background()
	good, _, err := s.Update(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []struct{ name, data, code string }{
		{"content/treaties/cat.md", "---\ntitle: [\n---\nBroken.\n", "frontmatter.yaml"},
		{"content/treaties/iccpr.md", "---\ntitle: ICCPR\n---\nNo anchor now.\n", "link.broken"},
		{"templates/page.html", "{{define \"main\"}}{{.Page.Nope}}{{end}}", "template.execute"},
	} {
		t.Run(bad.code, func(t *testing.T) {
			before, err := os.ReadFile(filepath.Join(dir, bad.name))
			if err != nil {
				t.Fatal(err)
			}
			writeTree(t, dir, map[string]string{bad.name: bad.data})
			_, _, err = s.Update(ctx, bad.name)
			probs := problem.All(err)
			if len(probs) == 0 {
				t.Fatalf("no problem reported: %v", err)
			}
			if !slices.ContainsFunc(probs, func(p *problem.Error) bool { return strings.HasPrefix(p.Code, strings.Split(bad.code, ".")[0]) }) {
				t.Errorf("problems %v, want a %s", probs, bad.code)
			}
			if s.good.result != good {
				t.Error("a failed update replaced the last good build")
			}
			writeTree(t, dir, map[string]string{bad.name: string(before)})
			if _, _, err := s.Update(ctx, bad.name); err != nil {
				t.Fatalf("after the fix: %v", err)
			}
			res, _, err := s.Complete(ctx)
			if err != nil {
				t.Fatalf("complete after the fix: %v", err)
			}
			sameAsFullBuild(t, dir, res)
			good = s.good.result
		})
	}
}

// BenchmarkSessionEdit1k is the rebuild behind edit-to-reload: one page's
// body changes on a site of 1,000 pages, and Update brings the pages up to
// date (the search index and the print page follow in the background;
// BenchmarkSessionComplete1k times them). Set RIGHTSGUIDE_CORPUS to a folder made by
// shared/bench/gen-corpus.py (default /tmp/corpus1k); without it the
// benchmark writes its own corpus. Compare with BenchmarkSessionFull1k.
func BenchmarkSessionEdit1k(b *testing.B) {
	dir, page := benchCorpus(b)
	s := NewSession(diskOptions(dir))
	ctx := context.Background()
	if _, _, err := s.Update(ctx); err != nil {
		b.Fatal(err)
	}
	orig, err := os.ReadFile(filepath.Join(dir, page))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		data := append(slices.Clip(orig), fmt.Sprintf("\nEdit number %d.\n", i)...)
		if err := os.WriteFile(filepath.Join(dir, page), data, 0o644); err != nil {
			b.Fatal(err)
		}
		_, ch, err := s.Update(ctx, page)
		if err != nil {
			b.Fatal(err)
		}
		if ch.Rendered == 0 {
			b.Fatal("the edit rendered nothing")
		}
	}
}

// BenchmarkSessionFull1k is a full build of the same corpus, from disk to
// memory, search index included: what every edit would cost without a
// session.
func BenchmarkSessionFull1k(b *testing.B) {
	dir, _ := benchCorpus(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Site(context.Background(), diskOptions(dir)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSessionComplete1k is what a session builds after a body edit,
// once the page is already reloaded: the search index and the print page.
func BenchmarkSessionComplete1k(b *testing.B) {
	dir, page := benchCorpus(b)
	s := NewSession(diskOptions(dir))
	ctx := context.Background()
	if _, _, err := s.Update(ctx); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		s.good.searchStale, s.good.extraStale = true, true
		if _, _, err := s.Complete(ctx); err != nil {
			b.Fatal(err)
		}
	}
	_ = page
}

// benchCorpus copies the corpus into a temporary folder with the project's
// templates and static files, and returns it with a page to edit.
func benchCorpus(b *testing.B) (dir, page string) {
	b.Helper()
	src := os.Getenv("RIGHTSGUIDE_CORPUS")
	if src == "" {
		src = "/tmp/corpus1k"
	}
	dir = b.TempDir()
	if _, err := os.Stat(src); err == nil {
		copyTree(b, src, filepath.Join(dir, "content"))
	} else {
		for name, f := range corpus(1000) {
			writeTree(b, filepath.Join(dir, "content"), map[string]string{name: string(f.Data)})
		}
	}
	copyTree(b, "../../templates", filepath.Join(dir, "templates"))
	copyTree(b, "../../static", filepath.Join(dir, "static"))
	err := filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && page == "" && !d.IsDir() && strings.HasSuffix(p, ".md") && !strings.HasPrefix(d.Name(), "_index") {
			page, _ = filepath.Rel(dir, p)
		}
		return err
	})
	if err != nil || page == "" {
		b.Fatalf("no page to edit in %s: %v", dir, err)
	}
	return dir, filepath.ToSlash(page)
}

var _ = time.Now
