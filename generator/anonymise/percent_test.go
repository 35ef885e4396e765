package anonymise

import (
	"strings"
	"testing"
)

// cells returns the display strings of a table's body, row by row.
func cells(t *Table) [][]string {
	var out [][]string
	for _, r := range t.Rows() {
		var row []string
		for _, c := range r.Cells {
			row = append(row, c.String())
		}
		out = append(out, row)
	}
	return out
}

func TestRowPercentages(t *testing.T) {
	p := DefaultPolicy()
	c := NewCounts("Actions by status", []string{"East", "West", "North", "Empty"}, []string{"Complete", "Open"})
	body := [][]int{
		{62, 61}, // 60 and 60 of 125 (123 unrounded): 48%, not 50.4% and 49.6%
		{3, 40},  // 3 is hidden, so its percentage is too
		{20, 22}, // the cheapest complement for West
		{0, 0},   // a zero total: nothing to divide by
	}
	for i, r := range body {
		for j, v := range r {
			c.Add(i, j, v)
		}
	}
	tab, _, err := p.Publish(c)
	if err != nil {
		t.Fatal(err)
	}
	pc, err := p.RowPercentages("Share of actions by status", tab)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"48%", "48%"},
		{"[c]", "[c]"},
		{"[c]", "[c]"},
		{"[c]", "[c]"},
	}
	if got := cells(pc); !equalCells(got, want) {
		t.Errorf("row percentages:\n%v\nwant\n%v\nfrom\n%s", got, want, render(tab))
	}
	// The totals row is each column's share of the grand total, from
	// the published figures.
	tr, ok := pc.TotalRow()
	if !ok || pc.HasRowTotals() || pc.Kind() != KindPercentage {
		t.Fatalf("totals row %v, row totals %v, kind %v", ok, pc.HasRowTotals(), pc.Kind())
	}
	ct0, _ := tab.ColumnTotal(0).Count()
	g, _ := tab.GrandTotal().Count()
	if want := decimal(scaledRatio(int64(ct0), int64(g), 0), 0, true) + "%"; tr.Cells[0].String() != want {
		t.Errorf("total share = %s, want %s", tr.Cells[0], want)
	}
	if fn := strings.Join(pc.Footnotes(), " "); !strings.Contains(fn, "rounded counts") || !strings.Contains(fn, SymbolConfidential+" means") {
		t.Errorf("footnotes: %q", pc.Footnotes())
	}
	if pc.Title() != "Share of actions by status" {
		t.Errorf("title %q", pc.Title())
	}

	// Without row totals there is nothing to divide by.
	c.Margins = ColumnTotals
	tab2, _, err := p.Publish(c)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.RowPercentages("x", tab2); err == nil {
		t.Error("row percentages of a table without row totals")
	}
	if _, err := p.RowPercentages("x", pc); err == nil {
		t.Error("row percentages of a percentage table")
	}
}

