package anonymise

import "slices"

// Secondary suppression. Primary suppression (hiding small counts) happens
// in newGrid; this file chooses the further cells to hide so that the audit
// passes, then relies on the audit to say whether it did.
//
// The heuristic is the two-dimensional hypercube method (τ-Argus's GH): for
// each small cell, hide the other three corners of the cheapest rectangle in
// the extended table (totals included) whose corners can move together. A
// rectangle is the smallest pattern that leaves a hidden cell undetermined:
// adding d to two opposite corners and taking d from the other two (with the
// signs flipped for totals) keeps every row and column equation true. In a
// one-dimensional list the unpublished row totals are free corners, so the
// rectangle becomes a pair: the small cell and one other cell or the total.
//
// Cost is the count hidden (so small cells and body cells go first, and
// totals last); exact national figures are hidden only when nothing else
// will do. A rectangle is roomy when its corners, taken alone, leave enough
// room to move: a public reader must be able to believe the small cell could
// be SuppressTo+1, and an insider must be able to move it by at least 1. The
// first pass takes the cheapest rectangle (roomy breaks ties), because the
// slack from rounding often makes a cheap rectangle enough.
//
// Then the audit runs; for every failing cell another rectangle through it is
// hidden, roomy ones first (or, failing that, the cheapest cell left), and the
// audit runs again,
// until it passes or nothing more can be hidden. Each round hides at least one
// more cell, so this ends. Last, each complement is shown again, largest
// first, if the audit still passes without it: judging rectangles one at a
// time ignores the slack that rounding and other hidden cells give, so the
// heuristic hides more than it needs to.

// rect is a rectangle through a cell: its four corners, the first being the
// cell itself, and how each moves when the cell goes up by one.
type rect struct {
	corner [4]int
	sign   [4]int
}

// protect hides secondary cells until the audit passes, then shows again
// those it turns out not to need. It returns the cells it could not
// protect (none on success).
func (g *grid) protect() ([]finding, error) {
	for k, s := range g.st {
		if s.needsProtection() {
			if r, ok := g.bestRect(k, false, false); ok {
				g.hide(r)
			}
		}
	}
	for {
		fails, err := g.failures(false)
		if err != nil {
			return nil, err
		}
		if len(fails) == 0 {
			return nil, g.prune()
		}
		changed := false
		touched := make(map[int]bool)
		groups := g.groups()
		for _, f := range fails {
			if g.isGroup(f.cell) {
				if k, ok := g.widen(groups[f.cell-len(g.st)]); ok {
					g.st[k] = secondary
					touched[k] = true
					changed = true
				}
				continue
			}
			if touched[f.cell] {
				continue // a rectangle hidden this round already goes through it
			}
			if r, ok := g.bestRect(f.cell, true, true); ok {
				g.hide(r)
				for _, c := range r.corner {
					touched[c] = true
				}
				changed = true
			} else if c, ok := g.cheapestCandidate(); ok {
				g.st[c] = secondary
				touched[c] = true
				changed = true
			}
		}
		if !changed {
			return fails, nil
		}
	}
}

// prune shows again any complement the audit does not need, trying the
// most valuable first (totals and large counts), because the heuristics
// judge each rectangle on its own and ignore the slack that rounding and
// other hidden cells give: they hide more than necessary.
func (g *grid) prune() error {
	var secs []int
	for k, s := range g.st {
		if s == secondary {
			secs = append(secs, k)
		}
	}
	slices.SortStableFunc(secs, func(a, b int) int { return g.shownCost(b) - g.shownCost(a) })
	for _, k := range secs {
		if g.keepHidden(k) {
			continue
		}
		g.st[k] = rounded
		if g.national[k] {
			g.st[k] = exact
		}
		fails, err := g.failures(true)
		if err != nil {
			return err
		}
		if len(fails) > 0 {
			g.st[k] = secondary
		}
	}
	return nil
}

// shownCost is the cost of cell k as if it were published.
func (g *grid) shownCost(k int) int {
	saved := g.st[k]
	g.st[k] = rounded
	if g.national[k] {
		g.st[k] = exact
	}
	c := g.cost(k)
	g.st[k] = saved
	return c
}

// candidate reports whether cell k is published and could be hidden as a
// complement. Zeros are never hidden: that keeps "hidden" meaning "not 0",
// which both attacker models rely on.
func (g *grid) candidate(k int) bool {
	return (g.st[k] == rounded || g.st[k] == exact) && !g.isLocked(k)
}

// usable reports whether cell k can be a corner of a rectangle.
func (g *grid) usable(k int) bool { return g.st[k] != zero }

