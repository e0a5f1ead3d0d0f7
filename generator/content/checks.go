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
			"point --content at the site's pages, or add one with: go run ./generator new guide/first-page")
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
// maxIndent columns, or 0. Lines of white space alone do not count.
func OverIndented(body []byte) int {
	line := 1
	for len(body) > 0 {
		cols, text := 0, false
		for _, c := range body {
			if c == ' ' {
				cols++
			} else if c == '\t' {
				cols += 4
			} else {
				text = c != '\n' && c != '\r'
				break
			}
		}
		if cols > maxIndent && text {
			return line
		}
		i := bytes.IndexByte(body, '\n')
		if i < 0 {
			break
		}
		body, line = body[i+1:], line+1
	}
	return 0
}
