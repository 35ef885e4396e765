package anonymise

import "fmt"

// Figure returns what a single count, shown on its own with no totals, is
// published as: 0 as 0, a small count suppressed, any other count rounded,
// and a national one exactly when NationalExempt is on. It runs the count
// through Publish as a one-cell table, so it is the same rule as every
// published table, not a copy of it.
//
// A feature whose editors write a count into a page (the evidence figure of
// a "You said, we did" entry, say) checks it with Figure: the count may be
// published as written exactly when Figure gives it back unchanged.
func (p Policy) Figure(n int, national bool) (Cell, error) {
	if n < 0 {
		return Cell{}, fmt.Errorf("the count %d is negative", n)
	}
	c := NewCounts("figure", []string{"figure"}, []string{"count"})
	c.Margins = 0
	c.National = national
	c.Add(0, 0, n)
	t, _, err := p.Publish(c)
	if err != nil {
		return Cell{}, err
	}
	return t.Cell(0, 0), nil
}

// Publishable reports whether the count n would be published exactly as
// it is: 0, or above the suppressed range and already a multiple of the
// rounding base (or national, when national figures are exempt).
func (p Policy) Publishable(n int, national bool) bool {
	c, err := p.Figure(n, national)
	if err != nil {
		return false
	}
	v, ok := c.Count()
	return ok && v == n
}
