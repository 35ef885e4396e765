package search

import (
	"fmt"
	"strings"
	"testing"

	"github.com/plinth-ssg/plinth/generator/site"
)

// proposedFacets is a feature with one edition out for consultation: the
// pages under proposed/.
type proposedFacets struct{}

func (proposedFacets) Editions() []site.Facet {
	return []site.Facet{{Key: "draft", Title: "Draft", Status: "Out for consultation", Retired: true, Proposed: true}}
}

func (proposedFacets) Entry(p *site.Page) (site.SearchEntry, bool) {
	if p.Path == "proposed" {
		// The section's list, which the site without the edition lacks.
		return site.SearchEntry{Skip: true}, true
	}
	if strings.HasPrefix(p.Path, "proposed/") {
		return site.SearchEntry{Facet: "draft", Rank: site.RankCore}, true
	}
	return site.SearchEntry{}, false
}

func (proposedFacets) Browse() string { return "" }

// TestProposedLeavesWeightsAlone: publishing an edition out for
// consultation, mostly a copy of the pages that apply, changes no weight
// of those pages: the scale (average length), each term's document
// frequency and the heaviest weight are those of the pages that apply.
// Counted in, the copies shifted near ties among readers' queries.
func TestProposedLeavesWeightsAlone(t *testing.T) {
	files := patchSite(20)
	with := map[string]string{}
	for name, text := range files {
		with[name] = text
		if strings.HasPrefix(name, "content/standards/") {
			with[strings.Replace(name, "standards/", "proposed/", 1)] = strings.Replace(text, ".\n", " proposal wording.\n", 1)
		}
	}
	weights := func(files map[string]string) (scale, float64, map[string]uint8) {
		opts := Options{Facets: proposedFacets{}, Pages: []Describe{describeStandards}, Cache: NewCache()}
		b := NewBuilder(buildSite(t, files), opts)
		if _, err := b.Files(); err != nil {
			t.Fatal(err)
		}
		out := map[string]uint8{}
		for id, l := range b.inv.lists {
			for k, i := range l.docs {
				if d := b.docs[i]; !strings.HasPrefix(d.url, "proposed/") {
					out[fmt.Sprintf("%s %s", b.dict.names[id], d.url)] = l.impacts[k]
				}
			}
		}
		return b.inv.scale, b.inv.best, out
	}
	scale0, best0, want := weights(files)
	scale1, best1, got := weights(with)
	if scale0 != scale1 || best0 != best1 {
		t.Errorf("with the proposed pages the scale is %+v and the heaviest weight %g, want %+v and %g as without them", scale1, best1, scale0, best0)
	}
	if len(got) != len(want) {
		t.Errorf("%d postings of the pages that apply, want %d", len(got), len(want))
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("posting %s: impact %d with the proposed pages, %d without", k, got[k], w)
		}
	}
}
