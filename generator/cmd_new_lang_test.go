package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const twoLanguages = "[[languages]]\ncode = \"en\"\n[[languages]]\ncode = \"ar\"\ndir = \"rtl\"\n"

// TestNewTranslation: "new --lang ar" copies the original next to it,
// marked as a draft, and refuses an undeclared language or a missing
// original.
func TestNewTranslation(t *testing.T) {
	cases := []struct {
		name, orig, want string
	}{
		{"yaml", "---\ntitle: ICCPR\nlastmod: 2026-11-28\n---\n## Article 17 {#article-17}\n",
			"---\n# Translation of treaties/iccpr.md: translate the title, description, tags and text; keep lastmod, params and footnotes; say when it was last checked against the original, then remove draft.\ndraft: true\ntitle: ICCPR\nlastmod: 2026-11-28\n---\n## Article 17 {#article-17}\n"},
		{"yaml-draft-false", "---\ntitle: A\ndraft: false\n---\nText.\n", "draft: true\ntitle: A\n---\nText.\n"},
		{"toml", "+++\ntitle = \"A\"\n+++\nText.\n", "+++\n# Translation of treaties/iccpr.md: translate the title, description, tags and text; keep lastmod, params and footnotes; say when it was last checked against the original, then remove draft.\ndraft = true\ntitle = \"A\"\n+++\nText.\n"},
		{"none", "# A\n", "draft: true\n---\n# A\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			writeTestFile(t, filepath.Join(dir, "site.toml"), twoLanguages)
			writeTestFile(t, filepath.Join(dir, "treaties", "iccpr.md"), c.orig)
			code, _, stderr := runCLI("new", "--content", dir, "--lang", "ar", "treaties/iccpr")
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			got, err := os.ReadFile(filepath.Join(dir, "treaties", "iccpr.ar.md"))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasSuffix(string(got), c.want) {
				t.Errorf("iccpr.ar.md =\n%s\nwant it to end with\n%s", got, c.want)
			}
		})
	}
	t.Run("refused", func(t *testing.T) {
		dir := t.TempDir()
		writeTestFile(t, filepath.Join(dir, "site.toml"), twoLanguages)
		writeTestFile(t, filepath.Join(dir, "a.md"), "# A\n")
		for _, args := range [][]string{{"--lang", "fr", "a"}, {"--lang", "en", "a"}, {"--lang", "ar", "missing"}} {
			if code, _, _ := runCLI(append([]string{"new", "--content", dir}, args...)...); code != exitUsage {
				t.Errorf("new %v: exit %d, want %d", args, code, exitUsage)
			}
		}
	})
}

// A broken site.toml is named under the content folder, as build names it.
func TestNewLangBrokenConfig(t *testing.T) {
	dir := t.TempDir()
	writeTestFile(t, filepath.Join(dir, "site.toml"), "title = \"unclosed\n")
	writeTestFile(t, filepath.Join(dir, "a.md"), "# A\n")
	code, _, stderr := runCLI("new", "--content", dir, "--lang", "ar", "a")
	if want := filepath.Join(dir, "site.toml") + ":1:"; code != exitBuild || !strings.HasPrefix(stderr, want) {
		t.Errorf("exit %d, stderr %q; want %d and a problem at %s", code, stderr, exitBuild, want)
	}
}

func writeTestFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
