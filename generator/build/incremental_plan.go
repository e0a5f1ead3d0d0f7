package build

import (
	"bytes"
	"fmt"
	"maps"
	"path"
	"sort"
	"strings"

	"rightsguide/generator/content"
)

// selection decides which pages an incremental build renders again; nil
// means every page. A page's HTML depends on its own file, on its layout,
// on the navigation (every page's URL, navigation title and place), on the
// titles and descriptions its section lists, on the anchors of the pages it
// links to, on the names of its tags, and on the site config, shared
// templates, interface strings and asset names.
func selection(old, n *state, d delta) func(*content.Page) bool {
	if old == nil || d.config || n.mds == nil || !sameConverters(old, n) || sharedTemplates(d.templates) ||
		!sameKeys(old.names, n.names) || (n.site != old.site && navSig(n.site) != navSig(old.site)) {
		return nil
	}
	redo := map[string]bool{}
	changed := map[string]bool{} // pages whose own file changed
	for _, p := range n.site.Pages {
		key := InputContent + "/" + p.Path
		if !n.snap.files[key].equal(old.snap.files[key]) {
			changed[p.Path] = true
			redo[p.Path] = true
		}
		if _, ok := old.pages[p.Path]; !ok {
			redo[p.Path] = true
		}
	}
	if n.site != old.site && listsChanged(old.site, n.site) {
		for _, p := range n.site.Pages {
			if p.IsSection() {
				redo[p.Path] = true
			}
		}
	}
	for i, p := range n.site.Pages { // pages that link to a changed page: its anchors may have moved
		for _, l := range n.docs[i].Links {
			if t, err := n.site.Resolve(p, l.Dest); err == nil && t.Page != nil && changed[t.Page.Path] {
				redo[p.Path] = true
				break
			}
		}
	}
	layouts := changedLayouts(d.templates)
	for _, p := range n.site.Pages {
		if layouts[layoutName(p)] {
			redo[p.Path] = true
		}
	}
	return func(p *content.Page) bool { return redo[p.Path] }
}

func sameConverters(old, n *state) bool {
	if len(old.mds) != len(n.mds) {
		return false
	}
	for k, md := range n.mds {
		if old.mds[k] != md {
			return false
		}
	}
	return true
}

// sharedTemplates reports whether a changed template file is used by every
// page: base.html, a partial, or the interface strings.
func sharedTemplates(names []string) bool {
	for _, n := range names {
		if n == "base.html" || strings.HasPrefix(n, "partials/") || strings.HasPrefix(n, "i18n/") {
			return true
		}
	}
	return false
}

// changedLayouts is the set of changed layout files ("page.html").
func changedLayouts(names []string) map[string]bool {
	set := map[string]bool{}
	for _, n := range names {
		if !strings.Contains(n, "/") && path.Ext(n) == ".html" {
			set[n] = true
		}
	}
	return set
}

// layoutName is the layout the render stage uses for p (render.layoutOf).
func layoutName(p *content.Page) string {
	if p.Meta.Layout != "" {
		return p.Meta.Layout + ".html"
	}
	switch p.Kind {
	case content.KindHome:
		return "home.html"
	case content.KindSection:
		return "section.html"
	}
	return "page.html"
}

func sameKeys(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if _, ok := b[k]; !ok {
			return false
		}
	}
	return true
}

// navSig describes what every page shows of every other: the pages, their
// URLs, navigation titles, languages, translations and places in the tree,
// and the files links may point to.
func navSig(site *content.Site) string {
	var b strings.Builder
	for _, p := range site.Pages {
		parent := ""
		if p.Parent != nil {
			parent = p.Parent.Path
		}
		fmt.Fprintf(&b, "%s\x00%s\x00%s\x00%s\x00%s\x00%t\x00%s\x00%s\x00", p.Path, p.URL, p.NavTitle(), p.Lang, p.Kind, p.Virtual, p.TranslationKey, parent)
		for _, c := range p.Children {
			b.WriteString(c.Path + "\x01")
		}
		for _, t := range site.TagsOf(p) { // a tag's name is its first page's spelling: an edit elsewhere renames it here
			b.WriteString(t.Name + "\x02")
		}
		b.WriteByte('\n')
	}
	for _, f := range site.Files {
		b.WriteString(f.Path + "\n")
	}
	return b.String()
}

// listsChanged reports whether anything a section lists of its pages
// changed: a title, description, date or params.
func listsChanged(old, n *content.Site) bool {
	for _, p := range n.Pages {
		q := old.PageByPath(p.Path)
		if q == nil || listSig(p) != listSig(q) {
			return true
		}
	}
	return false
}

func listSig(p *content.Page) string {
	return fmt.Sprintf("%s\x00%s\x00%s\x00%s\x00%v", p.Title, p.Meta.Description, p.Meta.LastmodISO, p.Meta.DateISO, p.Meta.Params)
}

// searchChanged reports whether the index of old would differ for n: a
// page's content, title, description or URL, or the set of pages.
func searchChanged(old, n *state) bool {
	if len(old.site.Pages) != len(n.site.Pages) {
		return true
	}
	for i, p := range n.site.Pages {
		q := old.site.Pages[i]
		if p.Path != q.Path || p.URL != q.URL || p.Title != q.Title || p.Lang != q.Lang ||
			p.Meta.Description != q.Meta.Description || !bytes.Equal(n.pages[p.Path].html, old.pages[q.Path].html) {
			return true
		}
	}
	return false
}

// docsChanged reports whether a page of n was parsed from another body
// than in old, which has the same pages.
func docsChanged(old, n *state) bool {
	for i := range n.docs {
		if n.docs[i] != old.docs[i] {
			return true
		}
	}
	return false
}

// changesBetween lists the output files that differ between two builds.
func changesBetween(old, n *state, d delta, only func(*content.Page) bool) Changes {
	after := map[string][]byte{}
	for _, f := range n.result.Files {
		after[f.Path] = f.Data
	}
	var ch Changes
	for _, p := range n.site.Pages {
		if only == nil || only(p) {
			ch.Rendered++
		}
	}
	if old == nil {
		ch.Files = sortedKeys(after)
		return ch
	}
	before := map[string][]byte{}
	for _, f := range old.result.Files {
		before[f.Path] = f.Data
		if data, ok := after[f.Path]; !ok || !bytes.Equal(data, f.Data) {
			ch.Files = append(ch.Files, f.Path)
		}
	}
	for name := range after {
		if _, ok := before[name]; !ok {
			ch.Files = append(ch.Files, name)
		}
	}
	sort.Strings(ch.Files)
	ch.Renamed = renamedAssets(old.names, n.names)
	ch.StyleOnly = styleOnly(d, only, n)
	return ch
}

// styleOnly reports whether nothing but stylesheets changed, so that a
// browser can swap them in without reloading.
func styleOnly(d delta, only func(*content.Page) bool, n *state) bool {
	if d.first || d.config || len(d.content)+len(d.templates) > 0 || len(d.statics) == 0 || only == nil {
		return false
	}
	for _, name := range d.statics {
		if path.Ext(name) != ".css" {
			return false
		}
	}
	for _, p := range n.site.Pages {
		if only(p) {
			return false
		}
	}
	return true
}

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range maps.Keys(m) {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
