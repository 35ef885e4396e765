package anonymise

import (
	"errors"
	"math/big"
)

// simplex is a small exact linear-programming solver: the bounded-variable
// primal simplex method in rational arithmetic (rat: int64 fractions with a
// math/big fallback) with Bland's smallest-index rule, which cannot cycle, so
// every solve terminates.
//
// It solves problems of the form
//
//	A y = b,  0 ≤ y_k ≤ u_k  (u_k may be infinite)
//
// for the largest or smallest value of one variable. Phase 1 finds a feasible
// basis once (with an artificial variable per equation); after that each
// objective starts from the previous optimum, which is feasible for every
// objective, so bounding many cells of one table costs few pivots each.
//
// Speed is not the point: audit tables have at most a few hundred variables
// and exactness is what makes the audit trustworthy.
type simplex struct {
	m, n    int     // equations; variables (structural, then one artificial per equation)
	t       [][]rat // m × n tableau B⁻¹·[A | I]
	beta    []rat   // value of each row's basic variable
	basis   []int   // basic variable of each row
	row     []int   // row of each basic variable, −1 when nonbasic
	upper   []rat   // upper bounds; meaningful only where !inf
	inf     []bool  // the upper bound is infinite
	atUpper []bool  // a nonbasic variable sits at its upper bound (else at 0)
	cost    []int8  // current objective (maximised): −1, 0 or +1 per variable
	rc      []rat   // reduced cost of each column under cost, kept up to date by pivot
	active  int     // columns that can still enter: all in phase 1, structural after
	limit   int     // pivot budget: a guard against bugs, never reached by Bland's rule
}

var (
	errInfeasible = errors.New("anonymise: the audit's equations have no solution (internal error)")
	errNoProgress = errors.New("anonymise: the simplex method did not finish (internal error)")
)

// newSimplex sets up A y = b with the given upper bounds (unbounded for
// none) and runs phase 1. It fails only if the system has no solution, which
// for an audit means a bug: the true table always satisfies it.
func newSimplex(a [][]int, b []int, upper []int) (*simplex, error) {
	m, ns := len(a), len(upper)
	s := &simplex{m: m, n: ns + m}
	s.t = make([][]rat, m)
	s.beta = make([]rat, m)
	s.basis = make([]int, m)
	s.row = make([]int, s.n)
	s.upper = make([]rat, s.n)
	s.inf = make([]bool, s.n)
	s.atUpper = make([]bool, s.n)
	s.cost = make([]int8, s.n)
	s.rc = make([]rat, s.n)
	s.limit = 100*s.n + 1000
	s.active = s.n
	for k := range ns {
		s.row[k] = -1
		if upper[k] == unbounded {
			s.inf[k] = true
		} else {
			s.upper[k] = ratInt(int64(upper[k]))
		}
	}
	for i := range m {
		sign := int64(1)
		if b[i] < 0 {
			sign = -1
		}
		s.t[i] = make([]rat, s.n)
		for k, v := range a[i] {
			if v != 0 {
				s.t[i][k] = ratInt(sign * int64(v))
			}
		}
		art := ns + i
		s.t[i][art] = ratInt(1)
		s.beta[i] = ratInt(sign * int64(b[i]))
		s.basis[i] = art
		s.row[art] = i
		s.inf[art] = true
		s.cost[art] = -1
	}
	s.reprice()
	if _, err := s.run(nil); err != nil {
		return nil, err
	}
	for i := range m {
		if s.basis[i] >= ns && s.beta[i].sign() != 0 {
			return nil, errInfeasible
		}
	}
	// Artificials are now pinned to 0: nonbasic ones can never enter, and
	// basic ones (in redundant or degenerate rows) can only leave. Their
	// columns are no longer read, so pivots skip them.
	for k := ns; k < s.n; k++ {
		s.inf[k] = false
		s.upper[k] = rat{}
		s.cost[k] = 0
	}
	s.active = ns
	return s, nil
}

// maximise returns the largest value of variable k; ok is false if it is
// unbounded.
func (s *simplex) maximise(k int) (v *big.Rat, ok bool, err error) {
	return s.optimise(k, 1)
}

// minimise returns the smallest value of variable k (always bounded, as
// every variable is at least 0).
func (s *simplex) minimise(k int) (*big.Rat, error) {
	v, _, err := s.optimise(k, -1)
	return v, err
}

func (s *simplex) optimise(k int, sign int8) (*big.Rat, bool, error) {
	clear(s.cost)
	s.cost[k] = sign
	s.reprice()
	unb, err := s.run(nil)
	if err != nil || unb {
		return nil, false, err
	}
	return s.value(k).big(), true, nil
}

// reaches reports whether variable k can be at least target. It maximises
// k but stops as soon as a feasible point reaches the target, as the audit
// needs only a yes or no; the simplex method never lowers the objective, so
// the first such point settles it.
func (s *simplex) reaches(k int, target *big.Rat) (bool, error) {
	clear(s.cost)
	s.cost[k] = 1
	s.reprice()
	t := ratBig(target)
	reached := func() bool { return ratCmp(s.value(k), t) >= 0 }
	unb, err := s.run(reached)
	if err != nil {
		return false, err
	}
	return unb || reached(), nil
}

// capAtValue makes variable k's current value its upper bound: with k the
// total of some quantity, the problems that follow keep it at its least.
func (s *simplex) capAtValue(k int) {
	s.upper[k] = s.value(k)
	s.inf[k] = false
}

