package anonymise

// The grid is the private working copy of a table while it is being
// protected. It is the only place raw counts live after Publish starts, and
// it never leaves this package: Publish copies the published figures out of
// it into a Table and drops it.
//
// Layout: the table is extended with its totals as a last row and a last
// column, so an R × C table becomes (R+1) × (C+1), and every line (row or
// column) of the extended table satisfies one equation:
//
//	sum of the line's body cells − the line's total = 0
//
// The row of column totals and the column of row totals are lines too (their
// "total" is the grand total). Totals the table does not publish are still in
// the grid, as unknowns the reader does not see (status free); this lets one
// set of equations serve every choice of margins.

// status is what happens to a cell of the extended table.
type status uint8

const (
	free      status = iota // a total that is not published: unknown to readers
	zero                    // published as 0, which readers know is exact
	rounded                 // published rounded to the policy's base
	exact                   // a national figure published exactly (exempt)
	primary                 // hidden because it is small
	secondary               // hidden to protect a hidden cell
	// dominated is hidden because one contributor gives nearly all of
	// it (Counts.AddFrom): like a small count it is protected, and the
	// audit asks more of it (grid.target).
	dominated
)

func (s status) hidden() bool { return s == primary || s == secondary || s == dominated }

// needsProtection reports whether the rule itself hides a cell of status
// s (primary suppression), so that secondary suppression must protect it.
func (s status) needsProtection() bool { return s == primary || s == dominated }

// grid is an extended table under protection.
type grid struct {
	p        Policy
	r, c     int   // extended dimensions (body rows+1, body columns+1)
	x        []int // true values, row-major over the extended table
	st       []status
	national []bool // exempt from the rule (only when the policy allows it)
	// eqs, when set, replaces the row and column equations: a family of
	// linked tables is audited as one grid whose equations are those of
	// every table and of the links between them (linked.go).
	eqs [][]term
	// sets, when set, replaces the rows and columns as the lines whose
	// hidden figures are audited as a group (groups.go); eqs then holds
	// link equations too, which are not lines of a table.
	sets [][]int
	// flags mark cells of earlier releases and cells whose pattern was
	// released already; nil when none.
	flags []cellFlag
	// rep maps each cell to the first cell of its class of figures that
	// readers take to be one and the same (a figure published with the
	// same value in two releases); nil when every cell stands alone.
	rep []int
	// links are the pairs of cells that rep joins because they show the
	// same figure in two releases in a row: the assumptions the reader
	// may have to give up (audit.go, programme).
	links [][2]int
	// before is each cell's state in the previous release, for stable
	// suppression (suppress.go); nil when there is none.
	before []prior
	// top is, for each cell, the most one contributor gives it
	// (Counts.AddFrom); nil when no table of the grid has contributors.
	top []int
	// from is, for each cell, how much each contributor gives it, for
	// the protection of a line's hidden figures against the contributors
	// who give most of them (groups.go); nil when no table of the grid
	// has contributors, or the rules do not ask for it.
	from []map[string]int
}

// target is the value a public reader must believe hidden cell k could
// reach for k to be safe: SuppressTo+1 (so it could be a count that is
// not small) and, for a cell one contributor dominates, that
// contributor's share plus SuppressTo+1, so that the contributor, taking
// its own share away, cannot show the others' to be small.
func (g *grid) target(k int) int {
	t := g.p.SuppressTo + 1
	if g.top != nil && g.st[k] == dominated {
		t += g.top[k]
	}
	return t
}

// newGrid builds the extended table from counts: totals from unrounded
// values, then each cell's status from the policy.
func newGrid(p Policy, c *Counts) *grid {
	if c.shown != nil {
		return earlierGrid(p, c)
	}
	R, C := len(c.rows), len(c.cols)
	g := &grid{p: p, r: R + 1, c: C + 1}
	n := g.r * g.c
	g.x = make([]int, n)
	g.st = make([]status, n)
	g.national = make([]bool, n)
	for i := range R {
		for j := range C {
			v := c.n[i*C+j]
			g.x[g.at(i, j)] = v
			g.x[g.at(i, C)] += v
			g.x[g.at(R, j)] += v
			g.x[g.at(R, C)] += v
		}
	}
	for k := range n {
		g.national[k] = p.NationalExempt && (c.National || c.national[k])
		i, j := k/g.c, k%g.c
		switch {
		case !c.publishes(i, j, R, C):
			g.st[k] = free
		case g.x[k] == 0:
			g.st[k] = zero
		case g.national[k]:
			g.st[k] = exact
		case p.small(g.x[k]):
			g.st[k] = primary
		default:
			g.st[k] = rounded
		}
	}
	sums := c.contributions()
	if sums != nil && !p.PublishDominant && p.rules() >= Rules2 {
		g.from = sums
	}
	if top := c.largest(sums); top != nil && !p.PublishDominant {
		// The contributor who gives top[k] knows that the others give
		// what the published figure allows beyond it: at most hi − top.
		g.top = top
		for k, s := range g.st {
			if _, hi := p.roundedFrom(p.round(g.x[k])); s == rounded && hi-top[k] <= p.SuppressTo {
				g.st[k] = dominated
			}
		}
	}
	if c.released != nil {
		g.keep(c.released)
	}
	return g
}

