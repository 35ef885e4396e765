package anonymise

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

// byRegion returns a categories × regions table; its column totals are the
// regions' totals.
func byRegion(title string, body [][]int) *Counts {
	c := table(title, body, AllMargins)
	c.MarkNationalColumn(Total)
	return c
}

func TestLinkedSharedTotalsHiddenTogether(t *testing.T) {
	// Column c2's total is 5 in both tables: hidden in each. Table b alone
	// would also hide its small cells; the family must show the same
	// figure, or hide it, in both.
	a := byRegion("a", [][]int{{40, 2, 30}, {25, 3, 20}})
	b := byRegion("b", [][]int{{30, 0, 10}, {35, 5, 40}})
	var l Linked
	l.Add(a, b)
	l.SameColumnTotals(a, b)
	tabs, reps, err := DefaultPolicy().PublishLinked(&l)
	if err != nil {
		t.Fatal(err)
	}
	for j := range 3 {
		x, y := tabs[0].ColumnTotal(j), tabs[1].ColumnTotal(j)
		if x != y {
			t.Errorf("column %d total: %v in a, %v in b\n%s\n%s", j, x, y, render(tabs[0]), render(tabs[1]))
		}
	}
	if tabs[0].GrandTotal() != tabs[1].GrandTotal() {
		t.Errorf("grand totals differ")
	}
	if reps[0].Primary == 0 || reps[1].Primary == 0 {
		t.Errorf("reports %v", reps)
	}
}

func TestLinkedFindsWhatOneTableHides(t *testing.T) {
	// Alone, each table is safe. But a hides the total of its column c2
	// to protect its small cells, while b, published alone, shows it: side
	// by side, b gives a's hidden total away. The family must not.
	a := byRegion("a", [][]int{{4, 19, 1}, {2, 16, 0}})
	b := byRegion("b", [][]int{{6, 35, 1}})
	p := DefaultPolicy()
	ta, _, err := p.Publish(a)
	if err != nil {
		t.Fatal(err)
	}
	tb, _, err := p.Publish(b)
	if err != nil {
		t.Fatal(err)
	}
	if !ta.ColumnTotal(1).Suppressed() || tb.ColumnTotal(1).Suppressed() {
		t.Fatalf("the example no longer shows the problem:\n%s\n%s", render(ta), render(tb))
	}
	var l Linked
	l.Add(a, b)
	l.SameColumnTotals(a, b)
	tabs, _, err := p.PublishLinked(&l)
	if err != nil {
		t.Fatal(err)
	}
	if !tabs[1].ColumnTotal(1).Suppressed() {
		t.Errorf("b shows the total a hides:\n%s\n%s", render(tabs[0]), render(tabs[1]))
	}
	sys := mustSystem(t, p, &l)
	if fails, err := sys.protect(); err != nil || len(fails) > 0 {
		t.Fatalf("protect: %v %v", fails, err)
	}
	vs, err := sys.all.audit(0)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		if v.why(p) != passes {
			t.Errorf("cell %d fails the family's audit: %+v", v.cell, v)
		}
	}
}

