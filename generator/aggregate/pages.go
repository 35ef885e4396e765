package aggregate

import (
	"fmt"
	"strings"

	"github.com/plinth-ssg/plinth/generator/dataset"
	"github.com/plinth-ssg/plinth/generator/site"
)

// regionPages makes one page per region, at /action-plans/KEY/.
func regionPages(regions []dataset.Region) []*site.Page {
	var out []*site.Page
	for i, g := range regions {
		pg := &site.Page{Kind: site.KindPage, Path: Section + "/" + g.Key, Section: Section, Type: Section,
			URL: "/" + Section + "/" + g.Key + "/", Extra: &RegionPage{Key: g.Key, Name: g.Name}}
		// Short: with the site name, the page title stays within 70
		// characters for the longest region name.
		pg.Title = "Action plans: " + g.Name
		pg.Description = fmt.Sprintf("How actions to improve healthcare education placements in %s are progressing, with figures for England beside them.", strings.TrimSpace(g.Name))
		pg.Layout = "region"
		pg.Weight = 10 + i
		out = append(out, pg)
	}
	return out
}

// Section is the content section the region pages belong to.
const Section = "action-plans"

// RegionPage is a region page's data (its Extra): the region's key and the
// name that labels its column in every table.
type RegionPage struct {
	Key, Name string
}
