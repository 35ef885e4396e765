package search

import (
	"github.com/plinth-ssg/plinth/generator/site"
)

// PagePath is the content path of the search page, at /search/. The
// theme's header shows its search box only when the site has a page there.
const PagePath = "search"

// Layout is the search page's layout name (search.html, falling back to
// page.html for themes without one).
const Layout = "search"

// Page is what the search page's layout sees as .Extra.
type Page struct {
	// Manifest is the index manifest's address relative to the base URL
	// ("search/index.json"); a layout links it with relURL.
	Manifest string
	// Editions are the framework's editions, newest first, and Sections
	// the sections results can be filtered by; both are filled in by
	// Index, before the page is rendered.
	Editions []Edition
	Sections []Section
	// AtoZ is the A–Z index of standards, for readers without
	// JavaScript; nil if the site has none.
	AtoZ *site.Page
}

// ReadsOthersBodies reports that the search page shows the index's
// filters, never a page's body (site.OthersBodiesReader).
func (x *Page) ReadsOthersBodies() bool { return false }

// AddPage returns pages with the search page added. A site may write its
// own (content/search.md, for an introduction above the form): it is used
// as it is, with the search layout unless it names another. Either way the
// page asks search engines not to index it and is left out of its
// section's lists, since the header links to it.
func AddPage(pages []*site.Page) []*site.Page {
	for _, p := range pages {
		if p.Path == PagePath {
			prepare(p)
			return pages
		}
	}
	p := &site.Page{Kind: site.KindPage, Path: PagePath, Section: PagePath, Type: PagePath}
	p.Title = "Search"
	p.Description = "Search the standards, guidance and other pages of this site."
	prepare(p)
	return append(pages, p)
}

func prepare(p *site.Page) {
	if p.Layout == "" {
		p.Layout = Layout
	}
	p.Extra = &Page{Manifest: ManifestPath}
	p.NoIndex = true
	p.Unlisted = true
}
