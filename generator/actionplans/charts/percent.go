package charts

import (
	"fmt"

	"github.com/plinth-ssg/plinth/generator/anonymise"
	"github.com/plinth-ssg/plinth/generator/chart"
	"github.com/plinth-ssg/plinth/generator/site"
)

// The percentage of actions complete by the quarter they were opened: for
// England, a panel per region with its line beside England's (small
// multiples: eight lines in one chart are a tangle); for a region, its line
// beside England's.

// trendHeading says how the percentage complete changes from the oldest
// quarter shown to the newest.
func trendHeading(first, last anonymise.Cell, place string) string {
	switch cellCmp(first, last) {
	case 1:
		return fmt.Sprintf("In %s, actions opened longer ago are more likely to be complete", place)
	case -1:
		return fmt.Sprintf("In %s, recent actions are more likely to be complete than older ones", place)
	}
	return fmt.Sprintf("In %s, the percentage of actions complete is the same for the oldest and newest quarters", place)
}

// ends returns the first and last rows whose cell in column j (or, for
// j < 0, the row total) is published.
func ends(t *anonymise.Table, j int) (first, last int, ok bool) {
	first, last = -1, -1
	for i := range t.NumRows() {
		var c anonymise.Cell
		if j >= 0 {
			c = t.Cell(i, j)
		} else {
			c = t.RowTotal(i)
		}
		if _, shown := c.Value(); shown {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	return first, last, first >= 0 && first < last
}

func nationalPercent(in Input) (*site.Figure, error) {
	pt := in.PercentComplete
	t := pt.Table
	if !t.HasRowTotals() {
		return nil, fmt.Errorf("the table %q has no England figures", pt.Name)
	}
	quarters := t.RowLabels()
	heading := "Percentage of actions complete by the quarter they were opened"
	var trend, compare string
	first, last, ok := ends(t, -1)
	if ok {
		heading = trendHeading(t.RowTotal(first), t.RowTotal(last), "England")
		trend = fmt.Sprintf("in England, %s of the actions opened in %s are complete, against %s of those opened in %s.",
			t.RowTotal(first), quarters[first], t.RowTotal(last), quarters[last])
	}
	// The regions that lead and lag on the newest quarter.
	newest := t.NumRows() - 1
	var byRegion ranked[anonymise.Cell]
	for j, name := range t.ColumnLabels() {
		if _, ok := t.Cell(newest, j).Value(); ok {
			byRegion.add(name, t.Cell(newest, j))
		}
	}
	all := len(byRegion.names) == t.NumColumns()
	if top, bottom, hi, lo, ok := byRegion.extremes(cellCmp); ok {
		compare = fmt.Sprintf("for actions opened in %s, %s%s the highest percentage complete (%s) and %s the lowest (%s).",
			quarters[newest], among(all, "regions"), and(top)+" "+has(top), hi, and(bottom), lo)
	}
	s := chart.Spec{
		ID: pt.Name, Heading: heading, Kind: chart.Line, Series: chart.SeriesFromColumns,
		RowTotals: true, Reference: t.RowTotalLabel(), Panels: true, ValueName: "Percentage complete",
		Summary: summary(t.Suppressed() > 0, "the chart shows the percentage of actions complete in each region, in a panel of its own beside England's line, by the quarter they were opened.", trend, compare),
	}
	return chart.New(t, s, pt)
}

func regionPercent(in Input, r Region) (*site.Figure, error) {
	pt := in.PercentComplete
	v, err := pt.ForColumn(r.Name)
	if err != nil {
		return nil, err
	}
	quarters := v.RowLabels()
	region, england := 0, 1
	heading := fmt.Sprintf("Percentage of actions complete in %s by the quarter they were opened", r.Name)
	newest := v.NumRows() - 1
	var newer, older string
	here, there := v.Cell(newest, region), v.Cell(newest, england)
	_, ok1 := here.Value()
	_, ok2 := there.Value()
	if ok1 && ok2 {
		switch cellCmp(here, there) {
		case 1:
			heading = fmt.Sprintf("%s is ahead of England on the actions opened most recently", r.Name)
		case -1:
			heading = fmt.Sprintf("%s is behind England on the actions opened most recently", r.Name)
		default:
			heading = fmt.Sprintf("%s is level with England on the actions opened most recently", r.Name)
		}
		newer = fmt.Sprintf("of the actions opened in %s, %s are complete in %s, against %s in England.", quarters[newest], here, r.Name, there)
	}
	if first, _, ok := ends(v, region); ok && first < newest {
		if _, ok := v.Cell(first, england).Value(); ok {
			older = fmt.Sprintf("of those opened in %s, %s are complete in %s and %s in England.", quarters[first], v.Cell(first, region), r.Name, v.Cell(first, england))
		}
	}
	hidden := false
	for i := range v.NumRows() {
		hidden = hidden || v.Cell(i, region).Suppressed()
	}
	s := chart.Spec{
		ID: pt.Name + "-" + r.Key, Heading: heading, Kind: chart.Line, Series: chart.SeriesFromColumns,
		Reference: v.ColumnLabels()[england], ValueName: "Percentage complete",
		Summary: summary(hidden, fmt.Sprintf("the chart shows the percentage of actions complete in %s and in England, by the quarter they were opened.", r.Name), newer, older),
	}
	return chart.New(v, s, pt)
}
