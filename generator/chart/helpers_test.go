package chart

import (
	"testing"

	"github.com/plinth-ssg/plinth/generator/anonymise"
)

// statusByRegion publishes a small table of actions by status and region,
// with England as the row totals, through the default disclosure rule: its
// small counts come out as [c].
func statusByRegion(t *testing.T) *anonymise.Table {
	t.Helper()
	regions := []string{"London", "North East and Yorkshire", "South West"}
	statuses := []string{"Not started", "Overdue", "Complete"}
	body := [][]int{
		{3, 12, 9},
		{20, 31, 14},
		{140, 96, 122},
	}
	c := anonymise.NewCounts("Actions by status and region", statuses, regions)
	c.Meta.RowHeading, c.Meta.ColumnHeading, c.Meta.RowTotalLabel = "Status", "Region", "England"
	c.Meta.Source = "Provider action plans"
	for i, row := range body {
		for j, v := range row {
			c.Add(i, j, v)
		}
	}
	tab, _, err := anonymise.DefaultPolicy().Publish(c)
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

// percentByQuarter is the percentage of actions complete by quarter and
// region, worked out from two published tables.
func percentByQuarter(t *testing.T) *anonymise.Table {
	t.Helper()
	p := anonymise.DefaultPolicy()
	quarters := []string{"Jan to Mar 2026", "Apr to Jun 2026", "Jul to Sep 2026"}
	regions := []string{"London", "Midlands"}
	publish := func(title string, body [][]int) *anonymise.Table {
		c := anonymise.NewCounts(title, quarters, regions)
		c.Meta.RowTotalLabel = "England"
		for i, row := range body {
			for j, v := range row {
				c.Add(i, j, v)
			}
		}
		tab, _, err := p.Publish(c)
		if err != nil {
			t.Fatal(err)
		}
		return tab
	}
	all := publish("All", [][]int{{60, 40}, {55, 45}, {50, 3}})
	done := publish("Complete", [][]int{{50, 30}, {30, 20}, {10, 1}})
	pc, err := p.Percentages("Percentage complete", done, all)
	if err != nil {
		t.Fatal(err)
	}
	return pc
}

// withZero publishes a table by domain and region in which one figure is
// a true zero, published as 0, and small ones are hidden.
func withZero(t *testing.T) *anonymise.Table {
	t.Helper()
	return publishCounts(t, "Actions by domain and region", []string{"1. Culture", "2. Governance", "3. Learners"}, []string{"London", "Midlands"},
		[][]int{{60, 45}, {0, 30}, {4, 25}})
}

// sharesOf is each figure of t as a percentage of its column's total.
func sharesOf(t *testing.T, tab *anonymise.Table) *anonymise.Table {
	t.Helper()
	s, err := anonymise.DefaultPolicy().ColumnPercentages(tab.Title()+", percentages", tab)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// nearHidden publishes a table by status and region in which London's
// stack has two hidden figures with a short segment between them: on a
// phone their notes would stand within a note's width of each other.
func nearHidden(t *testing.T) *anonymise.Table {
	t.Helper()
	return publishCounts(t, "Actions by status and region", []string{"Not started", "Overdue", "On track", "Complete"}, []string{"London", "Midlands", "South West"},
		[][]int{{3, 4, 30}, {9, 40, 30}, {4, 3, 44}, {200, 220, 180}})
}

// eightQuarters publishes actions by quarter and region over two years, in
// which London's figures of two quarters side by side are small: on a
// phone, a quarter has less room across than a note is wide.
func eightQuarters(t *testing.T) *anonymise.Table {
	t.Helper()
	var quarters []string
	for _, y := range []string{"2025", "2026"} {
		for _, q := range []string{"Jan to Mar", "Apr to Jun", "Jul to Sep", "Oct to Dec"} {
			quarters = append(quarters, q+" "+y)
		}
	}
	return publishCounts(t, "Actions by quarter and region", quarters, []string{"London", "Midlands"},
		[][]int{{20, 31}, {3, 40}, {4, 35}, {25, 2}, {30, 3}, {28, 33}, {26, 41}, {5, 38}})
}

// publishCounts publishes counts by row and column, with England as the
// row totals, through the default disclosure rule.
func publishCounts(t *testing.T, title string, rows, cols []string, body [][]int) *anonymise.Table {
	t.Helper()
	c := anonymise.NewCounts(title, rows, cols)
	c.Meta.RowTotalLabel = "England"
	for i, row := range body {
		for j, v := range row {
			c.Add(i, j, v)
		}
	}
	tab, _, err := anonymise.DefaultPolicy().Publish(c)
	if err != nil {
		t.Fatal(err)
	}
	return tab
}
