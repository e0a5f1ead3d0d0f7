package render

import (
	"bytes"
	"errors"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	toml "github.com/pelletier/go-toml/v2"

	"rightsguide/generator/content"
	"rightsguide/generator/problem"
)

// Templates are the site's layouts, parsed once per build: base.html and
// partials/*.html shared by every layout file (home.html, page.html, ...).
type Templates struct {
	layouts map[string]*template.Template // by file name: "page.html"
	labels  map[string]map[string]string  // by language, then key: each file's own strings
	merged  map[string]map[string]string  // by language: its strings with English filling gaps
	fsys    fs.FS
}

// LoadTemplates parses every layout in fsys (the templates folder) and the
// interface strings in i18n/*.toml. Problems name the template file and line.
func LoadTemplates(fsys fs.FS) (*Templates, error) {
	var list problem.List
	base := template.New("").Funcs(funcs())
	shared, err := sharedFiles(fsys)
	if err != nil {
		return nil, err
	}
	for _, name := range shared {
		if err := parseFile(base, fsys, name); err != nil {
			list.Add(err)
		}
	}
	if list.Len() > 0 {
		return nil, list.Err()
	}
	t := &Templates{layouts: map[string]*template.Template{}, labels: map[string]map[string]string{}, fsys: fsys}
	layouts, _ := fs.Glob(fsys, "*.html")
	for _, name := range layouts {
		if name == "base.html" {
			continue
		}
		clone, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if perr := parseFile(clone, fsys, name); perr != nil {
			list.Add(perr)
			continue
		}
		t.layouts[name] = clone
	}
	parsed := list.Len() == 0
	for _, need := range []string{"home.html", "section.html", "page.html", "404.html", "search.html"} {
		if t.layouts[need] == nil && parsed {
			list.Add(problem.New(problem.Pos{Root: problem.InTemplates, File: need}, "template.missing", "template "+need+" is missing", "restore it from the project's templates/ folder"))
		}
	}
	list.Add(t.loadLabels()...)
	t.mergeLabels()
	return t, list.Err()
}

func sharedFiles(fsys fs.FS) ([]string, error) {
	names := []string{"base.html"}
	partials, err := fs.Glob(fsys, "partials/*.html")
	if err != nil {
		return nil, err
	}
	sort.Strings(partials)
	return append(names, partials...), nil
}

func parseFile(t *template.Template, fsys fs.FS, name string) *problem.Error {
	src, err := content.ReadFile(fsys, name)
	if err != nil {
		return problem.Wrap(problem.Pos{Root: problem.InTemplates, File: name}, "template.unreadable", err, "restore the file")
	}
	if !utf8.Valid(src) { // html/template would copy the bytes into every page
		line, col := problem.LineCol(src, content.FirstInvalidUTF8(src))
		return problem.New(problem.Pos{Root: problem.InTemplates, File: name, Line: line, Col: col}, "template.utf8", "template is not valid UTF-8", "save it as UTF-8")
	}
	if _, err := t.New(name).Parse(string(src)); err != nil {
		return templateProblem(err, "template.parse", "fix the template syntax")
	}
	return nil
}

// templateLine finds "name:line:" or "name:line:col:" in html/template's
// error text, which offers no structured position.
var templateLine = regexp.MustCompile(`template: ?([^:]+):(\d+):(?:(\d+):)?\s*(.*)`)

func templateProblem(err error, code, hint string) *problem.Error {
	msg := err.Error()
	pos := problem.Pos{Root: problem.InTemplates}
	if m := templateLine.FindStringSubmatch(msg); m != nil {
		pos.File = m[1]
		pos.Line, _ = strconv.Atoi(m[2])
		pos.Col, _ = strconv.Atoi(m[3])
		msg = m[4]
	}
	return problem.New(pos, code, msg, hint)
}

func (t *Templates) loadLabels() []*problem.Error {
	var probs []*problem.Error
	files, _ := fs.Glob(t.fsys, "i18n/*.toml")
	for _, name := range files {
		data, err := content.ReadFile(t.fsys, name)
		if err != nil {
			probs = append(probs, problem.Wrap(problem.Pos{Root: problem.InTemplates, File: name}, "i18n.unreadable", err, "restore the file"))
			continue
		}
		m := map[string]string{}
		if err := toml.Unmarshal(data, &m); err != nil {
			pos := problem.Pos{Root: problem.InTemplates, File: name}
			var de *toml.DecodeError
			if errors.As(err, &de) {
				pos.Line, pos.Col = de.Position()
			}
			probs = append(probs, problem.Wrap(pos, "i18n.invalid", err, `write each string as key = "text"`))
			continue
		}
		t.labels[strings.TrimSuffix(path.Base(name), ".toml")] = m
	}
	return probs
}

// mergeLabels fills each language's strings from English, once: every
// page asks for them.
func (t *Templates) mergeLabels() {
	t.merged = map[string]map[string]string{"en": {}}
	for lang, own := range t.labels {
		m := maps.Clone(t.labels["en"])
		if m == nil {
			m = map[string]string{}
		}
		maps.Copy(m, own)
		t.merged[lang] = m
	}
}

// Labels returns the interface strings of a language, English filling
// gaps (English alone for a language without a file). The map is shared:
// callers must not change it.
func (t *Templates) Labels(lang string) map[string]string {
	if m, ok := t.merged[lang]; ok {
		return m
	}
	return t.merged["en"]
}

// MissingLabels lists the keys a language lacks compared with English.
func (t *Templates) MissingLabels(lang string) []string {
	var out []string
	for k := range t.labels["en"] {
		if _, ok := t.labels[lang][k]; !ok {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// Has reports whether a layout file exists.
func (t *Templates) Has(layout string) bool { return t.layouts[layout] != nil }

// Execute runs a layout's "base" template with data.
func (t *Templates) Execute(layout string, data *Data) ([]byte, *problem.Error) {
	tmpl := t.layouts[layout]
	if tmpl == nil {
		return nil, problem.New(problem.Pos{Root: problem.InTemplates, File: layout}, "template.missing", "template "+layout+" does not exist", "create it or change the page's layout")
	}
	var buf bytes.Buffer
	buf.Grow(len(data.Page.Content) + 16<<10) // the body and the layout around it: no regrowing on the way
	if err := tmpl.ExecuteTemplate(&buf, "base", data); err != nil {
		return nil, templateProblem(err, "template.execute", "fix the template")
	}
	return buf.Bytes(), nil
}

func funcs() template.FuncMap {
	return template.FuncMap{
		// param reads a front matter param as text, "" when missing.
		"param": func(params map[string]any, key string) string {
			if v, ok := params[key]; ok && v != nil {
				return strings.TrimSpace(toString(v))
			}
			return ""
		},
	}
}

func toString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case uint64:
		return strconv.FormatUint(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return ""
}
