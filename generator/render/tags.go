package render

import (
	"runtime"
	"strings"

	"golang.org/x/sync/errgroup"

	"rightsguide/generator/content"
	"rightsguide/generator/problem"
)

// tagPages writes a language's list of tags and each tag's page, when the
// site has tag_pages on (content/tags.go). Both use templates/tags.html.
func (r *renderer) tagPages(lang string) ([]content.File, []*problem.Error) {
	tags := r.site.Tags(lang)
	if len(tags) == 0 {
		return nil, nil
	}
	if !r.tmpl.Has("tags.html") {
		return nil, []*problem.Error{problem.New(problem.Pos{Root: problem.InTemplates, File: "tags.html"}, "template.missing",
			"template tags.html is missing, and site.toml has tag_pages on", "restore it from the project's templates/ folder, or turn tag_pages off")}
	}
	labels := r.tmpl.Labels(lang)
	list := make([]*content.Page, len(tags))
	files := make([]content.File, len(tags)+1)
	errs := make([]*problem.Error, len(tags)+1)
	var g errgroup.Group // an imported corpus may have thousands of tags
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, t := range tags {
		count := strings.ReplaceAll(labels["tag_count"], "{n}", formatNumber(len(t.Pages), labels))
		if len(t.Pages) == 1 {
			count = labels["tag_count_one"]
		}
		list[i] = &content.Page{Lang: lang, Title: t.Name, URL: t.URL, Meta: content.FrontMatter{Description: count}}
		g.Go(func() error {
			files[i], errs[i] = r.special("tag", labels["tag"]+": "+t.Name, t.URL, lang, "tags.html", t.Pages)
			return nil
		})
	}
	g.Wait()
	files[len(tags)], errs[len(tags)] = r.special("tags", labels["tags"], r.site.LangPrefix(lang)+content.TagsURL, lang, "tags.html", list)
	return files, errs
}