// publishes reports whether cell (i, j) of the extended R+1 × C+1 table is
// shown.
func (c *Counts) publishes(i, j, R, C int) bool {
	switch {
	case i < R && j < C:
		return true
	case i < R:
		return c.Margins&RowTotals != 0
	case j < C:
		return c.Margins&ColumnTotals != 0
	default:
		return c.Margins&GrandTotal != 0
	}
}

func (g *grid) at(i, j int) int { return i*g.c + j }

// isEarlier reports whether cell k belongs to an earlier release.
// cellFlag marks cells whose status suppression may not change.
type cellFlag uint8

const (
	// flagEarlier marks a cell of an earlier release (history.go): x
	// holds the published figure (0 when hidden), and an insider knows no
	// more of a hidden one than the public does, since nobody can tell
	// now which of them were small.
	flagEarlier cellFlag = 1 << iota
	// flagLocked marks a cell whose state was released already
	// (Counts.Released): it is neither hidden nor shown again.
	flagLocked
)

// isEarlier reports whether cell k belongs to an earlier release.
func (g *grid) isEarlier(k int) bool { return g.flags != nil && g.flags[k]&flagEarlier != 0 }

// isLocked reports whether cell k's state may not change.
func (g *grid) isLocked(k int) bool { return g.flags != nil && g.flags[k] != 0 }

// root returns the first cell of k's class of equal figures.
func (g *grid) root(k int) int {
	if g.rep == nil {
		return k
	}
	return g.rep[k]
}

// published returns the figure shown for cell k; ok is false for hidden and
// unpublished cells.
func (g *grid) published(k int) (v int, ok bool) {
	switch g.st[k] {
	case zero:
		return 0, true
	case exact:
		return g.x[k], true
	case rounded:
		return g.p.round(g.x[k]), true
	}
	return 0, false
}

// term is one cell of a line equation with its coefficient (+1 for a body
// cell of the line, −1 for the line's total).
type term struct {
	cell, coef int
}

// lines returns the equations of the extended table: one for every row and
// every column, each summing to zero.
func (g *grid) lines() [][]term {
	if g.eqs != nil {
		return g.eqs
	}
	var eqs [][]term
	for i := range g.r {
		var eq []term
		for j := range g.c - 1 {
			eq = append(eq, term{g.at(i, j), 1})
		}
		eqs = append(eqs, append(eq, term{g.at(i, g.c-1), -1}))
	}
	for j := range g.c {
		var eq []term
		for i := range g.r - 1 {
			eq = append(eq, term{g.at(i, j), 1})
		}
		eqs = append(eqs, append(eq, term{g.at(g.r-1, j), -1}))
	}
	return eqs
}

// attacker is a model of what a reader knows; see the package
// documentation.
type attacker uint8

const (
	// public knows the rule and every published figure, and that a hidden
	// cell is never 0 (zeros are always shown), but not why a cell is hidden.
	public attacker = iota
	// insider also knows which hidden cells are small (primary) and that the
	// others, being counts that would have been shown, are above the range.
	insider
)

// unbounded marks a bound with no upper limit.
const unbounded = -1

// bounds returns what attacker a knows about cell k on its own: lo ≤ x ≤ hi
// (hi == unbounded for no limit). A fixed cell has lo == hi.
func (g *grid) bounds(k int, a attacker) (lo, hi int) {
	return g.boundsAs(k, g.st[k], a)
}

// boundsAs is bounds for cell k as if its status were s.
func (g *grid) boundsAs(k int, s status, a attacker) (lo, hi int) {
	p := g.p
	switch s {
	case free:
		return 0, unbounded
	case zero:
		return 0, 0
	case exact:
		return g.x[k], g.x[k]
	case rounded:
		lo, hi = p.roundedFrom(p.round(g.x[k]))
		return max(lo, p.SuppressTo+1), hi
	case primary:
		if a == insider && !g.isEarlier(k) {
			return p.SuppressFrom, p.SuppressTo
		}
		return p.SuppressFrom, unbounded
	default: // secondary or dominated: counts above SuppressTo
		if a == insider && !g.national[k] && !g.isEarlier(k) {
			return p.SuppressTo + 1, unbounded
		}
		return p.SuppressFrom, unbounded
	}
}

// audited reports whether cell k must pass the audit: every hidden cell
// except national ones, which are exempt from small-number control.
func (g *grid) audited(k int) bool { return g.st[k].hidden() && !g.national[k] }

// counts returns the numbers of primary and secondary suppressions among
// published cells.
func (g *grid) counts() (prim, sec int) {
	for _, s := range g.st {
		switch s {
		case primary, dominated:
			prim++
		case secondary:
			sec++
		}
	}
	return prim, sec
}
