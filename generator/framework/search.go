package framework

import (
	"strconv"

	"github.com/plinth-ssg/plinth/generator/site"
)

// SearchFacets describes the framework's pages to the search index: the
// editions as filters, and for each page its edition, the standard's ID,
// keywords and rank. It implements search.Facets without this package knowing
// the search stage, which comes later in the pipeline.
type SearchFacets struct{ f *Framework }

// SearchFacets returns the framework's description for the search index;
// a nil framework describes nothing.
func (f *Framework) SearchFacets() SearchFacets { return SearchFacets{f} }

// StandardsFilter is the search filter's name for the framework's
// section: readers look for standards, whatever the framework is called.
const StandardsFilter = "Standards"

// Editions returns the published editions, newest first; the edition in
// force is the default. An edition that does not apply yet (out for
// consultation) is marked Retired as a superseded one is: its pages come
// after every other result unless the reader chose it, so that a query for
// "1.3" or a standard's words finds the standard in force first, never
// the proposed wording.
func (x SearchFacets) Editions() []site.Facet {
	if x.f == nil {
		return nil
	}
	in := x.f.InForce()
	var out []site.Facet
	for _, e := range x.f.Newest() {
		out = append(out, site.Facet{Key: e.Key, Title: e.Title, Status: e.Status.Label(), Default: e == in, Retired: e.Status.Retired() || e.Status.Prerelease(), Proposed: e.Status.Prerelease()})
	}
	return out
}

// Entry describes one page of the framework; ok is false for other
// pages.
func (x SearchFacets) Entry(p *site.Page) (site.SearchEntry, bool) {
	if x.f == nil {
		return site.SearchEntry{}, false
	}
	switch e := p.Extra.(type) {
	case *Framework:
		if p == e.Page {
			return site.SearchEntry{Filter: StandardsFilter, Rank: site.RankOverview}, true
		}
		return site.SearchEntry{Rank: site.RankOverview}, true
	case *AtoZ:
		return site.SearchEntry{Rank: site.RankOverview}, true
	case *Edition:
		// The print version repeats the standards' pages. The edition's
		// status is shown by the layout, not written in the page, yet
		// readers look for "superseded" or "in force" editions by it.
		return site.SearchEntry{Skip: e.PrintPage == p, Facet: e.Key, Keywords: []string{"edition", e.Status.Label()}, Rank: site.RankPart}, true
	case *Domain:
		if e.Edition.Status.Prerelease() {
			return site.SearchEntry{Skip: true}, true // as its standards
		}
		// Readers name a domain by its number ("domain 3"), which the
		// layout shows beside the title, not in the page's body; in
		// results it reads as a standard's title does.
		n := strconv.Itoa(e.Number)
		return site.SearchEntry{
			Facet: e.Edition.Key, Title: "Domain " + n + " " + p.Title, Keywords: []string{"domain", n},
			Description: e.Summary, Rank: site.RankPart,
		}, true
	case *Standard:
		if e.Edition.Status.Prerelease() {
			// A proposed standard is mostly the wording of one in force:
			// indexed, it would make every word of the standards look
			// commoner and move the ranking of the pages that apply
			// (readers' queries with near ties lost their page). Readers
			// find the draft by its edition's page and the proposed
			// changes, which are indexed and link to every standard.
			return site.SearchEntry{Skip: true}, true
		}
		id := e.ID.String()
		return site.SearchEntry{
			Facet: e.Edition.Key, Title: "Standard " + id + " " + p.Title, ID: id,
			Keywords: []string{"standard", id},
			// The lists are part of the standard as readers see it.
			Text: append(append([]string(nil), e.Must...), e.Evidence...),
			Rank: site.RankCore,
		}, true
	case *SelfAssessment:
		// A tool whose words are the standards'; the edition's page
		// links to it.
		return site.SearchEntry{Skip: true}, true
	case *Guidance:
		keywords := []string{"guidance"}
		for _, st := range e.Standards {
			keywords = append(keywords, st.ID.String())
		}
		return site.SearchEntry{Keywords: keywords, Rank: site.RankCore}, true
	case *Comparison:
		return site.SearchEntry{Description: e.Summary(), Rank: site.RankOverview}, true
	}
	return site.SearchEntry{}, false
}

// Browse returns the content path of the A to Z of the standards in
// force, which the search page links to for readers without JavaScript.
func (x SearchFacets) Browse() string {
	if x.f == nil || x.f.AtoZPage == nil {
		return ""
	}
	return x.f.AtoZPage.Path
}
