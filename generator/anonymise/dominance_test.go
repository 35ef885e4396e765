package anonymise

import (
	"fmt"
	"testing"
)

// part is what one contributor gives one cell.
type part struct {
	row, col int
	from     string
	n        int
}

// spread gives each cell of body from enough contributors (one action
// each) that none dominates, except the cells of parts, which hold the
// parts only.
func spread(body [][]int, parts []part) *Counts {
	c := table("by contributor", body, AllMargins)
	c = NewCounts(c.Meta.Title, c.rows, c.cols)
	mine := map[[2]int]bool{}
	for _, p := range parts {
		mine[[2]int{p.row, p.col}] = true
	}
	for i, row := range body {
		for j, v := range row {
			if mine[[2]int{i, j}] {
				continue // the parts' cells hold the parts only
			}
			for n := range v {
				c.AddFrom(i, j, fmt.Sprintf("p%d-%d-%d", i, j, n), 1)
			}
		}
	}
	for _, p := range parts {
		c.AddFrom(p.row, p.col, p.from, p.n)
	}
	return c
}

// TestDominance: a count that one contributor gives nearly all of is
// hidden, since it is that contributor's own figure give or take a small
// count of the others', and then protected so that the contributor,
// taking its share away, cannot show the others' to be small.
func TestDominance(t *testing.T) {
	body := [][]int{{40, 35, 30}, {45, 50, 40}, {30, 40, 45}}
	tests := []struct {
		name    string
		parts   []part
		hidden  [][2]int // cells that must be hidden (Total for a total)
		shown   [][2]int // cells that must be shown
		primary int
		// smallRow gives the first row a few small counts beside the
		// provider's, so that its total is dominated too.
		smallRow bool
	}{
		{"no contributor dominates", nil, nil, [][2]int{{0, 0}, {Total, Total}}, 0, false},
		// 13 of 15 from one provider: the others give 2.
		{"one gives 13 of 15", []part{{2, 2, "big", 13}, {2, 2, "a", 1}, {2, 2, "b", 1}},
			[][2]int{{2, 2}}, nil, 1, false},
		// One provider alone: its own figure.
		{"one gives all 20", []part{{1, 2, "only", 20}}, [][2]int{{1, 2}}, nil, 1, false},
		// The others give 8: they are not a small count.
		{"the others give 8", []part{{0, 1, "big", 12}, {0, 1, "x", 8}}, nil, [][2]int{{0, 1}}, 0, false},
		// 8 from 8 providers: shown as 10, it stands for 8 to 12, so each
		// provider knows only that the others give 7 to 11.
		{"eight from eight", []part{{0, 2, "a", 1}, {0, 2, "b", 1}, {0, 2, "c", 1}, {0, 2, "d", 1},
			{0, 2, "e", 1}, {0, 2, "f", 1}, {0, 2, "g", 1}, {0, 2, "h", 1}}, nil, [][2]int{{0, 2}}, 0, false},
		// 10, 6 from one provider: it knows the others give 2 to 6.
		{"six of ten", []part{{0, 2, "big", 6}, {0, 2, "a", 2}, {0, 2, "b", 2}}, [][2]int{{0, 2}}, nil, 1, false},
		// 10 with two giving 3 each and four others 1 each: neither
		// alone learns much (others 5 to 9), but the two together,
		// taking their 6 from 8 to 12, know the other four give 2 to 6.
		{"two give 6 of ten", []part{{0, 2, "a", 3}, {0, 2, "b", 3}, {0, 2, "c", 1}, {0, 2, "d", 1}, {0, 2, "e", 1}, {0, 2, "f", 1}},
			[][2]int{{0, 2}}, nil, 1, false},
		// 8 from two providers alone: each knows only that the other
		// gives 4 to 8, and together there is nobody else to learn of.
		{"two give all of eight", []part{{0, 2, "a", 4}, {0, 2, "b", 4}}, nil, [][2]int{{0, 2}}, 0, false},
		// A row total one provider dominates, though no cell of the row
		// is large without it.
		{"a dominated total", []part{{0, 0, "big", 200}}, [][2]int{{0, 0}, {0, Total}}, nil, 2, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := body
			if tt.smallRow {
				b = [][]int{{0, 3, 3}, {45, 50, 40}, {30, 40, 45}}
			}
			c := spread(b, tt.parts)
			// With the rule turned off, every figure of 8 or more is shown.
			off := DefaultPolicy()
			off.PublishDominant = true
			gotOff, _, err := off.Publish(c)
			if err != nil {
				t.Fatal(err)
			}
			p := DefaultPolicy()
			got, rep, err := p.Publish(c)
			if err != nil {
				t.Fatal(err)
			}
			cellOf := func(got *Table, rc [2]int) Cell {
				switch {
				case rc[0] == Total && rc[1] == Total:
					return got.GrandTotal()
				case rc[0] == Total:
					return got.ColumnTotal(rc[1])
				case rc[1] == Total:
					return got.RowTotal(rc[0])
				}
				return got.Cell(rc[0], rc[1])
			}
			cell := func(rc [2]int) Cell { return cellOf(got, rc) }
			for _, rc := range tt.hidden {
				if !cell(rc).Suppressed() {
					t.Errorf("cell %v is shown as %s; it is nearly all one provider's", rc, cell(rc))
				}
				if cellOf(gotOff, rc).Suppressed() {
					t.Errorf("cell %v is hidden with PublishDominant", rc)
				}
			}
			for _, rc := range tt.shown {
				if cell(rc).Suppressed() {
					t.Errorf("cell %v is hidden", rc)
				}
			}
			if rep.Primary < tt.primary {
				t.Errorf("report: %d primary, want at least %d", rep.Primary, tt.primary)
			}
			// The audit holds the hidden dominated cells to their
			// target: every one can reach its provider's share plus 8.
			g := newGrid(p, c)
			for k := range g.st {
				g.st[k] = statusOf(got, g, k, g.st[k])
			}
			vs, err := g.audit(0)
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range vs {
				if r := v.why(p); r != passes {
					t.Errorf("cell %d fails the audit after publication: %v", v.cell, r)
				}
				if !v.group && g.st[v.cell] == dominated && v.pubHi != unbounded && v.pubHi < g.top[v.cell]+p.SuppressTo+1 {
					t.Errorf("dominated cell %d can reach only %d, its provider gives %d", v.cell, v.pubHi, g.top[v.cell])
				}
			}
		})
	}
}

