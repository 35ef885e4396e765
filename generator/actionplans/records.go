package actionplans

import (
	"fmt"
	"slices"
	"strings"

	"github.com/plinth-ssg/plinth/generator/dataset"
	"github.com/plinth-ssg/plinth/generator/diag"
)

// The datasets and columns the stage reads.
const (
	ActionsDataset   = "actions"
	ProvidersDataset = "providers"

	statusComplete = "complete"
	statusOverdue  = "overdue"
)

// need is a column the stage needs, with its type.
type need struct {
	name string
	typ  dataset.Type
}

var (
	actionColumns = []need{
		{"region", dataset.TypeRegion},
		{"status", dataset.TypeEnum},
		{"quarter", dataset.TypeEnum},
		{"profession", dataset.TypeProfession},
		{"standard", dataset.TypeStandard},
		{"provider_code", dataset.TypeString},
	}
	providerColumns = []need{
		{"provider_code", dataset.TypeString},
		{"region", dataset.TypeRegion},
	}
)

// action is one action reduced to what the tables count. It never leaves
// this package.
type action struct {
	region, status, quarter, profession, provider, standard string
}

// provider is one provider reduced to what the tables count.
type provider struct {
	code, region string
}

// records is what the stage read from the private datasets.
type records struct {
	actions   []action
	providers []provider // nil without a providers dataset
	spec      *dataset.Spec
	pspec     *dataset.Spec
	statuses  []string // the status column's values, in manifest order
	quarters  []string // the quarter column's values, in manifest order
	asAt      dataset.Date
}

// read checks the declarations and reads the rows. It returns nil when
// the site has no actions dataset.
func read(data *dataset.Set, l *diag.List) *records {
	pt := data.PrivateTable(ActionsDataset)
	if pt == nil {
		if t := data.Table(ActionsDataset); t != nil {
			l.Add(diag.Errorf(t.Spec.Pos, "the dataset %q holds provider-level action plans, so it must be private", ActionsDataset).
				WithHint("write private = true: its figures are then published only by region, after disclosure control"))
		}
		return nil
	}
	r := &records{spec: pt.Spec()}
	ok := checkColumns(r.spec, actionColumns, l)
	if c, found := r.spec.Column("status"); found && c.Type == dataset.TypeEnum {
		r.statuses = c.Values
		for _, v := range []string{statusComplete, statusOverdue} {
			if !slices.Contains(c.Values, v) {
				l.Add(diag.Errorf(c.Pos, "the column \"status\" of dataset %q has no value %q, which the action-plan tables count", ActionsDataset, v).
					WithHint("add %q to the column's values", v))
				ok = false
			}
		}
	}
	if c, found := r.spec.Column("quarter"); found {
		r.quarters = c.Values
	}
	// pregion is each provider's region, from the providers dataset; nil
	// without one (then any provider code is accepted).
	var pregion map[string]string
	if pp := data.PrivateTable(ProvidersDataset); pp != nil {
		r.pspec = pp.Spec()
		if checkColumns(r.pspec, providerColumns, l) {
			pregion = map[string]string{}
			r.providers = []provider{}
			for row := range dataset.PrivateRows(pp) {
				code, region := row.Get("provider_code"), row.Get("region")
				if code.IsEmpty() || region.IsEmpty() {
					continue // reported below
				}
				if _, seen := pregion[code.Text()]; !seen {
					pregion[code.Text()] = region.Text()
					r.providers = append(r.providers, provider{code: code.Text(), region: region.Text()})
				}
			}
			requireValues(pp, providerColumns, "provider", l)
		}
	}
	if !ok {
		return nil
	}
	_, hasDate := r.spec.Column("last_updated")
	openedCol, hasOpened := r.spec.Column("opened")
	dueCol, hasDue := r.spec.Column("due")
	datesApart := hasOpened && hasDue && openedCol.Type == dataset.TypeDate && dueCol.Type == dataset.TypeDate && !openedCol.List && !dueCol.List
	knockOn := -1 // index in l of the first action whose provider cannot be checked
	for row := range dataset.PrivateRows(pt) {
		a := action{
			region: row.Get("region").Text(), status: row.Get("status").Text(), quarter: row.Get("quarter").Text(),
			profession: row.Get("profession").Text(), provider: row.Get("provider_code").Text(), standard: row.Get("standard").Text(),
		}
		if slices.Contains([]string{a.region, a.status, a.quarter, a.profession, a.provider, a.standard}, "") {
			continue // reported by requireValues
		}
		switch v := row.Get("provider_code"); {
		case pregion == nil || pregion[a.provider] != "":
		case data.Broken(r.pspec.Path()) && knockOn >= 0:
			(*l)[knockOn] = (*l)[knockOn].Again()
		case data.Broken(r.pspec.Path()):
			// The provider may be one of the rows the file's own errors
			// lost: those errors come first, and the rest are counted here.
			knockOn = len(*l)
			l.Add(diag.Errorf(v.Pos, "the provider code %q cannot be checked, because %s has errors", a.provider, r.pspec.Path()).
				WithHint("fix the errors in %s first", r.pspec.Path()).
				Because(r.pspec.Path(), "rows that use it"))
		default:
			l.Add(diag.Errorf(v.Pos, "the provider code %q is not in %s", a.provider, r.pspec.Path()).
				WithHint("check the code, or add the provider to %s", r.pspec.Path()))
		}
		if own, ok := pregion[a.provider]; ok && own != a.region {
			// The tables count the action in its own row's region and the
			// provider in the providers file's: the two would disagree
			// (a region showing a provider with an overdue action and no
			// overdue action), which is almost always a typing slip.
			l.Add(diag.Warningf(row.Get("region").Pos, "this action's region is %q, but its provider %s is in %q in %s, so the action counts in one region and the provider in the other", a.region, a.provider, own, r.pspec.Path()).
				WithHint("correct the region here or in %s; an action is counted in the region written on its row", r.pspec.Path()))
		}
		if datesApart {
			opened, due := row.Get("opened"), row.Get("due")
			if !opened.IsEmpty() && !due.IsEmpty() && due.Date().Compare(opened.Date()) < 0 {
				l.Add(diag.Warningf(due.Pos, "this action is due on %s, before it was opened on %s", due.Text(), opened.Text()).
					WithHint("check the two dates: one of them is probably mistyped"))
			}
		}
		if hasDate {
			if d := row.Get("last_updated").Date(); d.Compare(r.asAt) > 0 {
				r.asAt = d
			}
		}
		r.actions = append(r.actions, a)
	}
	requireValues(pt, actionColumns, "action", l)
	return r
}

