package feedback

import (
	"testing"

	"github.com/plinth-ssg/plinth/generator/site"
)

// TestSearchEntry: the section's page ranks as an ordinary page, an entry
// below it and the lists of entries lowest; other pages are not ours.
func TestSearchEntry(t *testing.T) {
	for _, tt := range []struct {
		extra any
		rank  site.SearchRank
		ok    bool
	}{
		{&Feedback{}, site.RankPage, true},
		{&Entry{}, site.RankEntry, true},
		{&Facet{}, site.RankList, true},
		{&FacetValue{}, site.RankList, true},
		{nil, site.RankPage, false},
	} {
		e, ok := SearchEntry(&site.Page{Extra: tt.extra})
		if ok != tt.ok || e.Rank != tt.rank || e.Skip {
			t.Errorf("%T: entry %+v, %t; want rank %d, %t", tt.extra, e, ok, tt.rank, tt.ok)
		}
	}
}