// statusOf returns the status cell k of grid g has in the published
// table: hidden ones keep the rule's reason, complements become secondary.
func statusOf(t *Table, g *grid, k int, s status) status {
	i, j := k/g.c, k%g.c
	R, C := g.r-1, g.c-1
	var c Cell
	switch {
	case i == R && j == C:
		c = t.GrandTotal()
	case i == R:
		c = t.ColumnTotal(j)
	case j == C:
		c = t.RowTotal(i)
	default:
		c = t.Cell(i, j)
	}
	if c.Suppressed() && !s.hidden() {
		return secondary
	}
	return s
}

// TestDominanceTarget: the audit fails a hidden dominated cell that a
// reader can narrow to below its provider's share plus SuppressTo+1,
// though the test of a small count (can it reach SuppressTo+1?) passes it.
func TestDominanceTarget(t *testing.T) {
	p := DefaultPolicy()
	// a: 15, 13 of them from one provider; b: 1; c: 40 from 40
	// providers; total 56, shown as 55. With c shown as 40 (38 to 42),
	// a + b is 11 to 19, so a is at most 18 (b is at least 1): enough to
	// be more than 7, but the provider, knowing its 13, would know the
	// others give at most 5.
	c := NewList("list", "Number", []string{"a", "b", "c"})
	c.AddFrom(0, 0, "big", 13)
	c.AddFrom(0, 0, "x", 1)
	c.AddFrom(0, 0, "y", 1)
	c.AddFrom(1, 0, "z", 1)
	for n := range 40 {
		c.AddFrom(2, 0, fmt.Sprint("p", n), 1)
	}
	g := newGrid(p, c)
	a, b := g.at(0, 0), g.at(1, 0)
	if g.st[a] != dominated || g.st[b] != primary {
		t.Fatalf("statuses %d and %d, want a dominated and b primary", g.st[a], g.st[b])
	}
	fails, err := g.failures(false)
	if err != nil {
		t.Fatal(err)
	}
	if len(fails) == 0 || fails[0].cell != a || fails[0].why != smallBy {
		t.Fatalf("failures %v, want a to fail as narrowed", fails)
	}
	vs, err := g.audit(0)
	if err != nil {
		t.Fatal(err)
	}
	if r := vs[0].why(p); vs[0].cell != a || r != smallBy {
		t.Errorf("the reference audit gives a %v (interval %d..%d), want it narrowed", r, vs[0].pubLo, vs[0].pubHi)
	}
	// Publishing hides more, after which a is safe.
	got, _, err := p.Publish(c)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Cell(0, 0).Suppressed() || !got.Cell(2, 0).Suppressed() && !got.ColumnTotal(0).Suppressed() {
		t.Errorf("published a = %s, c = %s, total = %s; want a and one of the others hidden", got.Cell(0, 0), got.Cell(2, 0), got.ColumnTotal(0))
	}
}
