package render

import (
	"bytes"
	"io/fs"
	"path"
	"sort"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"rightsguide/generator/content"
	"rightsguide/generator/internal/htmlscan"
	"rightsguide/generator/markdown"
	"rightsguide/generator/problem"
)

// Reader safety: the built site must make no request to any other host.
// A reader who is watched must not be seen by a CDN, a font service or an
// analytics server, and a copy opened from a USB stick must work offline.
// So the build fails when a template, a page or a static stylesheet would
// load anything from outside the site. Links to outside pages stay allowed:
// following one is the reader's choice (the markdown package marks them
// class="external" rel="noopener noreferrer").
//
// Every absolute URL counts as another host, the site's own base_url too:
// seen from a mirror or from file://, the original host is another host.

// foreignRef is one resource that HTML or CSS would load from another host.
type foreignRef struct {
	What      string // what loads it: "<img src>", "CSS url()"
	URL       string
	Offset    int // byte offset in the text scanned
	Line, Col int // where the page's Markdown writes it, when read from the Markdown
}

// resourceRels are the <link rel> values that make a browser fetch href.
var resourceRels = map[string]bool{
	"stylesheet": true, "icon": true, "shortcut": true, "apple-touch-icon": true,
	"apple-touch-icon-precomposed": true, "mask-icon": true, "manifest": true,
	"preload": true, "prefetch": true, "modulepreload": true, "prerender": true,
	"preconnect": true, "dns-prefetch": true, "import": true,
}

// urlAttrs are the attributes that load their URL whatever the element.
var urlAttrs = map[string]bool{
	"src": true, "poster": true, "background": true, "lowsrc": true, "dynsrc": true,
}

// svgHrefTags are the SVG elements whose href loads a resource.
var svgHrefTags = map[string]bool{"image": true, "use": true, "feimage": true, "script": true}

// embedTags load their content from data, src or code attributes.
var embedTags = map[string]bool{"object": true, "embed": true, "applet": true, "iframe": true, "frame": true}

// foreignInHTML lists what an HTML document would load from other hosts.
// It runs on every page of a build, so it reads the page with htmlscan,
// and gives the tokeniser only the tags that may hold an absolute URL;
// what htmlscan does not read, the tokeniser reads whole.
func foreignInHTML(doc []byte) []foreignRef {
	if refs, ok := foreignInScanned(doc); ok {
		return refs
	}
	return foreignInTokens(doc)
}

// foreignInScanned is foreignInHTML by htmlscan. It gives up on style and
// noscript elements, whose content the check reads as CSS or markup.
func foreignInScanned(doc []byte) ([]foreignRef, bool) {
	var out []foreignRef
	offset, ok := 0, true
	scanned := htmlscan.Scan(doc, func(t htmlscan.Token) {
		start := offset
		offset += len(t.Raw) // tokens follow each other without a gap
		switch {
		case !ok || t.Type == html.TextToken || t.Type == html.EndTagToken || t.Type == html.DoctypeToken:
		case t.Atom == atom.Style || t.Atom == atom.Noscript:
			ok = false
		case !tagMayBeForeign(t.Raw):
		case bytes.ContainsAny(t.Raw, "&\r"): // values the tokeniser would decode: let it read the tag
			for _, r := range foreignInTokens(t.Raw) {
				r.Offset += start
				out = append(out, r)
			}
		default:
			out = foreignAttrs(out, []byte(t.Atom.String()), t.Attrs, start)
		}
	})
	return out, scanned && ok
}

