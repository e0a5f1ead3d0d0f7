package content

import (
	"net/url"
	"path"
	"strings"
)

// Target is where a link in a page leads.
type Target struct {
	External bool   // another site, mailto:, tel: ...: left as written
	Page     *Page  // a page of this site, or nil
	File     string // a copied file's site-relative path, when not a page
	Fragment string // the part after "#", unescaped
}

// LinkError says why a link cannot be resolved, and what to do.
type LinkError struct{ Msg, Hint string }

func (e *LinkError) Error() string { return e.Msg }

// Resolve finds what a link written in page from points to. Links to
// Markdown files ("../treaties/iccpr.md#article-17"), to site paths
// ("/treaties/iccpr/"), to files beside a page and to fragments of the page
// itself are internal; anything with a scheme is external.
func (s *Site) Resolve(from *Page, dest string) (Target, *LinkError) {
	if dest == "" {
		return Target{}, &LinkError{"empty link", "write the page or URL the link should lead to"}
	}
	u, err := url.Parse(dest)
	if err != nil {
		return Target{}, &LinkError{"link " + dest + " is not a valid URL", "check its spelling"}
	}
	if u.Scheme != "" || u.Host != "" || strings.HasPrefix(dest, "//") {
		return Target{External: true}, nil
	}
	t := Target{Fragment: u.Fragment}
	if u.Path == "" {
		t.Page = from
		return t, nil
	}
	var p string
	if strings.HasPrefix(u.Path, "/") {
		p = path.Clean(strings.TrimPrefix(u.Path, "/"))
	} else {
		p = path.Join(from.Dir, u.Path)
	}
	if p == ".." || strings.HasPrefix(p, "../") {
		return Target{}, &LinkError{"link " + dest + " leads outside the content folder", "link to a page inside content/"}
	}
	if strings.HasSuffix(p, ".md") {
		page := s.pageForLink(from, p)
		if page == nil {
			return Target{}, &LinkError{"link to " + p + ", which does not exist", "check the file name, or create the page"}
		}
		t.Page = page
		return t, nil
	}
	if s.files[p] {
		t.File = p
		return t, nil
	}
	if page := s.byURL[strings.TrimSuffix(p, "index.html")+"/"]; page != nil || p == "." {
		if p == "." {
			page = s.byURL[s.LangPrefix(from.Lang)]
		}
		if page != nil {
			t.Page = page
			return t, nil
		}
	}
	if page := s.byURL[strings.TrimSuffix(strings.TrimSuffix(p, "index.html"), "/")+"/"]; page != nil {
		t.Page = page
		return t, nil
	}
	return Target{}, &LinkError{"link to " + dest + ", which is neither a page nor a file of the site", "link to the page's .md file, e.g. ../treaties/iccpr.md"}
}

// pageForLink finds the page at a content path, preferring the linking
// page's own language, so one Markdown link serves every translation.
func (s *Site) pageForLink(from *Page, p string) *Page {
	page := s.byPath[p]
	if page == nil {
		return nil
	}
	if page.Lang == from.Lang {
		return page
	}
	for _, tr := range s.Translations(page) {
		if tr.Lang == from.Lang {
			return tr
		}
	}
	return page
}
