package content

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"rightsguide/generator/config"
	"rightsguide/generator/internal/golden"
	"rightsguide/generator/problem"
)

func TestFrontMatter(t *testing.T) {
	cases := []struct{ name, src string }{
		{"yaml", "---\ntitle: ICCPR\ndescription: The covenant.\nweight: 20\nlastmod: 2026-11-28\ntags: [privacy]\nparams:\n  abbr: ICCPR\n  adopted: \"1966-12-16\"\n---\nBody\n"},
		{"toml", "+++\ntitle = \"ICCPR\"\nlastmod = 2026-11-28\n[params]\nabbr = \"ICCPR\"\n+++\nBody\n"},
		{"none", "# Just a heading\n\nText.\n"},
		{"empty-yaml", "---\n---\nBody\n"},
		{"crlf", "---\r\ntitle: Windows\r\n---\r\nBody\r\n"},
		{"unclosed", "---\ntitle: Open\n\nBody\n"},
		{"unknown-key-yaml", "---\ntitle: A\nadopted: 1966\n---\n"},
		{"unknown-key-toml", "+++\ntitle = \"A\"\nadopted = 1966\n+++\n"},
		{"bad-yaml", "---\ntitle: [unclosed\n---\n"},
		{"bad-toml", "+++\ntitle = \n+++\n"},
		{"bad-date", "---\ntitle: A\nlastmod: yesterday\n---\n"},
		{"bad-type", "---\ntags: 12\n---\n"},
		{"word-weight", "---\nweight: heavy\n---\n"},
		{"fraction-weight", "---\ntitle: A\nweight: 1.5\n---\n"},
		{"float-weight", "---\nweight: 2.0\n---\n"},
		{"yaml-integers", "---\nweight: 0x1_0\n---\n"},
		{"toml-fraction-weight", "+++\nweight = 2.5\n+++\n"},
		{"bad-slug", "---\nslug: a/b\n---\n"},
		{"bad-alias", "---\naliases: [../../etc]\n---\n"},
		{"empty-alias", "---\naliases: [\"\", /, .]\n---\n"},
		{"nul-title", "---\ntitle: \"Nul\\0page\"\ndescription: \"ok\"\n---\n"},
	}
	var out strings.Builder
	for _, c := range cases {
		format, fm, body, line, err := SplitFrontMatter("p.md", []byte(c.src))
		fmt.Fprintf(&out, "== %s\n", c.name)
		if err == nil {
			var meta FrontMatter
			meta, err = ParseFrontMatter("p.md", format, fm)
			if err == nil {
				meta.Date, meta.Lastmod = nil, nil // shown normalised below
				js, _ := json.Marshal(meta)
				fmt.Fprintf(&out, "format=%q bodyLine=%d body=%q\nmeta=%s\n", format, line, body, js)
			}
		}
		for _, p := range problem.All(err) {
			fmt.Fprintf(&out, "problem %s %s\n", p.Code, p.Error())
		}
	}
	golden.Check(t, "testdata/frontmatter.golden", []byte(out.String()))
}

func testSite() fstest.MapFS {
	page := func(fm string) *fstest.MapFile { return &fstest.MapFile{Data: []byte("---\n" + fm + "\n---\nText.\n")} }
	return fstest.MapFS{
		"_index.md":               page("title: Home"),
		"about.md":                page("title: About\nweight: 100"),
		"treaties/_index.md":      page("title: Treaties\nweight: 20"),
		"treaties/iccpr.md":       page("title: ICCPR\nweight: 20\naliases: [covenant/]"),
		"treaties/icerd.md":       page("title: ICERD\nweight: 10"),
		"treaties/cat.md":         page("title: CAT"),
		"treaties/crc.md":         page("title: CRC"),
		"treaties/draft.md":       page("title: Draft\ndraft: true"),
		"treaties/iccpr.ar.md":    page("title: العهد"),
		"guidance/oman.md":        page("title: Oman\nslug: oman-case"),
		"guidance/deep/nested.md": {Data: []byte("# Nested heading\n\nNo front matter.\n")},
		"guidance/img.png":        {Data: []byte("png")},
		"site.toml":               {Data: []byte("")},
	}
}

