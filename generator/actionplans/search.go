package actionplans

import "github.com/plinth-ssg/plinth/generator/site"

// SearchEntry describes an action-plan page to the search index (it is a
// search.Describe): a region's or a domain's figures sum up many actions;
// the archive of earlier releases repeats figures that newer pages give.
// ok is false for other pages.
func SearchEntry(p *site.Page) (site.SearchEntry, bool) {
	switch p.Extra.(type) {
	case *RegionPage, *DomainPage:
		return site.SearchEntry{Rank: site.RankOverview}, true
	case *ReleasePage:
		return site.SearchEntry{Rank: site.RankList}, true
	}
	return site.SearchEntry{}, false
}
