package feedback

import (
	"fmt"
	"strings"

	"github.com/plinth-ssg/plinth/generator/site"
)

// The feature's addresses, relative to the base URL. Entry and region
// addresses come from keys in the data files (an entry's ID, a region's
// key), never from titles, so rewording an entry never moves it.
//
//	/you-said-we-did/                     every entry, newest first (entries.html)
//	/you-said-we-did/feed.xml             the feed of every entry
//	/you-said-we-did/yswd-001/            one entry (entry.html)
//	/you-said-we-did/london/              a region's entries (facet.html)
//	/you-said-we-did/london/feed.xml      a region's feed
//	/you-said-we-did/professions/         the professions with entries (facets.html)
//	/you-said-we-did/professions/nursing/ a profession's entries (facet.html)
//	/you-said-we-did/themes/…, /status/…  the same for themes and statuses

// makePages gives the section page its layout and data and returns the
// feature's own pages.
func makePages(f *Feedback) []*site.Page {
	f.Page.Extra = f
	if f.Page.Layout == "" {
		f.Page.Layout = "entries"
	}
	var made []*site.Page
	for i, e := range f.Entries {
		p := generated(site.KindPage, Section+"/"+e.Slug, e.URL, e.Title, "entry", e)
		p.Description = e.LearnersSaid
		p.Date, p.Lastmod = e.Published, e.Updated
		p.Weight = i + 1 // newest first in lists of the section's pages
		e.Page = p
		made = append(made, p)
	}
	for _, fc := range f.Facets {
		if fc.URL != "" {
			fc.Page = generated(site.KindSection, Section+"/"+facetFolders[fc.Key], fc.URL,
				"You said, we did by "+strings.ToLower(fc.Name), "facets", fc)
			fc.Page.Description = fmt.Sprintf("Find the entries for each of the %s that have them.", fc.Plural)
			made = append(made, fc.Page)
		}
		for i, v := range fc.Values {
			path := Section + "/" + v.Key
			if fc.URL != "" {
				path = Section + "/" + facetFolders[fc.Key] + "/" + v.Key
			}
			v.Page = generated(site.KindPage, path, v.URL, "You said, we did: "+v.Name, "facet", v)
			v.Page.Description = v.summary
			v.Page.Weight = len(f.Entries) + 1 + i // after the entries
			made = append(made, v.Page)
		}
	}
	return made
}

// generated makes one of the feature's pages, with its address already set
// (assemble keeps it).
func generated(kind site.Kind, path, url, title, layout string, extra any) *site.Page {
	p := &site.Page{Kind: kind, Path: path, Section: Section, Type: Section, URL: url, Extra: extra}
	p.Title = title
	p.Layout = site.Name(layout)
	return p
}
