package anonymise

import (
	"errors"
	"math/rand/v2"
	"slices"
	"testing"
)

// earlierOf reads a published table back as a table of an earlier
// release, as a release file would.
func earlierOf(t *Table, margins Margins) *Counts {
	e := NewEarlier(t.Title(), t.RowLabels(), t.ColumnLabels(), margins)
	e.Meta = t.Meta()
	show := func(i, j int, c Cell) {
		v, ok := c.Count()
		e.Show(i, j, v, !ok)
	}
	for i := range t.NumRows() {
		for j := range t.NumColumns() {
			show(i, j, t.Cell(i, j))
		}
		if t.HasRowTotals() {
			show(i, Total, t.RowTotal(i))
		}
	}
	if t.HasColumnTotals() {
		for j := range t.NumColumns() {
			show(Total, j, t.ColumnTotal(j))
		}
	}
	if t.HasGrandTotal() {
		show(Total, Total, t.GrandTotal())
	}
	return e
}

// copyCounts returns a table with the same labels, margins and counts.
func copyCounts(c *Counts) *Counts {
	d := NewCounts(c.Meta.Title, c.rows, c.cols)
	d.Margins = c.Margins
	copy(d.n, c.n)
	return d
}

// perturb changes a few counts as a quarter's new data would: some move a
// little, some small ones become 0 or grow past the suppressed range.
func perturb(rng *rand.Rand, c *Counts) *Counts {
	d := copyCounts(c)
	for range 1 + rng.IntN(3) {
		k := rng.IntN(len(d.n))
		switch u := rng.Float64(); {
		case u < 0.3:
			d.n[k] = 0
		case u < 0.6:
			d.n[k] += 1 + rng.IntN(3)
		default:
			d.n[k] = max(0, d.n[k]-1-rng.IntN(3))
		}
	}
	return d
}

// publishWith publishes c with earlier releases, oldest first.
func publishWith(p Policy, c *Counts, earlier ...*Counts) (*Table, error) {
	var l Linked
	l.Add(c)
	for i, e := range earlier {
		var prev Linked
		prev.Add(e)
		l.Previous("release "+string(rune('1'+i)), &prev)
	}
	tabs, _, err := p.PublishLinked(&l)
	if err != nil {
		return nil, err
	}
	return tabs[0], nil
}

// pattern lists which figures of a table are hidden.
func pattern(t *Table) []bool {
	var out []bool
	for _, r := range t.Rows() {
		for _, c := range r.Cells {
			out = append(out, c.Suppressed())
		}
		out = append(out, r.HasTotal && r.Total.Suppressed())
	}
	for _, r := range t.Foot() {
		for _, c := range r.Cells {
			out = append(out, c.Suppressed())
		}
		out = append(out, r.HasTotal && r.Total.Suppressed())
	}
	return out
}

// TestReleasesProperty publishes random tables twice, the second time
// with slightly changed counts, and checks what the history promises:
//
//   - with the same counts, the second release is the first again;
//   - the second release, audited with the first as a reader would lay
//     them side by side (its pattern kept, Counts.Released), passes;
//   - the audit is not idle: publishing the second release without the
//     first in view gives, for some tables, a pattern that the joint
//     audit refuses.
func TestReleasesProperty(t *testing.T) {
	rng := newRand(17)
	p := DefaultPolicy()
	n := 300 * *propertyScale
	var naiveRefused, refused, checked int
	for range n {
		c1 := randomCounts(rng, 2+rng.IntN(4), 2+rng.IntN(4), 40)
		c1.Margins = AllMargins
		t1, _, err := p.Publish(c1)
		if err != nil {
			continue // refused on its own: nothing to release
		}
		e1 := earlierOf(t1, c1.Margins)

		same, err := publishWith(p, copyCounts(c1), e1)
		if err != nil {
			t.Fatalf("the same counts again: %v\n%s", err, render(t1))
		}
		if !slices.Equal(pattern(same), pattern(t1)) {
			t.Fatalf("the same counts moved the pattern:\n%s\n%s", render(t1), render(same))
		}

		c2 := perturb(rng, c1)
		if naive, _, err := p.Publish(copyCounts(c2)); err == nil {
			kept := copyCounts(c2)
			kept.Released(earlierOf(naive, c2.Margins))
			var ae *AuditError
			if _, err := publishWith(p, kept, e1); errors.As(err, &ae) {
				naiveRefused++
			} else if err != nil {
				t.Fatalf("naive second release: %v", err)
			}
		}
		t2, err := publishWith(p, copyCounts(c2), e1)
		var ae *AuditError
		if errors.As(err, &ae) {
			refused++
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		kept := copyCounts(c2)
		kept.Released(earlierOf(t2, c2.Margins))
		if _, err := publishWith(p, kept, e1); err != nil {
			t.Fatalf("the second release fails its own joint audit: %v\n%s\n%s", err, render(t1), render(t2))
		}
		checked++
	}
	t.Logf("%d pairs of releases checked; %d second releases refused; without the history, %d naive second releases would have been refused", checked, refused, naiveRefused)
	if naiveRefused == 0 {
		t.Errorf("no naive second release failed the joint audit: the test no longer shows that the audit reads earlier releases")
	}
	if checked < n/2 {
		t.Errorf("only %d of %d pairs published", checked, n)
	}
}
