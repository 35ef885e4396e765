package pipeline

import (
	"fmt"
	"strconv"

	"github.com/plinth-ssg/plinth/generator/actionplans"
	"github.com/plinth-ssg/plinth/generator/dataset"
	"github.com/plinth-ssg/plinth/generator/framework"
	"github.com/plinth-ssg/plinth/generator/site"
)

// How one stage's model answers another's questions: the framework checks
// the standard references in data files, and names the domains of the
// action-plan tables. Neither package needs to know the other.

// standardResolver checks standard references in data files against the
// framework: "2021:1.3" must exist in the 2021 edition, and a bare "1.3"
// means the edition in force. A site with no framework editions gets nil:
// references are then checked for their form only.
func standardResolver(f *framework.Framework) dataset.StandardResolver {
	if f == nil || len(f.Editions) == 0 {
		return nil
	}
	return func(ref string) (string, bool, string) {
		r, err := framework.ParseRef(ref)
		if err != nil {
			return "", false, ""
		}
		s, u := f.Resolve(r)
		if u != nil {
			return "", false, u.Msg + ": " + u.Hint
		}
		return s.Edition.Key + ":" + s.ID.String(), true, ""
	}
}

// domainResolver names the domain of a standard reference as the framework
// does: "1. Learning environment and culture".
func domainResolver(f *framework.Framework) actionplans.DomainResolver {
	if standardResolver(f) == nil {
		return nil
	}
	return func(ref string) (actionplans.Domain, bool) {
		r, err := framework.ParseRef(ref)
		if err != nil {
			return actionplans.Domain{}, false
		}
		s, u := f.Resolve(r)
		if u != nil || s.Domain == nil {
			return actionplans.Domain{}, false
		}
		return actionplans.Domain{Number: s.Domain.Number, Name: fmt.Sprintf("%d. %s", s.Domain.Number, s.Domain.Title), URL: s.Domain.URL()}, true
	}
}

// standardNamer labels a standard reference as its page does: "1.3 Learners
// have a named supervisor".
func standardNamer(f *framework.Framework) actionplans.StandardNamer {
	if standardResolver(f) == nil {
		return nil
	}
	return func(ref string) (string, bool) {
		r, err := framework.ParseRef(ref)
		if err != nil {
			return "", false
		}
		s, u := f.Resolve(r)
		if u != nil {
			return "", false
		}
		return s.ID.String() + " " + s.Title, true
	}
}

// relateActions gives each standard's page its actions by status, through
// the framework's hook for other features (Standard.AddRelatedTable): one
// row of the published table by standard, as a list with its total, and a
// link to the progress page of the standard's domain.
func relateActions(f *framework.Framework, res actionplans.Result) {
	var table *site.PublicTable
	for _, t := range res.Tables {
		if t.Name == actionplans.ByStandard {
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
			URL:     "/" + actionplans.Section + "/" + actionplans.DomainsSection + "/" + n + "/",
			Summary: "Actions by status for each standard of the domain, and by region.",
		})
	}
}
