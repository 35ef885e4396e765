package anonymise

import (
	"errors"
	"fmt"
	"slices"

	"github.com/plinth-ssg/plinth/generator/parallel"
)

// Releases. A site publishes its tables again every quarter, and a reader
// can difference one release against another. The earlier releases of a
// family are declared with Linked.Previous, as families of their own whose
// tables (NewEarlier) hold what was published then. PublishLinked then
// audits the new release together with them: the equations of every
// release, and the reader's assumption that a figure published with the
// same value in two releases in a row did not change (the two are one
// unknown). The audit's tests apply to every hidden figure of every
// release, and to every group of them: the new figures must not narrow an
// old hidden one into the suppressed range either.
//
// The assumption can be wrong (a count that went from 41 to 43 is shown as
// 40 both times), and then the reader's conclusions can be wrong too; the
// audit judges them as they stand, without knowing the truth (the true
// counts of earlier releases are not kept: a release holds published
// figures only).
//
// When the joint audit fails, the new release hides more: a figure of the
// new release that fails is protected by a rectangle in its table; an old
// figure or group that fails is protected by hiding a figure of the new
// release in the same row or column as its counterpart, preferring one
// that is tied to the old release by the assumption, which unties it. The
// earlier releases are never changed. If nothing more can be hidden, the
// error names the cells of every release that fail.

// shownFigure is one figure as an earlier release published it.
type shownFigure struct {
	v           int
	hidden, set bool
}

// NewEarlier returns a table as an earlier release published it, with the
// given labels and totals. Its figures are set with Show; it has no counts.
// Link it into a family of its own, declared as the family of the current
// release is, and pass that family to Linked.Previous.
func NewEarlier(title string, rowLabels, colLabels []string, margins Margins) *Counts {
	c := NewCounts(title, rowLabels, colLabels)
	c.Margins = margins
	c.shown = make([]shownFigure, len(c.national))
	return c
}

// Show records what an earlier release published for a figure (row or col
// may be Total): the count v, or [c] when hidden. It panics on a table
// that NewEarlier did not make.
func (c *Counts) Show(row, col, v int, hidden bool) {
	if c.shown == nil {
		panic("anonymise: Counts.Show: not a table of an earlier release")
	}
	c.shown[c.ext(row, col)] = shownFigure{v: v, hidden: hidden, set: true}
}

// earlierGrid is the grid of a table of an earlier release: statuses from
// what was published, and the published figure in place of each count.
func earlierGrid(p Policy, c *Counts) *grid {
	R, C := len(c.rows), len(c.cols)
	g := &grid{p: p, r: R + 1, c: C + 1}
	n := g.r * g.c
	g.x, g.st, g.national, g.flags = make([]int, n), make([]status, n), make([]bool, n), make([]cellFlag, n)
	for k := range n {
		g.flags[k] = flagEarlier
		f := c.shown[k]
		switch {
		case !c.publishes(k/g.c, k%g.c, R, C) || !f.set:
			g.st[k] = free
		case f.hidden:
			g.st[k] = secondary
		case f.v == 0:
			g.st[k] = zero
		case f.v <= p.SuppressTo || p.round(f.v) != f.v:
			// Only an exact national figure can be published so.
			g.st[k], g.national[k], g.x[k] = exact, true, f.v
		default:
			g.st[k], g.x[k] = rounded, f.v
		}
	}
	return g
}

