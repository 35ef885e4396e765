package charts

import (
	"errors"

	"github.com/plinth-ssg/plinth/generator/anonymise"
	"github.com/plinth-ssg/plinth/generator/site"
)

// Input is what the figures are made from: published tables and labels.
type Input struct {
	// The published tables (nil if not published):
	//   ByStatus         status × region, England as row totals
	//   PercentComplete  quarter opened × region, percentages
	//   ByDomain         domain × region
	//   ByStandard       standard × status, England only
	ByStatus, PercentComplete, ByDomain, ByStandard *site.PublicTable
	// Complete and Overdue label the statuses the summaries single out.
	Complete, Overdue string
	// Policy is the site's disclosure rule, which rounds the shares the
	// charts work out from published counts as it rounds every
	// percentage.
	Policy anonymise.Policy
	// Regions label the regions' columns, with the keys of their pages.
	Regions []Region
	// Domains are the rows of ByDomain, with their standards' rows in
	// ByStandard.
	Domains []Domain
}

// Region is a region as the tables label it and its page's key.
type Region struct{ Key, Name string }

// Domain is a Quality Framework domain: its number, the label of its row
// in the table by domain ("1. Learning environment and culture") and the
// labels of its standards' rows in the table by standard.
type Domain struct {
	Number    int
	Label     string
	Standards []string
}

// Figures returns every figure of the action-plan pages, national first,
// then each region's, then each domain's. It returns an error only for a
// fault in Plinth (a table without the labels the pages expect), never for
// the data's figures.
func Figures(in Input) ([]*site.Figure, error) {
	var (
		out  []*site.Figure
		errs []error
	)
	add := func(f *site.Figure, err error) {
		if err != nil {
			errs = append(errs, err)
			return
		}
		if f != nil {
			out = append(out, f)
		}
	}
	if in.ByStatus != nil {
		add(nationalStatus(in))
		for _, r := range in.Regions {
			add(regionStatus(in, r))
		}
	}
	if in.PercentComplete != nil {
		add(nationalPercent(in))
		for _, r := range in.Regions {
			add(regionPercent(in, r))
		}
	}
	if in.ByDomain != nil {
		add(nationalDomains(in))
		for _, r := range in.Regions {
			add(regionDomains(in, r))
		}
	}
	for _, d := range in.Domains {
		if in.ByStandard != nil {
			add(domainStandards(in, d))
		}
		if in.ByDomain != nil {
			add(domainRegions(in, d))
		}
	}
	return out, errors.Join(errs...)
}
