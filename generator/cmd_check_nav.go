package main

import (
	"bytes"
	"net/url"
	"path"
	"strings"

	"golang.org/x/net/html"

	"rightsguide/generator/build"
	"rightsguide/generator/content"
	"rightsguide/generator/problem"
	"rightsguide/generator/render"
)

// unreachable reports pages that no chain of links leads to from the home
// page, following the built HTML as a reader clicks through it: menus,
// sidebar, breadcrumbs, section lists, previous/next, the language
// switcher and links in the text. The search pages are not followed: their
// list of every page is no navigation. Reading the output, not the page
// tree, keeps the check true when the templates change.
func unreachable(res *build.Result, pages []render.PageOut) []*problem.Error {
	files := make(map[string][]byte, len(res.Files))
	for _, f := range res.Files {
		files[f.Path] = f.Data
	}
	skip := map[string]bool{}
	for _, l := range res.Site.Config.Languages {
		prefix := res.Site.LangPrefix(l.Code)
		skip[prefix+content.SearchURL+"index.html"] = true
		skip[prefix+content.PrintURL+"index.html"] = true
	}
	seen := map[string]bool{"index.html": true}
	queue := []string{"index.html"}
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		if skip[name] {
			continue
		}
		for _, target := range linksOf(name, files[name]) {
			if _, ok := files[target]; ok && !seen[target] {
				seen[target] = true
				queue = append(queue, target)
			}
		}
	}
	var out []*problem.Error
	for _, po := range pages {
		p := po.Page
		if p.Virtual || seen[p.URL+"index.html"] {
			continue
		}
		out = append(out, problem.New(problem.Pos{File: p.Path, Line: 1, Col: 1}, "check.unreachable",
			"no link leads to this page from the home page: readers can find it only through search",
			"link to it from its section or another page, or check the navigation templates"))
	}
	return out
}

// linksOf returns the output files the <a href> links of an HTML page lead
// to ("a/b/" becomes "a/b/index.html"); links to other sites are left out.
func linksOf(name string, page []byte) []string {
	if !strings.HasSuffix(name, ".html") {
		return nil
	}
	var out []string
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return out
		case html.StartTagToken, html.SelfClosingTagToken:
			tag, hasAttr := z.TagName()
			if string(tag) != "a" {
				continue
			}
			for hasAttr {
				var key, val []byte
				key, val, hasAttr = z.TagAttr()
				if string(key) == "href" {
					if t, ok := target(name, string(val)); ok {
						out = append(out, t)
					}
				}
			}
		}
	}
}

// target resolves href, written in the page at name, to an output file.
func target(name, href string) (string, bool) {
	u, err := url.Parse(href)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" {
		return "", false
	}
	p := u.Path
	if !strings.HasPrefix(p, "/") {
		p = path.Join(path.Dir("/"+name), p)
		if base := path.Base(u.Path); strings.HasSuffix(u.Path, "/") || base == "." || base == ".." {
			p += "/"
		}
	}
	p = strings.TrimPrefix(p, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	return p, true
}
