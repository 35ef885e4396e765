package anonymise

import "slices"

// Kind says what a table's figures are.
type Kind uint8

const (
	// KindCount is a table of counts (Policy.Publish).
	KindCount Kind = iota
	// KindPercentage is a table of percentages (Policy.RowPercentages,
	// Policy.Percentages).
	KindPercentage
	// KindAverage is a table of means or medians (Policy.Summarise).
	KindAverage
)

// Table is a published table: the only table type that templates, charts
// and CSV writers can reach. Every figure in it has been through the
// disclosure rule; it holds no raw counts, in exported or unexported fields,
// so nothing that renders it can leak one. A Table is immutable.
type Table struct {
	meta       Meta
	kind       Kind
	method     string
	rows, cols []string
	body       []Cell // len(rows)*len(cols), row-major
	rowTotals  []Cell // nil when not published
	colTotals  []Cell // nil when not published
	grand      Cell   // kind noCell when not published
	footnotes  []string
}

// Row is one row of a table for templates: its label, its body cells and,
// when the table has row totals, its total.
type Row struct {
	Label    string
	Cells    []Cell
	Total    Cell
	HasTotal bool
}

// Title returns the table's title.
func (t *Table) Title() string { return t.meta.Title }

// Meta returns the table's descriptive metadata.
func (t *Table) Meta() Meta { return t.meta }

// Kind says whether the figures are counts, percentages or averages.
func (t *Table) Kind() Kind { return t.kind }

// Method describes the disclosure control applied, in plain English.
func (t *Table) Method() string { return t.method }

// Footnotes returns the notes a reader needs (what [c] means, rounding,
// how percentages are worked out), in a fixed order.
func (t *Table) Footnotes() []string { return slices.Clone(t.footnotes) }

// TotalLabel labels the totals ("Total" unless Meta.TotalLabel says
// otherwise).
func (t *Table) TotalLabel() string {
	if t.meta.TotalLabel == "" {
		return "Total"
	}
	return t.meta.TotalLabel
}

// RowTotalLabel labels the column of row totals: Meta.RowTotalLabel, or
// TotalLabel.
func (t *Table) RowTotalLabel() string {
	if t.meta.RowTotalLabel != "" {
		return t.meta.RowTotalLabel
	}
	return t.TotalLabel()
}

// RowLabels returns the labels of the body rows.
func (t *Table) RowLabels() []string { return slices.Clone(t.rows) }

// ColumnLabels returns the labels of the body columns.
func (t *Table) ColumnLabels() []string { return slices.Clone(t.cols) }

// NumRows returns the number of body rows.
func (t *Table) NumRows() int { return len(t.rows) }

// NumColumns returns the number of body columns.
func (t *Table) NumColumns() int { return len(t.cols) }

// Cell returns body cell (row, col); it panics if either is out of range.
func (t *Table) Cell(row, col int) Cell {
	if col < 0 || col >= len(t.cols) {
		panic("anonymise: Table.Cell: column out of range")
	}
	return t.body[row*len(t.cols)+col]
}

// HasRowTotals reports whether each row has a published total.
func (t *Table) HasRowTotals() bool { return t.rowTotals != nil }

// RowTotal returns the total of a row; it panics without row totals.
func (t *Table) RowTotal(row int) Cell { return t.rowTotals[row] }

// HasColumnTotals reports whether each column has a published total.
func (t *Table) HasColumnTotals() bool { return t.colTotals != nil }

// ColumnTotal returns the total of a column; it panics without column
// totals.
func (t *Table) ColumnTotal(col int) Cell { return t.colTotals[col] }

// HasGrandTotal reports whether the table's overall total is published.
func (t *Table) HasGrandTotal() bool { return t.grand.kind != noCell }

// GrandTotal returns the overall total; check HasGrandTotal first (it is a
// zero Cell, shown as "", when not published).
func (t *Table) GrandTotal() Cell { return t.grand }

// Row returns body row i.
func (t *Table) Row(i int) Row {
	c := len(t.cols)
	r := Row{Label: t.rows[i], Cells: slices.Clone(t.body[i*c : (i+1)*c])}
	if t.rowTotals != nil {
		r.Total, r.HasTotal = t.rowTotals[i], true
	}
	return r
}

// Rows returns the body rows in order, for ranging over in a template.
func (t *Table) Rows() []Row {
	out := make([]Row, len(t.rows))
	for i := range t.rows {
		out[i] = t.Row(i)
	}
	return out
}

// TotalRow returns the row of column totals (with the grand total as its
// total), labelled with TotalLabel; ok is false if the table has no column
// totals.
func (t *Table) TotalRow() (r Row, ok bool) {
	if t.colTotals == nil {
		return Row{}, false
	}
	r = Row{Label: t.TotalLabel(), Cells: slices.Clone(t.colTotals)}
	if t.HasGrandTotal() {
		r.Total, r.HasTotal = t.grand, true
	}
	return r, true
}

// Foot returns the rows of the table's foot for a template to range over:
// the row of column totals, or none if the table has no column totals.
// (TotalRow returns two results, which a template cannot call.)
func (t *Table) Foot() []Row {
	if r, ok := t.TotalRow(); ok {
		return []Row{r}
	}
	return nil
}

// Suppressed returns the number of [c] cells, totals included.
func (t *Table) Suppressed() int {
	n := 0
	for _, cs := range [][]Cell{t.body, t.rowTotals, t.colTotals, {t.grand}} {
		for _, c := range cs {
			if c.Suppressed() {
				n++
			}
		}
	}
	return n
}

// Column returns the index of the column labelled label, or −1.
func (t *Table) Column(label string) int { return slices.Index(t.cols, label) }
