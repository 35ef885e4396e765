package anonymise

import (
	"fmt"
	"testing"
	"time"
)

// An independent check of the audit on tiny tables: enumerate every
// whole-number table a reader would find consistent with what is published,
// and compare the range of each hidden cell with the audit's linear
// programmes, and which cells are fixed with its Gaussian elimination.
//
// The brute force derives the reader's knowledge from the published Table
// (through its exported API) and the rule, restated independently
// (roundRef); it shares no code with grid.bounds, grid.lines or the solvers.
// Enumeration needs a finite range, so both sides cap every cell and total at
// the same limit (the audit's limit parameter exists for this test).

// extended is a tiny table with its totals: (R+1) × (C+1) values.
type extended struct {
	R, C int
	v    []int
}

func (e *extended) at(i, j int) *int { return &e.v[i*(e.C+1)+j] }

// fill computes the totals from the body.
func (e *extended) fill() {
	for i := 0; i <= e.R; i++ {
		*e.at(i, e.C) = 0
	}
	for j := 0; j <= e.C; j++ {
		*e.at(e.R, j) = 0
	}
	for i := range e.R {
		for j := range e.C {
			x := *e.at(i, j)
			*e.at(i, e.C) += x
			*e.at(e.R, j) += x
			*e.at(e.R, e.C) += x
		}
	}
}

// knowledge is what a reader knows about one cell of the extended table.
type knowledge func(x int) bool

// readerKnowledge states what attacker a knows about each extended cell,
// from the published table, the rule and (for the insider) the true counts.
// national says which extended cells are exempt national figures (readers
// know which rows and columns are national from their labels).
func readerKnowledge(p Policy, tab *Table, truth *extended, national []bool, a attacker) []knowledge {
	R, C := truth.R, truth.C
	know := make([]knowledge, (R+1)*(C+1))
	cellAt := func(i, j int) (Cell, bool) {
		switch {
		case i < R && j < C:
			return tab.Cell(i, j), true
		case i < R && tab.HasRowTotals():
			return tab.RowTotal(i), true
		case i == R && j < C && tab.HasColumnTotals():
			return tab.ColumnTotal(j), true
		case i == R && j == C && tab.HasGrandTotal():
			return tab.GrandTotal(), true
		}
		return Cell{}, false
	}
	for i := 0; i <= R; i++ {
		for j := 0; j <= C; j++ {
			cell, shown := cellAt(i, j)
			x0 := *truth.at(i, j)
			var k knowledge
			switch {
			case !shown:
				k = func(int) bool { return true }
			case cell.Suppressed():
				switch {
				case a == public || national[i*(C+1)+j]:
					k = func(x int) bool { return x >= 1 }
				case x0 >= p.SuppressFrom && x0 <= p.SuppressTo:
					k = func(x int) bool { return x >= p.SuppressFrom && x <= p.SuppressTo }
				default:
					k = func(x int) bool { return x > p.SuppressTo }
				}
			default:
				v, _ := cell.Count()
				switch {
				case national[i*(C+1)+j]:
					k = func(x int) bool { return x == v }
				case v == 0:
					k = func(x int) bool { return x == 0 }
				default:
					k = func(x int) bool { return x > p.SuppressTo && roundRef(x, p.RoundTo) == v }
				}
			}
			know[i*(C+1)+j] = k
		}
	}
	return know
}

// enumerate visits every body assignment with all cells and totals in
// [0, limit] that satisfies know; it gives up (returning false) after
// visiting budget nodes of the search tree.
func enumerate(R, C, limit int, know []knowledge, budget int, visit func(*extended)) bool {
	e := &extended{R: R, C: C, v: make([]int, (R+1)*(C+1))}
	rowSum := make([]int, R)
	colSum := make([]int, C)
	total := 0
	nodes := 0
	var walk func(n int) bool
	walk = func(n int) bool {
		nodes++
		if nodes > budget {
			return false
		}
		if n == R*C {
			e.fill()
			for k, ok := range know {
				if !ok(e.v[k]) {
					return true
				}
			}
			visit(e)
			return true
		}
		i, j := n/C, n%C
		for x := 0; total+x <= limit && rowSum[i]+x <= limit && colSum[j]+x <= limit; x++ {
			if !know[i*(C+1)+j](x) {
				continue
			}
			*e.at(i, j) = x
			rowSum[i] += x
			colSum[j] += x
			total += x
			// Prune on a finished row's or column's total as soon as
			// it is known.
			okRow := j < C-1 || know[i*(C+1)+C](rowSum[i])
			okCol := i < R-1 || know[R*(C+1)+j](colSum[j])
			cont := true
			if okRow && okCol {
				cont = walk(n + 1)
			}
			rowSum[i] -= x
			colSum[j] -= x
			total -= x
			if !cont {
				return false
			}
		}
		return true
	}
	return walk(0)
}

