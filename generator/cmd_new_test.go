package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestNew: new creates a draft from the archetype, with a title made of
// its name and today's date, refuses to overwrite, and with --lang writes
// NAME.LANG.md next to the original.
func TestNew(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	writeTestFile(t, filepath.Join(content, "site.toml"), twoLanguages)
	newPage := func(args ...string) (int, string) {
		code, stdout, stderr := runCLI(append([]string{"new", "--content", content, "--templates", "../templates"}, args...)...)
		return code, stdout + stderr
	}

	code, out := newPage("guidance/staying-safe")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, out)
	}
	page := filepath.Join(content, "guidance", "staying-safe.md")
	got, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`title: "Staying safe"`, "lastmod: " + time.Now().Format(time.DateOnly), "draft: true"} {
		if !strings.Contains(string(got), want) {
			t.Errorf("new page lacks %q:\n%s", want, got)
		}
	}

	os.WriteFile(page, []byte("---\ntitle: Mine\n---\nWork in progress.\n"), 0o644)
	if code, out := newPage("guidance/staying-safe"); code != exitUsage || !strings.Contains(out, "already exists") {
		t.Errorf("second new: exit %d, %q; want a refusal", code, out)
	}
	if data, _ := os.ReadFile(page); !strings.Contains(string(data), "Work in progress.") {
		t.Error("new overwrote an existing page")
	}

	if code, out := newPage("--lang", "ar", "guidance/staying-safe"); code != exitOK {
		t.Fatalf("--lang ar: exit %d: %s", code, out)
	}
	ar, err := os.ReadFile(filepath.Join(content, "guidance", "staying-safe.ar.md"))
	if err != nil {
		t.Fatal("--lang ar did not write NAME.ar.md next to the original:", err)
	}
	if !strings.Contains(string(ar), "draft: true") {
		t.Errorf("translation is not a draft:\n%s", ar)
	}
}

func TestTitleOf(t *testing.T) {
	for rel, want := range map[string]string{
		"guidance/new-page.md":   "New page",
		"a/under_score.md":       "Under score",
		"a/حماية-البيانات.ar.md": "حماية البيانات",
		"a/élan.md":              "Élan",
	} {
		if got := titleOf(rel); got != want {
			t.Errorf("titleOf(%q) = %q, want %q", rel, got, want)
		}
	}
}

// TestNewStaysInsideContent: a linked folder that leads outside the
// content folder does not take a new page with it.
func TestNewStaysInsideContent(t *testing.T) {
	dir := t.TempDir()
	content, outside := filepath.Join(dir, "content"), filepath.Join(dir, "outside")
	for _, d := range []string{content, outside} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(outside, filepath.Join(content, "linked")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	code, stdout, stderr := runCLI("new", "--content", content, "--templates", "../templates", "linked/evil")
	if code == exitOK {
		t.Errorf("new through a link out of content: exit 0, %s", stdout)
	}
	if _, err := os.Stat(filepath.Join(outside, "evil.md")); err == nil {
		t.Errorf("new wrote outside the content folder (%s)", stderr)
	}
}
