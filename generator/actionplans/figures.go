package actionplans

import (
	"github.com/plinth-ssg/plinth/generator/actionplans/charts"
	"github.com/plinth-ssg/plinth/generator/anonymise"
	"github.com/plinth-ssg/plinth/generator/site"
)

// chartInput hands the chart side what it may see of the aggregation
// result: the published tables by role, and the labels of the regions,
// domains and standards (package charts cannot import this package, which
// reads private data).
func chartInput(res Result, p anonymise.Policy) charts.Input {
	in := charts.Input{Complete: CompleteLabel, Overdue: OverdueLabel, Policy: p}
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
// withheld. p is the disclosure rule the tables were published under.
func (res Result) Figures(p anonymise.Policy) ([]*site.Figure, error) {
	if len(res.Tables) == 0 {
		return nil, nil
	}
	return charts.Figures(chartInput(res, p))
}
