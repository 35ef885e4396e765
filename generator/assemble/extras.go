package assemble

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/plinth-ssg/plinth/generator/content"
	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/site"
	"github.com/plinth-ssg/plinth/generator/slug"
)

// taxonomies makes /tags/ and one /tags/<term>/ page per tag, if any page
// has tags. Tags that differ only in case or punctuation share a page, under
// the spelling seen first in URL order.
func (a *assembler) taxonomies(all []*site.Page) []*site.Page {
	byKey := map[string]*site.Term{}
	var keys []string
	sorted := slices.Clone(all)
	slices.SortFunc(sorted, func(x, y *site.Page) int { return strings.Compare(x.URL, y.URL) })
	for _, p := range sorted {
		for _, tag := range p.Tags {
			key := slug.Make(tag)
			if key == "" {
				continue
			}
			t, ok := byKey[key]
			if !ok {
				t = &site.Term{Name: strings.TrimSpace(tag)}
				byKey[key] = t
				keys = append(keys, key)
			}
			// Pages come in order, so a page that lists a tag twice
			// ("EDI", "edi") is the last one added: no search needed.
			if n := len(t.Pages); n == 0 || t.Pages[n-1] != p {
				t.Pages = append(t.Pages, p)
			}
		}
	}
	if len(keys) == 0 {
		return nil
	}
	slices.Sort(keys)
	home := a.sections[""]
	list := &site.Page{Kind: site.KindTaxonomy, Path: "tags", Section: "tags", Type: "tags", URL: "/tags/", Parent: home}
	list.Title = "Tags"
	list.NoIndex = true
	out := []*site.Page{list}
	var terms []site.Term
	for _, key := range keys {
		t := byKey[key]
		p := &site.Page{Kind: site.KindTerm, Path: "tags/" + key, Section: "tags", Type: "tags", URL: "/tags/" + key + "/", Parent: list}
		p.Title = t.Name
		p.Pages = t.Pages
		p.NoIndex = true
		t.Page = p
		list.Pages = append(list.Pages, p)
		terms = append(terms, *t)
		out = append(out, p)
	}
	a.terms = map[string][]site.Term{"tags": terms}
	return out
}

// notFound turns content/404.md, if there is one, into the 404 page (it was
// loaded as an ordinary page at /404/) and returns nil; otherwise it returns
// a generated 404 page.
func (a *assembler) notFound(all []*site.Page) *site.Page {
	for _, p := range all {
		if p.File == "content/404.md" {
			p.Kind, p.URL, p.OutputPath, p.NoIndex = site.Kind404, "/404.html", "404.html", true
			p.Parent.Pages = slices.DeleteFunc(p.Parent.Pages, func(q *site.Page) bool { return q == p })
			return nil
		}
	}
	p := &site.Page{Kind: site.Kind404, URL: "/404.html", OutputPath: "404.html", Path: "404", NoIndex: true}
	p.Title = "Page not found"
	return p
}

// resources keeps the files whose owner page is published.
func (a *assembler) resources(rs []content.Resource) []site.File {
	var out []site.File
	for _, r := range rs {
		if _, gone := a.excluded[r.Owner]; gone {
			continue
		}
		if reason := a.dirExcluded(path.Dir(r.Path)); reason != "" {
			continue
		}
		out = append(out, r.File)
	}
	return out
}

// dirExcluded reports whether a content folder lies under an excluded
// section page.
func (a *assembler) dirExcluded(dir string) string {
	for d := dir; d != "." && d != ""; d = path.Dir(d) {
		if reason, ok := a.excluded[path.Join(content.Dir, d, "_index.md")]; ok {
			return reason
		}
	}
	return ""
}

// checkCollisions refuses two pages or files that would be written to the
// same output file, including names that differ only in case (they would
// overwrite each other on Windows and macOS, and on many hosts). The first
// claimant in URL order keeps the address; the pages and resources that
// lost are returned so they are not rendered, and each loss is reported
// once.
func checkCollisions(pages []*site.Page, resources []site.File) (drop map[*site.Page]bool, keep []site.File, l diag.List) {
	drop = map[*site.Page]bool{}
	exact := map[string]claim{}
	folded := map[string]claim{}
	add := func(out string, c claim) bool {
		if prev, ok := exact[out]; ok {
			l.Add(clash(prev, c, out))
			return false
		}
		low := strings.ToLower(out)
		if prev, ok := folded[low]; ok && prev.out != out {
			where := "made by the site itself"
			if p := prev.pos(); p.File != "" {
				where = "at " + p.String()
			}
			l.Add(diag.Errorf(c.pos(), "%s would be written to %s, which differs only in upper/lower case from %s, where %s, %s, is written; on many hosts they would overwrite each other", c.describe(), out, prev.out, prev.describe(), where).
				WithHint("rename one of them"))
			return false
		}
		exact[out] = c
		c.out = out
		folded[low] = c
		return true
	}
	for _, p := range pages {
		file := p.File
		if file == "" {
			file = "(generated)"
		}
		if !add(p.OutputPath, claim{what: "the page " + strconv.Quote(p.Title), file: file, page: p}) {
			drop[p] = true
			continue
		}
		for i, alias := range p.Aliases {
			if !add(OutputPath(path.Clean(alias)+"/"), claim{what: fmt.Sprintf("the alias %q", alias), file: file, page: p, alias: true, index: i}) {
				drop[p] = true
			}
		}
	}
	for _, r := range resources {
		if add(r.Path, claim{what: "the file", file: r.Source}) {
			keep = append(keep, r)
		}
	}
	return drop, keep, l
}

