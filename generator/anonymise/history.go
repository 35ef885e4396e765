package anonymise

import (
	"errors"
	"fmt"
	"slices"
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

// history is the current family audited with its earlier releases.
type history struct {
	cur     *system
	systems []*system // the earlier releases, oldest first, then cur
	offset  []int     // where each system's cells start in joint
	fams    []*Linked // the family of each system
	joint   *grid
	// pairs are the cells of two releases in a row with the same table
	// and labels, the older first.
	pairs [][2]int
	// counterpart maps a cell of an earlier release to the cell of the
	// current release with the same table and labels.
	counterpart map[int]int
	// tied marks the figures relink joined to a figure of another release.
	tied map[int]bool
}

func newHistory(p Policy, cur *system, l *Linked) (*history, error) {
	h := &history{cur: cur, counterpart: map[int]int{}}
	var errs []error
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
		h.systems = append(h.systems, s)
		h.fams = append(h.fams, e)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	h.systems = append(h.systems, cur)
	h.fams = append(h.fams, l)
	h.join(p)
	h.match()
	return h, nil
}

// join lays every release's cells side by side in one grid, current
// first, and makes each system's grids views of it.
func (h *history) join(p Policy) {
	j := &grid{p: p, sets: [][]int{}}
	order := append([]*system{h.cur}, h.systems[:len(h.systems)-1]...)
	n := 0
	at := make(map[*system]int)
	for _, s := range order {
		at[s] = n
		n += len(s.all.x)
	}
	j.x, j.st, j.national = make([]int, n), make([]status, n), make([]bool, n)
	j.flags, j.before = make([]cellFlag, n), make([]prior, n)
	for _, s := range order {
		o, m := at[s], len(s.all.x)
		a := s.all
		copy(j.x[o:], a.x)
		copy(j.st[o:], a.st)
		copy(j.national[o:], a.national)
		copy(j.flags[o:], a.flags)
		copy(j.before[o:], a.before)
		a.x, a.st, a.national = j.x[o:o+m:o+m], j.st[o:o+m:o+m], j.national[o:o+m:o+m]
		a.flags, a.before = j.flags[o:o+m:o+m], j.before[o:o+m:o+m]
		for i, g := range s.parts {
			q, w := o+s.offset[i], len(g.x)
			g.x, g.st, g.national = j.x[q:q+w:q+w], j.st[q:q+w:q+w], j.national[q:q+w:q+w]
			g.flags, g.before = j.flags[q:q+w:q+w], j.before[q:q+w:q+w]
		}
		for _, eq := range a.eqs {
			shifted := make([]term, len(eq))
			for t, tm := range eq {
				shifted[t] = term{tm.cell + o, tm.coef}
			}
			j.eqs = append(j.eqs, shifted)
		}
		for _, set := range a.sets {
			shifted := make([]int, len(set))
			for t, k := range set {
				shifted[t] = k + o
			}
			j.sets = append(j.sets, shifted)
		}
	}
	h.joint = j
	h.offset = make([]int, len(h.systems))
	for i, s := range h.systems {
		h.offset[i] = at[s]
	}
}

// cellKey names a figure across releases: its table's title and its row
// and column labels.
type cellKey struct{ table, row, col string }

// keys returns the cells of system i by their names, in joint indices.
func (h *history) keys(i int) map[cellKey]int {
	s, fam := h.systems[i], h.fams[i]
	out := make(map[cellKey]int)
	for t, c := range fam.tables {
		g := s.parts[t]
		for k := range g.st {
			r, col := k/g.c, k%g.c
			out[cellKey{c.Meta.Title, c.rowLabel(r), c.colLabel(col)}] = h.offset[i] + s.offset[t] + k
		}
	}
	return out
}

// match pairs the cells of each two releases in a row, finds each old
// cell's counterpart now, and sets the previous release's state of each
// current cell, for stable suppression.
func (h *history) match() {
	last := len(h.systems) - 1
	now := h.keys(last)
	prev := map[cellKey]int(nil)
	for i := range h.systems {
		ks := now
		if i < last {
			ks = h.keys(i)
			for key, k := range ks {
				if c, ok := now[key]; ok {
					h.counterpart[k] = c
				}
			}
		}
		for key, k := range ks {
			if o, ok := prev[key]; ok {
				h.pairs = append(h.pairs, [2]int{o, k})
			}
		}
		prev = ks
	}
	slices.SortFunc(h.pairs, func(a, b [2]int) int { return a[1] - b[1] })
	j := h.joint
	for _, pr := range h.pairs {
		o, k := pr[0], pr[1]
		if j.isEarlier(k) || j.st[o] == free {
			continue
		}
		switch {
		case j.st[o].hidden():
			// Hidden last time, hidden again unless it is now 0: the
			// pattern moves only when the data move it.
			j.before[k] = priorHidden
			if j.candidate(k) {
				j.st[k] = secondary
			}
		case j.st[k] != free && j.publishedAs(o) == j.wouldShow(k):
			j.before[k] = priorSame
		default:
			j.before[k] = priorOther
		}
	}
}

// publishedAs is the figure an earlier cell shows.
func (g *grid) publishedAs(k int) int { return g.x[k] }

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

// relink joins, as one unknown, every pair of figures published with the
// same value in two releases in a row.
func (h *history) relink() {
	j := h.joint
	if j.rep == nil {
		j.rep = make([]int, len(j.st))
	}
	for k := range j.rep {
		j.rep[k] = k
	}
	var find func(int) int
	find = func(k int) int {
		for j.rep[k] != k {
			j.rep[k] = j.rep[j.rep[k]]
			k = j.rep[k]
		}
		return k
	}
	j.links = j.links[:0]
	for _, pr := range h.pairs {
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
	h.tied = make(map[int]bool)
	for k := range j.rep {
		j.rep[k] = find(k)
		if j.rep[k] != k {
			h.tied[k], h.tied[j.rep[k]] = true, true
		}
	}
}

// protect audits the current release with the earlier ones and hides
// more of the current release until the audit passes.
func (h *history) protect() error {
	cur := h.cur
	n := len(cur.all.st)
	for {
		cur.sync()
		h.relink()
		fails, err := h.joint.failures(false)
		if err != nil {
			return err
		}
		if len(fails) == 0 {
			return nil
		}
		changed := false
		touched := make(map[int]bool)
		groups := h.joint.groups()
		hide := func(k int) {
			cur.all.st[k] = secondary
			touched[k] = true
			changed = true
		}
		for _, f := range fails {
			k := f.cell
			switch {
			case h.joint.isGroup(k) && groups[k-len(h.joint.st)].line[0] < n:
				if m, ok := cur.widen(groups[k-len(h.joint.st)]); ok {
					hide(m)
				}
			case h.joint.isGroup(k):
				if m, ok := h.untie(groups[k-len(h.joint.st)].hidden...); ok {
					hide(m)
				}
			case k >= n:
				if m, ok := h.untie(k); ok {
					hide(m)
				}
			case !touched[k] && cur.owner[k] >= 0:
				g, o := cur.parts[cur.owner[k]], cur.offset[cur.owner[k]]
				if r, ok := g.bestRect(k-o, true, true); ok {
					g.hide(r)
					for _, c := range r.corner {
						touched[c+o] = true
					}
					changed = true
				} else if c, ok := g.cheapestCandidate(); ok {
					hide(c + o)
				}
			}
		}
		if !changed {
			return h.auditError(fails)
		}
	}
}

// untie returns the figure of the current release to hide so that old
// cells are no longer narrowed: in the row or column of a cell's
// counterpart, the cheapest figure tied to an earlier release by the
// reader's assumption, or failing that the cheapest there.
func (h *history) untie(cells ...int) (int, bool) {
	cur := h.cur
	best, bestTied, bestCost := -1, false, 0
	for _, k := range cells {
		c, ok := h.counterpart[k]
		if !ok {
			continue
		}
		i := cur.owner[c]
		g, o := cur.parts[i], cur.offset[i]
		r, col := (c-o)/g.c, (c-o)%g.c
		for m := range g.st {
			if m/g.c != r && m%g.c != col || !g.candidate(m) {
				continue
			}
			tied := h.tied[m+o]
			if best < 0 || (tied && !bestTied) || (tied == bestTied && g.cost(m) < bestCost) {
				best, bestTied, bestCost = m+o, tied, g.cost(m)
			}
		}
	}
	return best, best >= 0
}

// auditError names the failing cells of every release, table by table.
func (h *history) auditError(fails []finding) error {
	groups := h.joint.groups()
	per := make([][]finding, len(h.systems))
	for _, f := range fails {
		k := f.cell
		if h.joint.isGroup(k) {
			k = groups[k-len(h.joint.st)].hidden[0]
		}
		for i := len(h.systems) - 1; i >= 0; i-- {
			if k >= h.offset[i] && k < h.offset[i]+len(h.systems[i].all.st) {
				per[i] = append(per[i], finding{k - h.offset[i], f.why})
				break
			}
		}
	}
	var errs []error
	for i, s := range h.systems {
		if len(per[i]) == 0 {
			continue
		}
		err := s.auditError(h.fams[i], per[i])
		for _, e := range flattenErrors(err) {
			var ae *AuditError
			if errors.As(e, &ae) {
				ae.Release = h.fams[i].date
			}
			errs = append(errs, e)
		}
	}
	return errors.Join(errs...)
}

// flattenErrors undoes errors.Join.
func flattenErrors(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, flattenErrors(e)...)
		}
		return out
	}
	if err == nil {
		return nil
	}
	return []error{err}
}
