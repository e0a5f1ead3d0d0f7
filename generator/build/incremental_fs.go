package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"
)

// The inputs a Session reads, and the prefixes of the paths that name their
// files in Session.Update's hints and in a snapshot: "content/a.md",
// "templates/page.html", "static/style.css".
const (
	InputContent   = "content"
	InputTemplates = "templates"
	InputStatic    = "static"
)

// snapshot is the inputs as a Session last read them: every file's bytes,
// with the size and time that tell the next scan whether to read it again.
// It is never changed once made, so a build can read it while the disk
// moves on.
type snapshot struct {
	files map[string]*entry    // "content/a.md"
	dirs  map[string]*dirEntry // "content", "content/treaties"
}

// entry is one file of a snapshot.
type entry struct {
	name    string // base name
	data    []byte
	sum     [sha256.Size]byte
	size    int64
	modTime time.Time
	mode    fs.FileMode // the type bits: regular or symbolic link
	link    string      // a symbolic link's target
	err     error       // reading it failed: the stages report it
}

type dirEntry struct {
	names []string // sorted base names of files and folders
	err   error    // listing it failed
}

// same reports whether a file on disk still looks like e.
func (e *entry) same(info fs.FileInfo) bool {
	return e.size == info.Size() && e.modTime.Equal(info.ModTime()) && e.mode == info.Mode().Type()
}

// equal reports whether two entries hold the same input.
func (e *entry) equal(o *entry) bool {
	if e == o {
		return true
	}
	if e == nil || o == nil {
		return false
	}
	return e.sum == o.sum && e.mode == o.mode && e.link == o.link && errText(e.err) == errText(o.err)
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// scan walks the three inputs and returns a new snapshot. A file is read
// again when its size, time or type changed since prev, or when hints name
// it (an editor may save twice within the clock's resolution); any other
// file keeps prev's entry, so unchanged inputs stay pointer-equal.
func scan(ctx context.Context, o Options, prev *snapshot, hints map[string]bool) (*snapshot, error) {
	s := &snapshot{files: map[string]*entry{}, dirs: map[string]*dirEntry{}}
	for _, in := range []struct {
		name string
		fsys fs.FS
	}{{InputContent, o.Content}, {InputTemplates, o.Templates}, {InputStatic, o.Static}} {
		if in.fsys == nil {
			s.dirs[in.name] = &dirEntry{}
			continue
		}
		if err := s.walk(ctx, in.name, in.fsys, prev, hints); err != nil {
			return nil, err
		}
	}
	for _, d := range s.dirs {
		slices.Sort(d.names)
	}
	return s, nil
}

func (s *snapshot) walk(ctx context.Context, root string, fsys fs.FS, prev *snapshot, hints map[string]bool) error {
	return fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		key := path.Join(root, name)
		if err != nil { // a folder that cannot be listed: the stages report it
			if s.dirs[key] == nil {
				s.dirs[key] = &dirEntry{}
			}
			s.dirs[key].err = err
			return nil
		}
		if name != "." {
			parent := s.dirs[path.Dir(key)]
			parent.names = append(parent.names, d.Name())
		}
		if d.IsDir() {
			s.dirs[key] = &dirEntry{err: err}
			return nil
		}
		s.files[key] = s.read(fsys, name, key, d, prev, hints)
		return nil
	})
}

// read returns prev's entry for a file that did not change, or reads it.
func (s *snapshot) read(fsys fs.FS, name, key string, d fs.DirEntry, prev *snapshot, hints map[string]bool) *entry {
	e := &entry{name: d.Name(), mode: d.Type()}
	info, err := d.Info()
	if err != nil {
		e.err = err
		return e
	}
	e.size, e.modTime = info.Size(), info.ModTime()
	// A symbolic link's own time says nothing of its target: read it again.
	if prev != nil && !hints[key] && e.mode&fs.ModeSymlink == 0 {
		if old := prev.files[key]; old != nil && old.same(info) {
			return old
		}
	}
	if e.mode&fs.ModeSymlink != 0 {
		e.link, _ = fs.ReadLink(fsys, name)
	}
	e.data, e.err = fs.ReadFile(fsys, name)
	e.sum = sha256.Sum256(e.data)
	return e
}

// fsys is one input of the snapshot as an fs.FS, for the stages.
func (s *snapshot) fsys(root string) fs.FS { return snapFS{s: s, root: root} }

// snapFS serves one input of a snapshot. It implements what the stages
// use: ReadFile, ReadDir, Stat, and ReadLink for symbolic links.
type snapFS struct {
	s    *snapshot
	root string
}

var (
	_ fs.ReadFileFS = snapFS{}
	_ fs.ReadDirFS  = snapFS{}
	_ fs.StatFS     = snapFS{}
	_ fs.ReadLinkFS = snapFS{}
)

