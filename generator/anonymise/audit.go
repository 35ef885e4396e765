package anonymise

import (
	"math/big"
	"slices"
)

// The audit decides, for a grid whose suppression pattern is chosen, whether
// any hidden cell can be worked out from what is published. It does not trust
// the heuristics in suppress.go: it solves the table's equations exactly.
//
// Three tests, for every hidden cell except exempt national ones:
//
//  1. Derivable: with every published figure taken as exact, the line
//     equations fix the cell's value (Gaussian elimination, derivable).
//  2. Small: a public reader, who knows the rule but not why a cell is
//     hidden, can show that the cell lies between SuppressFrom and
//     SuppressTo (its largest feasible value is at most SuppressTo; its
//     smallest is at least SuppressFrom anyway, as zeros are always shown).
//  3. Pinned: an insider, who also knows which hidden cells are small, can
//     narrow the cell to a single value.
//
// Tests 2 and 3 solve linear programmes (simplex.go, exact rational
// arithmetic) over the line equations with each cell bounded by what the
// reader knows about it on its own (grid.bounds).
// The equations of a table with margins form a network (negate the column
// equations of the body and the totals row's equation: then every cell is an
// arc from its row to its column, and totals are arcs to and from the
// totals' row and column), so the constraint matrix is totally unimodular and, with whole-number bounds, the
// extremes are whole numbers: the LP bounds are exactly the bounds over whole
// numbers. They are rounded inwards all the same, which is sound regardless.

// reason is why a hidden cell fails the audit.
type reason uint8

const (
	passes    reason = iota
	derivedBy        // fixed by the equations
	smallBy          // shown by the figures to be small
	pinnedBy         // pinned to one value by an insider
)

// verdict is the audit of one hidden cell. Intervals are in counts;
// hi == unbounded means no upper limit.
type verdict struct {
	cell         int
	derivable    bool
	pubLo, pubHi int // what a public reader can prove
	insLo, insHi int // what an insider can prove
}

// why returns the first test the cell fails, or passes.
func (v verdict) why(p Policy) reason {
	switch {
	case v.derivable:
		return derivedBy
	case v.pubHi != unbounded && v.pubHi <= p.SuppressTo:
		return smallBy
	case v.insLo == v.insHi || v.pubLo == v.pubHi:
		return pinnedBy
	}
	return passes
}

// audit returns a verdict for every audited hidden cell, in cell order,
// with every interval solved in full. Publish uses the quicker failures,
// which stops as soon as each answer is known; audit is the reference the
// tests hold failures to, and what the brute-force cross-check compares
// against. limit, when positive, adds the bound x ≤ limit to every unknown,
// so that enumeration and the linear programmes solve the same problem.
func (g *grid) audit(limit int) ([]verdict, error) {
	var out []verdict
	var cells []int
	for k := range g.st {
		if g.audited(k) {
			cells = append(cells, k)
			out = append(out, verdict{cell: k})
		}
	}
	if len(cells) == 0 {
		return nil, nil
	}
	der := g.derivable()
	for i, k := range cells {
		out[i].derivable = der[k]
	}
	for _, a := range []attacker{public, insider} {
		lp, err := g.programme(a, limit)
		if err != nil {
			return nil, err
		}
		for i, k := range cells {
			lo, hi, err := lp.interval(k)
			if err != nil {
				return nil, err
			}
			if a == public {
				out[i].pubLo, out[i].pubHi = lo, hi
			} else {
				out[i].insLo, out[i].insHi = lo, hi
			}
		}
	}
	return out, nil
}

// derivable runs test 1: which cells the equations fix when the published
// figures are exact. The unknowns are the hidden cells and the unpublished
// totals.
func (g *grid) derivable() map[int]bool {
	var unknowns []int
	col := make(map[int]int)
	for k, s := range g.st {
		if s == free || s.hidden() {
			col[k] = len(unknowns)
			unknowns = append(unknowns, k)
		}
	}
	var a [][]int
	for _, eq := range g.lines() {
		row := make([]int, len(unknowns))
		used := false
		for _, t := range eq {
			if j, ok := col[t.cell]; ok {
				row[j] += t.coef
				used = true
			}
		}
		if used {
			a = append(a, row)
		}
	}
	res := derivable(a, len(unknowns))
	out := make(map[int]bool, len(unknowns))
	for j, k := range unknowns {
		out[k] = res[j]
	}
	return out
}

// cellProgramme is the linear programme of one attacker model: variables
// y = x − lo for every cell whose value is not fixed.
type cellProgramme struct {
	s     *simplex
	index map[int]int // cell → variable
	lo    []int       // shift of each variable
	fixed map[int]int // cells whose bounds leave one value
}

