package anonymise

import (
	"errors"
	"fmt"
	"math"
	"slices"
)

// Statistic is the average a Samples table publishes.
type Statistic uint8

const (
	// Mean is the arithmetic mean.
	Mean Statistic = iota
	// Median is the middle value (the mean of the middle two for an even
	// number of items).
	Median
)

// Samples is a raw, unpublishable table of items to average, such as the
// percentage complete of each action, by region and quarter. Like Counts it
// offers no way to read its values back.
//
// An average over 1 to SuppressTo items is not shown: with so few items it
// says too much about each one (the NHS Digital rule). An average over no
// items cannot be calculated and is shown as [c] too. Averages have no
// totals: with the numbers of items known (from a counts table), a hidden
// average could be worked back out from a total and the averages shown.
type Samples struct {
	// Meta is published with the table.
	Meta Meta
	// Statistic is the average to publish.
	Statistic Statistic
	// Percent shows the averages with a % sign (for averages of
	// percentages).
	Percent bool

	rows, cols []string
	items      [][]float64 // len(rows)*len(cols), row-major
}

// NewSamples returns an empty table of items with the given title, labels
// and statistic.
func NewSamples(title string, rowLabels, colLabels []string, stat Statistic) *Samples {
	return &Samples{
		Meta:      Meta{Title: title},
		Statistic: stat,
		rows:      slices.Clone(rowLabels),
		cols:      slices.Clone(colLabels),
		items:     make([][]float64, len(rowLabels)*len(colLabels)),
	}
}

// Add adds one item with value v to the given cell. It panics if row or col
// is out of range.
func (s *Samples) Add(row, col int, v float64) {
	if row < 0 || row >= len(s.rows) || col < 0 || col >= len(s.cols) {
		panic("anonymise: Samples.Add: cell out of range")
	}
	k := row*len(s.cols) + col
	s.items[k] = append(s.items[k], v)
}

// Summarise publishes the average of each cell, rounded to the policy's
// decimal places, or [c] where the cell has fewer than SuppressTo+1 items.
// The report counts the hidden averages as primary suppressions.
func (p Policy) Summarise(s *Samples) (*Table, Report, error) {
	if err := p.check(); err != nil {
		return nil, Report{}, err
	}
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("table %q: "+format, append([]any{s.Meta.Title}, args...)...))
	}
	if s.Meta.Title == "" {
		bad("the table has no title")
	}
	checkLabels(s.rows, "row", bad)
	checkLabels(s.cols, "column", bad)
	for k, vs := range s.items {
		for _, v := range vs {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				bad("row %q, column %q: an item is not a number", s.rows[k/len(s.cols)], s.cols[k%len(s.cols)])
				break
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, Report{}, err
	}
	t := &Table{
		meta:   s.Meta,
		kind:   KindAverage,
		method: p.Method(),
		rows:   slices.Clone(s.rows),
		cols:   slices.Clone(s.cols),
	}
	rep := Report{Table: s.Meta.Title, Figures: len(s.items)}
	scale := math.Pow10(p.Decimals)
	for _, vs := range s.items {
		if len(vs) <= p.SuppressTo {
			t.body = append(t.body, hidden())
			rep.Primary++
			continue
		}
		avg := average(vs, s.Statistic)
		t.body = append(t.body, ratioOf(int64(math.Round(avg*scale)), p.Decimals, s.Percent))
	}
	if rep.Primary > 0 {
		t.footnotes = append(t.footnotes, p.ConfidentialFootnote())
	}
	t.footnotes = append(t.footnotes, p.AverageFootnote())
	return t, rep, nil
}

// average returns the statistic of a non-empty list.
func average(vs []float64, stat Statistic) float64 {
	if stat == Median {
		s := slices.Clone(vs)
		slices.Sort(s)
		n := len(s)
		if n%2 == 1 {
			return s[n/2]
		}
		return (s[n/2-1] + s[n/2]) / 2
	}
	sum := 0.0
	for _, v := range vs {
		sum += v
	}
	return sum / float64(len(vs))
}
