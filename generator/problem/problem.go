// Package problem describes what is wrong with a site's input: a position in
// a file, a stable code, a message and a hint for the contributor. Every
// stage reports bad input as problems so that the CLI can print them all,
// one line each, as path:line:col: message (hint).
package problem

import (
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Pos is a 1-based position in a file. Line 0 means the file as a whole.
type Pos struct {
	File string // slash-separated, relative to Root's folder
	Line int
	Col  int
	Root Root
}

// Root names the folder a position's File is relative to. The stages see
// their inputs as fs.FS and know no folder names; the command line knows
// them, and Locate turns positions into paths a contributor can open.
type Root uint8

const (
	InContent   Root = iota // the content folder: pages and site.toml
	InTemplates             // the templates folder
	InStatic                // the static folder
	AsGiven                 // a path or flag as the user typed it
)

// Folders are the input folders as the user named them.
type Folders struct {
	Content, Templates, Static string
}

// Locate returns err with every problem's position made relative to the
// working folder (content/guide.md rather than guide.md), so that a
// terminal or editor can open it; other errors are kept as they are. The
// problems are copies: a preview server's builds share theirs.
func (f Folders) Locate(err error) error {
	probs, others := split(err)
	if len(probs) == 0 {
		return err
	}
	located := List{errs: f.LocateAll(probs)}
	return Join(append(others, located.Err())...)
}

// LocateAll returns copies of errs, each located as Locate does.
func (f Folders) LocateAll(errs []*Error) []*Error {
	out := make([]*Error, len(errs))
	for i, e := range errs {
		c := *e
		c.Pos = f.pos(c.Pos)
		out[i] = &c
	}
	return out
}

// split separates the problems inside err from the errors that are not
// problems (a failed write): All keeps the first, Join and Locate both.
func split(err error) (probs []*Error, others []error) {
	if err == nil {
		return nil, nil
	}
	if multi, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range multi.Unwrap() {
			p, o := split(e)
			probs, others = append(probs, p...), append(others, o...)
		}
		return probs, others
	}
	var pe *Error
	if errors.As(err, &pe) {
		return []*Error{pe}, nil
	}
	return nil, []error{err}
}

func (f Folders) pos(p Pos) Pos {
	var dir string
	switch p.Root {
	case InContent:
		dir = f.Content
	case InTemplates:
		dir = f.Templates
	case InStatic:
		dir = f.Static
	}
	if dir == "" { // AsGiven, or no folder known
		return p
	}
	p.File, p.Root = filepath.Join(dir, filepath.FromSlash(p.File)), AsGiven
	return p
}

func (p Pos) String() string {
	line, col := p.Line, p.Col
	if line < 1 {
		line = 1
	}
	if col < 1 {
		col = 1
	}
	file := p.Path()
	if strings.ContainsAny(file, "\n\r") { // a problem is one line, whatever the file is called
		file = strconv.Quote(file)
	}
	return fmt.Sprintf("%s:%d:%d", file, line, col)
}

// Path is the file as shown: with no folders known, templates and static
// files are named as under the default folders.
func (p Pos) Path() string {
	switch p.Root {
	case InTemplates:
		return path.Join("templates", p.File)
	case InStatic:
		return path.Join("static", p.File)
	}
	return p.File
}

// Error is one problem with the input.
type Error struct {
	Pos  Pos
	Code string // stable, for tests and tools: "frontmatter.invalid"
	Msg  string // what is wrong
	Hint string // what to do about it
	Err  error  // underlying cause, if any
}

func (e *Error) Error() string {
	s := e.Pos.String() + ": " + e.Msg
	if e.Hint != "" {
		s += " (" + e.Hint + ")"
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// New builds a problem at pos.
func New(pos Pos, code, msg, hint string) *Error {
	return &Error{Pos: pos, Code: code, Msg: oneLine(msg), Hint: oneLine(hint)}
}

// Wrap builds a problem caused by err.
func Wrap(pos Pos, code string, err error, hint string) *Error {
	return &Error{Pos: pos, Code: code, Msg: oneLine(err.Error()), Hint: oneLine(hint), Err: err}
}

// oneLine keeps every problem on a single output line, whatever a library's
// error text looks like.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// List collects problems. The zero value is ready to use; it is not safe
// for concurrent use (give each goroutine its own list and Merge them).
type List struct {
	errs []*Error
}

// Add appends problems; nil is ignored.
func (l *List) Add(errs ...*Error) {
	for _, e := range errs {
		if e != nil {
			l.errs = append(l.errs, e)
		}
	}
}

// Merge appends every problem of other.
func (l *List) Merge(other *List) {
	if other != nil {
		l.errs = append(l.errs, other.errs...)
	}
}

// Len reports how many problems were collected.
func (l *List) Len() int { return len(l.errs) }

// Errs returns the problems sorted by file, line, column and message, each
// once: a broken template fails every page that uses it the same way.
func (l *List) Errs() []*Error {
	var out []*Error
	seen := map[string]bool{}
	for _, e := range l.errs {
		if key := e.Code + "\x00" + e.Error(); !seen[key] {
			seen[key] = true
			out = append(out, e)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if fa, fb := a.Pos.Path(), b.Pos.Path(); fa != fb {
			return fa < fb
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		return a.Msg < b.Msg
	})
	return out
}

// Err returns nil when the list is empty, otherwise every problem joined in
// order, so callers can use errors.As to find them.
func (l *List) Err() error {
	if len(l.errs) == 0 {
		return nil
	}
	sorted := l.Errs()
	errs := make([]error, len(sorted))
	for i, e := range sorted {
		errs[i] = e
	}
	return errors.Join(errs...)
}

// All returns every *Error inside err (as joined by List.Err or errors.Join).
func All(err error) []*Error {
	probs, _ := split(err)
	return probs
}

// LineCol turns a byte offset in src into a 1-based line and column
// (column counted in characters, so Arabic text points at the right place).
func LineCol(src []byte, offset int) (line, col int) {
	if offset > len(src) {
		offset = len(src)
	}
	line, col = 1, 1
	for _, r := range string(src[:offset]) {
		if r == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}

// Join merges the problems of several stages into one sorted error. Errors
// that are not problems (I/O failures) come first, unchanged.
func Join(errs ...error) error {
	var list List
	var others []error
	for _, err := range errs {
		probs, o := split(err)
		list.Add(probs...)
		others = append(others, o...)
	}
	if len(others) > 0 {
		return errors.Join(append(others, list.Err())...)
	}
	return list.Err()
}
