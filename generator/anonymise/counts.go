package anonymise

import "slices"

// Total addresses a table's totals in MarkNational: row Total is the row of
// column totals, column Total the column of row totals, and (Total, Total)
// the grand total.
const Total = -1

// Margins says which totals a table publishes.
type Margins uint8

const (
	// RowTotals publishes a total at the end of each row.
	RowTotals Margins = 1 << iota
	// ColumnTotals publishes a total at the foot of each column.
	ColumnTotals
	// GrandTotal publishes the total of the whole table.
	GrandTotal
	// AllMargins publishes every total.
	AllMargins = RowTotals | ColumnTotals | GrandTotal
)

// Meta describes a table for readers. Nothing in it is a figure.
type Meta struct {
	Title  string
	Source string // where the data came from, e.g. "Provider action plans"
	Period string // e.g. "2025-26 quarter 2"
	// RowHeading and ColumnHeading name what the rows and columns are
	// ("Region", "Quarter"); either may be empty.
	RowHeading    string
	ColumnHeading string
	// TotalLabel labels the totals; "Total" when empty.
	TotalLabel string
	// RowTotalLabel, when set, labels the row totals (the last column)
	// instead: "England" for a table whose columns are regions, whose
	// column totals are still labelled TotalLabel.
	RowTotalLabel string
}

// Counts is a raw, unpublishable table of counts: rows × columns of
// non-negative whole numbers, such as actions by region and status. It is the
// input of Policy.Publish and deliberately offers no way to read its values
// back: only the Table that Publish returns may reach templates and charts.
type Counts struct {
	// Meta is published with the table.
	Meta Meta
	// Margins are the totals to publish; NewCounts sets AllMargins.
	Margins Margins
	// National marks the whole table as national figures (see MarkNational).
	National bool

	rows, cols []string
	n          []int  // len(rows)*len(cols), row-major
	national   []bool // (len(rows)+1)*(len(cols)+1), totals last
	// shown, for a table of an earlier release (NewEarlier), holds what
	// that release published, like national; nil for a table of counts.
	shown []shownFigure
	// released, when set, is this table as it was released already
	// (Released).
	released *Counts
	// from holds, for a table counted with AddFrom, how much each
	// contributor (a provider, say) gives each cell, row-major like n;
	// nil when the table was counted with Add only.
	from []map[string]int
}

// NewCounts returns an empty table with the given title and labels, set to
// publish all its totals.
func NewCounts(title string, rowLabels, colLabels []string) *Counts {
	r, c := len(rowLabels), len(colLabels)
	return &Counts{
		Meta:     Meta{Title: title},
		Margins:  AllMargins,
		rows:     slices.Clone(rowLabels),
		cols:     slices.Clone(colLabels),
		n:        make([]int, r*c),
		national: make([]bool, (r+1)*(c+1)),
	}
}

// NewList returns an empty one-dimensional table: a count for each label
// under a single column headed valueLabel, and a total.
func NewList(title, valueLabel string, labels []string) *Counts {
	c := NewCounts(title, labels, []string{valueLabel})
	c.Margins = ColumnTotals
	return c
}

// Add adds n to the count in the given row and column. Counts may be added
// in any order and in parts (one per provider, say); Publish rejects a cell
// whose sum is negative. Add panics if row or col is out of range, like an
// index expression.
func (c *Counts) Add(row, col, n int) {
	if row < 0 || row >= len(c.rows) || col < 0 || col >= len(c.cols) {
		panic("anonymise: Counts.Add: cell out of range")
	}
	c.n[row*len(c.cols)+col] += n
}

// AddFrom adds n to the count in the given row and column, as Add does,
// and records that contributor from gave it (a provider's code, say).
// A count that one contributor, or two together, give nearly all of is
// hidden like a small count (dominance): published, it would be their own
// figure, and they, taking their share away from the largest count the
// published figure can stand for, would know the others' to be at most
// SuppressTo. Count every part of a table with AddFrom, or none.
func (c *Counts) AddFrom(row, col int, from string, n int) {
	c.Add(row, col, n)
	if c.from == nil {
		c.from = make([]map[string]int, len(c.n))
	}
	k := row*len(c.cols) + col
	if c.from[k] == nil {
		c.from[k] = make(map[string]int)
	}
	c.from[k][from] += n
}