// foreignInTokens is foreignInHTML by the HTML tokeniser. It makes strings
// only for values that may hold an absolute URL.
func foreignInTokens(doc []byte) []foreignRef {
	var out []foreignRef
	z := html.NewTokenizer(bytes.NewReader(doc))
	offset := 0
	inStyle := false
	for {
		tt := z.Next()
		start := offset
		offset += len(z.Raw())
		switch tt {
		case html.ErrorToken:
			return out
		case html.TextToken:
			if inStyle {
				out = append(out, foreignInCSS(z.Text(), start)...)
			}
		case html.EndTagToken:
			inStyle = false
		case html.StartTagToken, html.SelfClosingTagToken:
			if raw := z.Raw(); !tagMayBeForeign(raw) && !rawTagIs(raw, "<style") && !rawTagIs(raw, "<noscript") {
				continue // most tags: no value in them can be an absolute URL
			}
			name, hasAttr := z.TagName()
			inStyle = string(name) == "style" && tt == html.StartTagToken
			if string(name) == "noscript" {
				// Without JavaScript its content is markup that loads.
				z.NextIsNotRawText()
			}
			if hasAttr {
				out = foreignAttrs(out, name, tokenizerAttrs(z), start)
			}
		}
	}
}

// mayBeForeign is a quick test that lets most values (relative URLs, text)
// skip isForeign: an absolute URL needs a ":", "//" or "\", and tabs or
// newlines could hide a "//".
func mayBeForeign(v []byte) bool {
	return bytes.ContainsAny(v, ":\\\t\n\r") || bytes.Contains(v, []byte("//"))
}

// tagMayBeForeign is a quick look at a whole tag, as written, so that the
// tokenizer's attribute parsing (which copies every value) runs only on
// tags that might hold an absolute URL: a "//" (a tab or newline may
// split it), a "\\", an entity (which may hide either), or a scheme at the
// start of a value ("https:", not "#fn:1" or "section: text").
func tagMayBeForeign(raw []byte) bool {
	for _, s := range []string{"//", "\\", "&", "/\t", "/\n", "/\r"} {
		if bytes.Contains(raw, []byte(s)) {
			return true
		}
	}
	for i := bytes.IndexByte(raw, ':'); i >= 0; {
		j := i
		for j > 0 && isSchemeByte(raw[j-1]) {
			j--
		}
		if j < i && (j == 0 || bytes.IndexByte([]byte("\"'= ,\t\n\r\f"), raw[j-1]) >= 0) {
			switch strings.ToLower(string(raw[j:i])) {
			case "data", "blob", "about", "javascript":
			default:
				return true
			}
		}
		next := bytes.IndexByte(raw[i+1:], ':')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return false
}

// rawTagIs reports whether a tag as written starts with "<name", in any case.
func rawTagIs(raw []byte, name string) bool {
	return len(raw) >= len(name) && bytes.EqualFold(raw[:len(name)], []byte(name))
}

func isSchemeByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'
}

// tokenizerAttrs gives the attributes of the tag the tokenizer is on.
func tokenizerAttrs(z *html.Tokenizer) func(yield func(key, val []byte) bool) {
	return func(yield func(key, val []byte) bool) {
		for more := true; more; {
			var k, v []byte
			k, v, more = z.TagAttr()
			if !yield(k, v) {
				return
			}
		}
	}
}

