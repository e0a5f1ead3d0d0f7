package content

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/goccy/go-yaml"
	toml "github.com/pelletier/go-toml/v2"

	"rightsguide/generator/problem"
)

// FrontMatter holds the keys a page may set. Unknown keys are problems:
// structured data for templates goes under Params.
type FrontMatter struct {
	Title          string         `yaml:"title" toml:"title"`
	LinkTitle      string         `yaml:"linkTitle" toml:"linkTitle"` // a shorter title for navigation
	Description    string         `yaml:"description" toml:"description"`
	Weight         Weight         `yaml:"weight" toml:"weight"`
	Draft          bool           `yaml:"draft" toml:"draft"`
	Date           any            `yaml:"date" toml:"date"`
	Lastmod        any            `yaml:"lastmod" toml:"lastmod"`
	Tags           []string       `yaml:"tags" toml:"tags"`
	Aliases        []string       `yaml:"aliases" toml:"aliases"`
	Slug           string         `yaml:"slug" toml:"slug"`
	Layout         string         `yaml:"layout" toml:"layout"`
	TranslationKey string         `yaml:"translationKey" toml:"translationKey"`
	Params         map[string]any `yaml:"params" toml:"params"`

	// DateISO and LastmodISO are Date and Lastmod as "2006-01-02", set by parsing.
	DateISO    string `yaml:"-" toml:"-"`
	LastmodISO string `yaml:"-" toml:"-"`
	// LayoutPos is where Layout is set, for the render's problem when no
	// template has its name.
	LayoutPos problem.Pos `yaml:"-" toml:"-" json:"-"`
	// SlugPos is where Slug is set: when two pages claim one URL, the
	// slug is most often the cause.
	SlugPos problem.Pos `yaml:"-" toml:"-" json:"-"`
	// TagsPos is where Tags is set, for a tag that cannot name a page.
	TagsPos problem.Pos `yaml:"-" toml:"-" json:"-"`
}

// Weight orders the pages of a section, lightest first. It is a whole
// number: YAML would otherwise drop the fraction of 1.5 without a word.
type Weight int

// errWeight is a weight that is no whole number; the caller knows where.
type errWeight struct{ value string }

func (e errWeight) Error() string {
	return "weight " + e.value + " is not a whole number"
}

// UnmarshalYAML accepts the integers YAML does (12, -3, 0x1F, 1_000) and
// null (0).
func (w *Weight) UnmarshalYAML(unmarshal func(any) error) error {
	var v any
	if err := unmarshal(&v); err != nil {
		return err
	}
	switch n := v.(type) {
	case nil:
		*w = 0
	case int64:
		*w = Weight(n)
	case uint64:
		if n > math.MaxInt64 {
			return errWeight{strconv.FormatUint(n, 10)}
		}
		*w = Weight(n)
	case float64:
		if n == math.Trunc(n) && math.Abs(n) < 1e15 {
			return errWeight{strconv.FormatFloat(n, 'f', 1, 64)} // 1.0, as written, not 1
		}
		return errWeight{strconv.FormatFloat(n, 'g', -1, 64)}
	case string:
		return errWeight{strconv.Quote(n)}
	default:
		return errWeight{fmt.Sprint(n)}
	}
	return nil
}

var slugPattern = regexp.MustCompile(`^[\p{L}\p{N}][\p{L}\p{N}._-]*$`)

