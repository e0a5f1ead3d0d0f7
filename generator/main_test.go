package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeSite writes a tiny site into a temporary folder and returns it.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestBuildCommand(t *testing.T) {
	dir := writeSite(t, map[string]string{"content/_index.md": "# Home\n\nHello.\n"})
	out := filepath.Join(dir, "public")
	code, stdout, stderr := runCLI("build", "--content", filepath.Join(dir, "content"), "--templates", "../templates", "--static", "../static", "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.HasPrefix(stdout, "built ") || !strings.Contains(stdout, out) {
		t.Errorf("summary line = %q", stdout)
	}
	before, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}

	// A broken page: exit 1, one line per problem, the previous output kept.
	os.WriteFile(filepath.Join(dir, "content", "bad.md"), []byte("---\ntitle: [\n---\n[x](missing.md)\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "content", "worse.md"), []byte("[y](nowhere.md)\n"), 0o644)
	code, _, stderr = runCLI("build", "--content", filepath.Join(dir, "content"), "--templates", "../templates", "--static", "../static", "--out", out)
	if code != exitBuild {
		t.Fatalf("exit %d for a broken site, want %d", code, exitBuild)
	}
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	c := filepath.Join(dir, "content") + string(filepath.Separator) // problems name files as the flags do, to be opened from here
	if len(lines) != 4 || !strings.HasPrefix(lines[0], c+"bad.md:2:") || !strings.HasPrefix(lines[1], c+"bad.md:4:1: link to missing.md") || !strings.HasPrefix(lines[2], c+"worse.md:1:1: link to nowhere.md") {
		t.Errorf("problems:\n%s", stderr)
	}
	after, _ := os.ReadFile(filepath.Join(out, "index.html"))
	if !bytes.Equal(before, after) {
		t.Error("a failed build changed the previous output")
	}

	// --warn-broken-links turns the broken link into a warning.
	os.Remove(filepath.Join(dir, "content", "bad.md"))
	code, _, stderr = runCLI("build", "--warn-broken-links", "--content", filepath.Join(dir, "content"), "--templates", "../templates", "--static", "../static", "--out", out)
	if code != exitOK || !strings.Contains(stderr, "warning: "+c+"worse.md:1:1:") {
		t.Errorf("--warn-broken-links: exit %d, stderr %q", code, stderr)
	}
}

func TestUsageErrors(t *testing.T) {
	cases := [][]string{
		{},
		{"frobnicate"},
		{"build", "--no-such-flag"},
		{"build", "extra-arg"},
		{"build", "--out", "."},
		{"serve", "--addr", "nonsense"},
		{"new"},
		{"new", "../escape"},
		{"new", "/etc/escape"},
		{"build", "--out", "content/public"}, // inside an input: the next build would publish it
		{"build", "--out", "static/gen"},
		{"build", "--out", "main_test.go"}, // a file
		{"build", "--base-url", "javascript:alert(1)"},
		{"build", "--base-url", "not a url"},
	}
	for _, args := range cases {
		if code, _, _ := runCLI(args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"build", "--help"}, {"serve", "-h"}, {"new", "--help"}} {
		code, stdout, stderr := runCLI(args...)
		if code != exitOK || stdout == "" || stderr != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want help on stdout", args, code, stdout, stderr)
		}
	}
}

