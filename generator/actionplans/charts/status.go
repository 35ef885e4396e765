package charts

import (
	"fmt"
	"slices"

	"github.com/plinth-ssg/plinth/generator/anonymise"
	"github.com/plinth-ssg/plinth/generator/chart"
	"github.com/plinth-ssg/plinth/generator/site"
)

// Actions by status, as shares of each region's actions so that regions of
// different sizes compare fairly: for England, a bar per region and one
// for England with the statuses stacked, complete first; for a region, a
// bar per status beside England's share. The counts are in the table.

// statusOrder puts the complete status first, where every bar starts at
// the axis, then the others as the table lists them.
func statusOrder(t *anonymise.Table, complete string) []string {
	out := []string{complete}
	for _, l := range t.RowLabels() {
		if l != complete {
			out = append(out, l)
		}
	}
	return out
}

// shareText writes a count and its share: "325 of the 420 actions agreed
// (77%)".
func shareText(part, whole, pct anonymise.Cell) string {
	s := fmt.Sprintf("%s of the %s actions agreed", part, whole)
	if !pct.Suppressed() {
		s += fmt.Sprintf(" (%s)", pct)
	}
	return s
}

func nationalStatus(in Input) (*site.Figure, error) {
	pt := in.ByStatus
	t := pt.Table
	done, late := t.RowIndex(in.Complete), t.RowIndex(in.Overdue)
	if done < 0 || late < 0 || !t.HasColumnTotals() || !t.HasRowTotals() {
		return nil, fmt.Errorf("the table %q lacks the rows %q and %q or its totals", pt.Name, in.Complete, in.Overdue)
	}
	shares, err := in.Policy.ColumnPercentages(fmt.Sprintf("%s, percentage of each region's actions", pt.Title()), t)
	if err != nil {
		return nil, err
	}

	// England: the row totals, and the grand total.
	var england string
	if _, ok := count(t.GrandTotal()); ok {
		england = fmt.Sprintf("in England, %s actions have been agreed", t.GrandTotal())
		if _, ok := count(t.RowTotal(done)); ok {
			england = "in England, " + shareText(t.RowTotal(done), t.GrandTotal(), shares.RowTotal(done)) + " are complete"
		}
		if _, ok := count(t.RowTotal(late)); ok {
			england += fmt.Sprintf(" and %s are overdue", t.RowTotal(late))
		}
		england += "."
	}

	// Which regions have completed the largest and smallest shares of
	// their actions, as the chart shows them, among those shown.
	var complete, overdue ranked[anonymise.Cell]
	for j, name := range t.ColumnLabels() {
		if c := shares.Cell(done, j); !c.Suppressed() {
			complete.add(name, c)
		}
		if c := shares.Cell(late, j); !c.Suppressed() {
			overdue.add(name, c)
		}
	}
	all := len(complete.names) == t.NumColumns()
	heading := "Actions by status in each region"
	var lead string
	if top, bottom, hi, lo, ok := complete.extremes(cellCmp); ok {
		heading = fmt.Sprintf("%s %s completed the largest share of %s actions", and(top), has(top), their(top))
		lead = fmt.Sprintf("%s%s %s the largest share of %s actions complete (%s), and %s the smallest (%s).", among(all, "regions"), and(top), has(top), their(top), hi, and(bottom), lo)
	}
	// The largest share overdue, if every region's is shown (a hidden
	// one could be larger).
	var late2 string
	if len(overdue.names) == t.NumColumns() {
		if top, _, v, _, ok := overdue.extremes(cellCmp); ok {
			late2 = fmt.Sprintf("%s %s the largest share of %s actions overdue (%s).", and(top), has(top), their(top), v)
		}
	}

	s := chart.Spec{
		ID: pt.Name, Heading: heading, Kind: chart.StackedBar, Series: chart.SeriesFromRows,
		Rows: statusOrder(t, in.Complete), RowTotals: true, Horizontal: true,
		ValueName: "Percentage of the region's actions", Counts: t, Unit: "actions",
		Summary: summary(!all || t.Suppressed() > 0, "the chart shows each region's actions by their status, as percentages of the region's actions.", england, lead, late2),
	}
	return chart.New(shares, s, pt)
}

func regionStatus(in Input, r Region) (*site.Figure, error) {
	pt := in.ByStatus
	v, err := pt.ForColumn(r.Name)
	if err != nil {
		return nil, err
	}
	done, late := v.RowIndex(in.Complete), v.RowIndex(in.Overdue)
	if done < 0 || late < 0 {
		return nil, fmt.Errorf("the table %q lacks the rows %q and %q", pt.Name, in.Complete, in.Overdue)
	}
	foot, ok := v.TotalRow()
	if !ok || len(foot.Cells) != 2 {
		return nil, fmt.Errorf("the table %q has no totals", pt.Name)
	}
	shares, err := in.Policy.ColumnPercentages(fmt.Sprintf("%s, percentage of the actions", v.Title()), v)
	if err != nil {
		return nil, err
	}
	region, england := 0, 1 // the view's columns
	englandName := v.ColumnLabels()[england]

	var first string
	if _, ok := count(foot.Cells[region]); ok {
		first = fmt.Sprintf("in %s, %s actions have been agreed", r.Name, foot.Cells[region])
		if _, ok := count(v.Cell(done, region)); ok {
			first = fmt.Sprintf("in %s, %s are complete", r.Name, shareText(v.Cell(done, region), foot.Cells[region], shares.Cell(done, region)))
		}
		if _, ok := count(v.Cell(late, region)); ok {
			first += fmt.Sprintf(" and %s are overdue", v.Cell(late, region))
		}
		first += "."
	}
	var second string
	if _, ok := shareOf(v.Cell(done, england), foot.Cells[england]); ok {
		second = fmt.Sprintf("in %s as a whole, %s of %s are complete", englandName, v.Cell(done, england), foot.Cells[england])
		if c := shares.Cell(done, england); !c.Suppressed() {
			second += fmt.Sprintf(" (%s)", c)
		}
		second += "."
	}
	heading := fmt.Sprintf("Actions in %s by status, beside %s", r.Name, englandName)
	here, there := shares.Cell(done, region), shares.Cell(done, england)
	if !here.Suppressed() && !there.Suppressed() {
		switch cellCmp(here, there) {
		case 1:
			heading = fmt.Sprintf("%s has completed a larger share of its actions than %s as a whole", r.Name, englandName)
		case -1:
			heading = fmt.Sprintf("%s has completed a smaller share of its actions than %s as a whole", r.Name, englandName)
		default:
			heading = fmt.Sprintf("%s has completed the same share of its actions as %s as a whole", r.Name, englandName)
		}
	}
	hidden := slices.ContainsFunc(shares.Rows(), func(row anonymise.Row) bool { return row.Cells[region].Suppressed() })
	s := chart.Spec{
		ID: pt.Name + "-" + r.Key, Heading: heading, Kind: chart.Bar, Series: chart.SeriesFromColumns,
		Reference: englandName, Horizontal: true, ValueName: "Percentage of the actions",
		Counts: v, Unit: "actions",
		Summary: summary(hidden, fmt.Sprintf("the chart shows the actions in %s by their status, as percentages of the region's actions, beside %s's.", r.Name, englandName), first, second),
	}
	return chart.New(shares, s, pt)
}

// their is "its" for one name and "their" for more.
func their(names []string) string {
	if len(names) == 1 {
		return "its"
	}
	return "their"
}
