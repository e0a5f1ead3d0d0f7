package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"rightsguide/generator/build"
	"rightsguide/generator/content"
	"rightsguide/generator/problem"
	"rightsguide/generator/render"
)

// errFindings means check printed what it found (exit 1, nothing more to say).
var errFindings = errors.New("check found problems")

// runCheck builds the site in memory and reports what a reader would trip
// over: broken internal links and anchors, pages no navigation leads to,
// missing descriptions, images without alt text, duplicate titles,
// unread heading ids and untranslated interface strings. Each finding is one line, file:line:col.
func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	f := siteFlags{out: "public"} // nothing is written; options() still checks --out
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: generator check [flags]\n\nBuilds the site in memory and reports, as path:line:col: message (hint), broken internal links\nand anchors, pages unreachable from the navigation, missing descriptions, images without alt\ntext, duplicate titles, headings that show their {#id} instead of taking it, and missing\ninterface strings. Exit status 1 when it finds any.\n\nFlags:")
		fs.PrintDefaults()
	}
	fs.StringVar(&f.content, "content", "content", "folder of Markdown pages and site.toml")
	fs.StringVar(&f.templates, "templates", "templates", "folder of html/template layouts")
	fs.StringVar(&f.static, "static", "static", "folder of CSS, JS and images")
	fs.BoolVar(&f.drafts, "drafts", false, "check pages marked draft: true too")
	if err := parseFlags(fs, args, stdout, stderr); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{"check takes no arguments, got " + strings.Join(fs.Args(), " ")}
	}
	opts, closeAll, err := f.options()
	defer closeAll()
	if err != nil {
		return err
	}
	opts.WarnBrokenLinks = true // a broken link is a finding, and the other checks still run
	findings, err := check(ctx, opts)
	if err != nil && len(problem.All(err)) == 0 {
		return err
	}
	findings = append(findings, problem.All(err)...)
	return report(f.folders().LocateAll(findings), stdout, stderr)
}

// check builds the site and runs every check on it. A site that does not
// build returns its problems as the error.
func check(ctx context.Context, opts build.Options) ([]*problem.Error, error) {
	sess := build.NewSession(opts)
	res, _, err := sess.Update(ctx)
	if err != nil {
		return nil, err
	}
	var list problem.List
	list.Add(res.Warnings...) // broken links and anchors
	pages := sess.Pages()
	list.Add(unreachable(res, pages)...)
	list.Add(missingDescriptions(res.Site, pages)...)
	list.Add(missingAlt(pages)...)
	list.Add(unreadIDs(pages)...)
	list.Add(duplicateTitles(opts.Content, pages)...)
	list.Add(missingLabels(res.Site, sess.Templates())...)
	return list.Errs(), nil
}

func report(findings []*problem.Error, stdout, stderr io.Writer) error {
	var list problem.List
	list.Add(findings...)
	findings = list.Errs()
	for _, p := range findings {
		fmt.Fprintln(stderr, p.Error())
	}
	switch len(findings) {
	case 0:
		fmt.Fprintln(stdout, "check: no problems found")
		return nil
	case 1:
		fmt.Fprintln(stderr, "1 problem found")
	default:
		fmt.Fprintf(stderr, "%d problems found\n", len(findings))
	}
	return errFindings
}

// missingDescriptions reports pages without a description: search
// results, section lists and link previews show it. The home page may use
// the site's.
func missingDescriptions(site *content.Site, pages []render.PageOut) []*problem.Error {
	var out []*problem.Error
	for _, po := range pages {
		p := po.Page
		if p.Virtual || p.Meta.Description != "" {
			continue
		}
		if p.Kind == content.KindHome && site.Config.Language(p.Lang).Description+site.Config.Description != "" {
			continue
		}
		out = append(out, problem.New(problem.Pos{File: p.Path, Line: 1, Col: 1}, "check.description", "page has no description",
			"add description: one sentence on what the page helps the reader do"))
	}
	return out
}

// unreadID is a heading's trailing {#...} that goldmark did not take as
// attributes (an id with a space, an empty one): it then shows in the
// heading, and links to the intended id are broken.
var unreadID = regexp.MustCompile(`\{#[^{}]*\}\s*$`)

