package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"rightsguide/generator/config"
	"rightsguide/generator/problem"
)

// translationStart is what "new --lang LANG SECTION/NAME" writes into
// SECTION/NAME.LANG.md: a copy of the original SECTION/NAME.md, to be
// translated in place, so it keeps the original's lastmod, params and
// footnotes (the translation convention), marked as a draft until done.
func translationStart(contentDir, rel, lang string) ([]byte, error) {
	cfg, err := config.Load(os.DirFS(contentDir))
	if err != nil {
		return nil, problem.Folders{Content: contentDir}.Locate(err)
	}
	if !cfg.IsLanguage(lang) || lang == cfg.DefaultLanguage {
		return nil, usageError{fmt.Sprintf("--lang %s: not a translation language of %s (add it to [[languages]], or leave out --lang)",
			lang, filepath.Join(contentDir, config.FileName))}
	}
	orig := strings.TrimSuffix(rel, "."+lang+".md") + ".md"
	src, err := os.ReadFile(filepath.Join(contentDir, filepath.FromSlash(orig)))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, usageError{fmt.Sprintf("no original %s to translate; create it first, or check SECTION/NAME",
			filepath.Join(contentDir, filepath.FromSlash(orig)))}
	}
	if err != nil {
		return nil, err
	}
	note := "# Translation of " + orig + ": translate the title, description, tags and text; keep lastmod, params and footnotes; say when it was last checked against the original, then remove draft."
	return markDraft(src, note), nil
}

// markDraft adds a comment and draft: true to a page's front matter (YAML
// or TOML), replacing any draft key it had, or gives the page front matter
// when it has none.
func markDraft(src []byte, note string) []byte {
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	for _, fm := range []struct{ delim, draft string }{{"---", "draft: true"}, {"+++", "draft = true"}} {
		rest, ok := bytes.CutPrefix(src, []byte(fm.delim+"\n"))
		end := bytes.Index(rest, []byte("\n"+fm.delim))
		if !ok || end < 0 {
			continue
		}
		var b bytes.Buffer
		b.WriteString(fm.delim + "\n" + note + "\n" + fm.draft + "\n")
		for _, ln := range strings.SplitAfter(string(rest[:end+1]), "\n") {
			if !isKey(ln, "draft") {
				b.WriteString(ln)
			}
		}
		b.Write(rest[end+1:])
		return b.Bytes()
	}
	return fmt.Appendf(nil, "---\n%s\ndraft: true\n---\n%s", note, src)
}

// isKey reports whether a front matter line sets key at the top level.
func isKey(line, key string) bool {
	rest, ok := strings.CutPrefix(line, key)
	rest = strings.TrimSpace(rest)
	return ok && (strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "="))
}