// Reissue returns a table of an earlier release (NewEarlier) as a Table,
// for an archive of earlier releases. It refuses a figure that the policy
// could not have published: a count from SuppressFrom to SuppressTo, one
// that is not rounded, or a negative one (an exact figure only where
// national figures are exempt).
func (p Policy) Reissue(c *Counts) (*Table, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	if c.shown == nil {
		return nil, fmt.Errorf("table %q: not a table of an earlier release", c.Meta.Title)
	}
	if err := c.check(); err != nil {
		return nil, err
	}
	var errs []error
	R, C := len(c.rows), len(c.cols)
	for k, f := range c.shown {
		if f.set && !f.hidden && !p.Publishable(f.v, p.NationalExempt) {
			i, j := k/(C+1), k%(C+1)
			errs = append(errs, fmt.Errorf("table %q: row %q, column %q: %d is not a figure the disclosure rule publishes",
				c.Meta.Title, c.rowLabel(min(i, R)), c.colLabel(min(j, C)), f.v))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return earlierGrid(p, c).table(c), nil
}

// Previous declares an earlier release of the family, published on date
// (for messages): a family of tables made with NewEarlier, linked as this
// one is. Declare the releases oldest first.
func (l *Linked) Previous(date string, earlier *Linked) {
	earlier.date = date
	l.previous = append(l.previous, earlier)
}

// history is the current family audited with its earlier releases: one
// joint audit per table, over that table in every release, beside the
// family's own audit of the current release. (One linear programme over
// every table of every release would also follow the links between tables
// across releases, but grows too large to solve in a build: see the
// package documentation, "Limits".)
type history struct {
	cur    *system
	dates  []string // each earlier release's name, oldest first
	tables []*tableHistory
}

// tableHistory is one table in every release, as one grid: the current
// release's cells first, then each earlier release's, oldest first.
type tableHistory struct {
	part  int   // the table's index in the current family
	g     *grid // the joint grid
	start []int // where each release's cells start in g; 0 is the current release
	rel   []int // the earlier release of each block after the first (index into dates)
	// pairs are the cells of two releases in a row with the same labels,
	// the older first.
	pairs [][2]int
	// counterpart maps an earlier cell to the current cell with the same
	// labels (an index in the current table).
	counterpart map[int]int
	tied        map[int]bool
}

func newHistory(p Policy, cur *system, l *Linked) (*history, error) {
	h := &history{cur: cur}
	var errs []error
	var earlier []*system
	for _, e := range l.previous {
		for _, c := range e.tables {
			if c.shown == nil {
				errs = append(errs, fmt.Errorf("table %q of the release of %s holds counts, not published figures", c.Meta.Title, e.date))
			} else if err := c.check(); err != nil {
				errs = append(errs, err)
			}
		}
		if len(errs) > 0 {
			continue
		}
		s, err := newSystem(p, e, true)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		earlier = append(earlier, s)
		h.dates = append(h.dates, e.date)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	for t, c := range l.tables {
		th := &tableHistory{part: t, counterpart: map[int]int{}}
		blocks := []*grid{cur.parts[t]}
		tables := []*Counts{c}
		for i, s := range earlier {
			for u, e := range l.previous[i].tables {
				if e.Meta.Title == c.Meta.Title {
					blocks = append(blocks, s.parts[u])
					tables = append(tables, e)
					th.rel = append(th.rel, i)
				}
			}
		}
		if len(blocks) == 1 {
			continue // the table is new: nothing to lay beside it
		}
		th.join(p, blocks)
		th.match(tables)
		h.tables = append(h.tables, th)
	}
	return h, nil
}

// join lays the table's releases side by side in one grid.
func (th *tableHistory) join(p Policy, blocks []*grid) {
	j := &grid{p: p, sets: [][]int{}}
	n := 0
	for _, b := range blocks {
		th.start = append(th.start, n)
		n += len(b.x)
	}
	j.x, j.st, j.national, j.flags = make([]int, n), make([]status, n), make([]bool, n), make([]cellFlag, n)
	for i, b := range blocks {
		o := th.start[i]
		copy(j.x[o:], b.x)
		copy(j.st[o:], b.st)
		copy(j.national[o:], b.national)
		if b.flags != nil {
			copy(j.flags[o:], b.flags)
		}
		if b.top != nil {
			if j.top == nil {
				j.top = make([]int, n)
			}
			copy(j.top[o:], b.top)
		}
		if b.from != nil {
			if j.from == nil {
				j.from = make([]map[string]int, n)
			}
			copy(j.from[o:], b.from)
		}
		for _, eq := range b.lines() {
			shifted := make([]term, len(eq))
			for t, tm := range eq {
				shifted[t] = term{tm.cell + o, tm.coef}
			}
			j.eqs = append(j.eqs, shifted)
		}
		j.sets = append(j.sets, tableLines(b.r, b.c, o)...)
	}
	th.g = j
}

// cellKey names a figure of a table by its row and column labels.
type cellKey struct{ row, col string }

// keys returns the cells of block i by their labels, in joint indices.
func (th *tableHistory) keys(i int, c *Counts) map[cellKey]int {
	out := make(map[cellKey]int)
	R, C := len(c.rows)+1, len(c.cols)+1
	for k := range R * C {
		out[cellKey{c.rowLabel(k / C), c.colLabel(k % C)}] = th.start[i] + k
	}
	return out
}

// match pairs the cells of each two releases in a row (oldest first, the
// current release last), finds each old cell's counterpart now, and sets
// the previous release's state of each current cell, for stable
// suppression.
func (th *tableHistory) match(tables []*Counts) {
	now := th.keys(0, tables[0])
	var prev map[cellKey]int
	for i := 1; i <= len(tables); i++ {
		var ks map[cellKey]int
		if i < len(tables) {
			ks = th.keys(i, tables[i])
			for key, k := range ks {
				if c, ok := now[key]; ok {
					th.counterpart[k] = c
				}
			}
		} else {
			ks = now
		}
		for key, k := range ks {
			if o, ok := prev[key]; ok {
				th.pairs = append(th.pairs, [2]int{o, k})
			}
		}
		prev = ks
	}
	slices.SortFunc(th.pairs, func(a, b [2]int) int { return cmpPair(a, b) })
}

func cmpPair(a, b [2]int) int {
	if a[1] != b[1] {
		return a[1] - b[1]
	}
	return a[0] - b[0]
}

// setPriors records, on the current table, each cell's state in the
// latest earlier release; a cell hidden then is hidden again now unless
// it is 0: the pattern moves only when the data move it.
func (th *tableHistory) setPriors(cur *grid) {
	j := th.g
	for _, pr := range th.pairs {
		o, k := pr[0], pr[1]
		if k >= len(cur.st) || j.st[o] == free || cur.st[k] == free {
			continue
		}
		switch {
		case j.st[o].hidden():
			cur.before[k] = priorHidden
			if cur.candidate(k) {
				cur.st[k] = secondary
			}
		case j.x[o] == cur.wouldShow(k):
			cur.before[k] = priorSame
		default:
			cur.before[k] = priorOther
		}
	}
}

// wouldShow is the figure a current cell shows if it is not hidden.
func (g *grid) wouldShow(k int) int {
	switch {
	case g.x[k] == 0:
		return 0
	case g.national[k] && g.p.NationalExempt:
		return g.x[k]
	}
	return g.p.round(g.x[k])
}

// relink takes the current table's pattern, and joins as one unknown
// every pair of figures published with the same value in two releases in
// a row.
func (th *tableHistory) relink(cur *grid) {
	j := th.g
	copy(j.st, cur.st)
	if j.rep == nil {
		j.rep = make([]int, len(j.st))
	}
	for k := range j.rep {
		j.rep[k] = k
	}
	find := func(k int) int {
		for j.rep[k] != k {
			j.rep[k] = j.rep[j.rep[k]]
			k = j.rep[k]
		}
		return k
	}
	j.links = j.links[:0]
	for _, pr := range th.pairs {
		a, b := pr[0], pr[1]
		va, ok1 := j.published(a)
		vb, ok2 := j.published(b)
		if ok1 && ok2 && va == vb && j.st[a] != zero {
			j.links = append(j.links, pr)
			ra, rb := find(a), find(b)
			if ra != rb {
				j.rep[max(ra, rb)] = min(ra, rb)
			}
		}
	}
	th.tied = make(map[int]bool)
	for k := range j.rep {
		j.rep[k] = find(k)
		if j.rep[k] != k {
			th.tied[k], th.tied[j.rep[k]] = true, true
		}
	}
}

// protect audits the current release with the earlier ones, table by
// table, and with its own family, and hides more of the current release
// until every audit passes. The earlier releases never change.
func (h *history) protect() error {
	cur := h.cur
	for _, th := range h.tables {
		th.setPriors(cur.parts[th.part])
	}
	for {
		changed := false
		var stuck []error
		// The tables are audited one after another, each seeing what
		// the ones before it hid. An audit only reads the pattern, so
		// the first round audits every table at once on the pattern as
		// it stands: the results hold up to the first table whose
		// failures hide more. The tables after it are then audited one
		// at a time, as each may see a new pattern. The outcome is that
		// of one table after another; when nothing fails, which is
		// every build's last round, it takes the time of the slowest.
		for next := 0; next < len(h.tables); {
			rest := h.tables[next:]
			if next > 0 {
				rest = rest[:1]
			}
			cur.sync()
			for _, th := range rest {
				th.relink(cur.parts[th.part])
			}
			fails := make([][]finding, len(rest))
			errs := make([]error, len(rest))
			parallel.For(len(rest), func(i int) { fails[i], errs[i] = rest[i].g.failures(false) })
			start := next
			next += len(rest)
			for i, th := range rest {
				if errs[i] != nil {
					return errs[i]
				}
				if len(fails[i]) == 0 {
					continue
				}
				if th.hideFor(cur.parts[th.part], fails[i]) {
					changed = true
					next = start + i + 1 // the later results are stale
					break
				}
				stuck = append(stuck, h.auditError(th, fails[i]))
			}
		}
		cur.sync()
		fails, err := cur.all.failures(false)
		if err != nil {
			return err
		}
		if len(fails) > 0 {
			if cur.hideFor(fails) {
				changed = true
			} else {
				stuck = append(stuck, cur.auditError(cur.l, fails))
			}
		}
		if !changed {
			return errors.Join(stuck...)
		}
	}
}

// hideFor hides more of the current table g for a table's failing joint
// audit; it reports whether it hid anything.
func (th *tableHistory) hideFor(g *grid, fails []finding) bool {
	n := len(g.st)
	changed := false
	touched := make(map[int]bool)
	groups := th.g.groups()
	hide := func(k int) {
		g.st[k] = secondary
		touched[k] = true
		changed = true
	}
	for _, f := range fails {
		k := f.cell
		switch {
		case th.g.isGroup(k) && groups[k-len(th.g.st)].line[0] < n:
			gr := groups[k-len(th.g.st)]
			if m, ok := g.widen(group{line: gr.line}); ok {
				hide(m)
			}
		case th.g.isGroup(k):
			if m, ok := th.untie(g, groups[k-len(th.g.st)].hidden...); ok {
				hide(m)
			}
		case k >= n:
			if m, ok := th.untie(g, k); ok {
				hide(m)
			}
		case !touched[k]:
			if r, ok := g.bestRect(k, true, true); ok {
				g.hide(r)
				for _, c := range r.corner {
					touched[c] = true
				}
				changed = true
			} else if c, ok := g.cheapestCandidate(); ok {
				hide(c)
			}
		}
	}
	return changed
}

// hideFor hides more of the current family for its failing audit, as
// protect does; it reports whether it hid anything.
func (s *system) hideFor(fails []finding) bool {
	changed := false
	touched := make(map[int]bool)
	groups := s.all.groups()
	for _, f := range fails {
		if s.all.isGroup(f.cell) {
			if k, ok := s.widen(groups[f.cell-len(s.all.st)]); ok {
				s.all.st[k] = secondary
				changed = true
			}
			continue
		}
		i := s.owner[f.cell]
		if i < 0 || touched[f.cell] {
			continue
		}
		g, o := s.parts[i], s.offset[i]
		r, ok := g.bestRect(f.cell-o, true, true)
		if m, cost, found := s.linkedCandidate(f.cell); found && (!ok || cost < g.rectCost(r)) {
			// A figure of another table, tied to this one's row or
			// column by an AtMost link, gives it away more cheaply than
			// a rectangle here would protect it: hide that instead.
			s.all.st[m] = secondary
			touched[m] = true
			changed = true
		} else if ok {
			g.hide(r)
			for _, c := range r.corner {
				touched[c+o] = true
			}
			changed = true
		} else if c, ok := g.cheapestCandidate(); ok {
			g.st[c] = secondary
			touched[c+o] = true
			changed = true
		}
	}
	return changed
}

// untie returns the figure of the current table g to hide so that old
// cells are no longer narrowed: in the row or column of a cell's
// counterpart, the cheapest figure tied to an earlier release by the
// reader's assumption, or failing that the cheapest there.
func (th *tableHistory) untie(g *grid, cells ...int) (int, bool) {
	best, bestTied, bestCost := -1, false, 0
	for _, k := range cells {
		c, ok := th.counterpart[k]
		if !ok {
			continue
		}
		r, col := c/g.c, c%g.c
		for m := range g.st {
			if m/g.c != r && m%g.c != col || !g.candidate(m) {
				continue
			}
			tied := th.tied[m]
			if best < 0 || (tied && !bestTied) || (tied == bestTied && g.cost(m) < bestCost) {
				best, bestTied, bestCost = m, tied, g.cost(m)
			}
		}
	}
	return best, best >= 0
}

// auditError names the failing cells of a table's joint audit, release by
// release.
func (h *history) auditError(th *tableHistory, fails []finding) error {
	groups := th.g.groups()
	per := make([][]finding, len(th.start))
	for _, f := range fails {
		k := f.cell
		if th.g.isGroup(k) {
			k = groups[k-len(th.g.st)].hidden[0]
		}
		for i := len(th.start) - 1; i >= 0; i-- {
			if k >= th.start[i] {
				per[i] = append(per[i], finding{k - th.start[i], f.why})
				break
			}
		}
	}
	var errs []error
	for i, fs := range per {
		if len(fs) == 0 {
			continue
		}
		if i == 0 {
			p := h.cur.parts[th.part]
			errs = append(errs, p.auditError(h.cur.l.tables[th.part], fs))
			continue
		}
		e := h.cur.l.previous[th.rel[i-1]]
		var c *Counts
		for _, t := range e.tables {
			if t.Meta.Title == h.cur.l.tables[th.part].Meta.Title {
				c = t
			}
		}
		ae := earlierGrid(th.g.p, c).auditError(c, fs)
		ae.Release = h.dates[th.rel[i-1]]
		errs = append(errs, ae)
	}
	return errors.Join(errs...)
}
