package search

import (
	"github.com/plinth-ssg/plinth/generator/actionplans"
	"github.com/plinth-ssg/plinth/generator/feedback"
	"github.com/plinth-ssg/plinth/generator/framework"
	"github.com/plinth-ssg/plinth/generator/site"
)

// Pages are not equally likely to be what a reader wants. A word on a
// standard in force or a guidance page counts fully; on other pages it
// counts a share, so that when several pages match equally well the
// standards and guidance come first, then the site's ordinary pages (the
// strategy, about the site), then the pages that gather other pages'
// words (lists, "You said, we did" entries and their facets, the action
// plans' figures). The share multiplies the page's BM25 weight, so a page
// that matches much better still ranks above one that merely weighs more.
//
// Pages of retired editions are weighed like the others here; the browser
// puts them after every other result unless the reader chose their
// edition (search-core.mjs).
const (
	weightCore     = 1.0  // standards, guidance
	weightDomain   = 0.8  // a domain of the framework, an edition's front page
	weightPage     = 0.7  // ordinary pages and section lists
	weightOverview = 0.55 // the A to Z, what changed, the home page, action plans
	weightEntry    = 0.45 // one "You said, we did" entry
	weightFacet    = 0.35 // the lists of entries by region, theme and so on
)

// pageWeight returns the share of its weight a page's matches count.
func pageWeight(p *site.Page) float64 {
	switch p.Extra.(type) {
	case *framework.Standard, *framework.Guidance:
		return weightCore
	case *framework.Domain, *framework.Edition:
		return weightDomain
	case *framework.Framework, *framework.AtoZ, *framework.Comparison:
		return weightOverview
	case *feedback.Feedback:
		return weightPage // the entries' index, which readers look for by name
	case *feedback.Entry:
		return weightEntry
	case *feedback.Facet, *feedback.FacetValue:
		return weightFacet
	case *actionplans.RegionPage, *actionplans.DomainPage:
		return weightOverview
	}
	if p.Kind == site.KindHome {
		return weightOverview
	}
	return weightPage
}