// SplitFrontMatter separates front matter from the Markdown body.
// format is "yaml", "toml" or "" (none); bodyLine is the 1-based line where
// the body starts. An unclosed block is a problem at line 1.
func SplitFrontMatter(file string, src []byte) (format string, fm, body []byte, bodyLine int, err error) {
	var delim string
	switch {
	case hasDelimLine(src, "---"):
		format, delim = "yaml", "---"
	case hasDelimLine(src, "+++"):
		format, delim = "toml", "+++"
	default:
		return "", nil, src, 1, nil
	}
	rest := src[len(delim):]
	rest = bytes.TrimPrefix(bytes.TrimPrefix(rest, []byte("\r")), []byte("\n"))
	line := 2
	for off := 0; off <= len(rest); {
		end := bytes.IndexByte(rest[off:], '\n')
		var ln []byte
		if end < 0 {
			ln = rest[off:]
		} else {
			ln = rest[off : off+end]
		}
		if string(bytes.TrimRight(ln, " \t\r")) == delim {
			next := len(rest)
			if end >= 0 {
				next = off + end + 1
			}
			return format, rest[:off], rest[next:], line + 1, nil
		}
		if end < 0 {
			break
		}
		off += end + 1
		line++
	}
	return "", nil, nil, 0, problem.New(problem.Pos{File: file, Line: 1, Col: 1}, "frontmatter.unclosed",
		"front matter opened with "+delim+" is never closed", "add a line with only "+delim+" after the last key")
}

func hasDelimLine(src []byte, delim string) bool {
	if !bytes.HasPrefix(src, []byte(delim)) {
		return false
	}
	rest := bytes.TrimLeft(src[len(delim):], " \t\r")
	return len(rest) == 0 || rest[0] == '\n'
}

// ParseFrontMatter decodes a front matter block strictly. Positions in the
// problems are in the page's file (the block starts on line 2).
func ParseFrontMatter(file, format string, fm []byte) (FrontMatter, error) {
	var m FrontMatter
	var err error
	switch format {
	case "yaml":
		if len(bytes.TrimSpace(fm)) > 0 {
			err = yaml.UnmarshalWithOptions(fm, &m, yaml.Strict())
		}
		var we errWeight
		if errors.As(err, &we) {
			return m, problem.New(keyPos(file, fm, "weight"), "frontmatter.weight", we.Error(), "write a whole number such as 10 or -1")
		}
		if err != nil {
			return m, yamlProblem(file, err)
		}
	case "toml":
		err = toml.NewDecoder(bytes.NewReader(fm)).DisallowUnknownFields().Decode(&m)
		if err != nil {
			return m, tomlProblem(file, err)
		}
	}
	var list problem.List
	m.DateISO = normaliseDate(file, fm, "date", m.Date, &list)
	m.LastmodISO = normaliseDate(file, fm, "lastmod", m.Lastmod, &list)
	if m.Layout != "" {
		m.LayoutPos = keyPos(file, fm, "layout")
	}
	if m.Slug != "" {
		m.SlugPos = keyPos(file, fm, "slug")
	}
	if len(m.Tags) > 0 {
		m.TagsPos = keyPos(file, fm, "tags")
	}
	if m.Slug != "" && !slugPattern.MatchString(m.Slug) {
		list.Add(problem.New(m.SlugPos, "frontmatter.slug", "slug "+fmt.Sprintf("%q", m.Slug)+" is not a single URL segment", "use letters, digits, '-', '_' or '.' only"))
	}
	for _, a := range m.Aliases {
		if bare := strings.Trim(a, "/"); bare == "" || bare == "." || strings.Contains(a, "..") || strings.Contains(a, "://") || strings.ContainsAny(a, "\\?#\x00") {
			list.Add(problem.New(keyPos(file, fm, "aliases"), "frontmatter.alias", "alias "+fmt.Sprintf("%q", a)+" is not a path inside the site", `write it like "old/section/page/"`))
		}
	}
	for _, f := range []struct{ key, value string }{{"title", m.Title}, {"linkTitle", m.LinkTitle}, {"description", m.Description}} {
		if strings.ContainsRune(f.value, 0) { // html/template would write it raw into every page that shows it
			list.Add(problem.New(keyPos(file, fm, f.key), "frontmatter.nul", f.key+" holds a NUL character", "remove the \\0 or \\x00 escape"))
		}
	}
	return m, list.Err()
}

