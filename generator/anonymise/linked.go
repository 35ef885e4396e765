package anonymise

import (
	"errors"
	"fmt"
	"slices"
)

// Linked tables. Tables cut from the same records share figures: actions by
// status and region and actions by quarter and region have the same region
// totals; completed actions by quarter are some of all actions by quarter.
// Published one at a time, each table is audited against its own equations
// only, but a reader can put them side by side. A hidden region total in one
// table is then simply read off another, and less obviously the figures of
// one table can narrow a shared total below what its rounding allows, and so
// narrow the hidden cells of the other.
//
// PublishLinked protects and audits such a family as one system: the
// equations of every table, plus one equation per declared link (a = b,
// a = b₁ + … + bₙ, or a + s = b with s ≥ 0 unknown to readers for a ≤ b).
// Each table is first protected on its own (suppress.go); hidden figures
// are then copied to the figures they are declared equal to, and the audit
// is run over the whole system, hiding further rectangles in the table of
// any cell that fails, until it passes. Last, the cells hidden at this stage are shown again
// where the whole system's audit passes without them. A cell hidden by a
// table's own protection stays hidden: the family's reader knows at least
// as much as the table's, so it is still needed.
//
// The three tests are the same as for one table (see audit.go). For one
// table the equations form a network and the bounds are exact over whole
// numbers; the joined equations of a family need not, and then the bounds
// are those of the linear relaxation, the standard audit for linked tables
// (as in τ-Argus). A brute-force test (linked_test.go) compares them with
// enumeration over whole numbers on small families.

// Ref names one figure of a table in a Linked family: a body cell, or with
// Total for Row or Col a total.
type Ref struct {
	Table    *Counts
	Row, Col int
}

// Linked is a family of count tables cut from the same records, to be
// published together by Policy.PublishLinked.
type Linked struct {
	tables []*Counts
	equal  [][2]Ref
	atMost []sum // total ≤ the sum of parts
	sums   []sum
	// previous are the earlier releases of the family, oldest first
	// (history.go); date names an earlier release.
	previous []*Linked
	date     string
}

// sum is one Sum link: total = the sum of parts.
type sum struct {
	total Ref
	parts []Ref
}

// Add adds tables to the family. Tables are published in the order added.
func (l *Linked) Add(cs ...*Counts) { l.tables = append(l.tables, cs...) }

// Equal declares that two figures count the same records, so they are
// equal; for example a region's total in two tables cut by region.
func (l *Linked) Equal(a, b Ref) { l.equal = append(l.equal, [2]Ref{a, b}) }

// AtMost declares that figure a counts some of the records figure b
// counts, so a ≤ b; for example completed actions opened in a quarter,
// and all actions opened in it.
func (l *Linked) AtMost(a, b Ref) { l.AtMostSum(a, b) }

// AtMostSum declares that figure a counts at most as many as the parts
// count between them: a ≤ the sum of the parts. For example the providers
// with an overdue action, and the overdue actions: each such provider has
// at least one.
func (l *Linked) AtMostSum(a Ref, parts ...Ref) {
	l.atMost = append(l.atMost, sum{total: a, parts: slices.Clone(parts)})
}

// Sum declares that figure total counts exactly the records the parts count
// between them, each record in one part only: total = the sum of the parts.
// For example a domain's actions in England and the actions of each of the
// domain's standards, in a table by standard. (Equal is Sum with one part.)
func (l *Linked) Sum(total Ref, parts ...Ref) {
	l.sums = append(l.sums, sum{total: total, parts: slices.Clone(parts)})
}

// SameColumnTotals declares that two tables with the same columns count the
// same records in each column: their column totals and grand totals are
// equal.
func (l *Linked) SameColumnTotals(a, b *Counts) {
	for j := range min(len(a.cols), len(b.cols)) {
		l.Equal(Ref{a, Total, j}, Ref{b, Total, j})
	}
	l.Equal(Ref{a, Total, Total}, Ref{b, Total, Total})
}

