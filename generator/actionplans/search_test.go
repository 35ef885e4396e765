package actionplans

import (
	"testing"

	"github.com/plinth-ssg/plinth/generator/site"
)

// TestSearchEntry: a region's or a domain's figures rank as an overview,
// the archive of earlier releases as a list; other pages are not ours.
func TestSearchEntry(t *testing.T) {
	for _, tt := range []struct {
		extra any
		rank  site.SearchRank
		ok    bool
	}{
		{&RegionPage{}, site.RankOverview, true},
		{&DomainPage{}, site.RankOverview, true},
		{&ReleasePage{}, site.RankList, true},
		{nil, site.RankPage, false},
	} {
		e, ok := SearchEntry(&site.Page{Extra: tt.extra})
		if ok != tt.ok || e.Rank != tt.rank || e.Skip {
			t.Errorf("%T: entry %+v, %t; want rank %d, %t", tt.extra, e, ok, tt.rank, tt.ok)
		}
	}
}