func mustSystem(t *testing.T, p Policy, l *Linked) *system {
	t.Helper()
	s, err := newSystem(p, l, false)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestLinkedInputErrors(t *testing.T) {
	a := byRegion("a", [][]int{{10, 20}})
	b := byRegion("b", [][]int{{10, 21}})
	stray := byRegion("stray", [][]int{{1}})
	var l Linked
	l.Add(a, b)
	l.SameColumnTotals(a, b)
	l.AtMost(Ref{b, 0, 1}, Ref{a, 0, 1})
	l.Equal(Ref{a, 0, 0}, Ref{stray, 0, 0})
	l.Equal(Ref{a, 3, 0}, Ref{b, 0, 0})
	_, _, err := DefaultPolicy().PublishLinked(&l)
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{
		`table "a" row "Total", column "c2" and table "b" row "Total", column "c2" are declared equal but their counts differ`,
		`table "b" row "r1", column "c2" is declared to be at most table "a" row "r1", column "c2" but its count is larger`,
		`a link names table "stray", which is not in the family`,
		`table "a": a link names row 3, column 0, which is not in the table`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	var l2 Linked
	l2.Add(a, a)
	if _, _, err := DefaultPolicy().PublishLinked(&l2); err == nil || !strings.Contains(err.Error(), "twice") {
		t.Errorf("a table added twice: %v", err)
	}
}

func TestLinkedAuditError(t *testing.T) {
	// Seven counts of 1 and their total cannot be protected (see
	// TestAuditErrorPinned); in a family the error names that table.
	a := list(1, 1, 1, 1, 1, 1, 1)
	a.Meta.Title = "Seven ones"
	b := NewList("b", "Number", []string{"x", "y"})
	b.Add(0, 0, 3)
	b.Add(1, 0, 4)
	var l Linked
	l.Add(b, a)
	l.SameColumnTotals(a, b)
	_, _, err := DefaultPolicy().PublishLinked(&l)
	var ae *AuditError
	if !errors.As(err, &ae) || ae.Table != "Seven ones" {
		t.Fatalf("err = %v, want an *AuditError for table %q", err, "Seven ones")
	}
}

// randomFamily returns 2 or 3 tables over the same columns (regions) that
// share their column totals, and sometimes a part of the first table.
func randomFamily(rng *rand.Rand, maxRows, cols, maxBig int) (*Linked, []*Counts) {
	n := 2 + rng.IntN(2)
	// Draw each column's records first, then split them among the rows
	// of every table, so that the column totals agree.
	colTotal := make([]int, cols)
	for j := range colTotal {
		switch u := rng.Float64(); {
		case u < 0.15:
		case u < 0.45:
			colTotal[j] = 1 + rng.IntN(7)
		default:
			colTotal[j] = 8 + rng.IntN(maxBig)
		}
	}
	var l Linked
	var tabs []*Counts
	for range n {
		rows := 1 + rng.IntN(maxRows)
		body := make([][]int, rows)
		for i := range body {
			body[i] = make([]int, cols)
		}
		for j, tot := range colTotal {
			for range tot {
				body[rng.IntN(rows)][j]++
			}
		}
		c := table(fmt.Sprintf("t%d", len(tabs)+1), body, AllMargins)
		tabs = append(tabs, c)
	}
	l.Add(tabs...)
	for _, c := range tabs[1:] {
		l.SameColumnTotals(tabs[0], c)
	}
	if rng.IntN(3) == 0 {
		part := NewCounts("part", tabs[0].rows, tabs[0].cols)
		for k, v := range tabs[0].n {
			if v > 0 {
				part.Add(k/cols, k%cols, rng.IntN(v+1))
			}
		}
		l.Add(part)
		l.PartOf(part, tabs[0])
		tabs = append(tabs, part)
	}
	return &l, tabs
}

func TestPropertyLinked(t *testing.T) {
	rng := newRand(11)
	n := 300 * *propertyScale
	start := time.Now()
	var hidden, failed int
	for range n {
		l, tabs := randomFamily(rng, 4, 2+rng.IntN(4), 60)
		p := randomPolicy(rng)
		pub, reps, err := p.PublishLinked(l)
		var ae *AuditError
		if errors.As(err, &ae) {
			failed++
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		for i, tab := range pub {
			checkPublished(t, p, tabs[i], tab)
			hidden += reps[i].Primary + reps[i].Secondary
		}
		// Shared figures are shown alike in every table.
		for _, tab := range pub[1:] {
			if tab.Title() == "part" {
				continue
			}
			for j := range tab.NumColumns() {
				if tab.ColumnTotal(j) != pub[0].ColumnTotal(j) {
					t.Fatalf("column %d's total differs:\n%s\n%s", j, render(pub[0]), render(tab))
				}
			}
		}
		// And the family's reader learns nothing the audit forbids.
		sys := mustSystem(t, p, l)
		if fails, err := sys.protect(); err != nil || len(fails) > 0 {
			t.Fatalf("protect again: %v %v", fails, err)
		}
		vs, err := sys.all.audit(0)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vs {
			if v.why(p) != passes {
				t.Fatalf("cell %d fails the family's audit: %+v", v.cell, v)
			}
		}
	}
	t.Logf("%d random families of 2 to 4 linked tables published and audited in %v (%d hidden figures; %d families could not be protected and were refused)",
		n, time.Since(start).Round(time.Millisecond), hidden, failed)
}

// TestPropertyLinkedBruteForce compares the family's audit with enumeration
// over whole numbers: every pair of tables a reader would find consistent
// with what is published, joined on the links. The linear relaxation of
// joined tables need not be exact, so this is where a difference would
// show.
func TestPropertyLinkedBruteForce(t *testing.T) {
	rng := newRand(12)
	n := 300 * *propertyScale
	start := time.Now()
	var checked, cells, skipped int
	for range n {
		var l Linked
		cols := 1 + rng.IntN(2)
		a := randomCounts(rng, 1+rng.IntN(2), cols, 10)
		a.Margins = AllMargins
		var b *Counts
		if rng.IntN(2) == 0 {
			// b splits a's columns differently.
			b = NewCounts("b", []string{"y1", "y2"}[:1+rng.IntN(2)], a.cols)
			for j := range cols {
				tot := 0
				for i := range a.rows {
					tot += a.n[i*cols+j]
				}
				for range tot {
					b.Add(rng.IntN(len(b.rows)), j, 1)
				}
			}
			l.Add(a, b)
			l.SameColumnTotals(a, b)
		} else {
			// b is a part of a.
			b = NewCounts("b", a.rows, a.cols)
			for k, v := range a.n {
				b.Add(k/cols, k%cols, rng.IntN(v+1))
			}
			l.Add(a, b)
			l.PartOf(b, a)
		}
		p := randomPolicy(rng)
		p.NationalExempt = false
		sys := mustSystem(t, p, &l)
		fails, err := sys.protect()
		if err != nil {
			t.Fatal(err)
		}
		if len(fails) > 0 {
			continue
		}
		tables := []*Table{sys.parts[0].table(a), sys.parts[1].table(b)}
		truths := []*extended{truthOf(a), truthOf(b)}
		limit := *truths[0].at(len(a.rows), cols) + rng.IntN(4)
		vs, err := sys.all.audit(limit)
		if err != nil {
			t.Fatal(err)
		}
		complete := true
		for _, att := range []attacker{public, insider} {
			// Every table each reader finds consistent, on its own.
			var feasible [2][][]int
			for ti, c := range []*Counts{a, b} {
				know := readerKnowledge(p, tables[ti], truths[ti], make([]bool, len(truths[ti].v)), att)
				if !enumerate(len(c.rows), cols, limit, know, 200_000, func(e *extended) {
					feasible[ti] = append(feasible[ti], append([]int(nil), e.v...))
				}) {
					complete = false
				}
			}
			if !complete {
				break
			}
			lo := make([]int, len(sys.all.x))
			hi := make([]int, len(sys.all.x))
			for k := range lo {
				lo[k], hi[k] = 1<<30, -1
			}
			o := sys.offset[1]
			for _, x := range feasible[0] {
				for _, y := range feasible[1] {
					ok := true
					for _, e := range sys.equal {
						if x[e[0]] != y[e[1]-o] {
							ok = false
							break
						}
					}
					for _, eq := range sys.all.eqs[len(sys.all.eqs)-len(l.atMost):] {
						if ok && len(l.atMost) > 0 && y[eq[0].cell-o] > x[eq[2].cell] {
							ok = false
						}
					}
					if !ok {
						continue
					}
					for k, v := range x {
						lo[k], hi[k] = min(lo[k], v), max(hi[k], v)
					}
					for k, v := range y {
						lo[k+o], hi[k+o] = min(lo[k+o], v), max(hi[k+o], v)
					}
				}
			}
			for _, v := range vs {
				if v.group {
					continue // group sums are cross-checked on single tables (bruteforce_test.go)
				}
				gotLo, gotHi := v.pubLo, v.pubHi
				if att == insider {
					gotLo, gotHi = v.insLo, v.insHi
				}
				if gotLo != lo[v.cell] || gotHi != hi[v.cell] {
					t.Fatalf("attacker %d, cell %d: audit [%d, %d], enumeration [%d, %d]\npolicy %+v limit %d\n%s\n%s",
						att, v.cell, gotLo, gotHi, lo[v.cell], hi[v.cell], p, limit, render(tables[0]), render(tables[1]))
				}
			}
		}
		if !complete {
			skipped++
			continue
		}
		checked++
		cells += len(vs)
	}
	if checked < n/2 {
		t.Errorf("only %d of %d families were small enough to enumerate", checked, n)
	}
	t.Logf("%d small families of two linked tables cross-checked by enumeration in %v (%d hidden figures compared under both attacker models; %d skipped as too large)",
		checked, time.Since(start).Round(time.Millisecond), cells, skipped)
}

// truthOf returns c's counts with their totals.
func truthOf(c *Counts) *extended {
	R, C := len(c.rows), len(c.cols)
	e := &extended{R: R, C: C, v: make([]int, (R+1)*(C+1))}
	for i := range R {
		for j := range C {
			*e.at(i, j) = c.n[i*C+j]
		}
	}
	e.fill()
	return e
}

func TestLinkedSum(t *testing.T) {
	// a's column c1 (4 + 60 = 64) is the sum of b's two figures, 3 and 61.
	// Alone, b hides its 3 and shows 61 as 60: with no totals nothing gives
	// the 3 away. Beside a, whose column total 64 is shown as 65, the 3 is
	// 65 − 60 ± 4, so from 1 to 7: the Sum link must make b hide its 61
	// too.
	p := DefaultPolicy()
	family := func(link bool) []*Table {
		a := byRegion("a", [][]int{{4, 50}, {60, 70}})
		b := table("b", [][]int{{3}, {61}}, 0)
		var l Linked
		l.Add(a, b)
		if link {
			l.Sum(Ref{a, Total, 0}, Ref{b, 0, 0}, Ref{b, 1, 0})
		}
		tabs, _, err := p.PublishLinked(&l)
		if err != nil {
			t.Fatal(err)
		}
		if link {
			sys := mustSystem(t, p, &l)
			if fails, err := sys.protect(); err != nil || len(fails) > 0 {
				t.Fatalf("protect: %v %v", fails, err)
			}
			vs, err := sys.all.audit(0)
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range vs {
				if v.why(p) != passes {
					t.Errorf("cell %d fails the family's audit: %+v", v.cell, v)
				}
			}
		}
		return tabs
	}
	alone := family(false)
	if !alone[1].Cell(0, 0).Suppressed() || alone[1].Cell(1, 0).Suppressed() || alone[0].ColumnTotal(0).Suppressed() {
		t.Fatalf("the example no longer shows the problem:\n%s\n%s", render(alone[0]), render(alone[1]))
	}
	linked := family(true)
	if !linked[1].Cell(1, 0).Suppressed() && !linked[0].ColumnTotal(0).Suppressed() {
		t.Errorf("the sum gives the hidden 3 away:\n%s\n%s", render(linked[0]), render(linked[1]))
	}
}

func TestLinkedSumInputErrors(t *testing.T) {
	a := byRegion("a", [][]int{{10, 20}})
	b := table("b", [][]int{{3}, {6}}, 0)
	var l Linked
	l.Add(a, b)
	l.Sum(Ref{a, 0, 0}, Ref{b, 0, 0}, Ref{b, 1, 0})
	l.Sum(Ref{a, 0, 1})
	l.Sum(Ref{a, 0, 0}, Ref{b, 5, 0})
	_, _, err := DefaultPolicy().PublishLinked(&l)
	for _, want := range []string{
		`table "a" row "r1", column "c1" is declared to be the sum of 2 figures but their counts do not add up to it`,
		`table "a" row "r1", column "c2" is declared to be the sum of 0 figures`,
		`table "b": a link names row 5, column 0, which is not in the table`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}

func TestLinkedSumHidesAcrossTables(t *testing.T) {
	// a hides its 60 to protect the 4 beside it. b splits the 60 into
	// 30 + 30 and, alone, shows both: side by side they give the 60 away,
	// and nothing more that a hides can help. The family must hide one of
	// b's figures instead.
	p := DefaultPolicy()
	a := byRegion("a", [][]int{{4, 50}, {60, 70}})
	b := table("b", [][]int{{30}, {30}}, 0)
	var l Linked
	l.Add(a, b)
	l.Sum(Ref{a, 1, 0}, Ref{b, 0, 0}, Ref{b, 1, 0})
	tabs, _, err := p.PublishLinked(&l)
	if err != nil {
		t.Fatal(err)
	}
	if !tabs[0].Cell(1, 0).Suppressed() {
		t.Fatalf("the example no longer shows the problem:\n%s", render(tabs[0]))
	}
	if !tabs[1].Cell(0, 0).Suppressed() && !tabs[1].Cell(1, 0).Suppressed() {
		t.Errorf("b gives a's hidden 60 away:\n%s\n%s", render(tabs[0]), render(tabs[1]))
	}
}

// TestFamilyGroupReported: a line of a released table whose hidden
// figures add up to a small number, in the second table of a family, is
// reported at that table. The family first protects each table on its own,
// and a group's finding there was shifted into the family by the table's
// place, as if it were a cell: it named a group of another table (here
// the first's, which hides small figures too), or a figure past the end.
func TestFamilyGroupReported(t *testing.T) {
	p := DefaultPolicy()
	p.RoundTo = 1 // shown exactly, so that the row's two hidden figures add up to 5
	first := table("first", [][]int{{45, 50, 40}, {4, 3, 40}, {30, 40, 45}}, AllMargins)
	second := table("second", [][]int{{3, 2, 40}, {45, 50, 40}, {30, 40, 45}}, AllMargins)
	e := NewEarlier("second", second.rows, second.cols, AllMargins)
	e.Meta = second.Meta
	for i, row := range [][]int{{3, 2, 40, 45}, {45, 50, 40, 135}, {30, 40, 45, 115}, {78, 92, 125, 295}} {
		for j, v := range row {
			ii, jj := i, j
			if i == 3 {
				ii = Total
			}
			if j == 3 {
				jj = Total
			}
			hide := (i == 0 && j < 2) || (i == 1 && j < 2) || (i == 3 && j < 2)
			e.Show(ii, jj, v, hide)
		}
	}
	second.Released(e)
	var l Linked
	l.Add(first, second)
	_, _, err := p.PublishLinked(&l)
	if err == nil {
		t.Fatal("the family is published; want the released row refused")
	}
	joined, ok := err.(interface{ Unwrap() []error })
	if !ok {
		t.Fatalf("got %v, want audit errors", err)
	}
	var tables []string
	found := false
	for _, e := range joined.Unwrap() {
		var ae *AuditError
		if !errors.As(e, &ae) {
			t.Fatalf("got %v, want audit errors", e)
		}
		tables = append(tables, ae.Table)
		for _, c := range ae.Cells {
			found = found || ae.Table == "second" && strings.Contains(c.Problem, "add up to between")
		}
	}
	if !slices.Equal(tables, []string{"second"}) {
		t.Errorf("the errors name the tables %q, want only \"second\": %v", tables, err)
	}
	if !found {
		t.Errorf("the row's sum is not reported at the second table: %v", err)
	}
}
