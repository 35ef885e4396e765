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
