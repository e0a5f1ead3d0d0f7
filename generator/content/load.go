package content

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"syscall"
	"unicode/utf8"

	"rightsguide/generator/config"
	"rightsguide/generator/problem"
)

// Options are the load stage's settings.
type Options struct {
	Drafts bool // include pages with draft: true
}

// Load walks fsys (the content folder), reads every page and file, and
// returns the site with sections, URLs and navigation order settled. All
// problems with the input are returned together.
func Load(fsys fs.FS, cfg config.Site, opts Options) (*Site, error) {
	site := &Site{Config: cfg, Homes: map[string]*Page{}}
	var list problem.List
	var names []string // every file to read, in walk order: read in parallel below
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			list.Add(problem.Wrap(problem.Pos{File: name}, "content.unreadable", err, ReadHint(err)))
			return nil
		}
		if skipName(name) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || name == config.FileName {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if !symlinkInside(fsys, name) {
				list.Add(problem.New(problem.Pos{File: name}, "content.symlink", "symbolic link leads outside the content folder", "copy the file into content/ instead"))
				return nil
			}
		}
		if !d.Type().IsRegular() && special(fsys, name) {
			list.Add(problem.New(problem.Pos{File: name}, "content.special", ErrNotRegular.Error(), "remove it from the content folder: only regular files are published"))
			return nil
		}
		names = append(names, name)
		return nil
	})
	if err != nil {
		return nil, err
	}
	files, readProbs := readFiles(fsys, names)
	list.Merge(readProbs)
	var sources []File // Markdown files, their front matter decoded in parallel below
	for _, f := range files {
		switch {
		case f.Path == "": // unreadable: reported
		case strings.HasSuffix(f.Path, ".md"):
			sources = append(sources, f)
		default:
			site.Files = append(site.Files, f)
		}
	}
	pages, probs := readPages(sources, cfg)
	list.Merge(probs)
	for _, p := range pages {
		if p != nil && (!p.Meta.Draft || opts.Drafts) {
			site.Pages = append(site.Pages, p)
		}
	}
	list.Add(noPages(len(sources), len(site.Pages)))
	site.addMissingSections()
	sort.Slice(site.Pages, func(i, j int) bool { return site.Pages[i].Path < site.Pages[j].Path })
	if cfg.TagPages {
		list.Add(site.collectTags()...)
	}
	list.Add(site.assignURLs()...)
	site.Warnings = undeclaredLanguages(site.Pages, cfg)
	site.link()
	for _, m := range cfg.Menus.Main {
		if m.Page != "" && site.PageByPath(m.Page) == nil {
			list.Add(problem.New(m.Pos, "config.menu-page", "menu entry "+m.Name+" links to "+m.Page+", which is not a page or is a draft", "give the path of a page below content/, like treaties/_index.md"))
		}
	}
	if list.Len() > 0 {
		return site, list.Err()
	}
	return site, nil
}

// readFiles reads the named files in parallel, in the order given: read
// one at a time, a large site's files are a real share of the load. A
// file that cannot be read is reported and left zero.
func readFiles(fsys fs.FS, names []string) ([]File, *problem.List) {
	files := make([]File, len(names))
	probs := make([]problem.List, len(names))
	inParallel(len(names), func(i int) {
		data, err := fs.ReadFile(fsys, names[i])
		if err != nil {
			probs[i].Add(problem.Wrap(problem.Pos{File: names[i]}, "content.unreadable", err, ReadHint(err)))
			return
		}
		files[i] = File{Path: names[i], Data: data}
	})
	return files, mergeAll(probs)
}

// readPages decodes the front matter of every Markdown file, in parallel:
// on a large site it is a real share of the load.
func readPages(sources []File, cfg config.Site) ([]*Page, *problem.List) {
	pages := make([]*Page, len(sources))
	probs := make([]problem.List, len(sources))
	inParallel(len(sources), func(i int) {
		p, err := readPage(sources[i].Path, sources[i].Data, cfg)
		pages[i] = p
		probs[i].Add(problem.All(err)...)
	})
	return pages, mergeAll(probs)
}

