package charts

import (
	"fmt"

	"github.com/plinth-ssg/plinth/generator/anonymise"
	"github.com/plinth-ssg/plinth/generator/chart"
	"github.com/plinth-ssg/plinth/generator/site"
)

// Actions by status: for England, a bar per region with the statuses
// stacked; for a region, its actions by status.

func nationalStatus(in Input) (*site.Figure, error) {
	pt := in.ByStatus
	t := pt.Table
	done, late := t.RowIndex(in.Complete), t.RowIndex(in.Overdue)
	if done < 0 || late < 0 || !t.HasColumnTotals() || !t.HasRowTotals() {
		return nil, fmt.Errorf("the table %q lacks the rows %q and %q or its totals", pt.Name, in.Complete, in.Overdue)
	}

	// England: the row totals, and the grand total.
	var england string
	if n, ok := count(t.GrandTotal()); ok {
		england = fmt.Sprintf("in England, %s actions have been agreed", t.GrandTotal())
		if _, ok := count(t.RowTotal(done)); ok {
			england = fmt.Sprintf("in England, %s of the %s actions agreed are complete", t.RowTotal(done), t.GrandTotal())
		}
		if _, ok := count(t.RowTotal(late)); ok && n > 0 {
			england += fmt.Sprintf(" and %s are overdue", t.RowTotal(late))
		}
		england += "."
	}

	// Which regions have completed the largest and smallest shares of
	// their actions, among those whose figures are shown.
	var shares ranked[share]
	for j, name := range t.ColumnLabels() {
		if sh, ok := shareOf(t.Cell(done, j), t.ColumnTotal(j)); ok {
			shares.add(name, sh)
		}
	}
	all := len(shares.names) == t.NumColumns()
	heading := "Actions by status in each region"
	var lead string
	if top, bottom, _, _, ok := shares.extremes(share.cmp); ok {
		heading = fmt.Sprintf("%s %s completed the largest share of %s actions", and(top), has(top), their(top))
		lead = fmt.Sprintf("%s%s %s the largest share of %s actions complete, and %s the smallest.", among(all, "regions"), and(top), has(top), their(top), and(bottom))
	}

	// The most overdue actions, if every region's figure is shown (a
	// hidden one could be larger).
	var overdue string
	var lates ranked[anonymise.Cell]
	for j, name := range t.ColumnLabels() {
		if _, ok := count(t.Cell(late, j)); ok {
			lates.add(name, t.Cell(late, j))
		}
	}
	if len(lates.names) == t.NumColumns() {
		if top, _, v, _, ok := lates.extremes(cellCmp); ok {
			overdue = fmt.Sprintf("%s %s the most overdue actions (%s).", and(top), has(top), v)
		}
	}

	s := chart.Spec{
		ID: pt.Name, Heading: heading, Kind: chart.StackedBar, Series: chart.SeriesFromRows,
		Horizontal: true, ValueName: "Actions",
		Summary: summary(!all || t.Suppressed() > 0, "the chart shows the actions in each region by their status.", england, lead, overdue),
	}
	return chart.New(t, s, pt)
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
	region, england := 0, 1 // the view's columns

	var first string
	if _, ok := count(foot.Cells[region]); ok {
		first = fmt.Sprintf("in %s, %s actions have been agreed", r.Name, foot.Cells[region])
		if _, ok := count(v.Cell(done, region)); ok {
			first = fmt.Sprintf("in %s, %s of the %s actions agreed are complete", r.Name, v.Cell(done, region), foot.Cells[region])
		}
		if _, ok := count(v.Cell(late, region)); ok {
			first += fmt.Sprintf(" and %s are overdue", v.Cell(late, region))
		}
		first += "."
	}
	var second string
	if _, ok := shareOf(v.Cell(done, england), foot.Cells[england]); ok {
		second = fmt.Sprintf("in England as a whole, %s of %s are complete.", v.Cell(done, england), foot.Cells[england])
	}
	heading := fmt.Sprintf("Actions in %s by status", r.Name)
	here, ok1 := shareOf(v.Cell(done, region), foot.Cells[region])
	there, ok2 := shareOf(v.Cell(done, england), foot.Cells[england])
	if ok1 && ok2 {
		switch here.cmp(there) {
		case 1:
			heading = fmt.Sprintf("%s has completed a larger share of its actions than England as a whole", r.Name)
		case -1:
			heading = fmt.Sprintf("%s has completed a smaller share of its actions than England as a whole", r.Name)
		default:
			heading = fmt.Sprintf("%s has completed the same share of its actions as England as a whole", r.Name)
		}
	}
	hidden := false
	for i := range v.NumRows() {
		hidden = hidden || v.Cell(i, region).Suppressed()
	}
	s := chart.Spec{
		ID: pt.Name + "-" + r.Key, Heading: heading, Kind: chart.Bar, Series: chart.SeriesFromColumns,
		Columns: []string{r.Name}, Horizontal: true, ValueName: "Actions",
		Summary: summary(hidden, fmt.Sprintf("the chart shows the actions in %s by their status.", r.Name), first, second),
	}
	return chart.New(v, s, pt)
}

// their is "its" for one name and "their" for more.
func their(names []string) string {
	if len(names) == 1 {
		return "its"
	}
	return "their"
}
