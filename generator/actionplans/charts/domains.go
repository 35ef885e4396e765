package charts

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/plinth-ssg/plinth/generator/anonymise"
	"github.com/plinth-ssg/plinth/generator/chart"
	"github.com/plinth-ssg/plinth/generator/site"
)

// Actions by Quality Framework domain and by standard: for England and for
// a region, a bar per domain; for a domain, a bar per standard with the
// statuses stacked, and a bar per region.

// most writes "A has the most X (n), and B the fewest (m)." from a list of
// published counts, or "" if a count is hidden (it could be the largest)
// or all are equal.
func most(r *ranked[anonymise.Cell], total int, what string) string {
	if len(r.names) != total {
		return ""
	}
	top, bottom, hi, lo, ok := r.extremes(cellCmp)
	if !ok {
		return ""
	}
	return fmt.Sprintf("%s %s the most %s (%s), and %s the fewest (%s).", and(top), has(top), what, hi, and(bottom), lo)
}

func nationalDomains(in Input) (*site.Figure, error) {
	pt := in.ByDomain
	t := pt.Table
	if !t.HasRowTotals() {
		return nil, fmt.Errorf("the table %q has no England figures", pt.Name)
	}
	var r ranked[anonymise.Cell]
	for i, label := range t.RowLabels() {
		if _, ok := count(t.RowTotal(i)); ok {
			r.add(domainName(label), t.RowTotal(i))
		}
	}
	heading := "Actions in England by Quality Framework domain"
	if top, _, _, _, ok := r.extremes(cellCmp); ok && len(r.names) == t.NumRows() {
		heading = fmt.Sprintf("More actions address %s than any other domain", and(top))
	}
	var first string
	if _, ok := count(t.GrandTotal()); ok {
		first = fmt.Sprintf("in England, %s actions have been agreed.", t.GrandTotal())
	}
	s := chart.Spec{
		ID: pt.Name, Heading: heading, Kind: chart.Bar, Series: chart.SeriesFromColumns,
		Columns: []string{}, RowTotals: true, Horizontal: true, ValueName: "Actions",
		Summary: summary(len(r.names) < t.NumRows(), "the chart shows the actions in England on each domain of the Quality Framework.", first, most(&r, t.NumRows(), "actions")),
	}
	return chart.New(t, s, pt)
}

func regionDomains(in Input, rg Region) (*site.Figure, error) {
	pt := in.ByDomain
	v, err := pt.ForColumn(rg.Name)
	if err != nil {
		return nil, err
	}
	if v.NumColumns() != 2 || !v.HasColumnTotals() {
		return nil, fmt.Errorf("the table %q has no England figures or totals", pt.Name)
	}
	shares, err := in.Policy.ColumnPercentages(fmt.Sprintf("%s, percentage of the actions", v.Title()), v)
	if err != nil {
		return nil, err
	}
	englandName := v.ColumnLabels()[1]
	var r ranked[anonymise.Cell]
	for i, label := range shares.RowLabels() {
		if c := shares.Cell(i, 0); !c.Suppressed() {
			r.add(domainName(label), c)
		}
	}
	all := len(r.names) == v.NumRows()
	heading := fmt.Sprintf("Actions in %s by Quality Framework domain, beside %s", rg.Name, englandName)
	if top, _, _, _, ok := r.extremes(cellCmp); ok && all {
		heading = fmt.Sprintf("In %s, more actions address %s than any other domain", rg.Name, and(top))
	}
	var first, second string
	if foot, ok := v.TotalRow(); ok {
		if _, ok := count(foot.Cells[0]); ok {
			first = fmt.Sprintf("in %s, %s actions have been agreed.", rg.Name, foot.Cells[0])
		}
	}
	if top, bottom, hi, lo, ok := r.extremes(cellCmp); ok && all {
		second = fmt.Sprintf("%s %s the largest share of them (%s), and %s the smallest (%s).", capital(and(top)), has(top), hi, and(bottom), lo)
	}
	s := chart.Spec{
		ID: pt.Name + "-" + rg.Key, Heading: heading, Kind: chart.Bar, Series: chart.SeriesFromColumns,
		Reference: englandName, Horizontal: true, ValueName: "Percentage of the actions", Counts: v, Unit: "actions",
		Summary: summary(!all, fmt.Sprintf("the chart shows the actions in %s on each domain of the Quality Framework, as percentages of the region's actions, beside %s's.", rg.Name, englandName), first, second),
	}
	return chart.New(shares, s, pt)
}

