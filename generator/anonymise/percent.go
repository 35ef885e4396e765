package anonymise

import (
	"errors"
	"fmt"
	"slices"
)

// Percentages are worked out from published tables only, so they can carry
// nothing that the counts did not already show: each is 100 × a published
// numerator ÷ a published denominator, rounded to the policy's decimal
// places (halves up), and [c] whenever either figure is [c] or the
// denominator is 0.

// RowPercentages returns each body cell of a published count table as a
// percentage of its row's total, titled title. The table must publish row
// totals. If it also publishes column totals and a grand total, the totals
// row becomes each column's share of the grand total. The result has no row
// totals (they would all be 100%).
func (p Policy) RowPercentages(title string, t *Table) (*Table, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	if t.kind != KindCount {
		return nil, fmt.Errorf("table %q: row percentages need a table of counts", t.Title())
	}
	if !t.HasRowTotals() {
		return nil, fmt.Errorf("table %q: row percentages need the table's row totals; publish them (Margins: RowTotals)", t.Title())
	}
	out := p.derived(title, t)
	C := len(t.cols)
	for i := range t.rows {
		for j := range C {
			out.body = append(out.body, p.percent(t.body[i*C+j], t.rowTotals[i]))
		}
	}
	if t.HasColumnTotals() && t.HasGrandTotal() {
		for j := range C {
			out.colTotals = append(out.colTotals, p.percent(t.colTotals[j], t.grand))
		}
	}
	out.finish(p)
	return out, nil
}

// ColumnPercentages returns each body cell of a published count table as a
// percentage of its column's total, titled title: each region's actions by
// status as shares of the region's actions, say, which compares regions of
// different sizes fairly. The table must publish column totals. If it also
// publishes row totals and a grand total, they become each row's share of
// the grand total (England's shares, beside the regions'). The result has
// no column totals (they would all be 100%).
func (p Policy) ColumnPercentages(title string, t *Table) (*Table, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	if t.kind != KindCount {
		return nil, fmt.Errorf("table %q: column percentages need a table of counts", t.Title())
	}
	if !t.HasColumnTotals() {
		return nil, fmt.Errorf("table %q: column percentages need the table's column totals; publish them (Margins: ColumnTotals)", t.Title())
	}
	out := p.derived(title, t)
	C := len(t.cols)
	for i := range t.rows {
		for j := range C {
			out.body = append(out.body, p.percent(t.body[i*C+j], t.colTotals[j]))
		}
	}
	if t.HasRowTotals() && t.HasGrandTotal() {
		for i := range t.rows {
			out.rowTotals = append(out.rowTotals, p.percent(t.rowTotals[i], t.grand))
		}
	}
	out.finish(p)
	return out, nil
}

// Percentages returns num as a percentage of den, cell by cell, titled
// title: for example actions complete out of all actions, by region and
// quarter. Both must be published count tables with the same labels; totals
// appear where both tables publish them.
//
// The two tables are audited separately. If they describe the same
// population (complete is part of all), consider publishing one table with a
// status column instead, which the audit then protects as a whole.
func (p Policy) Percentages(title string, num, den *Table) (*Table, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	var errs []error
	for _, t := range []*Table{num, den} {
		if t.kind != KindCount {
			errs = append(errs, fmt.Errorf("table %q: percentages need a table of counts", t.Title()))
		}
	}
	if !slices.Equal(num.rows, den.rows) || !slices.Equal(num.cols, den.cols) {
		errs = append(errs, fmt.Errorf("tables %q and %q: percentages need two tables with the same rows and columns", num.Title(), den.Title()))
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	out := p.derived(title, num)
	for k := range num.body {
		out.body = append(out.body, p.percent(num.body[k], den.body[k]))
	}
	if num.HasRowTotals() && den.HasRowTotals() {
		for i := range num.rowTotals {
			out.rowTotals = append(out.rowTotals, p.percent(num.rowTotals[i], den.rowTotals[i]))
		}
	}
	if num.HasColumnTotals() && den.HasColumnTotals() {
		for j := range num.colTotals {
			out.colTotals = append(out.colTotals, p.percent(num.colTotals[j], den.colTotals[j]))
		}
	}
	if num.HasGrandTotal() && den.HasGrandTotal() {
		out.grand = p.percent(num.grand, den.grand)
	}
	out.finish(p)
	return out, nil
}

// derived starts a percentage table with t's labels and metadata.
func (p Policy) derived(title string, t *Table) *Table {
	meta := t.meta
	meta.Title = title
	return &Table{
		meta:   meta,
		kind:   KindPercentage,
		method: p.Method(),
		rows:   slices.Clone(t.rows),
		cols:   slices.Clone(t.cols),
	}
}

// percent is 100 × num ÷ den from two published cells.
func (p Policy) percent(num, den Cell) Cell {
	n, ok1 := num.Count()
	d, ok2 := den.Count()
	if !ok1 || !ok2 || d == 0 {
		return hidden()
	}
	return ratioOf(scaledRatio(int64(n), int64(d), p.Decimals), p.Decimals, true)
}

// finish adds the footnotes of a percentage table.
func (t *Table) finish(p Policy) {
	if t.Suppressed() > 0 {
		t.footnotes = append(t.footnotes, p.ConfidentialFootnote())
	}
	t.footnotes = append(t.footnotes, p.PercentageFootnote())
}