// contributions returns, for each cell of the extended (rows+1) ×
// (cols+1) table (totals last), how much each contributor gives it; nil
// when the table was counted without contributors.
func (c *Counts) contributions() []map[string]int {
	if c.from == nil {
		return nil
	}
	R, C := len(c.rows), len(c.cols)
	sums := make([]map[string]int, (R+1)*(C+1))
	for i := range sums {
		sums[i] = make(map[string]int)
	}
	for i := range R {
		for j := range C {
			for who, n := range c.from[i*C+j] {
				for _, k := range []int{i*(C+1) + j, i*(C+1) + C, R*(C+1) + j, R*(C+1) + C} {
					sums[k][who] += n
				}
			}
		}
	}
	return sums
}

// largest returns, for each cell of the extended table, the most that a
// coalition of contributors knows of it (coalition); nil when the table
// was counted without contributors.
func (c *Counts) largest(sums []map[string]int) []int {
	if sums == nil {
		return nil
	}
	top := make([]int, len(sums))
	for k, m := range sums {
		top[k], _ = coalition(m)
	}
	return top
}

// coalition returns the most that a coalition of contributors knows of a
// figure whose parts are m (contributor → count), and what the others
// give: what one contributor gives, or, when a third gives some too,
// what the two largest give together (two providers of a region can pool
// their figures and take both away). When the two largest give it all
// there is no one else to protect from them, and each alone must still
// not learn that the other gives little: the largest alone is the
// coalition then.
func coalition(m map[string]int) (top, others int) {
	first, second, all := 0, 0, 0
	for _, n := range m {
		all += n
		if n > first {
			first, second = n, first
		} else if n > second {
			second = n
		}
	}
	top = first
	if all > first+second {
		top = first + second
	}
	return top, all - top
}

// MarkNational marks one cell, or with Total one of the totals, as a
// national figure. National figures are published exactly only when the
// Policy's NationalExempt is on; otherwise the mark has no effect. A region
// × quarter table's column totals are national, for example:
// c.MarkNationalRow(Total).
func (c *Counts) MarkNational(row, col int) {
	c.national[c.ext(row, col)] = true
}

// MarkNationalRow marks a whole row, its total included, as national; row
// may be Total.
func (c *Counts) MarkNationalRow(row int) {
	for j := range len(c.cols) + 1 {
		c.national[c.ext(row, j)] = true
	}
}

// MarkNationalColumn marks a whole column, its total included, as national;
// col may be Total.
func (c *Counts) MarkNationalColumn(col int) {
	for i := range len(c.rows) + 1 {
		c.national[c.ext(i, col)] = true
	}
}

// ext maps a cell, with Total for a margin, to its index in the extended
// (rows+1) × (cols+1) layout where totals come last.
func (c *Counts) ext(row, col int) int {
	r, k := len(c.rows), len(c.cols)
	if row == Total {
		row = r
	}
	if col == Total {
		col = k
	}
	if row < 0 || row > r || col < 0 || col > k {
		panic("anonymise: Counts: cell out of range")
	}
	return row*(k+1) + col
}

// rowLabel names row i of the extended table for messages; i may be
// len(rows) or Total for the row of column totals.
func (c *Counts) rowLabel(i int) string {
	if i >= 0 && i < len(c.rows) {
		return c.rows[i]
	}
	return c.totalLabel()
}

// colLabel names column j of the extended table for messages; j may be
// len(cols) or Total for the column of row totals.
func (c *Counts) colLabel(j int) string {
	if j >= 0 && j < len(c.cols) {
		return c.cols[j]
	}
	if c.Meta.RowTotalLabel != "" {
		return c.Meta.RowTotalLabel
	}
	return c.totalLabel()
}

func (c *Counts) totalLabel() string {
	if c.Meta.TotalLabel != "" {
		return c.Meta.TotalLabel
	}
	return "Total"
}
