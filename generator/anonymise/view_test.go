package anonymise

import (
	"slices"
	"testing"
)

func TestColumnTable(t *testing.T) {
	tab, _, err := DefaultPolicy().Publish(regionsByStatus())
	if err != nil {
		t.Fatal(err)
	}
	// regionsByStatus has regions as rows; its column "Complete" against
	// the row totals.
	j := tab.Column("Complete")
	if j != 2 || tab.Column("Nope") != -1 {
		t.Fatalf("Column: %d", j)
	}
	v := tab.ColumnTable(j, "Complete actions")
	if v.Title() != "Complete actions" || !slices.Equal(v.ColumnLabels(), []string{"Complete", "Total"}) || !slices.Equal(v.RowLabels(), tab.RowLabels()) {
		t.Fatalf("view:\n%s", render(v))
	}
	for i := range tab.NumRows() {
		if v.Cell(i, 0) != tab.Cell(i, j) || v.Cell(i, 1) != tab.RowTotal(i) {
			t.Errorf("row %d: %v %v, want %v %v", i, v.Cell(i, 0), v.Cell(i, 1), tab.Cell(i, j), tab.RowTotal(i))
		}
	}
	r, ok := v.TotalRow()
	if !ok || r.Cells[0] != tab.ColumnTotal(j) || r.Cells[1] != tab.GrandTotal() || v.HasRowTotals() {
		t.Errorf("total row %+v", r)
	}
	if v.Suppressed() == 0 || len(v.Footnotes()) != len(tab.Footnotes()) {
		t.Errorf("footnotes %q", v.Footnotes())
	}
	// A column with nothing hidden drops the note about [c].
	small, _, err := DefaultPolicy().Publish(table("t", [][]int{{3, 40, 30}, {5, 35, 20}}, AllMargins))
	if err != nil {
		t.Fatal(err)
	}
	full := small.ColumnTable(1, "c2")
	if full.Suppressed() != 0 || small.Suppressed() == 0 || len(full.Footnotes()) != len(small.Footnotes())-1 {
		t.Errorf("footnotes of a view with nothing hidden: %q\n%s\n%s", full.Footnotes(), render(small), render(full))
	}
}

func TestRowTable(t *testing.T) {
	tab, _, err := DefaultPolicy().Publish(regionsByStatus())
	if err != nil {
		t.Fatal(err)
	}
	for i := range tab.NumRows() {
		v := tab.RowTable(i, "One region", "Actions")
		if v.Title() != "One region" || !slices.Equal(v.RowLabels(), tab.ColumnLabels()) || !slices.Equal(v.ColumnLabels(), []string{"Actions"}) {
			t.Fatalf("view:\n%s", render(v))
		}
		if v.Meta().RowHeading != tab.Meta().ColumnHeading || v.HasRowTotals() || v.HasGrandTotal() {
			t.Errorf("row %d: meta %+v, row totals %v, grand total %v", i, v.Meta(), v.HasRowTotals(), v.HasGrandTotal())
		}
		for j := range tab.NumColumns() {
			if v.Cell(j, 0) != tab.Cell(i, j) {
				t.Errorf("row %d column %d: %v, want %v", i, j, v.Cell(j, 0), tab.Cell(i, j))
			}
		}
		foot, ok := v.TotalRow()
		if !ok || foot.Label != tab.RowTotalLabel() || len(foot.Cells) != 1 || foot.Cells[0] != tab.RowTotal(i) {
			t.Errorf("row %d: foot %+v, want the row total %v", i, foot, tab.RowTotal(i))
		}
		hidden := tab.Cell(i, 0).Suppressed() || tab.Cell(i, 1).Suppressed() || tab.Cell(i, 2).Suppressed() || tab.RowTotal(i).Suppressed()
		if hasC := slices.ContainsFunc(v.Footnotes(), func(f string) bool { return f[:3] == "[c]" }); hasC != hidden {
			t.Errorf("row %d: note on [c] %v, but hidden figures %v: %q", i, hasC, hidden, v.Footnotes())
		}
	}
}

func TestRowsTable(t *testing.T) {
	tab, _, err := DefaultPolicy().Publish(regionsByStatus())
	if err != nil {
		t.Fatal(err)
	}
	v := tab.RowsTable([]int{4, 1}, "Two regions")
	if !slices.Equal(v.RowLabels(), []string{tab.RowLabels()[4], tab.RowLabels()[1]}) || !slices.Equal(v.ColumnLabels(), tab.ColumnLabels()) {
		t.Fatalf("view:\n%s", render(v))
	}
	if v.HasColumnTotals() || v.HasGrandTotal() || !v.HasRowTotals() {
		t.Errorf("totals: columns %v, grand %v, rows %v; want row totals only", v.HasColumnTotals(), v.HasGrandTotal(), v.HasRowTotals())
	}
	for k, i := range []int{4, 1} {
		if !slices.Equal(v.Row(k).Cells, tab.Row(i).Cells) || v.RowTotal(k) != tab.RowTotal(i) {
			t.Errorf("row %d: %+v, want %+v", k, v.Row(k), tab.Row(i))
		}
	}
	if tab.RowIndex(tab.RowLabels()[3]) != 3 || tab.RowIndex("Nowhere") != -1 {
		t.Error("RowIndex")
	}
}
