package build

import (
	"github.com/plinth-ssg/plinth/generator/aggregate"
	"github.com/plinth-ssg/plinth/generator/progress"
	"github.com/plinth-ssg/plinth/generator/site"
)

// progressInput hands the chart stage what it may see of the aggregation
// stage's result: the published tables by role, and the labels of the
// regions, domains and standards (package progress cannot import
// aggregate, which reads private data).
func progressInput(res aggregate.Result) progress.Input {
	in := progress.Input{Complete: aggregate.CompleteLabel, Overdue: aggregate.OverdueLabel}
	for _, t := range res.Tables {
		switch t.Name {
		case aggregate.ByStatus:
			in.ByStatus = t
		case aggregate.PercentComplete:
			in.PercentComplete = t
		case aggregate.ByDomain:
			in.ByDomain = t
		case aggregate.ByStandard:
			in.ByStandard = t
		}
	}
	for _, p := range res.Pages {
		switch x := p.Extra.(type) {
		case *aggregate.RegionPage:
			in.Regions = append(in.Regions, progress.Region{Key: x.Key, Name: x.Name})
		case *aggregate.DomainPage:
			in.Domains = append(in.Domains, progress.Domain{Number: x.Number, Label: x.Name, Standards: x.Standards})
		}
	}
	return in
}

// figures makes the action-plan charts, or none if the tables were
// withheld.
func figures(res aggregate.Result) ([]*site.Figure, error) {
	if len(res.Tables) == 0 {
		return nil, nil
	}
	return progress.Figures(progressInput(res))
}
