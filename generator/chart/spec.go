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
	// RowTotals also draws the table's row totals (England, in a table by
	// region), after the columns; it is an error if the table has none.
	RowTotals bool
	// Horizontal lays the categories down the vertical axis, with the bars
	// across: for long labels, or many categories.
	Horizontal bool
	// ValueName names the value axis ("Actions", "Percentage complete").
	ValueName string
}

// drawn is what the chart draws: its categories, and for each series its
// name and its cells in category order. Footer rows (column totals) are
// never drawn: a total beside its parts would dwarf them.
type drawn struct {
	categories []string
	series     []string
	cells      [][]anonymise.Cell // [series][category]
	// totals is the index of the series or category that holds the row
	// totals, or −1.
	totalSeries, totalCategory int
}

// pick reads the cells to draw out of t as the Spec says.
func (s Spec) pick(t *anonymise.Table) (drawn, error) {
	var errs []error
	cols := make([]int, 0, t.NumColumns())
	if s.Columns == nil {
		for j := range t.NumColumns() {
			cols = append(cols, j)
		}
	}
	for _, label := range s.Columns {
		j := t.Column(label)
		if j < 0 {
			errs = append(errs, fmt.Errorf("the table %q has no column %q; it has %s", t.Title(), label, strings.Join(t.ColumnLabels(), ", ")))
			continue
		}
		cols = append(cols, j)
	}
	if s.RowTotals && !t.HasRowTotals() {
		errs = append(errs, fmt.Errorf("the table %q has no row totals to draw", t.Title()))
	}
	if len(cols) == 0 && !s.RowTotals {
		errs = append(errs, fmt.Errorf("the chart of table %q draws no column", t.Title()))
	}
	if t.NumRows() == 0 {
		errs = append(errs, fmt.Errorf("the table %q has no rows to draw", t.Title()))
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
	grid := make([][]anonymise.Cell, t.NumRows())
	for i := range grid {
		for _, j := range cols {
			grid[i] = append(grid[i], t.Cell(i, j))
		}
		if s.RowTotals {
			grid[i] = append(grid[i], t.RowTotal(i))
		}
	}

	d := drawn{totalSeries: -1, totalCategory: -1}
	switch s.Series {
	case SeriesFromRows:
		d.series, d.categories, d.cells, d.totalCategory = t.RowLabels(), colLabels, grid, total
	default:
		d.series, d.categories, d.totalSeries = colLabels, t.RowLabels(), total
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
