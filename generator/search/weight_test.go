package search

import (
	"testing"

	"github.com/plinth-ssg/plinth/generator/site"
)

// TestPageWeight holds the order the issue asks for: standards and
// guidance, then ordinary pages such as the strategy, then "You said, we
// did" entries, then the lists of other pages' words. The features say which kind
// each of their pages is (framework.SearchFacets, feedback.SearchEntry,
// actionplans.SearchEntry, each tested in its package).
func TestPageWeight(t *testing.T) {
	order := []struct {
		name  string
		page  *site.Page
		entry site.SearchEntry
	}{
		{"a standard", &site.Page{}, site.SearchEntry{Rank: site.RankCore}},
		{"a domain", &site.Page{}, site.SearchEntry{Rank: site.RankPart}},
		{"a strategy page", &site.Page{Kind: site.KindPage, Section: "strategy"}, site.SearchEntry{}},
		{"the home page", &site.Page{Kind: site.KindHome}, site.SearchEntry{}},
		{"what changed", &site.Page{}, site.SearchEntry{Rank: site.RankOverview}},
		{"a \"You said, we did\" entry", &site.Page{}, site.SearchEntry{Rank: site.RankEntry}},
		{"an archive of earlier figures", &site.Page{}, site.SearchEntry{Rank: site.RankList}},
	}
	weight := func(i int) float64 { return pageWeight(order[i].page, order[i].entry) }
	for i := 1; i < len(order); i++ {
		if weight(i-1) < weight(i) {
			t.Errorf("%s (%.2f) weighs less than %s (%.2f)", order[i-1].name, weight(i-1), order[i].name, weight(i))
		}
	}
	if weight(0) <= weight(2) || weight(2) <= weight(5) {
		t.Error("standards must weigh more than strategy pages, and those more than entries")
	}
	if weight(3) != weight(4) {
		t.Error("the home page should weigh as an overview")
	}
	if w := pageWeight(&site.Page{}, site.SearchEntry{Rank: site.RankList + 1}); w != weight(2) {
		t.Errorf("an unknown rank weighs %.2f, want an ordinary page's %.2f", w, weight(2))
	}
}