// SameRowTotals declares that two tables with the same rows count the same
// records in each row: their row totals and grand totals are equal.
func (l *Linked) SameRowTotals(a, b *Counts) {
	for i := range min(len(a.rows), len(b.rows)) {
		l.Equal(Ref{a, i, Total}, Ref{b, i, Total})
	}
	l.Equal(Ref{a, Total, Total}, Ref{b, Total, Total})
}

// PartOf declares that part counts some of the records whole counts, cell by
// cell: the two tables have the same rows and columns, and every figure of
// part, totals included, is at most the same figure of whole.
func (l *Linked) PartOf(part, whole *Counts) {
	for i := range len(part.rows) + 1 {
		for j := range len(part.cols) + 1 {
			l.AtMost(Ref{part, lastIsTotal(i, len(part.rows)), lastIsTotal(j, len(part.cols))},
				Ref{whole, lastIsTotal(i, len(whole.rows)), lastIsTotal(j, len(whole.cols))})
		}
	}
}

func lastIsTotal(i, n int) int {
	if i == n {
		return Total
	}
	return i
}

// PublishLinked applies the disclosure rule to a family of tables, as
// Publish does to one, and audits the family as a whole. It returns the
// published tables and their reports in the order the tables were added,
// or an error: invalid input, links that the counts do not satisfy, or one
// *AuditError per table with cells the family's reader could work out
// (joined with errors.Join). On error no table is returned.
func (p Policy) PublishLinked(l *Linked) ([]*Table, []Report, error) {
	if err := p.check(); err != nil {
		return nil, nil, err
	}
	var errs []error
	for _, c := range l.tables {
		if err := c.check(); err != nil {
			errs = append(errs, err)
		} else if err := p.checkReleased(c); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, nil, err
	}
	sys, err := newSystem(p, l, false)
	if err != nil {
		return nil, nil, err
	}
	var h *history
	if len(l.previous) > 0 {
		if h, err = newHistory(p, sys, l); err != nil {
			return nil, nil, err
		}
	}
	fails, err := sys.protect()
	if err != nil {
		return nil, nil, err
	}
	if len(fails) > 0 {
		return nil, nil, sys.auditError(l, fails)
	}
	if h != nil {
		if err := h.protect(); err != nil {
			return nil, nil, err
		}
	}
	tables := make([]*Table, len(l.tables))
	reports := make([]Report, len(l.tables))
	for i, c := range l.tables {
		g := sys.parts[i]
		tables[i] = g.table(c)
		prim, sec := g.counts()
		reports[i] = Report{Table: c.Meta.Title, Primary: prim, Secondary: sec}
		for _, s := range g.st {
			if s != free {
				reports[i].Figures++
			}
		}
	}
	return tables, reports, nil
}

// system is a family of grids joined into one: all holds every cell of
// every table (each part's slices alias a stretch of all's, so a change to
// either is a change to both) plus one slack cell per AtMost link, and the
// equations of the whole family.
type system struct {
	all    *grid
	parts  []*grid
	offset []int
	owner  []int    // cell of all → index of its part, −1 for slack
	equal  [][2]int // cells of all declared equal
	sums   [][]int  // cells of all in one Sum link, the total first
	atMost [][]int  // cells of all in one AtMost link, the smaller first
	l      *Linked  // the family declared
}

