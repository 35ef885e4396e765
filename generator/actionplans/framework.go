package actionplans

import (
	"fmt"
	"strconv"

	"github.com/plinth-ssg/plinth/generator/framework"
	"github.com/plinth-ssg/plinth/generator/site"
)

// How action plans meet the Quality Framework: the framework names the
// domains and standards of the tables' rows, and each standard's page shows
// its actions. The framework is an earlier stage and knows nothing of
// action plans; it offers hooks (Standard.AddRelatedTable, AddRelated)
// that this package uses.

// FrameworkOptions returns the Options that name domains and standards as
// the framework does: "1. Learning environment and culture", "1.3
// Learners have a named supervisor". A site with no framework editions
// gets none: domains and standards are then named by their numbers.
func FrameworkOptions(f *framework.Framework) Options {
	if f == nil || len(f.Editions) == 0 {
		return Options{}
	}
	resolve := func(ref string) (*framework.Standard, bool) {
		r, err := framework.ParseRef(ref)
		if err != nil {
			return nil, false
		}
		s, u := f.Resolve(r)
		return s, u == nil
	}
	return Options{
		Domain: func(ref string) (Domain, bool) {
			s, ok := resolve(ref)
			if !ok || s.Domain == nil {
				return Domain{}, false
			}
			return Domain{Number: s.Domain.Number, Name: fmt.Sprintf("%d. %s", s.Domain.Number, s.Domain.Title), URL: s.Domain.URL()}, true
		},
		Standard: func(ref string) (string, bool) {
			s, ok := resolve(ref)
			if !ok {
				return "", false
			}
			return s.ID.String() + " " + s.Title, true
		},
	}
}

// Relate gives each standard's page its actions by status, through the
// framework's hook for other features (Standard.AddRelatedTable): one row
// of the published table by standard, as a list with its total, and a link
// to the progress page of the standard's domain.
func (res Result) Relate(f *framework.Framework) {
	var table *site.PublicTable
	for _, t := range res.Tables {
		if t.Name == ByStandard {
			table = t
		}
	}
	if f == nil || table == nil {
		return
	}
	for i, row := range res.Standards {
		r, err := framework.ParseRef(row.Ref)
		if err != nil {
			continue
		}
		s, u := f.Resolve(r)
		if u != nil {
			continue
		}
		const kind, title = "actions", "Action plans for this standard"
		s.AddRelatedTable(kind, title, table.RowTable(i, fmt.Sprintf("Actions on standard %s, by status, England", s.ID), "Actions"), table)
		n := strconv.Itoa(row.Domain.Number)
		s.AddRelated(kind, title, framework.RelatedItem{
			Title:   "Progress on every standard in domain " + n,
			URL:     "/" + Section + "/" + DomainsSection + "/" + n + "/",
			Summary: "Actions by status for each standard of the domain, and by region.",
		})
	}
}
