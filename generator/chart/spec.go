package chart

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/plinth-ssg/plinth/generator/anonymise"
)

// Kind is the kind of chart.
type Kind uint8

const (
	// Bar draws a bar per category for each series, side by side.
	Bar Kind = iota
	// StackedBar stacks the series in one bar per category.
	StackedBar
	// Line draws a line per series across the categories, in order.
	Line
)

func (k Kind) String() string {
	switch k {
	case Bar:
		return "bar"
	case StackedBar:
		return "stacked-bar"
	case Line:
		return "line"
	}
	return fmt.Sprintf("Kind(%d)", k)
}

// Series says which dimension of the table makes the chart's series (the
// entries of its legend); the other makes its categories (the labels along
// its axis).
type Series uint8

const (
	// SeriesFromRows makes a series of each row; the columns are the
	// categories. Actions by status and region, drawn with the statuses
	// stacked in a bar per region.
	SeriesFromRows Series = iota
	// SeriesFromColumns makes a series of each column; the rows are the
	// categories. Percentages by quarter and region, drawn as a line per
	// region across the quarters.
	SeriesFromColumns
)

// Spec says how to draw a table.
type Spec struct {
	// ID names the figure (site.Figure.ID): lower-case letters, digits and
	// hyphens, unique in the site.
	ID string
	// Heading and Summary are the figure's message and its summary in
	// words (see site.Figure); Summary is required, as it is the chart's
	// accessible name.
	Heading, Summary string
	Kind             Kind
	Series           Series
	// Columns are the table's body columns to draw, by label, in this
	// order; nil draws every body column.
	Columns []string
	// Rows are the table's rows to draw, by label, in this order; nil
	// draws every row. A stacked bar of shares puts first the share its
	// heading compares, so that it starts at the axis in every bar.
	Rows []string
	// RowTotals also draws the table's row totals (England, in a table by
	// region), after the columns; it is an error if the table has none.
	RowTotals bool
	// Reference names the series drawn as a reference rather than as a
	// series of its own (England, a column or the row totals): a mark at
	// its value across each bar, or a grey line beside the others and in
	// each panel. It needs SeriesFromColumns.
	Reference string
	// Panels draws a line chart of several series as small multiples: a
	// panel for each series, on the same scale, each with the reference
	// line. More than four lines in one chart are a tangle.
	Panels bool
	// Horizontal lays the categories down the vertical axis, with the bars
	// across: for long labels, or many categories.
	Horizontal bool
	// ValueName names the value axis ("Actions", "Percentage complete").
	ValueName string
	// Counts, for a table of shares, is the table of counts it was worked
	// out from, with the same labels and totals: it is shown with the
	// chart, and each mark's words give its count too.
	Counts *anonymise.Table
	// Unit names what the counts count ("actions"), for those words.
	Unit string
}

// drawn is what the chart draws: its categories, and for each series its
// name and its cells in category order. Footer rows (column totals) are
// never drawn: a total beside its parts would dwarf them.
type drawn struct {
	categories []string
	series     []string
	cells      [][]anonymise.Cell // [series][category]
	// counts are the counts behind the cells, for a table of shares, in
	// the same places; nil otherwise.
	counts [][]anonymise.Cell
	// totals is the index of the series or category that holds the row
	// totals, or −1.
	totalSeries, totalCategory int
	// reference is the index of the series drawn as a reference, or −1.
	reference int
	// unit names what the counts count.
	unit string
}

// hidden reports whether any figure the chart draws is hidden.
func (d drawn) hidden() bool {
	for _, s := range d.cells {
		for _, c := range s {
			if c.Suppressed() {
				return true
			}
		}
	}
	return false
}

// main returns the indices of the series that are not the reference.
func (d drawn) main() []int {
	var out []int
	for k := range d.series {
		if k != d.reference {
			out = append(out, k)
		}
	}
	return out
}

