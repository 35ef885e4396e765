package anonymise

import (
	"errors"
	"math/big"
)

// simplex is a small exact linear-programming solver: the bounded-variable
// primal simplex method in rational arithmetic with Bland's smallest-index
// rule, which cannot cycle, so every solve terminates.
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
	m, n    int         // equations; variables (structural, then one artificial per equation)
	t       [][]big.Rat // m × n tableau B⁻¹·[A | I]
	beta    []big.Rat   // value of each row's basic variable
	basis   []int       // basic variable of each row
	row     []int       // row of each basic variable, −1 when nonbasic
	upper   []big.Rat   // upper bounds; meaningful only where !inf
	inf     []bool      // the upper bound is infinite
	atUpper []bool      // a nonbasic variable sits at its upper bound (else at 0)
	cost    []int8      // current objective (maximised): −1, 0 or +1 per variable
	limit   int         // pivot budget: a guard against bugs, never reached by Bland's rule
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
	s.t = make([][]big.Rat, m)
	s.beta = make([]big.Rat, m)
	s.basis = make([]int, m)
	s.row = make([]int, s.n)
	s.upper = make([]big.Rat, s.n)
	s.inf = make([]bool, s.n)
	s.atUpper = make([]bool, s.n)
	s.cost = make([]int8, s.n)
	s.limit = 100*s.n + 1000
	for k := range ns {
		s.row[k] = -1
		if upper[k] == unbounded {
			s.inf[k] = true
		} else {
			s.upper[k].SetInt64(int64(upper[k]))
		}
	}
	for i := range m {
		sign := int64(1)
		if b[i] < 0 {
			sign = -1
		}
		s.t[i] = make([]big.Rat, s.n)
		for k, v := range a[i] {
			if v != 0 {
				s.t[i][k].SetInt64(sign * int64(v))
			}
		}
		art := ns + i
		s.t[i][art].SetInt64(1)
		s.beta[i].SetInt64(sign * int64(b[i]))
		s.basis[i] = art
		s.row[art] = i
		s.inf[art] = true
		s.cost[art] = -1
	}
	if _, err := s.run(); err != nil {
		return nil, err
	}
	for i := range m {
		if s.basis[i] >= ns && s.beta[i].Sign() != 0 {
			return nil, errInfeasible
		}
	}
	// Artificials are now pinned to 0: nonbasic ones can never enter, and
	// basic ones (in redundant or degenerate rows) can only leave.
	for k := ns; k < s.n; k++ {
		s.inf[k] = false
		s.upper[k].SetInt64(0)
		s.cost[k] = 0
	}
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
	unb, err := s.run()
	if err != nil || unb {
		return nil, false, err
	}
	return s.value(k), true, nil
}

// value returns the current value of variable k.
func (s *simplex) value(k int) *big.Rat {
	v := new(big.Rat)
	switch {
	case s.row[k] >= 0:
		v.Set(&s.beta[s.row[k]])
	case s.atUpper[k]:
		v.Set(&s.upper[k])
	}
	return v
}

// run maximises the current cost from the current feasible basis; it
// reports whether the objective is unbounded.
func (s *simplex) run() (unbounded bool, err error) {
	var d, lim, best, tmp big.Rat
	for range s.limit {
		// Rows whose basic variable is in the objective.
		var costRows []int
		for i, b := range s.basis {
			if s.cost[b] != 0 {
				costRows = append(costRows, i)
			}
		}
		// Entering variable: the smallest index that improves the
		// objective (Bland).
		q, dir := -1, 0
		for k := range s.n {
			if s.row[k] >= 0 || (!s.inf[k] && s.upper[k].Sign() == 0) {
				continue
			}
			d.SetInt64(int64(s.cost[k]))
			for _, i := range costRows {
				if s.t[i][k].Sign() != 0 {
					tmp.SetInt64(int64(s.cost[s.basis[i]]))
					tmp.Mul(&tmp, &s.t[i][k])
					d.Sub(&d, &tmp)
				}
			}
			if !s.atUpper[k] && d.Sign() > 0 {
				q, dir = k, 1
				break
			}
			if s.atUpper[k] && d.Sign() < 0 {
				q, dir = k, -1
				break
			}
		}
		if q < 0 {
			return false, nil
		}
		// Ratio test: how far can q move before something hits a bound?
		// Ties go to the smallest variable index (Bland); q itself
		// reaching its other bound is a candidate like any other.
		leave, leaveVar, leaveUp := -1, -1, false
		haveBest := false
		if !s.inf[q] {
			best.Set(&s.upper[q])
			haveBest, leaveVar = true, q
		}
		for i := range s.m {
			a := s.t[i][q].Sign() * -dir // sign of the change of row i's basic variable
			if a == 0 {
				continue
			}
			bv := s.basis[i]
			up := a > 0
			if up && s.inf[bv] {
				continue
			}
			if up {
				lim.Sub(&s.upper[bv], &s.beta[i])
			} else {
				lim.Set(&s.beta[i])
			}
			tmp.Abs(&s.t[i][q])
			lim.Quo(&lim, &tmp)
			c := -1 // the first limit found is the best so far
			if haveBest {
				c = lim.Cmp(&best)
			}
			if c < 0 || (c == 0 && bv < leaveVar) {
				best.Set(&lim)
				haveBest, leave, leaveVar, leaveUp = true, i, bv, up
			}
		}
		if !haveBest {
			return true, nil
		}
		// Move: every basic variable changes by −dir·t[i][q]·θ.
		for i := range s.m {
			if s.t[i][q].Sign() == 0 {
				continue
			}
			tmp.Mul(&s.t[i][q], &best)
			if dir > 0 {
				s.beta[i].Sub(&s.beta[i], &tmp)
			} else {
				s.beta[i].Add(&s.beta[i], &tmp)
			}
		}
		if leaveVar == q {
			s.atUpper[q] = !s.atUpper[q]
			continue
		}
		// q enters at its new value; the leaving variable sits at the
		// bound it reached.
		if dir > 0 {
			s.beta[leave].Set(&best)
		} else {
			s.beta[leave].Sub(&s.upper[q], &best)
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

// pivot makes column q a unit column with its 1 in row p.
func (s *simplex) pivot(p, q int) {
	var f, tmp big.Rat
	f.Inv(&s.t[p][q])
	var nz []int
	for k := range s.n {
		if s.t[p][k].Sign() != 0 {
			s.t[p][k].Mul(&s.t[p][k], &f)
			nz = append(nz, k)
		}
	}
	for i := range s.m {
		if i == p || s.t[i][q].Sign() == 0 {
			continue
		}
		f.Set(&s.t[i][q])
		for _, k := range nz {
			tmp.Mul(&f, &s.t[p][k])
			s.t[i][k].Sub(&s.t[i][k], &tmp)
		}
	}
}
