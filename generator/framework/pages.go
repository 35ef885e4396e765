package framework

import (
	"fmt"
	"path"
	"strconv"

	"github.com/plinth-ssg/plinth/generator/site"
)

// The framework's addresses, relative to the base URL. Each is built from
// an edition's key, a domain's number or a standard's ID, never from a
// file name, so renaming a file or folder does not move a page.
//
//	/framework/                          every edition, with status and dates
//	/framework/2021/                     an edition: its domains and standards
//	/framework/2021/domains/1/           a domain
//	/framework/2021/standards/1-3/       a standard
//	/framework/2021/print/               the whole edition on one page
//	/framework/2021/self-assessment/     a provider's self-assessment (in force, consultation, drafts)
//	/framework/2021/standards.json, .csv the edition as open data
//	/framework/changes/                  every comparison
//	/framework/changes/2019-to-2021/     what changed (also changes.json)
//	/framework/latest/…                  redirects to the edition in force
//	/framework/a-z/                      the standards in force, A to Z
const latest = "/" + Section + "/latest/"

// preparePages gives the framework's pages their addresses, layouts, data
// and search-engine hints, leaves out editions that are not published, and
// returns the pages the framework makes itself (print, self-assessment,
// what changed).
func preparePages(f *Framework) []*site.Page {
	var made []*site.Page
	in := f.InForce()
	if f.Page != nil {
		setup(f.Page, f.Page.URL, "editions", f, 0)
	}
	for _, e := range f.all {
		if !e.Published {
			if !e.Status.Public() {
				// assemble leaves out everything under a withheld section,
				// and says why when a page links to one.
				e.Page.Withheld = fmt.Sprintf("the %s edition is a draft; build with --drafts to preview it", e.Key)
			}
			continue
		}
		setup(e.Page, e.URL(), "edition", e, len(f.all)-e.order)
		e.Page.Aliases = append(e.Page.Aliases, e.URL()+"standards/", e.URL()+"domains/")
		for _, d := range e.Domains {
			setup(d.Page, d.URL(), "domain", d, d.Number)
		}
		for _, s := range e.Standards {
			setup(s.Page, s.URL(), "standard", s, s.ID.Number)
		}
		e.PrintPage = generated(site.KindPage, e.Page.Path+"/print", e.URL()+"print/", e.Title+": all standards on one page", "print", e)
		e.PrintPage.Description = "Every standard of the " + e.Key + " edition on one page, for printing or saving as a PDF."
		made = append(made, e.PrintPage)
		if hasSelfAssessment(e, in) {
			e.SelfAssessment = newSelfAssessment(e)
			made = append(made, e.SelfAssessment.Page)
		}
	}
	for _, e := range f.Editions {
		lifecycle(e, in)
		if e == in {
			alias(e.Page, latest)
			alias(e.PrintPage, latest+"print/")
			if e.SelfAssessment != nil {
				alias(e.SelfAssessment.Page, latest+SelfAssessmentSlug+"/")
			}
			for _, d := range e.Domains {
				alias(d.Page, latest+"domains/"+strconv.Itoa(d.Number)+"/")
			}
			for _, s := range e.Standards {
				alias(s.Page, latest+"standards/"+s.ID.Slug()+"/")
			}
		}
	}
	if in != nil && len(in.Standards) > 0 {
		f.AtoZPage = atoz(in)
		made = append(made, f.AtoZPage)
	}
	if len(f.Comparisons) > 0 {
		f.ChangesPage = generated(site.KindSection, Section+"/changes", "/"+Section+"/changes/", "What changed between editions", "changes-list", f)
		f.ChangesPage.Description = "What changed from one edition of the framework to another: new, removed, renumbered, merged and reworded standards."
		f.ChangesPage.Weight = 1000 // after the editions in lists
		made = append(made, f.ChangesPage)
		for i, c := range f.Comparisons {
			title := fmt.Sprintf("What changed between the %s and %s editions", c.From.Key, c.To.Key)
			if c.Proposed() {
				// Nothing has changed yet: a reader must not take the
				// draft's wording for what applies.
				title = fmt.Sprintf("Proposed changes from the %s edition to the %s draft", c.From.Key, c.To.Key)
			}
			c.Page = generated(site.KindPage, path.Join(Section, "changes", c.Slug()), c.URL(), title, "changes", c)
			c.Page.Description = c.Summary()
			c.Page.Weight = len(f.Comparisons) - i
			made = append(made, c.Page)
		}
	}
	return made
}

// setup gives a framework page its address and data. A layout or weight
// set in front matter wins.
func setup(p *site.Page, url, layout string, extra any, weight int) {
	p.URL = url
	p.Extra = extra
	if p.Layout == "" {
		p.Layout = site.Name(layout)
	}
	if p.Weight == 0 {
		p.Weight = weight
	}
}

func generated(kind site.Kind, p, url, title, layout string, extra any) *site.Page {
	pg := &site.Page{Kind: kind, Path: p, Section: Section, Type: Section, URL: url, Extra: extra}
	pg.Title = title
	pg.Layout = site.Name(layout)
	return pg
}

func alias(p *site.Page, a string) {
	p.Aliases = append(p.Aliases, a)
}

// lifecycle sets the search-engine hints of an edition's pages. The pages
// of a retired edition ask not to be indexed and name their equivalent in
// the edition in force as canonical, so searches find the standard that
// applies; a draft's pages (published only with --drafts) are not indexed
// either. An edition out for consultation is announced: its front page,
// which says it is a draft and how to respond, is indexed (so it is in the
// sitemap and the feed), but its standards are not, so that a search
// engine never offers proposed wording for a standard's number. The
// banners themselves are in the layouts.
func lifecycle(e *Edition, in *Edition) {
	if !e.Status.Retired() && !e.Status.Prerelease() {
		return
	}
	pages := []*site.Page{e.PrintPage}
	if e.Status != Consultation {
		pages = append(pages, e.Page)
	}
	if e.SelfAssessment != nil {
		pages = append(pages, e.SelfAssessment.Page)
	}
	for _, d := range e.Domains {
		pages = append(pages, d.Page)
	}
	for _, s := range e.Standards {
		pages = append(pages, s.Page)
	}
	for _, p := range pages {
		p.NoIndex = true
	}
	if !e.Status.Retired() || in == nil {
		return
	}
	e.Page.Canonical = in.URL()
	e.PrintPage.Canonical = in.URL() + "print/"
	for _, d := range e.Domains {
		d.Page.Canonical = in.URL()
		if eq := in.Domain(d.Number); eq != nil {
			d.Page.Canonical = eq.URL()
		}
	}
	for _, s := range e.Standards {
		s.Page.Canonical = in.URL()
		if eq := s.InForceEquivalents(); len(eq) > 0 {
			s.Page.Canonical = eq[0].URL()
		}
	}
}

// redirects returns the rule that sends /framework/latest/ and everything
// under it to the edition in force, for hosts that read _redirects; the
// alias pages under /framework/latest/ do the same elsewhere. It is a
// temporary redirect (302) because "latest" moves when the next edition
// comes into force, and forced because those alias pages exist.
func redirects(f *Framework) []site.Redirect {
	in := f.InForce()
	if in == nil {
		return nil
	}
	return []site.Redirect{{
		From: latest + "*", To: in.URL() + ":splat", Status: 302, Force: true,
		Comment: "The latest edition is the one in force, " + in.Key + ".",
	}}
}