func (f snapFS) key(op, name string) (string, error) {
	if !fs.ValidPath(name) {
		return "", &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	return path.Join(f.root, name), nil
}

func (f snapFS) Open(name string) (fs.File, error) {
	key, err := f.key("open", name)
	if err != nil {
		return nil, err
	}
	if e := f.s.files[key]; e != nil {
		if e.err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: e.err}
		}
		return &snapFile{info: fileInfo{e}, r: bytes.NewReader(e.data)}, nil
	}
	if d := f.s.dirs[key]; d != nil {
		entries, err := f.ReadDir(name)
		return &snapDir{info: dirInfo(path.Base(key)), entries: entries, err: err}, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

func (f snapFS) ReadFile(name string) ([]byte, error) {
	key, err := f.key("read", name)
	if err != nil {
		return nil, err
	}
	e := f.s.files[key]
	switch {
	case e == nil:
		return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrNotExist}
	case e.err != nil:
		return nil, &fs.PathError{Op: "read", Path: name, Err: e.err}
	}
	return slices.Clip(e.data), nil
}

func (f snapFS) ReadDir(name string) ([]fs.DirEntry, error) {
	key, err := f.key("readdir", name)
	if err != nil {
		return nil, err
	}
	d := f.s.dirs[key]
	if d == nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	out := make([]fs.DirEntry, 0, len(d.names))
	for _, n := range d.names {
		k := key + "/" + n
		if e := f.s.files[k]; e != nil {
			out = append(out, fs.FileInfoToDirEntry(fileInfo{e}))
		} else {
			out = append(out, fs.FileInfoToDirEntry(dirInfo(n)))
		}
	}
	if d.err != nil {
		return out, &fs.PathError{Op: "readdir", Path: name, Err: d.err}
	}
	return out, nil
}

func (f snapFS) Stat(name string) (fs.FileInfo, error) {
	key, err := f.key("stat", name)
	if err != nil {
		return nil, err
	}
	if e := f.s.files[key]; e != nil {
		return fileInfo{e}, nil
	}
	if f.s.dirs[key] != nil {
		return dirInfo(path.Base(key)), nil
	}
	return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
}

// Lstat is Stat: a snapshot keeps a link's type in its entry.
func (f snapFS) Lstat(name string) (fs.FileInfo, error) { return f.Stat(name) }

func (f snapFS) ReadLink(name string) (string, error) {
	key, err := f.key("readlink", name)
	if err != nil {
		return "", err
	}
	if e := f.s.files[key]; e != nil && e.mode&fs.ModeSymlink != 0 {
		return e.link, nil
	}
	return "", &fs.PathError{Op: "readlink", Path: name, Err: fs.ErrInvalid}
}

type fileInfo struct{ e *entry }

func (i fileInfo) Name() string       { return i.e.name }
func (i fileInfo) Size() int64        { return int64(len(i.e.data)) }
func (i fileInfo) Mode() fs.FileMode  { return i.e.mode | 0o444 }
func (i fileInfo) ModTime() time.Time { return i.e.modTime }
func (i fileInfo) IsDir() bool        { return false }
func (i fileInfo) Sys() any           { return nil }

type dirInfo string

func (i dirInfo) Name() string       { return string(i) }
func (i dirInfo) Size() int64        { return 0 }
func (i dirInfo) Mode() fs.FileMode  { return fs.ModeDir | 0o555 }
func (i dirInfo) ModTime() time.Time { return time.Time{} }
func (i dirInfo) IsDir() bool        { return true }
func (i dirInfo) Sys() any           { return nil }

type snapFile struct {
	info fileInfo
	r    *bytes.Reader
}

func (f *snapFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *snapFile) Read(b []byte) (int, error) { return f.r.Read(b) }
func (f *snapFile) Close() error               { return nil }

type snapDir struct {
	info    dirInfo
	entries []fs.DirEntry
	err     error
	off     int
}

func (d *snapDir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *snapDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: string(d.info), Err: errors.New("is a directory")}
}
func (d *snapDir) Close() error { return nil }

func (d *snapDir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.off:]
	if n <= 0 {
		d.off = len(d.entries)
		return rest, d.err
	}
	if len(rest) == 0 {
		if d.err != nil {
			return nil, d.err
		}
		return nil, io.EOF
	}
	rest = rest[:min(n, len(rest))]
	d.off += len(rest)
	return rest, nil
}

// hintSet turns Update's hints into a set of clean paths.
func hintSet(hints []string) map[string]bool {
	set := make(map[string]bool, len(hints))
	for _, h := range hints {
		h = path.Clean(strings.TrimPrefix(h, "/"))
		set[h] = true
	}
	return set
}
