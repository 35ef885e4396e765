package search

import (
	"testing"

	"github.com/plinth-ssg/plinth/generator/actionplans"
	"github.com/plinth-ssg/plinth/generator/feedback"
	"github.com/plinth-ssg/plinth/generator/framework"
	"github.com/plinth-ssg/plinth/generator/site"
)

// TestPageWeight holds the order the issue asks for: standards and
// guidance, then ordinary pages such as the strategy, then "You said, we
// did" entries, then the lists of entries.
func TestPageWeight(t *testing.T) {
	order := []struct {
		name string
		page *site.Page
	}{
		{"a standard", &site.Page{Extra: &framework.Standard{}}},
		{"guidance", &site.Page{Extra: &framework.Guidance{}}},
		{"a domain", &site.Page{Extra: &framework.Domain{}}},
		{"a strategy page", &site.Page{Kind: site.KindPage, Section: "strategy"}},
		{"what changed", &site.Page{Extra: &framework.Comparison{}}},
		{"an action-plan region", &site.Page{Extra: &actionplans.RegionPage{}}},
		{"a \"You said, we did\" entry", &site.Page{Extra: &feedback.Entry{}}},
		{"entries by theme", &site.Page{Extra: &feedback.FacetValue{}}},
	}
	for i := 1; i < len(order); i++ {
		a, b := order[i-1], order[i]
		if pageWeight(a.page) < pageWeight(b.page) {
			t.Errorf("%s (%.2f) weighs less than %s (%.2f)", a.name, pageWeight(a.page), b.name, pageWeight(b.page))
		}
	}
	if pageWeight(order[0].page) <= pageWeight(order[3].page) || pageWeight(order[3].page) <= pageWeight(order[6].page) {
		t.Error("standards must weigh more than strategy pages, and those more than entries")
	}
}
