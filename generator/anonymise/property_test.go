package anonymise

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// Property tests over random tables. The seed is fixed, so a failure can be
// replayed; -property.scale=N (or PLINTH_PROPERTY_SCALE=N) runs N times as
// many cases.

// randomCounts returns a random table of rows × cols, with many zeros and
// small counts so that suppression has work to do.
func randomCounts(rng *rand.Rand, rows, cols int, maxBig int) *Counts {
	rl := make([]string, rows)
	for i := range rl {
		rl[i] = fmt.Sprintf("r%d", i+1)
	}
	cl := make([]string, cols)
	for j := range cl {
		cl[j] = fmt.Sprintf("c%d", j+1)
	}
	c := NewCounts("random", rl, cl)
	for i := range rows {
		for j := range cols {
			switch u := rng.Float64(); {
			case u < 0.2:
			case u < 0.55:
				c.Add(i, j, 1+rng.IntN(7))
			default:
				c.Add(i, j, 8+rng.IntN(maxBig))
			}
		}
	}
	margins := []Margins{AllMargins, AllMargins, AllMargins, RowTotals | GrandTotal, ColumnTotals | GrandTotal, RowTotals | ColumnTotals, RowTotals, GrandTotal, 0}
	c.Margins = margins[rng.IntN(len(margins))]
	return c
}

// randomPolicy returns the default rule most of the time, and sometimes a
// variant (no rounding, a larger range, base 10, national exemption).
func randomPolicy(rng *rand.Rand) Policy {
	p := DefaultPolicy()
	switch rng.IntN(8) {
	case 0:
		p.RoundTo = 1
	case 1:
		p.SuppressTo, p.RoundTo = 9, 10
	case 2:
		p.NationalExempt = true
	case 3:
		p.SuppressTo = 4
	}
	return p
}

// roundRef is an independent statement of the rounding rule: nearest
// multiple of base, exact halves up.
func roundRef(x, base int) int {
	return int(math.Floor(float64(x)/float64(base)+0.5)) * base
}

// checkPublished asserts the rule's invariants on a published table against
// the raw counts it came from.
func checkPublished(t *testing.T, p Policy, c *Counts, tab *Table) {
	t.Helper()
	g := newGrid(p, c) // for the true totals and national marks only
	R, C := len(c.rows), len(c.cols)
	check := func(i, j int, cell Cell) {
		k := g.at(i, j)
		x := g.x[k]
		switch {
		case cell.Suppressed():
			if x == 0 {
				t.Fatalf("cell (%d,%d): a true 0 is hidden\n%s", i, j, render(tab))
			}
		case g.national[k]:
			if n, ok := cell.Count(); !ok || n != x || (x != 0 && !cell.National()) {
				t.Fatalf("cell (%d,%d): national figure %d shown as %s", i, j, x, cell)
			}
		default:
			n, ok := cell.Count()
			if !ok {
				t.Fatalf("cell (%d,%d): not a count: %q", i, j, cell)
			}
			if n >= p.SuppressFrom && n <= p.SuppressTo {
				t.Fatalf("cell (%d,%d): published count %d is in the suppressed range", i, j, n)
			}
			if x >= p.SuppressFrom && x <= p.SuppressTo {
				t.Fatalf("cell (%d,%d): small count published as %d", i, j, n)
			}
			if n != roundRef(x, p.RoundTo) {
				t.Fatalf("cell (%d,%d): %d published as %d, want %d", i, j, x, n, roundRef(x, p.RoundTo))
			}
		}
	}
	for i := range R {
		for j := range C {
			check(i, j, tab.Cell(i, j))
		}
		if tab.HasRowTotals() {
			check(i, C, tab.RowTotal(i))
		}
	}
	for j := range C {
		if tab.HasColumnTotals() {
			check(R, j, tab.ColumnTotal(j))
		}
	}
	if tab.HasGrandTotal() {
		check(R, C, tab.GrandTotal())
	}
	if tab.HasRowTotals() != (c.Margins&RowTotals != 0) || tab.HasColumnTotals() != (c.Margins&ColumnTotals != 0) || tab.HasGrandTotal() != (c.Margins&GrandTotal != 0) {
		t.Fatalf("margins %b published as rows=%v cols=%v grand=%v", c.Margins, tab.HasRowTotals(), tab.HasColumnTotals(), tab.HasGrandTotal())
	}
}

func TestPropertyPublish(t *testing.T) {
	rng := newRand(1)
	n := 5000 * *propertyScale
	start := time.Now()
	var auditFails, hiddenCells, tables, cells int
	for i := range n {
		rows, cols := 1+rng.IntN(6), 1+rng.IntN(6)
		if i%10 == 0 {
			rows, cols = 4+rng.IntN(9), 4+rng.IntN(9) // up to 12 × 12
		}
		c := randomCounts(rng, rows, cols, 40+rng.IntN(200))
		p := randomPolicy(rng)
		if p.NationalExempt {
			c.MarkNationalRow(Total)
		}
		tab, g, rep, err := p.publish(c)
		tables++
		var ae *AuditError
		if errors.As(err, &ae) {
			auditFails++
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		checkPublished(t, p, c, tab)
		if rep.Primary+rep.Secondary != tab.Suppressed() {
			t.Fatalf("report %v but %d cells suppressed", rep, tab.Suppressed())
		}
		hiddenCells += tab.Suppressed()
		cells += rep.Figures
		// The full audit (every interval solved to the end, no
		// shortcuts) agrees that the published pattern is safe.
		vs, err := g.audit(0)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vs {
			if v.why(p) != passes {
				t.Fatalf("audit fails cell %d after Publish succeeded: %+v\n%s", v.cell, v, render(tab))
			}
		}
	}
	t.Logf("%d random tables (1-6 × 1-6, every tenth up to 12 × 12) published and checked in %v: %d of %d published figures hidden; %d tables refused by the audit",
		tables, time.Since(start).Round(time.Millisecond), hiddenCells, cells, auditFails)
}

// TestPropertyFailuresMatchAudit: the audit's fast path (failures, which
// stops solving as soon as a cell is shown safe) agrees with the full
// intervals, on random tables with only primary suppression (so that plenty
// of cells fail).
func TestPropertyFailuresMatchAudit(t *testing.T) {
	rng := newRand(3)
	n := 2000 * *propertyScale
	var failing int
	for range n {
		c := randomCounts(rng, 1+rng.IntN(5), 1+rng.IntN(5), 60)
		p := randomPolicy(rng)
		g := newGrid(p, c)
		if rng.IntN(2) == 0 {
			// Add a few random complements to vary the pattern.
			for range rng.IntN(4) {
				k := rng.IntN(len(g.st))
				if g.candidate(k) {
					g.st[k] = secondary
				}
			}
		}
		vs, err := g.audit(0)
		if err != nil {
			t.Fatal(err)
		}
		var want []finding
		for _, v := range vs {
			if r := v.why(p); r != passes {
				want = append(want, finding{v.cell, r})
			}
		}
		got, err := g.failures(false)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("failures = %v, audit = %v (counts %v, policy %+v)", got, want, c.n, p)
		}
		first, err := g.failures(true)
		if err != nil {
			t.Fatal(err)
		}
		if (len(first) > 0) != (len(want) > 0) {
			t.Fatalf("failures(first) = %v, audit = %v", first, want)
		}
		failing += len(want)
	}
	t.Logf("%d random patterns: fast and full audit agree on %d failing cells", n, failing)
}