// claim is something that wants an output path: a page, an alias or a
// file, for collision reports.
type claim struct {
	what, file string
	// page is the page that makes the claim, if any, and alias whether it
	// claims the path for an alias (the index-th of the page's). Where in
	// its front matter a clash is reported is found only when there is
	// one: finding it makes the document's index of keys, which every
	// page would otherwise keep.
	page  *site.Page
	alias bool
	index int
	// out is the path claimed, for the report of a path that differs
	// only in case.
	out string
}

// clash reports two claims on one output path, naming both, each with
// its position. It is reported at the claim its front matter asked for
// (an alias or a slug), the line an editor changes, or else at the later
// one, and not at a page a feature generates, which has no line.
func clash(first, second claim, out string) diag.Diagnostic {
	at, other := second, first
	if (first.fromFront() && !second.fromFront()) || at.pos().File == "" {
		at, other = first, second
	}
	where := "made by the site itself"
	if p := other.pos(); p.File != "" {
		where = "at " + p.String()
	}
	return diag.Errorf(at.pos(), "%s and %s, %s, would both be written to %s", at.describe(), other.describe(), where, out).
		WithHint("give one of them another slug or file name, or remove the duplicate")
}

// fromFront reports whether the claim's path comes from a setting in its
// page's front matter (an alias or a slug), not from a file's name.
func (c claim) fromFront() bool {
	return c.page != nil && c.page.Front != nil && (c.alias || c.page.Front.Has("slug"))
}

// describe names the claim: the alias, or the page and its slug.
func (c claim) describe() string {
	if !c.alias && c.fromFront() {
		return fmt.Sprintf("%s (slug %q)", c.what, string(c.page.Slug))
	}
	return c.what
}

// pos is where a clash of this claim is reported: the alias, or the
// page's slug, which is usually what clashes; else the file's first line.
func (c claim) pos() diag.Pos {
	if c.fromFront() {
		at := c.page.Front.KeyPos("slug")
		if c.alias {
			at = c.page.Front.ValuePos("aliases", strconv.Itoa(c.index))
		}
		if at.File != "" {
			return at
		}
	}
	return firstLine(c.file)
}

func firstLine(file string) diag.Pos {
	if file == "(generated)" {
		return diag.Pos{}
	}
	return diag.Pos{File: file, Line: 1, Col: 1}
}

// menus resolves the configured menus; an entry naming a page that does not
// exist (or is not published) is an error at its line in site.toml.
func (a *assembler) menus(s *site.Site, diags *diag.List) map[string][]site.MenuItem {
	out := map[string][]site.MenuItem{}
	for _, name := range slices.Sorted(maps.Keys(a.cfg.Menus)) {
		for i, e := range a.cfg.Menus[name] {
			item := site.MenuItem{Name: e.Name, URL: e.URL, Weight: e.Weight}
			if e.Page != "" {
				p := s.GetPage(e.Page)
				if p == nil {
					at := []string{"menus", name, strconv.Itoa(i), "page"}
					msg := fmt.Sprintf("menu %q: there is no page content/%s", name, strings.TrimPrefix(e.Page, "/"))
					if reason, ok := a.excluded[path.Join(content.Dir, e.Page)]; ok {
						if reason == content.FailedReason {
							continue // the page's own errors are the cause
						}
						msg = fmt.Sprintf("menu %q: the page content/%s is not published because %s", name, e.Page, reason)
					}
					if doc := a.cfg.Doc(); doc != nil {
						diags.Add(doc.Errorf(at, "%s", msg).WithHint(`name a file under content/, like page = "strategy/_index.md"`))
					} else {
						diags.Add(diag.Errorf(diag.Pos{File: "site.toml"}, "%s", msg))
					}
					continue
				}
				item.Page, item.URL = p, p.URL
			}
			out[name] = append(out[name], item)
		}
		slices.SortStableFunc(out[name], func(x, y site.MenuItem) int { return x.Weight - y.Weight })
	}
	return out
}
