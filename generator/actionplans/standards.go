package actionplans

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/plinth-ssg/plinth/generator/anonymise"
)

// The table by standard: the actions that address each standard, by
// status, for England. It is what a standard's page shows (one row as a
// list with its total) and what a domain's progress page charts (the rows
// of the domain's standards).

// StandardNamer returns the label of a standard reference as loaded
// (EDITION:ID, or ID when no framework checked it), such as "1.3 Learners
// have a named supervisor"; ok is false if it cannot tell.
type StandardNamer func(standard string) (label string, ok bool)

// StandardRow is one row of the table by standard.
type StandardRow struct {
	// Ref is the standard's reference as the data gives it, after the
	// framework's check ("2021:1.3").
	Ref string
	// Label labels the row.
	Label string
	// Domain is the standard's domain.
	Domain Domain
}

// standardRows lists the standards the actions address, ordered by domain,
// then by edition and the numbers of the ID (so 1.10 follows 1.9).
func standardRows(actions []action, domainOf map[string]Domain, name StandardNamer) ([]StandardRow, map[string]int) {
	var rows []StandardRow
	seen := map[string]bool{}
	for _, a := range actions {
		if seen[a.standard] {
			continue
		}
		seen[a.standard] = true
		label, ok := "", false
		if name != nil {
			label, ok = name(a.standard)
		}
		if !ok {
			label = "Standard " + a.standard
		}
		rows = append(rows, StandardRow{Ref: a.standard, Label: label, Domain: domainOf[a.standard]})
	}
	// Standards of two editions may share a number and title (2016:1.1 and
	// 2021:1.1, when actions name both); a table's rows must differ, so
	// such labels say their edition. Before, the table could not be
	// published, reported as a fault in Plinth.
	count := map[string]int{}
	for _, r := range rows {
		count[r.Label]++
	}
	for i, r := range rows {
		if edition, _, ok := strings.Cut(r.Ref, ":"); ok && count[r.Label] > 1 {
			rows[i].Label = r.Label + " (" + edition + " edition)"
		}
	}
	slices.SortFunc(rows, func(x, y StandardRow) int {
		return cmp.Or(x.Domain.Number-y.Domain.Number, compareRefs(x.Ref, y.Ref))
	})
	index := make(map[string]int, len(rows))
	for i, r := range rows {
		index[r.Ref] = i
	}
	return rows, index
}

// compareRefs orders "2021:1.10" after "2021:1.9": by edition, then by the
// numbers of the ID, then as text.
func compareRefs(a, b string) int {
	ea, ia, _ := strings.Cut(a, ":")
	eb, ib, _ := strings.Cut(b, ":")
	if !strings.Contains(a, ":") {
		ea, ia = "", a
	}
	if !strings.Contains(b, ":") {
		eb, ib = "", b
	}
	if c := strings.Compare(ea, eb); c != 0 {
		return c
	}
	pa, pb := strings.Split(ia, "."), strings.Split(ib, ".")
	for k := range min(len(pa), len(pb)) {
		na, errA := strconv.Atoi(pa[k])
		nb, errB := strconv.Atoi(pb[k])
		if errA == nil && errB == nil && na != nb {
			return na - nb
		}
		if c := strings.Compare(pa[k], pb[k]); c != 0 && (errA != nil || errB != nil) {
			return c
		}
	}
	return cmp.Or(len(pa)-len(pb), strings.Compare(a, b))
}

// byStandard returns the empty table of actions by standard and status.
// Every figure is for England: its totals row is the England column of the
// table by status, and each standard's total is part of its domain's
// England figure, so all of it is marked national (exact only if the
// policy exempts national figures).
func (b *builder) byStandard(statusLabels []string) *anonymise.Counts {
	labels := make([]string, len(b.standards))
	for i, s := range b.standards {
		labels[i] = s.Label
	}
	title := "Actions by standard and status, England"
	c := anonymise.NewCounts(title, labels, statusLabels)
	c.Meta = b.meta(title, "Standard")
	c.Meta.ColumnHeading, c.Meta.RowTotalLabel = "Status", ""
	c.National = true
	return c
}