// newSystem joins the tables of a family into one system. For an earlier
// release (earlier) the tables hold published figures, not counts, so the
// links cannot be checked against them.
func newSystem(p Policy, l *Linked, earlier bool) (*system, error) {
	s := &system{all: &grid{p: p}, l: l}
	index := make(map[*Counts]int)
	n := 0
	for i, c := range l.tables {
		if _, dup := index[c]; dup {
			return nil, fmt.Errorf("table %q is added to the family twice", c.Meta.Title)
		}
		index[c] = i
		g := newGrid(p, c)
		s.parts = append(s.parts, g)
		s.offset = append(s.offset, n)
		n += len(g.x)
	}
	n += len(l.atMost)
	a := s.all
	a.x, a.st, a.national = make([]int, n), make([]status, n), make([]bool, n)
	a.flags, a.before = make([]cellFlag, n), make([]prior, n)
	a.sets = [][]int{}
	s.owner = make([]int, n)
	for i, g := range s.parts {
		o, m := s.offset[i], len(g.x)
		copy(a.x[o:], g.x)
		copy(a.st[o:], g.st)
		copy(a.national[o:], g.national)
		if g.flags != nil {
			copy(a.flags[o:], g.flags)
		}
		if g.top != nil {
			if a.top == nil {
				a.top = make([]int, n)
			}
			copy(a.top[o:], g.top)
			g.top = a.top[o : o+m : o+m]
		}
		if g.from != nil {
			if a.from == nil {
				a.from = make([]map[string]int, n)
			}
			copy(a.from[o:], g.from)
			g.from = a.from[o : o+m : o+m]
		}
		g.x, g.st, g.national = a.x[o:o+m:o+m], a.st[o:o+m:o+m], a.national[o:o+m:o+m]
		g.flags, g.before = a.flags[o:o+m:o+m], a.before[o:o+m:o+m]
		a.sets = append(a.sets, tableLines(g.r, g.c, o)...)
		for k := range m {
			s.owner[o+k] = i
		}
		for _, eq := range g.lines() {
			shifted := make([]term, len(eq))
			for t, tm := range eq {
				shifted[t] = term{tm.cell + o, tm.coef}
			}
			a.eqs = append(a.eqs, shifted)
		}
	}
	var errs []error
	cell := func(r Ref) (int, bool) {
		i, ok := index[r.Table]
		if !ok {
			title := "(nil)"
			if r.Table != nil {
				title = fmt.Sprintf("%q", r.Table.Meta.Title)
			}
			errs = append(errs, fmt.Errorf("a link names table %s, which is not in the family", title))
			return 0, false
		}
		R, C := len(r.Table.rows), len(r.Table.cols)
		if (r.Row < 0 && r.Row != Total) || r.Row >= R || (r.Col < 0 && r.Col != Total) || r.Col >= C {
			errs = append(errs, fmt.Errorf("table %q: a link names row %d, column %d, which is not in the table", r.Table.Meta.Title, r.Row, r.Col))
			return 0, false
		}
		return s.offset[i] + r.Table.ext(r.Row, r.Col), true
	}
	for _, e := range l.equal {
		x, ok1 := cell(e[0])
		y, ok2 := cell(e[1])
		if !ok1 || !ok2 {
			continue
		}
		if !earlier && a.x[x] != a.x[y] {
			errs = append(errs, fmt.Errorf("%s and %s are declared equal but their counts differ", s.name(e[0]), s.name(e[1])))
			continue
		}
		s.equal = append(s.equal, [2]int{x, y})
		a.eqs = append(a.eqs, []term{{x, 1}, {y, -1}})
	}
	// parts appends each part of a link to eq with coefficient -1, and
	// returns it with the parts' counts added up; ok is false if a part
	// is not a cell of the family (cell has said why).
	parts := func(eq []term, refs []Ref) (_ []term, got int, ok bool) {
		ok = true
		for _, p := range refs {
			y, ok1 := cell(p)
			ok = ok && ok1
			eq = append(eq, term{y, -1})
			got += a.x[y]
		}
		return eq, got, ok
	}
	for _, e := range l.sums {
		x, ok := cell(e.total)
		eq, got, ok1 := parts([]term{{x, 1}}, e.parts)
		if ok = ok && ok1; !ok {
			continue
		}
		if len(e.parts) == 0 || (!earlier && got != a.x[x]) {
			errs = append(errs, fmt.Errorf("%s is declared to be the sum of %d figures but their counts do not add up to it", s.name(e.total), len(e.parts)))
			continue
		}
		a.eqs = append(a.eqs, eq)
		group := []int{x}
		for _, t := range eq[1:] {
			group = append(group, t.cell)
		}
		s.sums = append(s.sums, group)
	}
	slack := n - len(l.atMost)
	for _, e := range l.atMost {
		x, ok := cell(e.total)
		eq, got, ok1 := parts([]term{{x, 1}, {slack, 1}}, e.parts)
		ok = ok && ok1
		s.owner[slack] = -1
		if earlier {
			a.flags[slack] = flagEarlier
		}
		if ok && len(e.parts) > 0 {
			if !earlier && a.x[x] > got {
				what := s.name(e.parts[0])
				if len(e.parts) > 1 {
					what = fmt.Sprintf("the sum of %d figures", len(e.parts))
				}
				errs = append(errs, fmt.Errorf("%s is declared to be at most %s but its count is larger", s.name(e.total), what))
			}
			// The slack is what the smaller figure leaves out: readers
			// know only that it is 0 or more (status free).
			a.x[slack] = max(got-a.x[x], 0)
			a.eqs = append(a.eqs, eq)
			cells := []int{x}
			for _, t := range eq[2:] {
				cells = append(cells, t.cell)
			}
			s.atMost = append(s.atMost, cells)
		}
		slack++
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return s, nil
}

// name describes a figure for an error message.
func (s *system) name(r Ref) string {
	c := r.Table
	return fmt.Sprintf("table %q row %q, column %q", c.Meta.Title, c.rowLabel(r.Row), c.colLabel(r.Col))
}

// protect protects each table, then the family; it returns the family's
// cells that could not be protected (none on success).
func (s *system) protect() ([]finding, error) {
	for i, g := range s.parts {
		fails, err := g.protect()
		if err != nil {
			return nil, err
		}
		groups := g.groups()
		for f := range fails {
			// A group of the table is no group of the family's (its
			// index counts the table's groups only): name it by its
			// first hidden figure, as auditError reports a group.
			if k := fails[f].cell; g.isGroup(k) {
				fails[f].cell = groups[k-len(g.st)].hidden[0]
			}
			fails[f].cell += s.offset[i]
		}
		if len(fails) > 0 {
			return fails, nil
		}
	}
	before := slices.Clone(s.all.st)
	for {
		s.sync()
		fails, err := s.all.failures(false)
		if err != nil {
			return nil, err
		}
		if len(fails) == 0 {
			break
		}
		if !s.hideFor(fails) {
			return fails, nil
		}
	}
	return nil, s.prune(before)
}

// sync hides every published figure declared equal to a hidden one: it
// would give the hidden one away. In a Sum link with one figure hidden, the
// others would give it away too, so it hides the smallest of them as well
// (the audit then decides whether that is enough). The tables' own
// protection cannot do this: the figure that gives the hidden one away may
// be in another table.
func (s *system) sync() {
	st := s.all.st
	for changed := true; changed; {
		changed = false
		for _, e := range s.equal {
			for _, d := range [2][2]int{{e[0], e[1]}, {e[1], e[0]}} {
				if st[d[0]].hidden() && s.all.candidate(d[1]) {
					st[d[1]] = secondary
					changed = true
				}
			}
		}
		for _, group := range s.sums {
			hidden, best := 0, -1
			for _, k := range group {
				switch {
				case st[k].hidden():
					hidden++
				case s.all.candidate(k) && (best < 0 || s.cheaper(k, best)):
					best = k
				}
			}
			if hidden == 1 && best >= 0 {
				st[best] = secondary
				changed = true
			}
		}
	}
}

// cheaper reports whether hiding figure k loses less than hiding figure m:
// a rounded figure before an exact national one, then the smaller count.
func (s *system) cheaper(k, m int) bool {
	a := s.all
	if (a.st[k] == exact) != (a.st[m] == exact) {
		return a.st[m] == exact
	}
	return a.x[k] < a.x[m]
}

// prune shows again the complements hidden for the family (those not
// hidden in before), most valuable first, where the family's audit passes
// without them. Figures declared equal are shown or kept hidden together.
func (s *system) prune(before []status) error {
	a := s.all
	groups := s.equalGroups()
	var cand []int
	for k, st := range a.st {
		if st == secondary && before[k] != secondary {
			cand = append(cand, k)
		}
	}
	slices.SortStableFunc(cand, func(x, y int) int { return a.shownCost(y) - a.shownCost(x) })
	for _, k := range cand {
		if a.st[k] != secondary || a.keepHidden(k) {
			continue // shown with an equal figure already, or hidden last time
		}
		var group []int
		for _, m := range groups[k] {
			if a.st[m] == secondary {
				group = append(group, m)
			}
		}
		if slices.ContainsFunc(groups[k], func(m int) bool { return a.st[m].needsProtection() || before[m] == secondary }) {
			continue // an equal figure must stay hidden, so this one must too
		}
		show := func(to func(m int) status) {
			for _, m := range group {
				a.st[m] = to(m)
			}
		}
		show(func(m int) status {
			if a.national[m] {
				return exact
			}
			return rounded
		})
		fails, err := a.failures(true)
		if err != nil {
			return err
		}
		if len(fails) > 0 {
			show(func(int) status { return secondary })
		}
	}
	return nil
}

// equalGroups maps each cell to the cells declared equal to it, directly
// or through others, itself included.
func (s *system) equalGroups() map[int][]int {
	parent := make(map[int]int)
	var find func(int) int
	find = func(k int) int {
		p, ok := parent[k]
		if !ok || p == k {
			return k
		}
		r := find(p)
		parent[k] = r
		return r
	}
	for _, e := range s.equal {
		x, y := find(e[0]), find(e[1])
		if x != y {
			parent[max(x, y)] = min(x, y)
		}
	}
	members := make(map[int][]int)
	for k := range s.all.st {
		r := find(k)
		members[r] = append(members[r], k)
	}
	out := make(map[int][]int, len(s.all.st))
	for _, m := range members {
		for _, k := range m {
			out[k] = m
		}
	}
	return out
}

// widen returns the figure to hide for a group whose sum is known to be
// small: the cheapest published figure of its line, in the line's table.
func (s *system) widen(gr group) (int, bool) {
	i := s.owner[gr.line[0]]
	o := s.offset[i]
	local := group{}
	for _, k := range gr.line {
		local.line = append(local.line, k-o)
	}
	k, ok := s.parts[i].widen(local)
	return k + o, ok
}

// auditError reports the failing cells table by table. A group is
// reported at its first hidden figure.
func (s *system) auditError(l *Linked, fails []finding) error {
	per := make(map[int][]finding)
	groups := s.all.groups()
	for _, f := range fails {
		k := f.cell
		if s.all.isGroup(k) {
			k = groups[k-len(s.all.st)].hidden[0]
		}
		if i := s.owner[k]; i >= 0 {
			per[i] = append(per[i], finding{k - s.offset[i], f.why})
		}
	}
	var errs []error
	for i, c := range l.tables {
		if fs := per[i]; len(fs) > 0 {
			errs = append(errs, s.parts[i].auditError(c, fs))
		}
	}
	return errors.Join(errs...)
}

// linkedCandidate returns the cheapest published figure, in another table,
// that an AtMost link ties to the row or column of cell k (a count of
// providers, say, that bounds a hidden count of actions), and what hiding
// it costs.
func (s *system) linkedCandidate(k int) (best, cost int, ok bool) {
	i := s.owner[k]
	g, o := s.parts[i], s.offset[i]
	r, c := (k-o)/g.c, (k-o)%g.c
	inLines := func(m int) bool {
		if s.owner[m] != i {
			return false
		}
		return (m-o)/g.c == r || (m-o)%g.c == c
	}
	best = -1
	for _, link := range s.atMost {
		if !slices.ContainsFunc(link, inLines) {
			continue
		}
		for _, m := range link {
			j := s.owner[m]
			if j < 0 || j == i || !s.all.candidate(m) {
				continue
			}
			if mc := s.parts[j].cost(m - s.offset[j]); best < 0 || mc < cost {
				best, cost = m, mc
			}
		}
	}
	return best, cost, best >= 0
}