// checkColumns reports the needed columns that a dataset lacks or declares
// with another type or as lists.
func checkColumns(spec *dataset.Spec, needs []need, l *diag.List) bool {
	ok := true
	var missing []string
	for _, n := range needs {
		c, found := spec.Column(n.name)
		switch {
		case !found:
			missing = append(missing, fmt.Sprintf("%s (%s)", n.name, n.typ))
		case c.Type != n.typ:
			l.Add(diag.Errorf(c.Pos, "the column %q of dataset %q must be of type %s for the action-plan tables, but it is %s", n.name, spec.Name, n.typ, c.Type).
				WithHint("write type = %q", n.typ))
			ok = false
		case c.List:
			l.Add(diag.Errorf(c.Pos, "the column %q of dataset %q holds lists, but the action-plan tables need one value per row", n.name, spec.Name).
				WithHint("remove list = true, and write one value in each cell"))
			ok = false
		}
	}
	if len(missing) > 0 {
		l.Add(diag.Errorf(spec.Pos, "the dataset %q lacks columns that the action-plan tables need: %s", spec.Name, strings.Join(missing, ", ")).
			WithHint("add a [[dataset.column]] for each; docs/datasets.md lists the columns the action-plan pages use"))
		ok = false
	}
	return ok
}

// requireValues reports empty cells in the needed columns (possible only
// where a column says required = false): every row is counted by each.
func requireValues(t *dataset.PrivateTable, needs []need, what string, l *diag.List) {
	for row := range dataset.PrivateRows(t) {
		for _, n := range needs {
			if v := row.Get(n.name); v.IsEmpty() {
				l.Add(diag.Errorf(v.Pos, "this %s has no %s, but every %s is counted by %s in the action-plan tables", what, n.name, what, n.name).
					WithHint("fill in the %s", n.name))
			}
		}
	}
}
