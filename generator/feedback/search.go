package feedback

import (
	"github.com/plinth-ssg/plinth/generator/dataset"
	"github.com/plinth-ssg/plinth/generator/site"
)

// SearchEntry describes a page of "You said, we did" to the search index
// (it is a search.Describe): readers look for the section's page by name
// and find an entry among many like it. An entry page is generated, with
// no Markdown of its own, so its words are the entry's: what learners said
// is its description, what was done and the outcome its text.
//
// The lists of entries by region, theme and status only repeat the
// entries' words, so they are left out, as tag lists are, and so are the
// pages listing a facet's values. A profession's page is kept: it is the
// one page that says what the profession takes in (professions.toml), and
// learners look for their profession by its name ("AHP") or by their own
// ("pharmacist", "medical students"), which that description writes. The
// layout shows the description, not the page's body, so it is given as
// the page's text. The index reads none of the entries the page lists,
// only its own words, so it ranks as an overview, above any one entry: a
// learner who types "paramedic" wants the page of every paramedic entry
// before one of them. An entry is found by its region's name too, which
// its page shows but its words seldom say: readers narrow a search with
// where they train ("pharmacy north west"). ok is false for other pages.
func SearchEntry(p *site.Page) (site.SearchEntry, bool) {
	switch x := p.Extra.(type) {
	case *Feedback:
		return site.SearchEntry{}, true
	case *Entry:
		return site.SearchEntry{Text: append([]string{x.WeDid, x.Outcome}, entryRegion(x)...), Rank: site.RankEntry}, true
	case *Facet:
		return site.SearchEntry{Skip: true}, true
	case *FacetValue:
		if x.Facet != nil && x.Facet.Key == FacetProfession {
			return site.SearchEntry{Text: []string{x.Description}, Rank: site.RankOverview}, true
		}
		return site.SearchEntry{Skip: true}, true
	}
	return site.SearchEntry{}, false
}

// entryRegion returns the name of an entry's region, as words of its
// text: as keywords, weighed above the text, it would lift every entry of
// a region above the overview a reader also wants ("AHP students": the
// profession's page). "National" is left out: it names no place a reader
// trains in, and the site writes it of the national survey.
func entryRegion(e *Entry) []string {
	if e.Region == nil || e.Region.Key == dataset.National {
		return nil
	}
	return []string{e.Region.Name}
}
