package render

import (
	"html"
	"html/template"
	"strings"

	"rightsguide/generator/content"
)

// The sidebar is the largest repeated part of every page: on a site of
// thousands of pages, running it through html/template cost a quarter of
// the build. So it is written here, in plain Go, with the same markup the
// "nav-items" template would give; a template that wants another shape can
// still range over .Nav, which is built only when a template asks for it.

// Nav returns the sidebar tree for templates that draw their own.
func (d *Data) Nav() []*NavItem {
	if d.navTree == nil && d.nav != nil {
		d.navTree = d.nav.tree()
	}
	return d.navTree
}

// NavHTML returns the sidebar as a nested list: the home page's children,
// with the branch that holds the current page opened.
func (d *Data) NavHTML() template.HTML {
	if d.nav == nil {
		return ""
	}
	if d.navHTML == "" {
		var b strings.Builder
		b.Grow(8 << 10) // a sidebar is a few kilobytes: grow once
		d.nav.write(&b, d.nav.home.Children)
		d.navHTML = b.String()
	}
	return template.HTML(d.navHTML)
}

// HasNav reports whether the page has a sidebar, without building it.
func (d *Data) HasNav() bool {
	return d.nav != nil && len(d.nav.home.Children) > 0
}

// navFor is what the sidebar of one page needs.
type navFor struct {
	r      *renderer
	page   *content.Page // the page being written (may be a stand-in)
	home   *content.Page
	onPath map[*content.Page]bool
}

func (r *renderer) navFor(p *content.Page) *navFor {
	home := r.site.Homes[p.Lang]
	if home == nil {
		return nil
	}
	onPath := map[*content.Page]bool{}
	for q := p; q != nil; q = q.Parent {
		onPath[q] = true
	}
	return &navFor{r: r, page: p, home: home, onPath: onPath}
}

func (n *navFor) write(b *strings.Builder, list []*content.Page) {
	b.WriteString("<ul>")
	for _, c := range list {
		current, active := c == n.page, n.onPath[c]
		b.WriteString("\n<li")
		if current {
			b.WriteString(` class="current"`)
		} else if active {
			b.WriteString(` class="active"`)
		}
		b.WriteString(`><a href="`)
		b.WriteString(html.EscapeString(n.r.rel(n.page.URL, c.URL)))
		b.WriteByte('"')
		if current {
			b.WriteString(` aria-current="page"`)
		}
		b.WriteByte('>')
		b.WriteString(html.EscapeString(c.NavTitle()))
		b.WriteString("</a>")
		if active && len(c.Children) > 0 {
			b.WriteByte('\n')
			n.write(b, c.Children)
		}
		b.WriteString("</li>")
	}
	b.WriteString("\n</ul>")
}

func (n *navFor) tree() []*NavItem {
	var build func(list []*content.Page) []*NavItem
	build = func(list []*content.Page) []*NavItem {
		items := make([]*NavItem, 0, len(list))
		for _, c := range list {
			it := &NavItem{Title: c.NavTitle(), URL: n.r.rel(n.page.URL, c.URL), Current: c == n.page, Active: n.onPath[c]}
			if it.Active && len(c.Children) > 0 {
				it.Children = build(c.Children)
			}
			items = append(items, it)
		}
		return items
	}
	return build(n.home.Children)
}
