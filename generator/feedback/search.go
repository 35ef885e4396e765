package feedback

import "github.com/plinth-ssg/plinth/generator/site"

// SearchEntry describes a page of "You said, we did" to the search index
// (it is a search.Describe): readers look for the section's page by name,
// find an entry among many like it, and rarely want a list of entries by
// region or theme, which repeats the entries' words. ok is false for other
// pages.
func SearchEntry(p *site.Page) (site.SearchEntry, bool) {
	switch p.Extra.(type) {
	case *Feedback:
		return site.SearchEntry{}, true
	case *Entry:
		return site.SearchEntry{Rank: site.RankEntry}, true
	case *Facet, *FacetValue:
		return site.SearchEntry{Rank: site.RankList}, true
	}
	return site.SearchEntry{}, false
}
