package actionplans

import (
	"github.com/plinth-ssg/plinth/generator/actionplans/charts"
	"github.com/plinth-ssg/plinth/generator/site"
)

// chartInput hands the chart side what it may see of the aggregation
// result: the published tables by role, and the labels of the regions,
// domains and standards (package charts cannot import this package, which
// reads private data).
func chartInput(res Result) charts.Input {
	in := charts.Input{Complete: CompleteLabel, Overdue: OverdueLabel}
	for _, t := range res.Tables {
		switch t.Name {
		case ByStatus:
			in.ByStatus = t
		case PercentComplete:
			in.PercentComplete = t
		case ByDomain:
			in.ByDomain = t
		case ByStandard:
			in.ByStandard = t
		}
	}
	for _, p := range res.Pages {
		switch x := p.Extra.(type) {
		case *RegionPage:
			in.Regions = append(in.Regions, charts.Region{Key: x.Key, Name: x.Name})
		case *DomainPage:
			in.Domains = append(in.Domains, charts.Domain{Number: x.Number, Label: x.Name, Standards: x.Standards})
		}
	}
	return in
}

// Figures makes the action-plan charts, or none if the tables were
// withheld.
func (res Result) Figures() ([]*site.Figure, error) {
	if len(res.Tables) == 0 {
		return nil, nil
	}
	return charts.Figures(chartInput(res))
}
