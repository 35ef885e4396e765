package anonymise

import (
	"errors"
	"math/big"
	"slices"
	"sync"
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

// reason is why a hidden cell, or a group of them, fails the audit.
type reason uint8

const (
	passes     reason = iota
	derivedBy         // fixed by the equations
	smallBy           // shown by the figures to be small
	pinnedBy          // pinned to one value by an insider
	groupSmall        // the sum of a line's hidden figures shown to be small
	// groupDominated: the sum of a line's hidden figures that one or two
	// contributors give most of cannot reach their share plus
	// SuppressTo+1 (groups.go)
	groupDominated
)

// verdict is the audit of one hidden cell, or of one group sum (groups.go).
// Intervals are in counts; hi == unbounded means no upper limit.
type verdict struct {
	cell         int // the cell, or len(g.st)+i for group i
	group        bool
	derivable    bool
	pubLo, pubHi int // what a public reader can prove
	insLo, insHi int // what an insider can prove (cells only)
	// target is the value the public must believe the cell could
	// reach (grid.target); 0 means SuppressTo+1.
	target int
}

// why returns the first test the cell or group fails, or passes.
func (v verdict) why(p Policy) reason {
	target := v.target
	if target == 0 {
		target = p.SuppressTo + 1
	}
	small := v.pubHi != unbounded && v.pubHi < target
	switch {
	case v.group && small && target > p.SuppressTo+1:
		return groupDominated
	case v.group && small:
		return groupSmall
	case v.group:
		return passes
	case v.derivable:
		return derivedBy
	case small:
		return smallBy
	case v.insLo == v.insHi || v.pubLo == v.pubHi:
		return pinnedBy
	}
	return passes
}

// audit returns a verdict for every audited hidden cell, in cell order,
// then for every group, with every interval solved in full. Publish uses
// the quicker failures, which stops as soon as each answer is known; audit
// is the reference the tests hold failures to, and what the brute-force
// cross-check compares against. limit, when positive, adds the bound
// x ≤ limit to every unknown, so that enumeration and the linear
// programmes solve the same problem.
func (g *grid) audit(limit int) ([]verdict, error) {
	var out []verdict
	var cells []int
	for k := range g.st {
		if g.audited(k) {
			cells = append(cells, k)
			out = append(out, verdict{cell: k, target: g.target(k)})
		}
	}
	if len(cells) == 0 {
		return nil, nil
	}
	groups := g.groups()
	der := g.derivable()
	for i, k := range cells {
		out[i].derivable = der[k]
	}
	for _, a := range []attacker{public, insider} {
		lp, err := g.programme(a, limit, groups)
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
		if a != public {
			continue
		}
		for i, v := range lp.group {
			lo, hi, err := lp.varInterval(v, 0)
			if err != nil {
				return nil, err
			}
			out = append(out, verdict{cell: len(g.st) + i, group: true, pubLo: lo, pubHi: hi, insLo: lo, insHi: hi, target: groups[i].target})
		}
	}
	return out, nil
}

// derivable runs test 1: which cells the equations fix when the published
// figures are exact. The unknowns are the hidden cells and the unpublished
// totals (one per class of figures taken to be equal).
func (g *grid) derivable() map[int]bool {
	var unknowns []int
	col := make(map[int]int)
	for k, s := range g.st {
		if s == free || s.hidden() {
			r := g.root(k)
			if _, ok := col[r]; !ok {
				col[r] = len(unknowns)
				unknowns = append(unknowns, r)
			}
		}
	}
	var a [][]int
	for _, eq := range g.lines() {
		row := make([]int, len(unknowns))
		used := false
		for _, t := range eq {
			if j, ok := col[g.root(t.cell)]; ok {
				row[j] += t.coef
				used = true
			}
		}
		if used {
			a = append(a, row)
		}
	}
	res := derivable(a, len(unknowns))
	out := make(map[int]bool, len(g.st))
	for k, s := range g.st {
		if s == free || s.hidden() {
			out[k] = res[col[g.root(k)]]
		}
	}
	return out
}

// cellProgramme is the linear programme of one attacker model: variables
// y = x − lo for every class of cells whose value is not fixed, then one
// for each group sum.
type cellProgramme struct {
	s     *simplex
	index map[int]int // cell → variable
	lo    []int       // shift of each variable
	fixed map[int]int // cells whose bounds leave one value
	group []int       // variable of each group sum
}

// programme builds the attacker's linear programme, with a variable for
// the sum of each group.
//
// With earlier releases, the reader's assumption that figures shown with
// the same value did not change may contradict the figures (a hidden
// count that is now 0, the total still shown the same). The reader then
// knows that something changed, and takes the explanation that changes
// the figures least: the programme is built again with each assumed
// equality relaxed by a change the reader does not see, and the total
// change held to its least possible value (see history.go).
func (g *grid) programme(a attacker, limit int, groups []group) (*cellProgramme, error) {
	cp, err := g.buildProgramme(a, limit, groups, false)
	if errors.Is(err, errInfeasible) && len(g.links) > 0 {
		return g.buildProgramme(a, limit, groups, true)
	}
	return cp, err
}

func (g *grid) buildProgramme(a attacker, limit int, groups []group, soft bool) (*cellProgramme, error) {
	root := g.root
	if soft {
		root = func(k int) int { return k }
	}
	cp := &cellProgramme{index: make(map[int]int), fixed: make(map[int]int)}
	// Bounds of each class: what the reader knows of every member at once.
	type span struct{ lo, hi int }
	classes := make(map[int]span)
	var order []int
	for k := range g.st {
		lo, hi := g.bounds(k, a)
		if limit > 0 && (hi == unbounded || hi > limit) {
			hi = limit
		}
		r := root(k)
		sp, seen := classes[r]
		if !seen {
			classes[r] = span{lo, hi}
			order = append(order, r)
			continue
		}
		sp.lo = max(sp.lo, lo)
		if sp.hi == unbounded || (hi != unbounded && hi < sp.hi) {
			sp.hi = hi
		}
		classes[r] = sp
	}
	var upper []int
	rootVar := make(map[int]int, len(order))
	for _, r := range order {
		sp := classes[r]
		switch {
		case sp.hi != unbounded && sp.lo > sp.hi:
			return nil, errInfeasible
		case sp.lo == sp.hi:
			cp.fixed[r] = sp.lo
			continue
		}
		rootVar[r] = len(upper)
		cp.lo = append(cp.lo, sp.lo)
		if sp.hi == unbounded {
			upper = append(upper, unbounded)
		} else {
			upper = append(upper, sp.hi-sp.lo)
		}
	}
	for k := range g.st {
		r := root(k)
		if v, ok := rootVar[r]; ok {
			cp.index[k] = v
		} else {
			cp.fixed[k] = cp.fixed[r]
		}
	}
	for range groups {
		cp.group = append(cp.group, len(upper))
		cp.lo = append(cp.lo, 0)
		upper = append(upper, unbounded)
	}
	var rows [][]int
	var rhs []int
	add := func(eq []term) {
		row := make([]int, len(upper))
		b := 0
		used := false
		for _, t := range eq {
			if v, ok := cp.index[t.cell]; ok {
				row[v] += t.coef
				b -= t.coef * cp.lo[v]
				used = true
			} else {
				b -= t.coef * cp.fixed[t.cell]
			}
		}
		if used {
			rows = append(rows, row)
			rhs = append(rhs, b)
		}
	}
	for _, eq := range g.lines() {
		add(eq)
	}
	for i, gr := range groups {
		// sum − members = 0; the sum's variable is added by hand, as it
		// is no cell.
		eq := make([]term, 0, len(gr.hidden))
		for _, k := range gr.hidden {
			eq = append(eq, term{k, -1})
		}
		n := len(rows)
		add(eq)
		if len(rows) == n {
			rows = append(rows, make([]int, len(upper)))
			b := 0
			for _, k := range gr.hidden {
				b += cp.fixed[k]
			}
			rhs = append(rhs, b)
		}
		rows[len(rows)-1][cp.group[i]] = 1
	}
	change := -1 // the variable holding the total change, when soft
	if soft {
		// a − b − up + down = 0 for each assumed equality, and the total
		// change, change − Σ (up + down) = 0.
		total := []int{}
		for _, pr := range g.links {
			up, down := len(upper), len(upper)+1
			upper = append(upper, unbounded, unbounded)
			cp.lo = append(cp.lo, 0, 0)
			for r := range rows {
				rows[r] = append(rows[r], 0, 0)
			}
			row := make([]int, len(upper))
			b := 0
			for n, k := range pr {
				coef := 1 - 2*n
				if v, ok := cp.index[k]; ok {
					row[v] += coef
					b -= coef * cp.lo[v]
				} else {
					b -= coef * cp.fixed[k]
				}
			}
			row[up], row[down] = -1, 1
			rows, rhs = append(rows, row), append(rhs, b)
			total = append(total, up, down)
		}
		change = len(upper)
		upper = append(upper, unbounded)
		cp.lo = append(cp.lo, 0)
		for r := range rows {
			rows[r] = append(rows[r], 0)
		}
		row := make([]int, len(upper))
		row[change] = 1
		for _, v := range total {
			row[v] = -1
		}
		rows, rhs = append(rows, row), append(rhs, 0)
	}
	s, err := newSimplex(rows, rhs, upper)
	if err != nil {
		return nil, err
	}
	if change >= 0 {
		if _, err := s.minimise(change); err != nil {
			return nil, err
		}
		s.capAtValue(change)
	}
	cp.s = s
	return cp, nil
}

// targets returns, for each variable, the value a public reader must
// believe it could reach: the largest target (grid.target) of the cells
// it stands for, the group's own for a group sum (groups.go).
func (cp *cellProgramme) targets(g *grid, cells []int, groups []group) []int {
	t := make([]int, len(cp.lo))
	for v := range t {
		t[v] = g.p.SuppressTo + 1
	}
	for _, k := range cells {
		if v, ok := cp.index[k]; ok {
			t[v] = max(t[v], g.target(k))
		}
	}
	for i, v := range cp.group {
		t[v] = groups[i].target
	}
	return t
}

// interval returns the smallest and largest whole values cell k can take.
func (cp *cellProgramme) interval(k int) (lo, hi int, err error) {
	v, ok := cp.index[k]
	if !ok {
		// Fixed by its own bounds: an insider knows a primary cell exactly
		// when SuppressFrom == SuppressTo.
		return cp.fixed[k], cp.fixed[k], nil
	}
	return cp.varInterval(v, cp.lo[v])
}

// varInterval returns the smallest and largest whole values of variable
// v shifted by lo.
func (cp *cellProgramme) varInterval(v, lo int) (int, int, error) {
	mn, err := cp.s.minimise(v)
	if err != nil {
		return 0, 0, err
	}
	mx, ok, err := cp.s.maximise(v)
	if err != nil {
		return 0, 0, err
	}
	hi := unbounded
	if ok {
		hi = lo + floor(mx)
	}
	return lo + ceil(mn), hi, nil
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

// finding is a hidden cell, or a group (len(g.st)+i for group i), that
// fails the audit, and the first test it fails.
type finding struct {
	cell int
	why  reason
}

// failures runs the tests and returns the cells and groups that fail, in
// order (cells, then groups); with first it returns as soon as one fails.
// It answers the same question as audit but only as far as needed: a cell
// passes test 2 as soon as some feasible table has it above SuppressTo, and
// test 3 as soon as two feasible tables give it different values.
//
// It does not rely on the true table being feasible: with earlier releases
// the reader's assumption that a figure shown with the same value in two
// releases did not change may be wrong (history.go), and the reader's
// conclusions are then audited as they stand.
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
	groups := g.groups()
	var out []finding
	failed := make(map[int]bool)
	der := g.derivable()
	for _, k := range cells {
		if der[k] {
			out = append(out, finding{k, derivedBy})
			failed[k] = true
			if first {
				return out, nil
			}
		}
	}
	if first {
		// Stop at the first failure: the public reader first, then the
		// insider on what the public test left.
		pub, err := g.attack(public, cells, failed, groups, true)
		if err != nil || len(pub) > 0 {
			return append(out, pub...), err
		}
		ins, err := g.attack(insider, cells, failed, nil, true)
		return append(out, ins...), err
	}
	// Every failure: the two readers' tests are independent problems, so
	// they run side by side. The insider's findings on figures the public
	// test failed already are dropped, as if the insider had skipped
	// them: the result is the same as one test after the other.
	var (
		pub, ins       []finding
		pubErr, insErr error
		wg             sync.WaitGroup
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		ins, insErr = g.attack(insider, cells, failed, nil, false)
	}()
	pub, pubErr = g.attack(public, cells, failed, groups, false)
	wg.Wait()
	if err := errors.Join(pubErr, insErr); err != nil {
		return nil, err
	}
	out = append(out, pub...)
	for _, f := range pub {
		failed[f.cell] = true
	}
	for _, f := range ins {
		if !failed[f.cell] {
			out = append(out, f)
		}
	}
	slices.SortFunc(out, func(a, b finding) int { return a.cell - b.cell })
	return out, nil
}

// attack runs one reader's tests on the audited cells not in skip (and,
// for the public reader, on the groups) and returns the cells and groups
// that fail; with first it returns at the first. It only reads g, so the
// two readers' attacks can run at once.
func (g *grid) attack(a attacker, cells []int, skip map[int]bool, groups []group, first bool) ([]finding, error) {
	var out []finding
	fail := func(k int, r reason) bool {
		out = append(out, finding{k, r})
		return first
	}
	lp, err := g.programme(a, 0, groups)
	if err != nil {
		return nil, err
	}
	type item struct {
		id, v  int
		lo, hi rat // the least and greatest values seen
		safe   bool
	}
	var open []*item
	for _, k := range cells {
		if skip[k] {
			continue
		}
		v, ok := lp.index[k]
		if !ok { // fixed by its own bounds
			if fail(k, pinnedBy) {
				return out, nil
			}
			continue
		}
		open = append(open, &item{id: k, v: v})
	}
	for i, v := range lp.group {
		open = append(open, &item{id: len(g.st) + i, v: v})
	}
	var reach []rat // the public target of each variable
	if a == public {
		reach = make([]rat, len(lp.lo))
		target := lp.targets(g, cells, groups)
		for v, lo := range lp.lo {
			reach[v] = ratInt(int64(target[v] - lo))
		}
	}
	started := false
	sweep := func() {
		for _, it := range open {
			if it.safe {
				continue
			}
			x := lp.s.value(it.v)
			if !started {
				it.lo, it.hi = x, x
			} else if ratCmp(x, it.lo) < 0 {
				it.lo = x
			} else if ratCmp(x, it.hi) > 0 {
				it.hi = x
			}
			if a == public {
				it.safe = ratCmp(it.hi, reach[it.v]) >= 0
			} else {
				it.safe = ratCmp(it.lo, it.hi) != 0
			}
		}
		started = true
	}
	sweep()
	for _, it := range open {
		if it.safe {
			continue
		}
		if a == public {
			// reaches can say yes without a point to show for it
			// (when the item is unbounded), so its answer counts.
			ok, err := lp.s.reaches(it.v, reach[it.v].big())
			if err != nil {
				return nil, err
			}
			sweep()
			it.safe = it.safe || ok
		} else {
			// Below the value seen, or failing that above it.
			if _, err := lp.s.minimise(it.v); err != nil {
				return nil, err
			}
			sweep()
			if it.safe {
				continue
			}
			above := ratAdd(it.hi, ratInt(1))
			ok, err := lp.s.reaches(it.v, above.big())
			if err != nil {
				return nil, err
			}
			sweep()
			it.safe = it.safe || ok
		}
		if !it.safe {
			r := pinnedBy
			switch {
			case g.isGroup(it.id) && groups[it.id-len(g.st)].target > g.p.SuppressTo+1:
				r = groupDominated
			case g.isGroup(it.id):
				r = groupSmall
			case a == public:
				r = smallBy
			}
			if fail(it.id, r) {
				return out, nil
			}
		}
	}
	return out, nil
}