// value returns the current value of variable k.
func (s *simplex) value(k int) rat {
	switch {
	case s.row[k] >= 0:
		return s.beta[s.row[k]]
	case s.atUpper[k]:
		return s.upper[k]
	}
	return rat{}
}

// run maximises the current cost from the current feasible basis; it
// reports whether the objective is unbounded. If stop is not nil, run
// returns early (as if optimal) once stop reports true.
func (s *simplex) run(stop func() bool) (unbounded bool, err error) {
	for range s.limit {
		if stop != nil && stop() {
			return false, nil
		}
		q, dir := s.entering()
		if q < 0 {
			return false, nil
		}
		// Ratio test: how far can q move before something hits a bound?
		// Ties go to the smallest variable index (Bland); q itself
		// reaching its other bound is a candidate like any other.
		leave, leaveVar, leaveUp := -1, -1, false
		var best rat
		haveBest := false
		if !s.inf[q] {
			best = s.upper[q]
			haveBest, leaveVar = true, q
		}
		for i := range s.m {
			a := s.t[i][q].sign() * -dir // sign of the change of row i's basic variable
			if a == 0 {
				continue
			}
			bv := s.basis[i]
			up := a > 0
			if up && s.inf[bv] {
				continue
			}
			var lim rat
			if up {
				lim = ratSub(s.upper[bv], s.beta[i])
			} else {
				lim = s.beta[i]
			}
			lim = ratQuo(lim, ratAbs(s.t[i][q]))
			c := -1 // the first limit found is the best so far
			if haveBest {
				c = ratCmp(lim, best)
			}
			if c < 0 || (c == 0 && bv < leaveVar) {
				best = lim
				haveBest, leave, leaveVar, leaveUp = true, i, bv, up
			}
		}
		if !haveBest {
			return true, nil
		}
		// Move: every basic variable changes by −dir·t[i][q]·θ.
		if !best.isZero() {
			for i := range s.m {
				if s.t[i][q].isZero() {
					continue
				}
				d := ratMul(s.t[i][q], best)
				if dir > 0 {
					s.beta[i] = ratSub(s.beta[i], d)
				} else {
					s.beta[i] = ratAdd(s.beta[i], d)
				}
			}
		}
		if leaveVar == q {
			s.atUpper[q] = !s.atUpper[q]
			continue
		}
		// q enters at its new value; the leaving variable sits at the
		// bound it reached.
		if dir > 0 {
			s.beta[leave] = best
		} else {
			s.beta[leave] = ratSub(s.upper[q], best)
		}
		s.row[leaveVar] = -1
		s.atUpper[leaveVar] = leaveUp
		s.atUpper[q] = false
		s.basis[leave] = q
		s.row[q] = leave
		s.pivot(leave, q)
	}
	return false, errNoProgress
}

// entering picks the variable to enter by Bland's rule, the smallest index
// whose move improves the objective, and its direction (+1 up from 0, −1
// down from its upper bound); q is −1 at an optimum.
func (s *simplex) entering() (q, dir int) {
	for k := range s.active {
		if s.row[k] >= 0 || (!s.inf[k] && s.upper[k].isZero()) {
			continue
		}
		sign := s.rc[k].sign()
		if !s.atUpper[k] && sign > 0 {
			return k, 1
		}
		if s.atUpper[k] && sign < 0 {
			return k, -1
		}
	}
	return -1, 0
}

// reprice works out every column's reduced cost under the current
// objective from scratch: c_k minus the costs of the basic variables
// weighted by column k of the tableau. pivot keeps them up to date after
// that, so that choosing the entering variable costs one pass over a row.
func (s *simplex) reprice() {
	for k := range s.n {
		s.rc[k] = ratInt(int64(s.cost[k]))
	}
	for i, b := range s.basis {
		c := s.cost[b]
		if c == 0 {
			continue
		}
		for k, v := range s.t[i] {
			if !v.isZero() {
				if c > 0 {
					s.rc[k] = ratSub(s.rc[k], v)
				} else {
					s.rc[k] = ratAdd(s.rc[k], v)
				}
			}
		}
	}
}

// pivot makes column q a unit column with its 1 in row p.
func (s *simplex) pivot(p, q int) {
	f := s.t[p][q]
	var nz []int
	for k := range s.active {
		if !s.t[p][k].isZero() {
			s.t[p][k] = ratQuo(s.t[p][k], f)
			nz = append(nz, k)
		}
	}
	prow := s.t[p]
	for i := range s.m {
		if i == p || s.t[i][q].isZero() {
			continue
		}
		row := s.t[i]
		g := row[q]
		for _, k := range nz {
			// The equations of tables have small whole coefficients,
			// and so have about half the tableau's entries on a site's
			// tables: those are worked out without the general
			// rational arithmetic.
			a, b := row[k], prow[k]
			if g.b == nil && a.b == nil && b.b == nil && g.d <= 1 && a.d <= 1 && b.d <= 1 {
				if n := a.n - g.n*b.n; n > -smallLimit && n < smallLimit {
					row[k] = rat{n: n, d: 1}
					continue
				}
			}
			row[k] = ratSub(a, ratMul(g, b))
		}
	}
	if g := s.rc[q]; !g.isZero() {
		for _, k := range nz {
			s.rc[k] = ratSub(s.rc[k], ratMul(g, s.t[p][k]))
		}
	}
}
