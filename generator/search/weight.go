package search

import "github.com/plinth-ssg/plinth/generator/site"

// Pages are not equally likely to be what a reader wants. A word on a
// standard in force or a guidance page counts fully; on other pages it
// counts a share, so that when several pages match equally well the
// standards and guidance come first, then the site's ordinary pages (the
// strategy, about the site), then the pages that gather other pages'
// words (lists, "You said, we did" entries, the action plans' figures; the
// lists of entries by region or theme are not indexed at all). The share multiplies the page's BM25 weight, so a page
// that matches much better still ranks above one that merely weighs more.
// The feature that made a page says which kind it is (site.SearchRank, in
// its site.SearchEntry); this is what each kind counts.
//
// Pages of retired editions are weighed like the others here; the browser
// puts them after every other result unless the reader chose their
// edition (search-core.mjs).
var rankWeights = map[site.SearchRank]float64{
	site.RankCore:     1.0,  // standards, guidance
	site.RankPart:     0.8,  // a domain of the framework, an edition's front page
	site.RankPage:     0.7,  // ordinary pages and section lists
	site.RankOverview: 0.55, // the A to Z, what changed, the home page, action plans
	site.RankEntry:    0.45, // one "You said, we did" entry
	site.RankList:     0.35, // an archive of earlier figures
}

// pageWeight returns the share of its weight a page's matches count.
func pageWeight(p *site.Page, entry site.SearchEntry) float64 {
	rank := entry.Rank
	if p.Kind == site.KindHome {
		rank = site.RankOverview // the home page introduces everything
	}
	if w, ok := rankWeights[rank]; ok {
		return w
	}
	return rankWeights[site.RankPage]
}