// pick reads the cells to draw out of t as the Spec says, and their
// counts out of s.Counts.
func (s Spec) pick(t *anonymise.Table) (drawn, error) {
	d, err := s.pickFrom(t)
	if err != nil || s.Counts == nil {
		return d, err
	}
	c, err := s.pickFrom(s.Counts)
	if err != nil {
		return drawn{}, fmt.Errorf("the counts: %w", err)
	}
	if !slices.Equal(c.series, d.series) || !slices.Equal(c.categories, d.categories) {
		return drawn{}, fmt.Errorf("the counts %q are not labelled as the table %q is", s.Counts.Title(), t.Title())
	}
	d.counts, d.unit = c.cells, s.Unit
	return d, nil
}

// pickFrom reads the cells to draw out of t.
func (s Spec) pickFrom(t *anonymise.Table) (drawn, error) {
	var errs []error
	// pick returns the places of the labels asked for (every one when
	// none are named), each looked up with find among have.
	pick := func(asked, have []string, find func(string) int, what string) []int {
		out := make([]int, 0, len(have))
		if asked == nil {
			for i := range have {
				out = append(out, i)
			}
		}
		for _, label := range asked {
			i := find(label)
			if i < 0 {
				errs = append(errs, fmt.Errorf("the table %q has no %s %q; it has %s", t.Title(), what, label, strings.Join(have, ", ")))
				continue
			}
			out = append(out, i)
		}
		return out
	}
	cols := pick(s.Columns, t.ColumnLabels(), t.Column, "column")
	if s.RowTotals && !t.HasRowTotals() {
		errs = append(errs, fmt.Errorf("the table %q has no row totals to draw", t.Title()))
	}
	if len(cols) == 0 && !s.RowTotals {
		errs = append(errs, fmt.Errorf("the chart of table %q draws no column", t.Title()))
	}
	rows := pick(s.Rows, t.RowLabels(), t.RowIndex, "row")
	if len(rows) == 0 {
		errs = append(errs, fmt.Errorf("the table %q has no rows to draw", t.Title()))
	}
	if s.Reference != "" && s.Series != SeriesFromColumns {
		errs = append(errs, errors.New("a reference is a column drawn as a series (SeriesFromColumns)"))
	}
	if s.Panels && s.Kind != Line {
		errs = append(errs, errors.New("only a line chart is drawn in panels"))
	}
	if err := errors.Join(errs...); err != nil {
		return drawn{}, err
	}

	// The grid of cells, rows × chosen columns (totals last).
	labels := t.ColumnLabels()
	var colLabels []string
	for _, j := range cols {
		colLabels = append(colLabels, labels[j])
	}
	total := -1
	if s.RowTotals {
		total = len(colLabels)
		colLabels = append(colLabels, t.RowTotalLabel())
	}
	grid := make([][]anonymise.Cell, len(rows))
	var rowLabels []string
	for r, i := range rows {
		rowLabels = append(rowLabels, t.RowLabels()[i])
		for _, j := range cols {
			grid[r] = append(grid[r], t.Cell(i, j))
		}
		if s.RowTotals {
			grid[r] = append(grid[r], t.RowTotal(i))
		}
	}

	d := drawn{totalSeries: -1, totalCategory: -1, reference: -1}
	switch s.Series {
	case SeriesFromRows:
		d.series, d.categories, d.cells, d.totalCategory = rowLabels, colLabels, grid, total
	default:
		d.series, d.categories, d.totalSeries = colLabels, rowLabels, total
		if s.Reference != "" {
			d.reference = slices.Index(colLabels, s.Reference)
			if d.reference < 0 {
				return drawn{}, fmt.Errorf("the chart of table %q draws no series %q to be its reference", t.Title(), s.Reference)
			}
		}
		d.cells = make([][]anonymise.Cell, len(colLabels))
		for j := range colLabels {
			for i := range grid {
				d.cells[j] = append(d.cells[j], grid[i][j])
			}
		}
	}
	return d, nil
}

// validID reports whether id is usable in an element's id and a file name.
func validID(id string) bool {
	if id == "" || id[0] == '-' || id[len(id)-1] == '-' {
		return false
	}
	return !slices.ContainsFunc([]rune(id), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-')
	})
}