func testConfig() config.Site {
	cfg := config.Default()
	cfg.Languages = []config.Language{{Code: "en", Name: "English", Dir: "ltr"}, {Code: "ar", Name: "العربية", Dir: "rtl"}}
	return cfg
}

func TestLoadURLsAndOrder(t *testing.T) {
	site, err := Load(testSite(), testConfig(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	fmt.Fprintln(&out, "# path lang kind url title parent")
	for _, p := range site.Pages {
		parent := "-"
		if p.Parent != nil {
			parent = p.Parent.Path
		}
		fmt.Fprintf(&out, "%s %s %s /%s %q %s\n", p.Path, p.Lang, p.Kind, p.URL, p.Title, parent)
	}
	for _, l := range []string{"en", "ar"} {
		fmt.Fprintf(&out, "# reading order %s\n", l)
		for _, p := range site.Ordered(l) {
			fmt.Fprintln(&out, p.Path)
		}
	}
	fmt.Fprintln(&out, "# files")
	for _, f := range site.Files {
		fmt.Fprintln(&out, f.Path)
	}
	golden.Check(t, "testdata/load.golden", []byte(out.String()))
}

func TestLoadProblems(t *testing.T) {
	fsys := fstest.MapFS{
		"a.md":           {Data: []byte("---\ntitle: A\n")},
		"b.md":           {Data: []byte("---\nbogus: 1\n---\n")},
		"c.md":           {Data: []byte("ok \xff\xfe bad")},
		"x/_index.md":    {Data: []byte("# X")},
		"x.md":           {Data: []byte("---\nslug: x\n---\n")},
		"search.md":      {Data: []byte("# Search")},
		"y/one.md":       {Data: []byte("---\nslug: two\n---\n")},
		"y/two.md":       {Data: []byte("# Two")},
		"z/deep/page.md": {Data: []byte("---\nlastmod: 2026-13-45\n---\n")},
	}
	_, err := Load(fsys, config.Default(), Options{})
	var out strings.Builder
	for _, p := range problem.All(err) {
		fmt.Fprintf(&out, "%s %s\n", p.Code, p.Error())
	}
	golden.Check(t, "testdata/load-problems.golden", []byte(out.String()))
}

func TestRelURL(t *testing.T) {
	cases := []struct {
		from, to string
		index    bool
		want     string
	}{
		{"", "", false, "./"},
		{"", "", true, "index.html"},
		{"", "treaties/iccpr/", false, "treaties/iccpr/"},
		{"treaties/iccpr/", "treaties/icerd/", false, "../icerd/"},
		{"treaties/iccpr/", "guidance/oman/", true, "../../guidance/oman/index.html"},
		{"treaties/iccpr/", "", true, "../../index.html"},
		{"treaties/iccpr/", "style.abc.css", false, "../../style.abc.css"},
		{"treaties/", "treaties/img.png", false, "img.png"},
		{"ar/treaties/iccpr/", "ar/", false, "../../"},
		{"treaties/iccpr/", "treaties/iccpr/", false, "./"},
	}
	for _, c := range cases {
		if got := RelURL(c.from, c.to, c.index); got != c.want {
			t.Errorf("RelURL(%q, %q, %v) = %q, want %q", c.from, c.to, c.index, got, c.want)
		}
	}
}

func TestResolve(t *testing.T) {
	site, err := Load(testSite(), testConfig(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	iccpr, iccprAR, oman := site.PageByPath("treaties/iccpr.md"), site.PageByPath("treaties/iccpr.ar.md"), site.PageByPath("guidance/oman.md")
	cases := []struct {
		from *Page
		dest string
		want string // "page PATH#frag", "file PATH", "external", or "error"
	}{
		{oman, "../treaties/iccpr.md#article-17", "page treaties/iccpr.md#article-17"},
		{oman, "../treaties/_index.md", "page treaties/_index.md"},
		{oman, "img.png", "file guidance/img.png"},
		{oman, "#top", "page guidance/oman.md#top"},
		{oman, "/treaties/iccpr/", "page treaties/iccpr.md"},
		{oman, "https://example.org/x", "external"},
		{oman, "mailto:a@example.org", "external"},
		{oman, "//cdn.example.org/x.js", "external"},
		{iccprAR, "icerd.md", "page treaties/icerd.md"},
		{site.PageByPath("treaties/crc.md"), "iccpr.md", "page treaties/iccpr.md"},
		{oman, "../treaties/missing.md", "error"},
		{oman, "../../outside.md", "error"},
		{oman, "", "error"},
		{oman, "nothing.pdf", "error"},
		{iccpr, "%zz", "error"},
	}
	for _, c := range cases {
		tgt, lerr := site.Resolve(c.from, c.dest)
		got := "error"
		switch {
		case lerr != nil:
		case tgt.External:
			got = "external"
		case tgt.File != "":
			got = "file " + tgt.File
		default:
			got = "page " + tgt.Page.Path
			if tgt.Fragment != "" {
				got += "#" + tgt.Fragment
			}
		}
		if got != c.want {
			t.Errorf("Resolve(%s, %q) = %s, want %s", c.from.Path, c.dest, got, c.want)
		}
	}
}

func FuzzFrontMatter(f *testing.F) {
	f.Add([]byte("---\ntitle: A\nlastmod: 2026-11-28\nparams:\n  x: 1\n---\nBody"))
	f.Add([]byte("+++\ntitle = \"A\"\n+++\n"))
	f.Add([]byte("---\n- [\n---\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		format, fm, _, _, err := SplitFrontMatter("f.md", src)
		if err != nil {
			return
		}
		_, err = ParseFrontMatter("f.md", format, fm)
		for _, p := range problem.All(err) {
			if strings.Contains(p.Error(), "\n") {
				t.Fatalf("problem spans lines: %q", p.Error())
			}
		}
	})
}

func FuzzResolve(f *testing.F) {
	site, err := Load(testSite(), testConfig(), Options{})
	if err != nil {
		f.Fatal(err)
	}
	from := site.PageByPath("guidance/oman.md")
	for _, s := range []string{"../treaties/iccpr.md#a", "/x/", "img.png", "http://x", "#f", "..", "%"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, dest string) {
		tgt, lerr := site.Resolve(from, dest)
		if lerr == nil && !tgt.External && tgt.Page == nil && tgt.File == "" {
			t.Fatalf("Resolve(%q) resolved to nothing without an error", dest)
		}
	})
}

// failingFS fails to read one file, as a disk error or a permission would.
type failingFS struct {
	fstest.MapFS
	bad string
}

func (f failingFS) Open(name string) (fs.File, error) {
	if name == f.bad {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return f.MapFS.Open(name)
}

func TestUnreadableFile(t *testing.T) {
	fsys := failingFS{MapFS: fstest.MapFS{"_index.md": {Data: []byte("# Home")}, "locked.md": {Data: []byte("# Locked")}}, bad: "locked.md"}
	_, err := Load(fsys, config.Default(), Options{})
	probs := problem.All(err)
	if len(probs) != 1 || probs[0].Code != "content.unreadable" || !strings.HasPrefix(probs[0].Error(), "locked.md:1:1: open locked.md: permission denied") {
		t.Fatalf("problems: %v", err)
	}
}

func (f failingFS) ReadFile(name string) ([]byte, error) {
	if name == f.bad {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return f.MapFS.ReadFile(name)
}

// FuzzRelURL checks that following the relative URL from the page's folder
// always lands on the target.
func FuzzRelURL(f *testing.F) {
	f.Add("treaties/iccpr/", "guidance/oman/")
	f.Add("", "style.css")
	f.Add("a/b/c/", "a/b/img.png")
	f.Fuzz(func(t *testing.T, from, target string) {
		clean := func(s string, dir bool) string {
			var parts []string
			for _, p := range strings.Split(s, "/") {
				if p != "" && p != "." && p != ".." && !strings.ContainsAny(p, "?#%\\") {
					parts = append(parts, p)
				}
			}
			out := strings.Join(parts, "/")
			if dir && out != "" {
				out += "/"
			}
			return out
		}
		from, target = clean(from, true), clean(target, strings.HasSuffix(target, "/"))
		rel := RelURL(from, target, false)
		got := path.Join(from, rel)
		if strings.HasSuffix(rel, "/") {
			got += "/"
		}
		want := path.Clean("/" + target)[1:]
		if strings.HasSuffix(target, "/") {
			want += "/"
		}
		if got == "./" || got == "." {
			got = ""
		}
		if strings.TrimSuffix(got, "/") != strings.TrimSuffix(want, "/") {
			t.Fatalf("RelURL(%q, %q) = %q, which leads to %q", from, target, rel, got)
		}
	})
}

// TestSpecialFiles: a named pipe, device or socket in the content folder
// is a problem, not a read that could block the build for ever.
func TestSpecialFiles(t *testing.T) {
	for _, mode := range []fs.FileMode{fs.ModeNamedPipe, fs.ModeDevice | fs.ModeCharDevice, fs.ModeSocket} {
		t.Run(mode.String(), func(t *testing.T) {
			fsys := fstest.MapFS{"_index.md": {Data: []byte("# Home")}, "guidance/pipe.md": {Mode: mode}}
			_, err := Load(fsys, config.Default(), Options{})
			probs := problem.All(err)
			want := "guidance/pipe.md:1:1: " + ErrNotRegular.Error() + " (remove it from the content folder: only regular files are published)"
			if len(probs) != 1 || probs[0].Code != "content.special" || probs[0].Error() != want {
				t.Fatalf("problems: %v\nwant %s", err, want)
			}
			if _, err := ReadFile(fsys, "guidance/pipe.md"); !errors.Is(err, ErrNotRegular) {
				t.Errorf("ReadFile: %v, want ErrNotRegular", err)
			}
		})
	}
	if b, err := ReadFile(fstest.MapFS{"a.css": {Data: []byte("x")}}, "a.css"); err != nil || string(b) != "x" {
		t.Errorf("ReadFile of a regular file: %q, %v", b, err)
	}
}

func TestReadHint(t *testing.T) {
	root := t.TempDir()
	if err := os.Symlink("gone.md", filepath.Join(root, "dangling.md")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	os.Symlink("..", filepath.Join(root, "up"))
	os.Mkdir(filepath.Join(root, "dir.md"), 0o755)
	r, err := os.OpenRoot(root)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for _, c := range []struct{ name, want string }{
		{"dangling.md", "vanished or is a broken link"},
		{"up/x.md", "leads outside the folder"},
		{"dir.md", "link to a folder"},
	} {
		_, err := fs.ReadFile(r.FS(), c.name)
		if err == nil || !strings.Contains(ReadHint(err), c.want) {
			t.Errorf("%s: error %v, hint %q; want %q", c.name, err, ReadHint(err), c.want)
		}
	}
	if h := ReadHint(&fs.PathError{Op: "open", Path: "x", Err: fs.ErrPermission}); h != "check the file's permissions" {
		t.Errorf("permission hint %q", h)
	}
}

// TestUndeclaredLanguage: a file named like a translation into a language
// the site lacks is published, with a warning naming where it went.
func TestUndeclaredLanguage(t *testing.T) {
	page := &fstest.MapFile{Data: []byte("# Page\n")}
	cases := []struct {
		name string
		want string // the warning's text, "" for none
	}{
		{"cat.fr.md", "cat.fr.md:1:1: .fr looks like a language code, but site.toml declares no language fr: the page is published in the default language at /cat.fr/ (declare the language under [[languages]] in site.toml, or rename the file if .fr is part of its name)"},
		{"guide/intro.pt-br.md", "guide/intro.pt-br.md:1:1: .pt-br looks like a language code, but site.toml declares no language pt-br: the page is published in the default language at /guide/intro.pt-br/ (declare the language under [[languages]] in site.toml, or rename the file if .pt-br is part of its name)"},
		{"cat.ar.md", ""},        // declared
		{"node.js.md", ""},       // not a language
		{"report.2024.md", ""},   // not a language
		{"tools/faq.eng.md", ""}, // three letters: left alone
		{"plain.md", ""},
	}
	for _, c := range cases {
		fsys := fstest.MapFS{"_index.md": page, c.name: page}
		site, err := Load(fsys, testConfig(), Options{})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		var got []string
		for _, w := range site.Warnings {
			got = append(got, w.Error())
		}
		if want := []string{c.want}; c.want == "" && len(got) != 0 || c.want != "" && !slices.Equal(got, want) {
			t.Errorf("%s: warnings %q, want %q", c.name, got, c.want)
		}
	}
}

// TestNothingToPublish: a content folder with no pages, or only drafts,
// is a problem rather than a build that replaces a site with an empty one.
func TestNothingToPublish(t *testing.T) {
	draft := &fstest.MapFile{Data: []byte("---\ndraft: true\n---\n# Soon\n")}
	cases := []struct {
		name   string
		fsys   fstest.MapFS
		drafts bool
		want   string // "" for no problem
	}{
		{"empty", fstest.MapFS{}, false, ".:1:1: the content folder has no Markdown pages (point --content at the site's pages, or add one with: go run ./generator new guide/first-page (then remove its draft: true))"},
		{"config only", fstest.MapFS{"site.toml": {Data: []byte("title = \"X\"\n")}, "img.png": {Data: []byte("png")}}, false, ".:1:1: the content folder has no Markdown pages (point --content at the site's pages, or add one with: go run ./generator new guide/first-page (then remove its draft: true))"},
		{"drafts only", fstest.MapFS{"_index.md": draft, "a.md": draft}, false, ".:1:1: every page is a draft, so there is nothing to publish (preview them with --drafts, or set draft: false on the pages that are ready)"},
		{"drafts shown", fstest.MapFS{"_index.md": draft}, true, ""},
		{"one page", fstest.MapFS{"a.md": {Data: []byte("# A\n")}}, false, ""},
	}
	for _, c := range cases {
		_, err := Load(c.fsys, config.Default(), Options{Drafts: c.drafts})
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

func TestOverIndented(t *testing.T) {
	deep := strings.Repeat(" ", 257)
	cases := []struct {
		body string
		want int
	}{
		{"# Title\n\n- a\n  - b\n", 0},
		{"a\n" + deep + "- too deep\n", 2},
		{"a\n" + strings.Repeat("\t", 65) + "x\n", 2},
		{"a\n" + strings.Repeat("\t", 64) + "x\n", 0}, // 256 columns: the most allowed
		{"a\n" + deep + "\n" + deep + "\r\nb", 0},     // white space alone
		{deep + "x", 1},
		{"```xml\n" + deep + "<deep/>\n```\n", 0},                             // code: not nested by the parser
		{"~~~~\n" + deep + "x\n~~~\n" + deep + "y\n~~~~\n" + deep + "z\n", 6}, // a shorter run does not close the fence
		{"- a\n  ```\n" + deep + "x\n  ```\n" + deep + "- b\n", 5},
	}
	for _, c := range cases {
		if got := OverIndented([]byte(c.body)); got != c.want {
			t.Errorf("OverIndented(%.20q…) = %d, want %d", c.body, got, c.want)
		}
	}
	_, err := Load(fstest.MapFS{"a.md": {Data: []byte("---\ntitle: A\n---\nText.\n" + deep + "- deep\n")}}, config.Default(), Options{})
	if err == nil || !strings.HasPrefix(err.Error(), "a.md:5:1: line is indented more than 256 columns") {
		t.Errorf("err = %v, want a content.indent problem at a.md:5:1", err)
	}
}

// FuzzOverIndented: any body gives a line of it, or 0, without panicking.
func FuzzOverIndented(f *testing.F) {
	for _, s := range []string{"", "```\n" + strings.Repeat(" ", 300) + "x\n```\n", strings.Repeat("\t", 70) + "x", "~~~\n\n~~"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		if n := OverIndented([]byte(body)); n < 0 || n > strings.Count(body, "\n")+1 {
			t.Errorf("OverIndented = %d for a body of %d lines", n, strings.Count(body, "\n")+1)
		}
	})
}