// cost is what hiding cell k loses; already hidden and unpublished cells
// cost nothing.
func (g *grid) cost(k int) int {
	if !g.candidate(k) {
		return 0
	}
	if g.st[k] == exact {
		// After every sub-national choice: more than any rectangle of
		// sub-national cells can cost.
		return g.x[k] + 8*g.x[len(g.x)-1] + 8
	}
	return g.x[k] + g.stability(k)
}

// hide hides the published corners of r.
func (g *grid) hide(r rect) {
	for _, c := range r.corner {
		if g.candidate(c) {
			g.st[c] = secondary
		}
	}
}

// cheapestCandidate returns the cheapest published cell that could still be
// hidden.
func (g *grid) cheapestCandidate() (int, bool) {
	best := -1
	for k := range g.st {
		if g.candidate(k) && (best < 0 || g.cost(k) < g.cost(best)) {
			best = k
		}
	}
	return best, best >= 0
}

// bestRect returns the cheapest rectangle through cell k, preferring one
// with room to move (roomy). With mustAdd, only rectangles that hide at
// least one more cell count.
func (g *grid) bestRect(k int, mustAdd, roomyFirst bool) (rect, bool) {
	i, j := k/g.c, k%g.c
	var best rect
	bestCost, bestRoomy, found := 0, false, false
	for i2 := range g.r {
		for l := range g.c {
			if i2 == i || l == j {
				continue
			}
			r := g.rectangle(i, j, i2, l)
			cost, added, ok := 0, 0, true
			for _, c := range r.corner {
				if !g.usable(c) {
					ok = false
					break
				}
				if g.candidate(c) {
					cost += g.cost(c)
					added++
				}
			}
			if !ok || (mustAdd && added == 0) {
				continue
			}
			roomy := g.roomy(r)
			var better bool
			switch {
			case !found:
				better = true
			case roomyFirst && roomy != bestRoomy:
				better = roomy
			case cost != bestCost:
				better = cost < bestCost
			default:
				better = roomy && !bestRoomy
			}
			if better {
				best, bestCost, bestRoomy, found = r, cost, roomy, true
			}
		}
	}
	return best, found
}

// rectangle returns the rectangle with corners (i, j), (i, l), (i2, j),
// (i2, l), signed so that (i, j) goes up. A corner in the totals row or
// column moves with the opposite sign to a body cell, because it enters its
// line's equation with coefficient −1.
func (g *grid) rectangle(i, j, i2, l int) rect {
	side := func(row, col int) int {
		s := 1
		if row == g.r-1 {
			s = -s
		}
		if col == g.c-1 {
			s = -s
		}
		return s
	}
	base := side(i, j)
	return rect{
		corner: [4]int{g.at(i, j), g.at(i, l), g.at(i2, j), g.at(i2, l)},
		sign:   [4]int{1, -side(i, l) * base, -side(i2, j) * base, side(i2, l) * base},
	}
}

// roomy reports whether the corners of r, all hidden, would let r's first
// cell move far enough: up to SuppressTo+1 for a public reader if it is
// small, and by at least one for an insider.
func (g *grid) roomy(r rect) bool {
	k := r.corner[0]
	if g.st[k].needsProtection() {
		need := g.target(k) - g.x[k]
		for n, c := range r.corner {
			lo, _ := g.hiddenBounds(c, public)
			if r.sign[n] < 0 && g.x[c]-lo < need {
				return false
			}
		}
	}
	return g.room(r, 1) >= 1 || g.room(r, -1) >= 1
}

// room is how far an insider could move r's first cell in direction dir
// (+1 up, −1 down) with the rectangle's corners hidden.
func (g *grid) room(r rect, dir int) int {
	room := -1 // unlimited
	for n, c := range r.corner {
		lo, hi := g.hiddenBounds(c, insider)
		var m int
		if r.sign[n]*dir > 0 {
			if hi == unbounded {
				continue
			}
			m = hi - g.x[c]
		} else {
			m = g.x[c] - lo
		}
		if room < 0 || m < room {
			room = m
		}
	}
	if room < 0 {
		return 1 << 30
	}
	return room
}

// hiddenBounds is what attacker a would know about cell k if it were
// hidden (as a complement, when it is published now).
func (g *grid) hiddenBounds(k int, a attacker) (lo, hi int) {
	if g.candidate(k) {
		return g.boundsAs(k, secondary, a)
	}
	return g.bounds(k, a)
}

// rectCost is what hiding the published corners of r costs.
func (g *grid) rectCost(r rect) int {
	cost := 0
	for _, c := range r.corner {
		cost += g.cost(c)
	}
	return cost
}
