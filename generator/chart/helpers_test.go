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
	c := anonymise.NewCounts("Actions by domain and region", []string{"1. Culture", "2. Governance", "3. Learners"}, []string{"London", "Midlands"})
	c.Meta.RowTotalLabel = "England"
	for i, row := range [][]int{{60, 45}, {0, 30}, {4, 25}} {
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

// sharesOf is each figure of t as a percentage of its column's total.
func sharesOf(t *testing.T, tab *anonymise.Table) *anonymise.Table {
	t.Helper()
	s, err := anonymise.DefaultPolicy().ColumnPercentages(tab.Title()+", percentages", tab)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