// foreignAttrs appends the references of a tag: its name, and its
// attributes (keys in lower case, values decoded), valid only during the
// call.
func foreignAttrs(out []foreignRef, name []byte, attrs func(yield func(key, val []byte) bool), offset int) []foreignRef {
	tag := string(name) // no allocation: compared and looked up only
	var rel, href, equiv, refresh []byte
	add := func(key, u string) {
		if isForeign(u) {
			out = append(out, foreignRef{What: "<" + string(name) + " " + key + ">", URL: strings.TrimSpace(u), Offset: offset})
		}
	}
	attrs(func(k, v []byte) bool {
		key := string(k) // no allocation: compared and looked up only
		switch {
		case tag == "link" && key == "rel":
			rel = bytes.ToLower(v)
		case tag == "link" && key == "href":
			href = bytes.Clone(v)
		case tag == "meta" && key == "content":
			refresh = bytes.Clone(v)
		case tag == "meta" && key == "http-equiv":
			equiv = bytes.Clone(v)
		case !mayBeForeign(v):
		case key == "ping": // <a ping> tells a server about every click
			for _, u := range strings.Fields(string(v)) {
				add(key, u)
			}
		case urlAttrs[key], key == "xlink:href", key == "href" && svgHrefTags[tag],
			embedTags[tag] && (key == "data" || key == "code" || key == "codebase" || key == "archive"):
			add(string(k), string(v))
		case key == "srcset" || key == "imagesrcset":
			for _, u := range srcsetURLs(string(v)) {
				add(string(k), u)
			}
		case key == "style":
			for _, r := range foreignInCSS(v, offset) {
				r.What = "<" + string(name) + " style>"
				out = append(out, r)
			}
		}
		return true
	})
	if tag == "link" && mayBeForeign(href) {
		for _, r := range strings.Fields(string(rel)) {
			if resourceRels[r] && isForeign(string(href)) {
				out = append(out, foreignRef{What: `<link rel="` + string(rel) + `">`, URL: strings.TrimSpace(string(href)), Offset: offset})
				break
			}
		}
	}
	if tag == "meta" && bytes.EqualFold(equiv, []byte("refresh")) {
		// <meta http-equiv="refresh" content="0; url=https://..."> leaves the site unasked.
		if _, u, ok := strings.Cut(strings.ToLower(string(refresh)), "url="); ok {
			u = strings.Trim(strings.TrimSpace(u), `'"`)
			if isForeign(u) {
				out = append(out, foreignRef{What: `<meta http-equiv="refresh">`, URL: u, Offset: offset})
			}
		}
	}
	return out
}

// srcsetURLs splits "a.png 1x, https://x/b.png 2x" into its URLs.
func srcsetURLs(s string) []string {
	var out []string
	for _, cand := range strings.Split(s, ",") {
		if f := strings.Fields(cand); len(f) > 0 {
			out = append(out, f[0])
		}
	}
	return out
}