// inParallel calls f(0) ... f(n-1), one worker per core.
func inParallel(n int, f func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				f(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

func mergeAll(probs []problem.List) *problem.List {
	var all problem.List
	for i := range probs {
		all.Merge(&probs[i])
	}
	return &all
}

// skipName leaves out hidden files and folders (".git", ".DS_Store") and
// editors' backup files.
func skipName(name string) bool {
	if name == "." {
		return false
	}
	base := path.Base(name)
	return strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") || strings.HasPrefix(base, "#")
}

// ErrNotRegular refuses a named pipe, device or socket: reading one could
// block the build for ever.
var ErrNotRegular = errors.New("not a regular file (a named pipe, device, socket or linked folder)")

// special reports whether name, followed if it is a link, exists and is
// not a regular file. A missing file is left to the read, which says so.
func special(fsys fs.FS, name string) bool {
	info, err := fs.Stat(fsys, name)
	return err == nil && !info.Mode().IsRegular()
}

// ReadFile reads a regular file of fsys and refuses anything else (see
// ErrNotRegular). Its Stat costs a call; the content folder's many files
// are checked from their directory entries instead.
func ReadFile(fsys fs.FS, name string) ([]byte, error) {
	if special(fsys, name) {
		return nil, ErrNotRegular
	}
	return fs.ReadFile(fsys, name)
}

// symlinkInside reports whether a symbolic link stays inside fsys.
func symlinkInside(fsys fs.FS, name string) bool {
	rl, ok := fsys.(fs.ReadLinkFS)
	if !ok {
		return false
	}
	target, err := rl.ReadLink(name)
	if err != nil || path.IsAbs(target) || strings.HasPrefix(target, "/") {
		return false
	}
	joined := path.Join(path.Dir(name), target)
	return joined != ".." && !strings.HasPrefix(joined, "../") && fs.ValidPath(joined)
}

// readPage turns one Markdown file into a Page.
func readPage(name string, data []byte, cfg config.Site) (*Page, error) {
	if !utf8.Valid(data) {
		line, col := problem.LineCol(data, FirstInvalidUTF8(data))
		err := problem.New(problem.Pos{File: name, Line: line, Col: col}, "content.utf8", "file is not valid UTF-8", "save it as UTF-8")
		return placeholder(name, cfg), err
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF")) // a byte-order mark some editors write
	format, fm, body, bodyLine, err := SplitFrontMatter(name, data)
	if err != nil {
		return placeholder(name, cfg), err
	}
	meta, err := ParseFrontMatter(name, format, fm)
	if line := OverIndented(body); line > 0 {
		err = problem.Join(err, problem.New(problem.Pos{File: name, Line: bodyLine + line - 1, Col: 1}, "content.indent",
			fmt.Sprintf("line is indented more than %d columns: Markdown nested this deep takes the parser seconds, and no reader can follow it", maxIndent),
			"flatten the list or quote"))
	}
	p := &Page{Path: name, Dir: dirOf(name), Meta: meta, Body: body, BodyLine: bodyLine}
	p.Lang, p.TranslationKey = languageOf(name, cfg)
	if meta.TranslationKey != "" {
		p.TranslationKey = meta.TranslationKey
	}
	p.Kind = KindPage
	if isIndex(name) {
		p.Kind = KindSection
		if p.Dir == "" {
			p.Kind = KindHome
		}
	}
	p.Title = meta.Title
	if p.Title == "" {
		p.Title = FirstHeading(body)
	}
	if p.Title == "" {
		p.Title = titleFromName(name)
	}
	return p, err
}

// placeholder stands in for a page that could not be read, so that links
// to it do not add false problems to the real one.
func placeholder(name string, cfg config.Site) *Page {
	p, _ := readPage(name, nil, cfg)
	return p
}

// ReadHint says what to do about a file that could not be read.
func ReadHint(err error) string {
	switch {
	case errors.Is(err, fs.ErrPermission):
		return "check the file's permissions"
	case errors.Is(err, fs.ErrNotExist):
		return "it vanished or is a broken link: restore it or remove the link"
	case strings.Contains(err.Error(), "escapes from parent"): // os.Root's error, which it does not export
		return "a link leads outside the folder: copy the file in instead"
	case errors.Is(err, syscall.EISDIR):
		return "a link to a folder cannot be read as a file: copy the files in instead"
	}
	return "check that it is a readable file"
}

// FirstInvalidUTF8 is the offset of the first byte of b that is not
// UTF-8, for a problem's line and column.
func FirstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

func dirOf(name string) string {
	d := path.Dir(name)
	if d == "." {
		return ""
	}
	return d
}

// isIndex reports whether name is a section's landing page (_index.md or
// _index.LANG.md).
func isIndex(name string) bool {
	base := path.Base(name)
	return base == "_index.md" || (strings.HasPrefix(base, "_index.") && strings.Count(base, ".") == 2)
}

// languageOf reads the language from the file name ("iccpr.ar.md" is the
// Arabic translation of "iccpr.md") and returns it with the translation key
// (the path without the language).
func languageOf(name string, cfg config.Site) (lang, key string) {
	stem := strings.TrimSuffix(name, ".md")
	if i := strings.LastIndexByte(stem, '.'); i > strings.LastIndexByte(stem, '/') {
		if code := stem[i+1:]; cfg.IsLanguage(code) {
			return code, stem[:i]
		}
	}
	return cfg.DefaultLanguage, stem
}

// FirstHeading returns the text of the first "# " heading outside fenced
// code, or "".
func FirstHeading(body []byte) string {
	fence := ""
	for _, ln := range strings.Split(string(body), "\n") {
		t := strings.TrimSpace(ln)
		if fence != "" {
			if strings.HasPrefix(t, fence) {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = t[:3]
			continue
		}
		if strings.HasPrefix(t, "# ") {
			return strings.TrimSpace(strings.TrimRight(strings.TrimSpace(t[2:]), "#"))
		}
	}
	return ""
}

func titleFromName(name string) string {
	base := strings.TrimSuffix(path.Base(name), ".md")
	if strings.HasPrefix(base, "_index") {
		base = path.Base(dirOf(name))
		if base == "." || base == "" {
			return "Home"
		}
	}
	if i := strings.IndexByte(base, '.'); i > 0 {
		base = base[:i]
	}
	base = strings.NewReplacer("-", " ", "_", " ").Replace(base)
	if base == "" {
		return "Untitled"
	}
	r, size := utf8.DecodeRuneInString(base)
	return strings.ToUpper(string(r)) + base[size:]
}

// addMissingSections gives every folder holding pages a section page, and
// every language a home page, so navigation always has a parent.
func (s *Site) addMissingSections() {
	have := map[string]bool{}
	for _, p := range s.Pages {
		if p.IsSection() {
			have[p.Lang+"\x00"+p.Dir] = true
		}
	}
	var add []*Page
	need := func(lang, dir string) {
		k := lang + "\x00" + dir
		if have[k] {
			return
		}
		have[k] = true
		name := path.Join(dir, "_index.md")
		if lang != s.Config.DefaultLanguage {
			name = path.Join(dir, "_index."+lang+".md")
		}
		kind := KindSection
		if dir == "" {
			kind = KindHome
		}
		title := titleFromName(name)
		if kind == KindHome {
			title = s.Config.Title
		}
		add = append(add, &Page{Path: name, Dir: dir, Lang: lang, Kind: kind, Virtual: true, Title: title,
			TranslationKey: strings.TrimSuffix(path.Join(dir, "_index"), "/"), BodyLine: 1})
	}
	for _, p := range s.Pages {
		for dir := p.Dir; ; dir = dirOf(dir) {
			if dir != p.Dir || p.Kind == KindPage {
				need(p.Lang, dir)
			}
			if dir == "" {
				break
			}
		}
	}
	for _, l := range s.Config.Languages {
		if l.Code == s.Config.DefaultLanguage {
			need(l.Code, "")
		}
	}
	s.Pages = append(s.Pages, add...)
}
