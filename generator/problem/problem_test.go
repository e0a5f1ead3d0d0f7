package problem

import (
	"errors"
	"fmt"
	"testing"
)

func TestErrorFormat(t *testing.T) {
	cases := []struct {
		err  *Error
		want string
	}{
		{New(Pos{File: "a.md", Line: 3, Col: 7}, "x", "bad thing", "fix it"), "a.md:3:7: bad thing (fix it)"},
		{New(Pos{File: "a.md"}, "x", "whole file", ""), "a.md:1:1: whole file"},
		{New(Pos{File: "a.md", Line: 2, Col: 1}, "x", "spans\nlines\tand  spaces", "one\nline"), "a.md:2:1: spans lines and spaces (one line)"},
		{Wrap(Pos{File: "b.md", Line: 1, Col: 2}, "x", errors.New("cause"), "hint"), "b.md:1:2: cause (hint)"},
		{New(Pos{File: "nl\nname.md", Line: 3, Col: 1}, "x", "broken link", ""), `"nl\nname.md":3:1: broken link`},
	}
	for _, c := range cases {
		if got := c.err.Error(); got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
}

func TestListSortsAndDeduplicates(t *testing.T) {
	var l List
	l.Add(New(Pos{File: "b.md", Line: 1, Col: 1}, "x", "b", ""), nil,
		New(Pos{File: "a.md", Line: 9, Col: 1}, "x", "late", ""),
		New(Pos{File: "a.md", Line: 2, Col: 5}, "x", "early", ""),
		New(Pos{File: "a.md", Line: 2, Col: 5}, "x", "early", ""))
	var got []string
	for _, e := range l.Errs() {
		got = append(got, e.Error())
	}
	want := []string{"a.md:2:5: early", "a.md:9:1: late", "b.md:1:1: b"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if n := len(All(l.Err())); n != 3 {
		t.Errorf("All found %d problems, want 3", n)
	}
	var empty List
	if empty.Err() != nil {
		t.Error("an empty list is an error")
	}
}

func TestJoin(t *testing.T) {
	a := New(Pos{File: "b.md"}, "x", "b", "")
	var l List
	l.Add(New(Pos{File: "a.md"}, "x", "a", ""))
	joined := Join(a, nil, l.Err())
	probs := All(joined)
	if len(probs) != 2 || probs[0].Pos.File != "a.md" {
		t.Errorf("Join: %v", joined)
	}
	io := errors.New("disk full")
	if err := Join(io, a); !errors.Is(err, io) || len(All(err)) != 1 {
		t.Errorf("Join kept %v", err)
	}
}

func TestLineCol(t *testing.T) {
	src := []byte("ab\nحقوق x\n")
	cases := []struct{ off, line, col int }{{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {len("ab\nحقوق "), 2, 6}, {999, 3, 1}}
	for _, c := range cases {
		if l, col := LineCol(src, c.off); l != c.line || col != c.col {
			t.Errorf("LineCol(%d) = %d:%d, want %d:%d", c.off, l, col, c.line, c.col)
		}
	}
}

// TestLocate: positions become paths under the folders the flags named;
// with no folders known, templates and static files show under the
// default folder names.
func TestLocate(t *testing.T) {
	folders := Folders{Content: "site/pages", Templates: "/abs/layouts", Static: "assets"}
	cases := []struct {
		pos           Pos
		bare, located string
	}{
		{Pos{File: "guide/a.md", Line: 3, Col: 2}, "guide/a.md:3:2", "site/pages/guide/a.md:3:2"},
		{Pos{Root: InTemplates, File: "page.html", Line: 4}, "templates/page.html:4:1", "/abs/layouts/page.html:4:1"},
		{Pos{Root: InTemplates}, "templates:1:1", "/abs/layouts:1:1"},
		{Pos{Root: InStatic, File: "js/app.js", Line: 1, Col: 10}, "static/js/app.js:1:10", "assets/js/app.js:1:10"},
		{Pos{Root: AsGiven, File: "--base-url"}, "--base-url:1:1", "--base-url:1:1"},
	}
	for _, c := range cases {
		e := New(c.pos, "x", "m", "")
		if got := e.Pos.String(); got != c.bare {
			t.Errorf("%+v shows as %s, want %s", c.pos, got, c.bare)
		}
		located := All(folders.Locate(errors.Join(errors.New("disk full"), e)))
		if len(located) != 1 || located[0].Pos.String() != c.located {
			t.Errorf("%+v located as %v, want %s", c.pos, located, c.located)
		}
		if again := folders.LocateAll(located); again[0].Pos.String() != c.located {
			t.Errorf("%+v located twice as %s", c.pos, again[0].Pos)
		}
		if got := e.Pos.String(); got != c.bare {
			t.Errorf("Locate changed the original problem to %s", got)
		}
	}
}

// Locate keeps the errors that are not problems, first, as Join does.
func TestLocateKeepsOtherErrors(t *testing.T) {
	disk := errors.New("disk full")
	err := Folders{Content: "c"}.Locate(errors.Join(New(Pos{File: "a.md"}, "x", "bad", ""), disk))
	if !errors.Is(err, disk) || err.Error() != "disk full\nc/a.md:1:1: bad" {
		t.Errorf("got %q", err)
	}
}