// TestColumnPercentages: shares of each column's total, England's shares
// from the row totals and the grand total, and [c] wherever a figure or its
// total is hidden or the total is 0.
func TestColumnPercentages(t *testing.T) {
	p := DefaultPolicy()
	c := NewCounts("Actions by status", []string{"Complete", "Open", "Closed"}, []string{"East", "West", "Empty"})
	body := [][]int{
		{60, 3, 0}, // 3 is hidden, and a figure beside it to protect it
		{40, 40, 0},
		{20, 17, 0}, // a column of zeros has no shares
	}
	for i, r := range body {
		for j, v := range r {
			c.Add(i, j, v)
		}
	}
	tab, _, err := p.Publish(c)
	if err != nil {
		t.Fatal(err)
	}
	pc, err := p.ColumnPercentages("Share of each region's actions", tab)
	if err != nil {
		t.Fatal(err)
	}
	var want [][]string
	for i := range tab.NumRows() {
		var row []string
		for j := range tab.NumColumns() {
			n, ok1 := tab.Cell(i, j).Count()
			d, ok2 := tab.ColumnTotal(j).Count()
			if !ok1 || !ok2 || d == 0 {
				row = append(row, "[c]")
				continue
			}
			row = append(row, decimal(scaledRatio(int64(n), int64(d), 0), 0, true)+"%")
		}
		want = append(want, row)
	}
	if got := cells(pc); !equalCells(got, want) {
		t.Errorf("column percentages:\n%v\nwant\n%v\nfrom\n%s", got, want, render(tab))
	}
	// East's open actions are 40 of 120; nothing is a share of nothing.
	if got := cells(pc); got[1][0] != "33%" || got[1][2] != "[c]" {
		t.Errorf("East's open share %s, Empty's %s; want 33%% and [c] (a zero total)\n%s", got[1][0], got[1][2], render(tab))
	}
	if pc.HasColumnTotals() || !pc.HasRowTotals() || pc.Kind() != KindPercentage {
		t.Fatalf("column totals %v, row totals %v, kind %v", pc.HasColumnTotals(), pc.HasRowTotals(), pc.Kind())
	}
	r0, _ := tab.RowTotal(0).Count()
	g, _ := tab.GrandTotal().Count()
	if want := decimal(scaledRatio(int64(r0), int64(g), 0), 0, true) + "%"; pc.RowTotal(0).String() != want {
		t.Errorf("England's complete share = %s, want %s", pc.RowTotal(0), want)
	}
	c.Margins = RowTotals
	tab2, _, err := p.Publish(c)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.ColumnPercentages("x", tab2); err == nil {
		t.Error("column percentages of a table without column totals")
	}
	if _, err := p.ColumnPercentages("x", pc); err == nil {
		t.Error("column percentages of a percentage table")
	}
}

func TestPercentages(t *testing.T) {
	p := DefaultPolicy()
	p.Decimals = 1
	regions := []string{"East", "West"}
	quarters := []string{"Q1", "Q2"}
	done := NewCounts("Complete", regions, quarters)
	all := NewCounts("All", regions, quarters)
	for i, r := range [][][2]int{{{12, 23}, {30, 40}}, {{0, 0}, {20, 60}}} {
		for j, v := range r {
			done.Add(i, j, v[0])
			all.Add(i, j, v[1])
		}
	}
	dt, _, err := p.Publish(done)
	if err != nil {
		t.Fatal(err)
	}
	at, _, err := p.Publish(all)
	if err != nil {
		t.Fatal(err)
	}
	pc, err := p.Percentages("Percentage complete", dt, at)
	if err != nil {
		t.Fatal(err)
	}
	for i := range regions {
		for j := range quarters {
			n, d := dt.Cell(i, j), at.Cell(i, j)
			got := pc.Cell(i, j)
			nv, ok1 := n.Count()
			dv, ok2 := d.Count()
			switch {
			case !ok1 || !ok2 || dv == 0:
				if !got.Suppressed() {
					t.Errorf("(%d,%d): %s of %s shown as %s", i, j, n, d, got)
				}
			default:
				if want := decimal(scaledRatio(int64(nv), int64(dv), 1), 1, true) + "%"; got.String() != want {
					t.Errorf("(%d,%d): %s of %s = %s, want %s", i, j, n, d, got, want)
				}
			}
		}
	}
	if pc.Cell(0, 0).String() != "40.0%" { // 10 of 25, the published figures
		t.Errorf("12 of 23 published as 10 of 25 should be 40.0%%, got %s", pc.Cell(0, 0))
	}
	other := NewCounts("Other", []string{"East", "South"}, quarters)
	ot, _, err := p.Publish(other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Percentages("x", dt, ot); err == nil {
		t.Error("percentages of tables with different rows")
	}
}

func equalCells(a, b [][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if strings.Join(a[i], "|") != strings.Join(b[i], "|") {
			return false
		}
	}
	return true
}