func yamlProblem(file string, err error) error {
	pos := problem.Pos{File: file, Line: 1, Col: 1}
	msg := err.Error()
	var te yaml.Error
	if ok := asYAMLError(err, &te); ok {
		if tk := te.GetToken(); tk != nil && tk.Position != nil {
			pos.Line, pos.Col = tk.Position.Line+1, tk.Position.Column // +1: the opening --- line
		}
		msg = te.GetMessage()
	}
	return problem.Wrap(pos, "frontmatter.invalid", fmt.Errorf("invalid front matter: %s", msg),
		"fix the YAML; allowed keys: title, linkTitle, description, weight, draft, date, lastmod, tags, aliases, slug, layout, translationKey, params")
}

func asYAMLError(err error, target *yaml.Error) bool {
	for e := err; e != nil; {
		if ye, ok := e.(yaml.Error); ok {
			*target = ye
			return true
		}
		u, ok := e.(interface{ Unwrap() error })
		if !ok {
			return false
		}
		e = u.Unwrap()
	}
	return false
}

func tomlProblem(file string, err error) error {
	var strict *toml.StrictMissingError
	if asErr(err, &strict) {
		var list problem.List
		for _, e := range strict.Errors {
			line, col := e.Position()
			list.Add(problem.New(problem.Pos{File: file, Line: line + 1, Col: col}, "frontmatter.unknown-key",
				"unknown front matter key "+strings.Join(e.Key(), "."), "put structured data under [params]"))
		}
		return list.Err()
	}
	var de *toml.DecodeError
	if asErr(err, &de) {
		line, col := de.Position()
		return problem.Wrap(problem.Pos{File: file, Line: line + 1, Col: col}, "frontmatter.invalid", fmt.Errorf("invalid front matter: %s", de.Error()), "fix the TOML")
	}
	return problem.Wrap(problem.Pos{File: file, Line: 1, Col: 1}, "frontmatter.invalid", fmt.Errorf("invalid front matter: %w", err), "fix the value's type")
}

func asErr[T error](err error, target *T) bool {
	for e := err; e != nil; {
		if t, ok := e.(T); ok {
			*target = t
			return true
		}
		u, ok := e.(interface{ Unwrap() error })
		if !ok {
			return false
		}
		e = u.Unwrap()
	}
	return false
}

// normaliseDate turns whatever the decoder produced for a date key into
// "2006-01-02", or records a problem at the key's line.
func normaliseDate(file string, fm []byte, key string, v any, list *problem.List) string {
	switch d := v.(type) {
	case nil:
		return ""
	case time.Time:
		return d.Format("2006-01-02")
	case toml.LocalDate:
		return d.String()
	case toml.LocalDateTime:
		return d.LocalDate.String()
	case string:
		for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
			if t, err := time.Parse(layout, d); err == nil {
				return t.Format("2006-01-02")
			}
		}
	}
	list.Add(problem.New(keyPos(file, fm, key), "frontmatter.date", fmt.Sprintf("%s %v is not a date", key, v), "write it as YYYY-MM-DD, for example 2026-11-28"))
	return ""
}

// keyPos finds the line of a top-level key in a front matter block, for
// problems found after decoding.
// It reads fm in place: pages with tags or a slug pay for one scan each.
func keyPos(file string, fm []byte, key string) problem.Pos {
	line := 2 // the block starts below its opening delimiter
	for ln := range bytes.Lines(fm) {
		if rest, ok := bytes.CutPrefix(bytes.TrimSpace(ln), []byte(key)); ok {
			if rest = bytes.TrimSpace(rest); len(rest) > 0 && (rest[0] == ':' || rest[0] == '=') {
				return problem.Pos{File: file, Line: line, Col: bytes.Index(ln, []byte(key)) + 1}
			}
		}
		line++
	}
	return problem.Pos{File: file, Line: 1, Col: 1}
}