func domainStandards(in Input, d Domain) (*site.Figure, error) {
	pt := in.ByStandard
	t := pt.Table
	var rows []int
	for _, label := range d.Standards {
		i := t.RowIndex(label)
		if i < 0 {
			return nil, fmt.Errorf("the table %q has no row %q", pt.Name, label)
		}
		rows = append(rows, i)
	}
	if len(rows) == 0 {
		return nil, nil
	}
	n := strconv.Itoa(d.Number)
	v := t.RowsTable(rows, fmt.Sprintf("Actions by standard and status, domain %s, England", n))
	done := v.Column(in.Complete)
	if done < 0 || !v.HasRowTotals() {
		return nil, fmt.Errorf("the table %q lacks the column %q or its totals", pt.Name, in.Complete)
	}
	shares, err := in.Policy.RowPercentages(fmt.Sprintf("Actions by standard and status, domain %s, England, percentage of each standard's actions", n), v)
	if err != nil {
		return nil, err
	}
	var complete ranked[anonymise.Cell]
	for i, label := range v.RowLabels() {
		if c := shares.Cell(i, done); !c.Suppressed() {
			complete.add(standardName(label), c)
		}
	}
	all := len(complete.names) == v.NumRows()
	heading := fmt.Sprintf("Actions on the standards of domain %s, by status", n)
	var lead string
	if top, bottom, hi, lo, ok := complete.extremes(cellCmp); ok {
		heading = fmt.Sprintf("%s %s the largest share of %s actions complete", capital(and(top)), has(top), their(top))
		lead = fmt.Sprintf("%s%s %s the largest share of %s actions complete (%s), and %s the smallest (%s).", among(all, "standards"), and(top), has(top), their(top), hi, and(bottom), lo)
	}
	var one string
	if v.NumRows() == 1 {
		if _, ok := count(v.RowTotal(0)); ok {
			one = fmt.Sprintf("%s has %s actions", standardName(v.RowLabels()[0]), v.RowTotal(0))
			if _, ok := count(v.Cell(0, done)); ok {
				one += fmt.Sprintf(", of which %s are complete", v.Cell(0, done))
			}
			one += "."
		}
	}
	cols := []string{in.Complete}
	for _, l := range v.ColumnLabels() {
		if l != in.Complete {
			cols = append(cols, l)
		}
	}
	s := chart.Spec{
		ID: "domain-" + n + "-standards", Heading: heading, Kind: chart.StackedBar, Series: chart.SeriesFromColumns,
		Columns: cols, Horizontal: true, ValueName: "Percentage of the standard's actions", Counts: v, Unit: "actions",
		Summary: summary(v.Suppressed() > 0, fmt.Sprintf("the chart shows the actions in England on each standard of domain %s by their status, as percentages of the standard's actions.", n), one, lead),
	}
	return chart.New(shares, s, pt)
}

func domainRegions(in Input, d Domain) (*site.Figure, error) {
	pt := in.ByDomain
	t := pt.Table
	i := t.RowIndex(d.Label)
	if i < 0 {
		return nil, fmt.Errorf("the table %q has no row %q", pt.Name, d.Label)
	}
	n := strconv.Itoa(d.Number)
	v := t.RowTable(i, fmt.Sprintf("Actions on domain %s by region", n), "Actions")
	var r ranked[anonymise.Cell]
	for k, label := range v.RowLabels() {
		if _, ok := count(v.Cell(k, 0)); ok {
			r.add(label, v.Cell(k, 0))
		}
	}
	all := len(r.names) == v.NumRows()
	heading := fmt.Sprintf("Actions on domain %s by region", n)
	if top, _, _, _, ok := r.extremes(cellCmp); ok && all {
		heading = fmt.Sprintf("%s %s the most actions on domain %s", and(top), has(top), n)
	}
	var first string
	if foot, ok := v.TotalRow(); ok {
		if _, ok := count(foot.Cells[0]); ok {
			first = fmt.Sprintf("in %s, %s actions address domain %s.", foot.Label, foot.Cells[0], n)
		}
	}
	s := chart.Spec{
		ID: "domain-" + n + "-regions", Heading: heading, Kind: chart.Bar, Series: chart.SeriesFromColumns,
		Horizontal: true, ValueName: "Actions",
		Summary: summary(!all, fmt.Sprintf("the chart shows the actions on domain %s in each region.", n), first, most(&r, v.NumRows(), "actions")),
	}
	return chart.New(v, s, pt)
}

var leadingNumber = regexp.MustCompile(`^([0-9]+(\.[0-9]+)*)\.? `)

// domainName is how a sentence names a domain: "domain 1" for "1. Learning
// environment and culture".
func domainName(label string) string {
	if m := leadingNumber.FindStringSubmatch(label); m != nil {
		return "domain " + m[1]
	}
	return label
}

// standardName is how a sentence names a standard: "standard 1.3" for
// "1.3 Learners have a named supervisor".
func standardName(label string) string {
	if m := leadingNumber.FindStringSubmatch(label); m != nil {
		return "standard " + m[1]
	}
	return strings.TrimPrefix(label, "Standard ")
}