// programme builds the attacker's linear programme.
func (g *grid) programme(a attacker, limit int) (*cellProgramme, error) {
	cp := &cellProgramme{index: make(map[int]int), fixed: make(map[int]int)}
	var upper []int
	fixed := cp.fixed
	for k := range g.st {
		lo, hi := g.bounds(k, a)
		if limit > 0 && (hi == unbounded || hi > limit) {
			hi = limit
		}
		if lo == hi {
			fixed[k] = lo
			continue
		}
		cp.index[k] = len(upper)
		cp.lo = append(cp.lo, lo)
		if hi == unbounded {
			upper = append(upper, unbounded)
		} else {
			upper = append(upper, hi-lo)
		}
	}
	var rows [][]int
	var rhs []int
	for _, eq := range g.lines() {
		row := make([]int, len(upper))
		b := 0
		used := false
		for _, t := range eq {
			if v, ok := cp.index[t.cell]; ok {
				row[v] += t.coef
				b -= t.coef * cp.lo[v]
				used = true
			} else {
				b -= t.coef * fixed[t.cell]
			}
		}
		if used {
			rows = append(rows, row)
			rhs = append(rhs, b)
		}
	}
	s, err := newSimplex(rows, rhs, upper)
	if err != nil {
		return nil, err
	}
	cp.s = s
	return cp, nil
}

// interval returns the smallest and largest whole values cell k can take.
func (cp *cellProgramme) interval(k int) (lo, hi int, err error) {
	v, ok := cp.index[k]
	if !ok {
		// Fixed by its own bounds: an insider knows a primary cell exactly
		// when SuppressFrom == SuppressTo.
		return cp.fixed[k], cp.fixed[k], nil
	}
	mn, err := cp.s.minimise(v)
	if err != nil {
		return 0, 0, err
	}
	mx, ok, err := cp.s.maximise(v)
	if err != nil {
		return 0, 0, err
	}
	lo = cp.lo[v] + ceil(mn)
	hi = unbounded
	if ok {
		hi = cp.lo[v] + floor(mx)
	}
	return lo, hi, nil
}

func floor(r *big.Rat) int {
	var q, m big.Int
	q.DivMod(r.Num(), r.Denom(), &m) // Euclidean: rounds towards −∞ for positive divisors
	return int(q.Int64())
}

func ceil(r *big.Rat) int {
	f := floor(r)
	if !r.IsInt() {
		f++
	}
	return f
}

// finding is a hidden cell that fails the audit, and the first test it
// fails.
type finding struct {
	cell int
	why  reason
}

// failures runs the three tests and returns the cells that fail, in cell
// order; with first it returns as soon as one fails. It answers the same
// question as audit but only as far as needed: a cell passes test 2 as soon
// as some feasible table has it above SuppressTo, and test 3 as soon as one
// has it above its minimum.
func (g *grid) failures(first bool) ([]finding, error) {
	var cells []int
	for k := range g.st {
		if g.audited(k) {
			cells = append(cells, k)
		}
	}
	if len(cells) == 0 {
		return nil, nil
	}
	var out []finding
	failed := make(map[int]bool)
	fail := func(k int, r reason) bool {
		out = append(out, finding{k, r})
		failed[k] = true
		return first
	}
	der := g.derivable()
	for _, k := range cells {
		if der[k] && fail(k, derivedBy) {
			return out, nil
		}
	}
	// Each test needs, per cell, one feasible table that shows the cell is
	// safe: for test 2 one where it is above SuppressTo, for test 3 one
	// where it differs from its true value (the true table is feasible).
	// Every solve leaves the solver at a feasible table, so after each one
	// all open cells are checked against it, and most cells are settled
	// without a solve of their own.
	for _, a := range []attacker{public, insider} {
		lp, err := g.programme(a, 0)
		if err != nil {
			return nil, err
		}
		target := make(map[int]*big.Rat)
		var open []int
		for _, k := range cells {
			if failed[k] {
				continue
			}
			v, ok := lp.index[k]
			if !ok { // fixed by its own bounds
				if fail(k, pinnedBy) {
					return out, nil
				}
				continue
			}
			t := g.p.SuppressTo + 1 // test 2: reach above the range
			if a == insider {
				t = g.x[k] // test 3: differ from the truth
			}
			target[k] = big.NewRat(int64(t-lp.lo[v]), 1)
			open = append(open, k)
		}
		safe := make(map[int]bool)
		sweep := func() {
			for _, k := range open {
				c := lp.s.valueCmp(lp.index[k], target[k])
				if (a == public && c >= 0) || (a == insider && c != 0) {
					safe[k] = true
				}
			}
		}
		sweep()
		for _, k := range open {
			if safe[k] {
				continue
			}
			v := lp.index[k]
			// reaches can say yes without a point to show for it (when
			// the cell is unbounded), so its answer counts as well.
			if a == public {
				ok, err := lp.s.reaches(v, target[k])
				if err != nil {
					return nil, err
				}
				safe[k] = safe[k] || ok
			} else {
				// Below the truth, or failing that above it.
				if _, err := lp.s.minimise(v); err != nil {
					return nil, err
				}
				sweep()
				if safe[k] {
					continue
				}
				var above big.Rat
				above.Add(target[k], big.NewRat(1, 1))
				ok, err := lp.s.reaches(v, &above)
				if err != nil {
					return nil, err
				}
				safe[k] = safe[k] || ok
			}
			sweep()
			if !safe[k] {
				r := smallBy
				if a == insider {
					r = pinnedBy
				}
				if fail(k, r) {
					return out, nil
				}
			}
		}
	}
	slices.SortFunc(out, func(a, b finding) int { return a.cell - b.cell })
	return out, nil
}
