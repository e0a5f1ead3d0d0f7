package content

import (
	"bytes"
	"path"
	"strings"

	"golang.org/x/text/language"

	"rightsguide/generator/config"
	"rightsguide/generator/problem"
)

// Checks of the load stage that no decoder makes: input that would build,
// but not as its author meant, or only after a long wait.

// noPages refuses a site with nothing to publish: a build of it would
// replace a whole site with an empty home page, most often because
// --content points at the wrong folder.
func noPages(sources, published int) *problem.Error {
	switch {
	case sources == 0:
		return problem.New(problem.Pos{File: "."}, "content.empty", "the content folder has no Markdown pages",
			"point --content at the site's pages, or add one with: go run ./generator new guide/first-page (then remove its draft: true)")
	case published == 0:
		return problem.New(problem.Pos{File: "."}, "content.empty", "every page is a draft, so there is nothing to publish",
			"preview them with --drafts, or set draft: false on the pages that are ready")
	}
	return nil
}

// undeclaredLanguages warns of pages named like translations (cat.fr.md)
// into a language site.toml does not declare: such a page is published as
// a default-language page at /cat.fr/, which is rarely what was meant.
func undeclaredLanguages(pages []*Page, cfg config.Site) []*problem.Error {
	var warns []*problem.Error
	for _, p := range pages {
		stem := strings.TrimSuffix(path.Base(p.Path), ".md")
		i := strings.LastIndexByte(stem, '.')
		if i < 0 || p.Virtual {
			continue
		}
		if code := stem[i+1:]; !cfg.IsLanguage(code) && looksLikeLanguage(code) {
			warns = append(warns, problem.New(problem.Pos{File: p.Path}, "content.language",
				"."+code+" looks like a language code, but site.toml declares no language "+code+": the page is published in the default language at /"+p.URL,
				"declare the language under [[languages]] in site.toml, or rename the file if ."+code+" is part of its name"))
		}
	}
	return warns
}

// looksLikeLanguage reports whether code is a two-letter ISO 639-1
// language, alone or with a region or script (pt-br, zh-hant). Longer
// codes are left alone: too many ordinary words are ISO 639-3 codes.
func looksLikeLanguage(code string) bool {
	base, _, _ := strings.Cut(code, "-")
	if len(base) != 2 {
		return false
	}
	b, err := language.ParseBase(base)
	return err == nil && b.String() == strings.ToLower(base)
}

// maxIndent is the most leading white space a line may have. Lists
// nested by indentation cost the Markdown parser time that grows with the
// square of their depth (1,000 levels: seconds); real pages use a few.
const maxIndent = 256

// OverIndented returns the 1-based line of body indented more than
// maxIndent columns, or 0. Lines of white space alone do not count, nor
// do lines inside fenced code, which the parser does not nest.
func OverIndented(body []byte) int {
	var fence []byte // the open fence's run of ` or ~, nil outside code
	for line := 1; len(body) > 0; line++ {
		end := bytes.IndexByte(body, '\n')
		if end < 0 {
			end = len(body)
		}
		ln := body[:end]
		text := bytes.TrimLeft(ln, " \t")
		cols := len(ln) - len(text) + 3*bytes.Count(ln[:len(ln)-len(text)], []byte("\t")) // a tab is 4 columns
		switch run := fenceRun(text); {
		case fence != nil:
			if len(run) >= len(fence) && run[0] == fence[0] && len(bytes.TrimSpace(text[len(run):])) == 0 {
				fence = nil
			}
		case cols > maxIndent && len(bytes.TrimSpace(text)) > 0:
			return line
		case run != nil:
			fence = run
		}
		body = body[min(end+1, len(body)):]
	}
	return 0
}

// fenceRun returns the run of three or more backticks or tildes that
// text starts with, or nil.
func fenceRun(text []byte) []byte {
	if len(text) < 3 || text[0] != '`' && text[0] != '~' {
		return nil
	}
	n := 1
	for n < len(text) && text[n] == text[0] {
		n++
	}
	if n < 3 {
		return nil
	}
	return text[:n]
}
