package anonymise

import (
	"slices"
	"strings"
)

// Views: parts of a published table, laid out for a page about one of its
// subjects. Every figure in a view is one the table already publishes, so a
// view needs no further disclosure control; the table's own notes go with
// it, except the note on [c] when nothing in the view is hidden.

// ColumnTable returns column col of t as a table of its own, titled title:
// the same rows, with the column's figures beside the row totals (when t
// publishes them), and the column's total beside the grand total (when t
// publishes column totals). It is for a page about one column's subject,
// such as one region compared with England. Every figure is one t already
// publishes, so the view needs no further disclosure control.
func (t *Table) ColumnTable(col int, title string) *Table {
	if col < 0 || col >= len(t.cols) {
		panic("anonymise: Table.ColumnTable: column out of range")
	}
	out := &Table{meta: t.meta, kind: t.kind, method: t.method, rows: slices.Clone(t.rows)}
	out.meta.Title = title
	out.meta.ColumnHeading, out.meta.RowTotalLabel = "", ""
	out.cols = []string{t.cols[col]}
	if t.rowTotals != nil {
		out.cols = append(out.cols, t.RowTotalLabel())
	}
	for i := range t.rows {
		out.body = append(out.body, t.Cell(i, col))
		if t.rowTotals != nil {
			out.body = append(out.body, t.rowTotals[i])
		}
	}
	if t.colTotals != nil {
		out.colTotals = []Cell{t.colTotals[col]}
		if t.rowTotals != nil {
			out.colTotals = append(out.colTotals, t.grand)
		}
	}
	out.footnotes = viewFootnotes(t, out)
	return out
}

// RowTable returns row i of t as a one-dimensional table titled title: a
// row for each of t's columns, holding that column's figure under the single
// column valueLabel, and the row's total (when t publishes row totals) as
// the total at the foot, labelled as t labels its row totals. It is for a
// page about one row's subject, such as one standard's actions by status.
func (t *Table) RowTable(i int, title, valueLabel string) *Table {
	if i < 0 || i >= len(t.rows) {
		panic("anonymise: Table.RowTable: row out of range")
	}
	out := &Table{meta: t.meta, kind: t.kind, method: t.method}
	out.meta.Title = title
	out.meta.RowHeading, out.meta.ColumnHeading = t.meta.ColumnHeading, ""
	out.meta.TotalLabel, out.meta.RowTotalLabel = t.RowTotalLabel(), ""
	out.rows = slices.Clone(t.cols)
	out.cols = []string{valueLabel}
	out.body = slices.Clone(t.body[i*len(t.cols) : (i+1)*len(t.cols)])
	if t.rowTotals != nil {
		out.colTotals = []Cell{t.rowTotals[i]}
	}
	out.footnotes = viewFootnotes(t, out)
	return out
}

// RowsTable returns the rows of t given by index, in that order, as a table
// of their own titled title, with their row totals when t publishes them.
// It has no column totals: t publishes none for a part of its rows. It is
// for a page about a group of rows, such as the standards of one domain.
func (t *Table) RowsTable(rows []int, title string) *Table {
	out := &Table{meta: t.meta, kind: t.kind, method: t.method, cols: slices.Clone(t.cols)}
	out.meta.Title = title
	for _, i := range rows {
		if i < 0 || i >= len(t.rows) {
			panic("anonymise: Table.RowsTable: row out of range")
		}
		out.rows = append(out.rows, t.rows[i])
		out.body = append(out.body, t.body[i*len(t.cols):(i+1)*len(t.cols)]...)
		if t.rowTotals != nil {
			out.rowTotals = append(out.rowTotals, t.rowTotals[i])
		}
	}
	out.footnotes = viewFootnotes(t, out)
	return out
}

// RowIndex returns the index of the row labelled label, or −1.
func (t *Table) RowIndex(label string) int { return slices.Index(t.rows, label) }

// viewFootnotes returns t's notes for a view of it, without the note on [c]
// when the view hides nothing.
func viewFootnotes(t, view *Table) []string {
	var out []string
	for _, f := range t.footnotes {
		if strings.HasPrefix(f, SymbolConfidential+" means") && view.Suppressed() == 0 {
			continue
		}
		out = append(out, f)
	}
	return out
}
