package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"text/template"
	"time"
	"unicode"
	"unicode/utf8"
)

// runNew creates content/SECTION/NAME.md from templates/archetypes/, never
// overwriting an existing file.
func runNew(args []string, stdout, stderr io.Writer) error {
	var contentDir, templatesDir, lang string
	fs := flag.NewFlagSet("new", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: generator new [flags] SECTION/NAME\n\nCreates content/SECTION/NAME.md (a draft) from templates/archetypes/SECTION.md or default.md.\n\nFlags:")
		fs.PrintDefaults()
	}
	fs.StringVar(&contentDir, "content", "content", "content folder")
	fs.StringVar(&templatesDir, "templates", "templates", "templates folder (archetypes/ inside)")
	fs.StringVar(&lang, "lang", "", "language code of a translation (writes NAME.LANG.md)")
	if err := parseFlags(fs, args, stdout, stderr); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError{"new takes one argument, SECTION/NAME (for example guidance/new-page)"}
	}
	rel, err := pagePath(fs.Arg(0), lang)
	if err != nil {
		return err
	}
	page, err := archetype(templatesDir, rel, time.Now())
	if lang != "" { // a translation starts as a copy of its original
		page, err = translationStart(contentDir, rel, lang)
	}
	if err != nil {
		return err
	}
	dst := filepath.Join(contentDir, filepath.FromSlash(rel))
	// Through os.Root, as the build reads: a linked folder cannot lead the
	// new page outside the content folder.
	root, err := os.OpenRoot(contentDir)
	if err != nil {
		return err
	}
	defer root.Close()
	if err := root.MkdirAll(path.Dir(rel), 0o755); err != nil {
		return fmt.Errorf("cannot create the folder of %s: %w (a linked folder may lead outside %s)", dst, err, contentDir)
	}
	f, err := root.OpenFile(rel, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return usageError{dst + " already exists; choose another name"}
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(page); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created %s (a draft: remove draft: true when it is ready)\n", dst)
	return nil
}

// pagePath checks SECTION/NAME and returns the file path below content/.
func pagePath(arg, lang string) (string, error) {
	arg = strings.TrimSuffix(strings.TrimSuffix(arg, "/"), ".md") // a leading "/" stays, and is refused
	if arg == "" || !fs.ValidPath(arg) || strings.Contains(arg, "..") {
		return "", usageError{fmt.Sprintf("%q is not a page path like guidance/new-page", arg)}
	}
	for _, r := range arg {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("-_/", r)) {
			return "", usageError{fmt.Sprintf("%q: use letters, digits, '-' and '_' in page names", arg)}
		}
	}
	if lang != "" {
		return arg + "." + lang + ".md", nil
	}
	return arg + ".md", nil
}

// archetype fills templates/archetypes/SECTION.md (or default.md) with a
// title made from the page's name and the date of now.
func archetype(templatesDir, rel string, now time.Time) ([]byte, error) {
	section := strings.Split(rel, "/")[0]
	var src []byte
	var err error
	for _, name := range []string{section + ".md", "default.md"} {
		src, err = os.ReadFile(filepath.Join(templatesDir, "archetypes", name))
		if err == nil {
			break
		}
	}
	if err != nil {
		return nil, fmt.Errorf("no archetype in %s/archetypes/ (default.md): %w", templatesDir, err)
	}
	t, err := template.New("archetype").Parse(string(src))
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	err = t.Execute(&b, map[string]string{"Title": titleOf(rel), "Date": now.Format(time.DateOnly)})
	return b.Bytes(), err
}

// titleOf makes a title of a page's file name: "new-page.md" is "New page".
// The first letter is upper-cased as a letter, not a byte, so names in any
// script stay valid text.
func titleOf(rel string) string {
	name := strings.TrimSuffix(filepath.Base(rel), ".md")
	name = strings.TrimSuffix(name, filepath.Ext(name))
	title := strings.ReplaceAll(strings.ReplaceAll(name, "-", " "), "_", " ")
	r, size := utf8.DecodeRuneInString(title)
	if size == 0 {
		return title
	}
	return string(unicode.ToUpper(r)) + title[size:]
}