// unreadIDs reports headings that show their {#id} instead of using it.
func unreadIDs(pages []render.PageOut) []*problem.Error {
	var out []*problem.Error
	for _, po := range pages {
		if po.Doc == nil {
			continue
		}
		lines := strings.Split(string(po.Page.Body), "\n")
		for _, h := range po.Doc.Headings {
			attr := unreadID.FindString(h.Text)
			if attr == "" || h.Line < 1 || h.Line > len(lines) {
				continue
			}
			src := strings.TrimRight(lines[h.Line-1], " #\t\r")
			at := unreadID.FindStringIndex(src)
			if at == nil || strings.HasSuffix(src[:at[0]], "\\") || strings.Count(src[:at[0]], "`")%2 == 1 {
				continue // written as text on purpose: escaped, or in code
			}
			col := utf8.RuneCountInString(src[:at[0]]) + 1
			pos := po.Page.BodyPos(h.Line, col)
			out = append(out, problem.New(pos, "check.heading-id", "heading shows "+strings.TrimSpace(attr)+" instead of taking it as its id",
				"write the id as one word of letters, digits, '-' or '_', like {#article-17}"))
		}
	}
	return out
}

// missingAlt reports Markdown images whose alt text is empty: a screen
// reader then says nothing, or the file name.
func missingAlt(pages []render.PageOut) []*problem.Error {
	var out []*problem.Error
	for _, po := range pages {
		if po.Doc == nil {
			continue
		}
		lines := strings.Split(string(po.Page.Body), "\n")
		for _, l := range po.Doc.Links {
			if !l.Image || l.Line < 1 || l.Line > len(lines) || !emptyAlt(lines[l.Line-1], l.Col) {
				continue
			}
			pos := po.Page.BodyPos(l.Line, l.Col)
			out = append(out, problem.New(pos, "check.alt", "image "+l.Dest+" has no alt text",
				"describe what it shows between the brackets: ![A map of ...]("+l.Dest+"); a purely decorative image belongs in the stylesheet"))
		}
	}
	return out
}

// emptyAlt reports whether the image starting at col (1-based, in
// characters) of line is written "![]" (or with only spaces inside).
func emptyAlt(line string, col int) bool {
	r := []rune(line)
	if col < 1 || col > len(r) {
		return false
	}
	rest := strings.TrimPrefix(string(r[col-1:]), "!")
	if !strings.HasPrefix(rest, "[") {
		return false
	}
	rest = strings.TrimLeftFunc(rest[1:], unicode.IsSpace)
	return strings.HasPrefix(rest, "]")
}

// duplicateTitles reports pages of one language that share a title:
// readers cannot tell them apart in search results, tabs and lists.
func duplicateTitles(src fs.FS, pages []render.PageOut) []*problem.Error {
	first := map[string]*content.Page{}
	var out []*problem.Error
	for _, po := range pages { // in path order
		p := po.Page
		if p.Virtual {
			continue
		}
		key := p.Lang + "\x00" + strings.ToLower(strings.TrimSpace(p.Title))
		if q := first[key]; q != nil {
			out = append(out, problem.New(titlePos(src, po), "check.duplicate-title", fmt.Sprintf("title %q is also the title of %s", p.Title, q.Path),
				"give each page a title of its own"))
			continue
		}
		first[key] = p
	}
	return out
}

// titlePos finds where a page's title is written: its front matter key, or
// its first heading.
func titlePos(src fs.FS, po render.PageOut) problem.Pos {
	p := po.Page
	pos := problem.Pos{File: p.Path, Line: 1, Col: 1}
	if p.Meta.Title == "" {
		for _, h := range po.Doc.Headings {
			if h.Level == 1 {
				return p.BodyPos(h.Line, 1)
			}
		}
		return pos
	}
	data, err := fs.ReadFile(src, p.Path)
	if err != nil {
		return pos
	}
	for i, ln := range strings.Split(string(data), "\n") {
		if i+1 >= p.BodyLine {
			break
		}
		if isTitleKey(ln) {
			pos.Line = i + 1
			break
		}
	}
	return pos
}

// isTitleKey reports whether a front matter line sets the title, in YAML
// ("title: ...") or TOML ("title = ...").
func isTitleKey(line string) bool {
	rest, ok := strings.CutPrefix(line, "title")
	rest = strings.TrimLeft(rest, " \t")
	return ok && (strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "="))
}

// missingLabels reports interface strings a language lacks: English shows
// in their place.
func missingLabels(site *content.Site, tmpl *render.Templates) []*problem.Error {
	var out []*problem.Error
	for _, l := range site.Config.Languages {
		missing := tmpl.MissingLabels(l.Code)
		if len(missing) == 0 {
			continue
		}
		msg := fmt.Sprintf("%d interface strings missing for %s (%s): %s", len(missing), l.Code, l.Name, strings.Join(missing, ", "))
		if len(missing) == 1 {
			msg = fmt.Sprintf("1 interface string missing for %s (%s): %s", l.Code, l.Name, missing[0])
		}
		out = append(out, problem.New(problem.Pos{Root: problem.InTemplates, File: "i18n/" + l.Code + ".toml", Line: 1, Col: 1}, "check.i18n", msg,
			"copy them from en.toml in the same folder and translate them; until then English shows"))
	}
	return out
}