// TestFlagMistakeSaidOnce: the flag parser's message is not repeated after the usage.
func TestFlagMistakeSaidOnce(t *testing.T) {
	code, stdout, stderr := runCLI("build", "--nope")
	if code != exitUsage || stdout != "" || strings.Count(stderr, "flag provided but not defined: -nope") != 1 || !strings.Contains(stderr, "Usage: generator build") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

func TestMissingContentFolder(t *testing.T) {
	code, _, stderr := runCLI("build", "--content", filepath.Join(t.TempDir(), "nope"), "--out", filepath.Join(t.TempDir(), "o"))
	if code != exitBuild || !strings.Contains(stderr, "--content") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

func TestSymlinkOutsideContentRefused(t *testing.T) {
	dir := writeSite(t, map[string]string{"secret.md": "# Secret\n", "content/_index.md": "# Home\n"})
	if err := os.Symlink("../secret.md", filepath.Join(dir, "content", "leak.md")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	code, _, stderr := runCLI("build", "--content", filepath.Join(dir, "content"), "--templates", "../templates", "--static", "../static", "--out", filepath.Join(dir, "public"))
	if code != exitBuild || !strings.HasPrefix(stderr, filepath.Join(dir, "content", "leak.md")+":1:1: symbolic link leads outside the content folder") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// TestBuildTimings: --timings adds one line per stage after the summary.
func TestBuildTimings(t *testing.T) {
	dir := writeSite(t, map[string]string{"content/_index.md": "# Home\n\nHello.\n"})
	code, stdout, stderr := runCLI("build", "--timings", "--content", filepath.Join(dir, "content"), "--templates", "../templates", "--static", "../static", "--out", filepath.Join(dir, "public"))
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, stage := range []string{"load", "parse", "render and index", "search index", "zip", "total"} {
		if !strings.Contains(stdout, "\n  "+stage+" ") {
			t.Errorf("no %q line in:\n%s", stage, stdout)
		}
	}
}

// TestBuildCPUProfile: --cpuprofile writes a pprof profile (gzip-compressed
// protocol buffers), and a path that cannot be created is one clear error.
func TestBuildCPUProfile(t *testing.T) {
	dir := writeSite(t, map[string]string{"content/_index.md": "# Home\n\nHello.\n"})
	args := []string{"build", "--content", filepath.Join(dir, "content"), "--templates", "../templates", "--static", "../static", "--out", filepath.Join(dir, "public")}
	prof := filepath.Join(dir, "cpu.pprof")
	if code, _, stderr := runCLI(append(args, "--cpuprofile", prof)...); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if data, err := os.ReadFile(prof); err != nil || !bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
		t.Errorf("profile %s: %v, starts %q; want gzip data", prof, err, data[:min(len(data), 4)])
	}
	bad := filepath.Join(dir, "no-such-folder", "cpu.pprof")
	code, _, stderr := runCLI(append(args, "--cpuprofile", bad)...)
	if code != exitBuild || !strings.HasPrefix(stderr, bad+":") || !strings.Contains(stderr, "--cpuprofile") {
		t.Errorf("exit %d, stderr %q; want exit %d and one line naming %s", code, stderr, exitBuild, bad)
	}
}

// TestProblemPathsFollowFlags: a problem names its file under the folder
// the flag gave, so a contributor can open it from where they ran the build.
func TestProblemPathsFollowFlags(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"pages/_index.md":       "# Home\n\n[gone](gone.md)\n",
		"layouts/page.html":     "{{define \"main\"}}{{.Page.Title}\n{{end}}",
		"assets/broken.js":      "function (\n",
		"layouts/keep/note.txt": "",
	})
	for _, name := range []string{"base.html", "home.html", "section.html", "404.html", "search.html"} {
		data, err := os.ReadFile(filepath.Join("..", "templates", name))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "layouts", name), data, 0o644)
	}
	code, _, stderr := runCLI("build", "--content", filepath.Join(dir, "pages"), "--templates", filepath.Join(dir, "layouts"),
		"--static", filepath.Join(dir, "assets"), "--out", filepath.Join(dir, "public"))
	if code != exitBuild {
		t.Fatalf("exit %d, want %d; stderr %q", code, exitBuild, stderr)
	}
	for _, want := range []string{
		filepath.Join(dir, "layouts", "page.html") + ":1:",
		filepath.Join(dir, "assets", "broken.js") + ":1:",
	} {
		if !strings.Contains(stderr, "\n"+want) && !strings.HasPrefix(stderr, want) {
			t.Errorf("no problem at %s in:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "templates/") || strings.Contains(stderr, "static/") {
		t.Errorf("a problem names a default folder the flags replaced:\n%s", stderr)
	}
}
