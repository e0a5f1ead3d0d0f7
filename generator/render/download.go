package render

import (
	"fmt"
	"path"

	"rightsguide/generator/content"
	"rightsguide/generator/problem"
)

// Download is the site's zip (output/zip.go), offered on the page whose
// front matter sets params: {download: true} (the About page) and on its
// translations. The page is written twice: inside the zip without the
// hash, which a file cannot hold of itself, and on the website with it.
type Download struct {
	URL      string // the zip: relative to the page; on the copy inside the zip, the website's (absolute)
	Name     string // its file name: "rightsguide.example.org.zip"
	Size     string // "1.4", in megabytes and the page's digits; "" on the copy inside the zip
	SHA256   string // lower-case hex; "" on the copy inside the zip
	CheckURL string // the page's absolute URL on the website, where the hash is published
}

// downloadFor is the zip's Download for a page that offers it, else nil.
func (r *renderer) downloadFor(p *content.Page) *Download {
	if r.opts.Zip == "" || !r.offersDownload(p) {
		return nil
	}
	d := &Download{Name: path.Base(r.opts.Zip), CheckURL: r.site.Config.BaseURL + p.URL}
	// The copy inside the zip cannot link to the zip, which it is not in:
	// it points to the website's.
	d.URL = r.site.Config.BaseURL + r.opts.Zip
	if r.zipSum != "" {
		d.URL = r.relFile(p.URL, r.opts.Zip)
		d.SHA256 = r.zipSum
		d.Size = localDigits(fmt.Sprintf("%.1f", float64(r.zipSize)/1e6), r.tmpl.Labels(p.Lang))
	}
	return d
}

func (r *renderer) offersDownload(p *content.Page) bool {
	if isTrue(p.Meta.Params["download"]) {
		return true
	}
	for _, q := range r.site.Translations(p) {
		if isTrue(q.Meta.Params["download"]) {
			return true
		}
	}
	return false
}

func isTrue(v any) bool { b, ok := v.(bool); return ok && b }

// DownloadPages renders again the pages that offer the zip, now with its
// SHA-256 and size: the website's copies, which replace the ones written
// before the zip was made (those stay inside the zip).
func (res *Result) DownloadPages(sha256 string, size int64) ([]content.File, error) {
	r := res.r
	if r == nil || r.opts.Zip == "" {
		return nil, nil
	}
	r.zipSum, r.zipSize = sha256, size // the parallel render is over: nothing else reads r now
	var probs problem.List
	var out []content.File
	for i, p := range r.site.Pages {
		if r.downloadFor(p) == nil {
			continue
		}
		var warns problem.List
		f, _ := r.page(p, r.docs[i], &probs, &warns)
		out = append(out, f)
	}
	return out, probs.Err()
}