func TestPropertyBruteForce(t *testing.T) {
	rng := newRand(2)
	shapes := [][2]int{{1, 2}, {1, 3}, {2, 1}, {3, 1}, {4, 1}, {2, 2}, {2, 3}, {3, 2}, {3, 3}}
	n := 1000 * *propertyScale
	start := time.Now()
	var checked, cells, skipped int
	for iter := range n {
		sh := shapes[iter%len(shapes)]
		R, C := sh[0], sh[1]
		c := randomCounts(rng, R, C, 12)
		if C == 1 && rng.IntN(2) == 0 {
			c.Margins = ColumnTotals // a list and its total
		}
		p := randomPolicy(rng)
		if p.NationalExempt {
			c.MarkNationalRow(Total)
		}
		g := newGrid(p, c)
		_, err := g.protect()
		if err != nil {
			t.Fatal(err)
		}
		tab := g.table(c)
		truth := &extended{R: R, C: C, v: make([]int, (R+1)*(C+1))}
		for i := range R {
			for j := range C {
				*truth.at(i, j) = c.n[i*C+j]
			}
		}
		truth.fill()
		limit := *truth.at(R, C) + rng.IntN(6)
		vs, err := g.audit(limit)
		if err != nil {
			t.Fatal(err)
		}
		desc := func() string {
			return fmt.Sprintf("policy %+v, margins %b, limit %d, counts %v\n%s", p, c.Margins, limit, c.n, render(tab))
		}
		complete := true
		for _, a := range []attacker{public, insider} {
			know := readerKnowledge(p, tab, truth, nationalCells(p, c), a)
			// Cells first, then the sum of each group.
			groups := g.groups()
			lo := make([]int, len(truth.v)+len(groups))
			hi := make([]int, len(lo))
			for k := range lo {
				lo[k], hi[k] = 1<<30, -1
			}
			if !enumerate(R, C, limit, know, 1_000_000, func(e *extended) {
				for k, x := range e.v {
					lo[k], hi[k] = min(lo[k], x), max(hi[k], x)
				}
				for i, gr := range groups {
					sum := 0
					for _, k := range gr.hidden {
						sum += e.v[k]
					}
					k := len(e.v) + i
					lo[k], hi[k] = min(lo[k], sum), max(hi[k], sum)
				}
			}) {
				complete = false
				break
			}
			for _, v := range vs {
				if v.group && a == insider {
					continue // groups are a public reader's test
				}
				gotLo, gotHi := v.pubLo, v.pubHi
				if a == insider {
					gotLo, gotHi = v.insLo, v.insHi
				}
				if gotLo != lo[v.cell] || gotHi != hi[v.cell] {
					t.Fatalf("attacker %d, cell %d: audit [%d, %d], enumeration [%d, %d]\n%s",
						a, v.cell, gotLo, gotHi, lo[v.cell], hi[v.cell], desc())
				}
			}
		}
		if !complete {
			skipped++
			continue
		}
		// Exact derivability: published figures exact, hidden body cells
		// within ±1 of the truth (allowing negatives). The equations are a
		// network's, whose null space is spanned by cycles with entries
		// −1, 0 and 1, so a cell the equations do not fix moves within
		// that box.
		fixedBody := make([]bool, len(truth.v))
		der := make(map[int]bool)
		{
			var hid []int
			for i := range R {
				for j := range C {
					k := i*(C+1) + j
					if tab.Cell(i, j).Suppressed() {
						hid = append(hid, k)
					} else {
						fixedBody[k] = true
					}
				}
			}
			seen := make([]map[int]bool, len(truth.v))
			for k := range seen {
				seen[k] = map[int]bool{}
			}
			e := &extended{R: R, C: C, v: append([]int(nil), truth.v...)}
			var walk func(n int)
			walk = func(n int) {
				if n == len(hid) {
					e.fill()
					for k := range e.v {
						// Published figures must match exactly;
						// the cells' own bounds play no part.
						if tabShows(tab, R, C, k) && !isHidden(tab, R, C, k) && e.v[k] != truth.v[k] {
							return
						}
					}
					for k, x := range e.v {
						seen[k][x] = true
					}
					return
				}
				k := hid[n]
				for d := -1; d <= 1; d++ {
					e.v[k] = truth.v[k] + d
					walk(n + 1)
				}
				e.v[k] = truth.v[k]
			}
			walk(0)
			for k := range truth.v {
				der[k] = len(seen[k]) == 1
			}
		}
		for _, v := range vs {
			if v.derivable != der[v.cell] {
				t.Fatalf("cell %d: elimination says derivable=%v, enumeration %v\n%s", v.cell, v.derivable, der[v.cell], desc())
			}
		}
		checked++
		cells += len(vs)
	}
	t.Logf("%d tiny tables cross-checked by enumeration in %v (%d hidden cells compared under both attacker models; %d skipped as too large to enumerate)",
		checked, time.Since(start).Round(time.Millisecond), cells, skipped)
}

func tabShows(tab *Table, R, C, k int) bool {
	i, j := k/(C+1), k%(C+1)
	switch {
	case i < R && j < C:
		return true
	case i < R:
		return tab.HasRowTotals()
	case j < C:
		return tab.HasColumnTotals()
	}
	return tab.HasGrandTotal()
}

func isHidden(tab *Table, R, C, k int) bool {
	i, j := k/(C+1), k%(C+1)
	switch {
	case i < R && j < C:
		return tab.Cell(i, j).Suppressed()
	case i < R:
		return tab.RowTotal(i).Suppressed()
	case j < C:
		return tab.ColumnTotal(j).Suppressed()
	}
	return tab.GrandTotal().Suppressed()
}

// nationalCells lists the exempt cells of c's extended table, from its marks.
func nationalCells(p Policy, c *Counts) []bool {
	out := make([]bool, len(c.national))
	for k, m := range c.national {
		out[k] = p.NationalExempt && (m || c.National)
	}
	return out
}