// isForeign reports whether a resource URL points at another host: it has
// a scheme other than data:, blob:, about: or javascript:, or starts with
// "//". It reads the URL as browsers do: surrounding space and control
// characters ignored, tabs and newlines inside removed, "\" taken for "/".
func isForeign(u string) bool {
	u = strings.TrimFunc(u, func(r rune) bool { return r <= ' ' })
	u = strings.NewReplacer("\t", "", "\n", "", "\r", "", `\`, "/").Replace(u)
	if strings.HasPrefix(u, "//") {
		return true
	}
	scheme, _, ok := strings.Cut(u, ":")
	if !ok || scheme == "" || strings.ContainsAny(scheme, "/?#") {
		return false // relative: "a.png", "../b.png?x=1:2", "#top"
	}
	for _, c := range scheme {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
			return false // not a scheme, so a relative path
		}
	}
	switch strings.ToLower(scheme) {
	case "data", "blob", "about", "javascript":
		return false
	}
	return true
}

const foreignHint = "readers must not be seen by other servers, and a copy must work offline: save the file in the site and use a relative path"

// checkResources fails a rendered page that would load something from
// another host. What its Markdown body wrote is the page's problem, at the
// line where the URL appears; the rest came from the templates, and the
// problem names the template file and line that hold the URL.
//
// nav is the sidebar the page holds, if any: written by nav.go from page
// titles and the site's own relative URLs, it loads nothing, and is left
// out of the scan.
func (r *renderer) checkResources(p *content.Page, layout string, page []byte, md *markdown.Doc, body []byte, nav string) []*problem.Error {
	shell, found := cutOut([][]byte{page}, body)
	var out []*problem.Error
	if found && p != nil {
		for _, ref := range r.bodyResources(md, body) {
			out = append(out, problem.New(pagePos(p, ref), "resource.foreign", ref.What+" loads "+ref.URL+" from another host", foreignHint))
		}
	}
	shell, _ = cutOut(shell, []byte(nav))
	for _, part := range shell {
		for _, ref := range foreignInHTML(part) {
			msg := ref.What + " loads " + ref.URL + " from another host"
			pos, found := r.tmpl.locate(layout, ref.URL)
			if !found && p != nil {
				msg += ", rendering " + p.Path
			}
			out = append(out, problem.New(pos, "resource.foreign", msg, foreignHint))
		}
	}
	return out
}

// bodyResources finds what a page's body loads from other hosts.
// Tokenising HTML is a large share of a build, so when raw HTML is off the
// body is judged by its Markdown instead: goldmark then writes no element
// that loads a URL other than a Markdown image.
func (r *renderer) bodyResources(md *markdown.Doc, body []byte) []foreignRef {
	if r.site.Config.AllowHTML || md == nil {
		return foreignInHTML(body)
	}
	var refs []foreignRef
	for _, l := range md.Links {
		if l.Image && isForeign(l.Dest) {
			refs = append(refs, foreignRef{What: "<img src>", URL: strings.TrimSpace(l.Dest), Line: l.Line, Col: l.Col})
		}
	}
	return refs
}

// cutOut removes the first copy of part from the pieces of a page, and
// reports whether it found one.
func cutOut(pieces [][]byte, part []byte) ([][]byte, bool) {
	if len(part) == 0 {
		return pieces, false
	}
	for i, p := range pieces {
		if j := bytes.Index(p, part); j >= 0 {
			rest := append([][]byte{p[:j], p[j+len(part):]}, pieces[i+1:]...)
			return append(pieces[:i:i], rest...), true
		}
	}
	return pieces, false
}

// pagePos finds where in a page's source a URL is written: from the
// Markdown's facts, or else by looking for it in the source, which a build
// without raw HTML has already let go.
func pagePos(p *content.Page, ref foreignRef) problem.Pos {
	if ref.Line > 0 {
		return p.BodyPos(ref.Line, ref.Col)
	}
	if i := bytes.Index(p.Body, []byte(ref.URL)); i >= 0 {
		return p.BodyPos(problem.LineCol(p.Body, i))
	}
	return problem.Pos{File: p.Path}
}

// locate finds the template file and line that write a URL: the layout
// first, then base.html and the partials. When the URL comes from data (a
// page's params), it is in no template, and the layout is named.
func (t *Templates) locate(layout, u string) (problem.Pos, bool) {
	files := []string{layout, "base.html"}
	partials, _ := fs.Glob(t.fsys, "partials/*.html")
	sort.Strings(partials)
	files = append(files, partials...)
	for _, name := range files {
		src, err := fs.ReadFile(t.fsys, name)
		if err != nil {
			continue
		}
		if i := bytes.Index(src, []byte(u)); i >= 0 {
			line, col := problem.LineCol(src, i)
			return problem.Pos{Root: problem.InTemplates, File: name, Line: line, Col: col}, true
		}
	}
	return problem.Pos{Root: problem.InTemplates, File: layout}, false
}

// CheckStatic fails the build when a static stylesheet or HTML/SVG file
// would load something from another host: url(), @import, src=...
func CheckStatic(static fs.FS) error {
	var list problem.List
	err := fs.WalkDir(static, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		var scan func([]byte) []foreignRef
		switch strings.ToLower(path.Ext(name)) {
		case ".css":
			scan = func(b []byte) []foreignRef { return foreignInCSS(b, 0) }
		case ".html", ".htm", ".svg":
			scan = foreignInHTML
		default:
			return nil
		}
		src, err := content.ReadFile(static, name)
		if err != nil {
			return err
		}
		for _, ref := range scan(src) {
			line, col := problem.LineCol(src, ref.Offset)
			list.Add(problem.New(problem.Pos{Root: problem.InStatic, File: name, Line: line, Col: col}, "resource.foreign",
				ref.What+" loads "+ref.URL+" from another host", foreignHint))
		}
		return nil
	})
	if err != nil {
		return err
	}
	return list.Err()
}
