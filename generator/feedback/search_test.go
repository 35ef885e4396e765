package feedback

import (
	"slices"
	"testing"

	"github.com/plinth-ssg/plinth/generator/site"
)

// TestSearchEntry: the section's page ranks as an ordinary page, a
// profession's page as an overview with what the profession takes in, an
// entry below them with its words; the other lists of entries are left
// out; other pages are not ours.
func TestSearchEntry(t *testing.T) {
	entry := &Entry{LearnersSaid: "No rest room.", WeDid: "We opened one.", Outcome: "Learners use it."}
	for _, tt := range []struct {
		extra any
		rank  site.SearchRank
		text  []string
		skip  bool
		ok    bool
	}{
		{&Feedback{}, site.RankPage, nil, false, true},
		{entry, site.RankEntry, []string{"We opened one.", "Learners use it."}, false, true},
		{&Facet{Key: FacetProfession}, site.RankPage, nil, true, true},
		{&FacetValue{Facet: &Facet{Key: FacetRegion}}, site.RankPage, nil, true, true},
		{&FacetValue{Facet: &Facet{Key: FacetTheme}}, site.RankPage, nil, true, true},
		{&FacetValue{Facet: &Facet{Key: FacetStatus}}, site.RankPage, nil, true, true},
		{&FacetValue{Facet: &Facet{Key: FacetProfession}, Description: "Paramedic students."}, site.RankOverview, []string{"Paramedic students."}, false, true},
		{nil, site.RankPage, nil, false, false},
	} {
		e, ok := SearchEntry(&site.Page{Extra: tt.extra})
		if ok != tt.ok || e.Rank != tt.rank || e.Skip != tt.skip || !slices.Equal(e.Text, tt.text) {
			t.Errorf("%T: entry %+v, %t; want rank %d, text %q, skip %t, %t", tt.extra, e, ok, tt.rank, tt.text, tt.skip, tt.ok)
		}
	}
}
