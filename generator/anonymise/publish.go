package anonymise

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Report says what disclosure control did to one table, for the build to
// print. It is kept apart from the Table on purpose: which hidden cells are
// small is exactly what the published table must not say.
type Report struct {
	Table     string
	Figures   int // figures in the published table, totals included
	Primary   int // hidden because they are small
	Secondary int // hidden to protect the small ones
}

func (r Report) String() string {
	return fmt.Sprintf("%q: %d figures, %d hidden (%d small, %d to protect them)",
		r.Table, r.Figures, r.Primary+r.Secondary, r.Primary, r.Secondary)
}

// AuditError reports hidden cells of a table that readers could still work
// out, or narrow down to a small number. The build must stop: the table is
// not safe to publish.
type AuditError struct {
	Table string
	// Release is the date of the earlier release the table belongs to,
	// or "" for the table being published now.
	Release string
	Cells   []AuditProblem
}

// AuditProblem is one unsafe cell, named by its row and column labels (the
// table's total label for a total).
type AuditProblem struct {
	Row, Column string
	Problem     string
}

func (e *AuditError) Error() string {
	var b strings.Builder
	if e.Release != "" {
		fmt.Fprintf(&b, "table %q of the release of %s is no longer safe:", e.Table, e.Release)
	} else {
		fmt.Fprintf(&b, "table %q is not safe to publish:", e.Table)
	}
	for _, c := range e.Cells {
		fmt.Fprintf(&b, "\n  row %q, column %q: %s", c.Row, c.Column, c.Problem)
	}
	return b.String()
}

// Hint says what a non-programmer can do about it.
func (e *AuditError) Hint() string {
	return "combine small groups (for example neighbouring regions, or quarters into years), or publish fewer totals, and build again"
}

// Publish applies the disclosure rule to a table of counts: small counts
// are hidden, further cells are hidden so that none of them can be worked
// out, every other count is rounded, and the result is audited. It returns
// the published table, a report for the build log, and an error if the input
// is invalid or the audit fails (an *AuditError); the table is nil on error.
func (p Policy) Publish(c *Counts) (*Table, Report, error) {
	t, _, rep, err := p.publish(c)
	return t, rep, err
}

// publish is Publish, also returning the protected grid for tests.
func (p Policy) publish(c *Counts) (*Table, *grid, Report, error) {
	if err := p.check(); err != nil {
		return nil, nil, Report{}, err
	}
	if err := c.check(); err != nil {
		return nil, nil, Report{}, err
	}
	g := newGrid(p, c)
	fails, err := g.protect()
	if err != nil {
		return nil, nil, Report{}, fmt.Errorf("table %q: %w", c.Meta.Title, err)
	}
	if len(fails) > 0 {
		return nil, nil, Report{}, g.auditError(c, fails)
	}
	t := g.table(c)
	prim, sec := g.counts()
	rep := Report{Table: c.Meta.Title, Primary: prim, Secondary: sec}
	for _, s := range g.st {
		if s != free {
			rep.Figures++
		}
	}
	return t, g, rep, nil
}

// check turns validation problems into an error, for the functions that
// are handed an unchecked Policy.
func (p Policy) check() error {
	probs := p.Validate()
	var errs []error
	for _, pr := range probs {
		errs = append(errs, fmt.Errorf("disclosure policy: %s", pr))
	}
	if p.Rules != 0 && !KnownRules(p.Rules) {
		errs = append(errs, fmt.Errorf("disclosure policy: there is no version %d of the rules (versions %d to %d)", p.Rules, Rules1, LatestRules))
	}
	return errors.Join(errs...)
}

// check reports every problem with the input table.
func (c *Counts) check() error {
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("table %q: "+format, append([]any{c.Meta.Title}, args...)...))
	}
	if strings.TrimSpace(c.Meta.Title) == "" {
		bad("the table has no title")
	}
	checkLabels(c.rows, "row", bad)
	checkLabels(c.cols, "column", bad)
	for i, r := range c.rows {
		for j, col := range c.cols {
			if c.n[i*len(c.cols)+j] < 0 {
				bad("row %q, column %q: the count is negative", r, col)
			}
		}
	}
	return errors.Join(errs...)
}

func checkLabels(labels []string, what string, bad func(string, ...any)) {
	if len(labels) == 0 {
		bad("the table has no %ss", what)
	}
	seen := make(map[string]bool)
	for i, l := range labels {
		switch {
		case strings.TrimSpace(l) == "":
			bad("%s %d has no label", what, i+1)
		case seen[l]:
			bad("two %ss are labelled %q", what, l)
		}
		seen[l] = true
	}
}

// table copies the published figures out of the grid. Nothing else goes
// into the Table: the grid and its raw counts are left behind.
func (g *grid) table(c *Counts) *Table {
	R, C := g.r-1, g.c-1
	t := &Table{meta: c.Meta, kind: KindCount, method: g.p.Method()}
	t.rows, t.cols = slices.Clone(c.rows), slices.Clone(c.cols)
	cell := func(i, j int) Cell {
		k := g.at(i, j)
		if g.st[k].hidden() {
			return hidden()
		}
		v, _ := g.published(k)
		return countOf(v, g.st[k] == exact)
	}
	t.body = make([]Cell, 0, R*C)
	for i := range R {
		for j := range C {
			t.body = append(t.body, cell(i, j))
		}
	}
	if c.Margins&RowTotals != 0 {
		for i := range R {
			t.rowTotals = append(t.rowTotals, cell(i, C))
		}
	}
	if c.Margins&ColumnTotals != 0 {
		for j := range C {
			t.colTotals = append(t.colTotals, cell(R, j))
		}
	}
	if c.Margins&GrandTotal != 0 {
		t.grand = cell(R, C)
	}
	var anyHidden, anyRounded, anyExact bool
	for _, s := range g.st {
		anyHidden = anyHidden || s.hidden()
		anyRounded = anyRounded || s == rounded
		anyExact = anyExact || s == exact
	}
	if anyHidden {
		t.footnotes = append(t.footnotes, g.p.ConfidentialFootnote())
	}
	if anyRounded && g.p.RoundTo > 1 {
		t.footnotes = append(t.footnotes, g.p.RoundingFootnote())
	}
	if anyExact {
		t.footnotes = append(t.footnotes, g.p.NationalFootnote())
	}
	return t
}

// auditError names the cells that failed, without their values.
func (g *grid) auditError(c *Counts, fails []finding) *AuditError {
	e := &AuditError{Table: c.Meta.Title}
	groups := g.groups()
	for _, v := range fails {
		if g.isGroup(v.cell) {
			v.cell = groups[v.cell-len(g.st)].hidden[0]
		}
		i, j := v.cell/g.c, v.cell%g.c
		var msg string
		switch {
		case v.why == groupDominated:
			msg = fmt.Sprintf("this hidden figure and the others hidden in its row or column come mostly from one or two providers, and the other figures narrow their sum so far that those providers, taking their own share away, could show that the rest is at most %d", g.p.SuppressTo)
		case v.why == groupSmall:
			msg = fmt.Sprintf("this hidden figure and the others hidden in its row or column can be shown to add up to between %d and %d, so some of them are small", g.p.SuppressFrom, g.p.SuppressTo)
		case v.why == derivedBy:
			msg = "this hidden figure can be worked out exactly from the other figures in its row or column"
		case v.why == smallBy && g.st[v.cell] == dominated:
			msg = fmt.Sprintf("this hidden figure comes nearly all from one provider, and the other figures narrow it so far that the provider, taking its own share away, could show that the rest is between %d and %d", g.p.SuppressFrom, g.p.SuppressTo)
		case v.why == smallBy:
			msg = fmt.Sprintf("this hidden figure can be shown from the other figures to be between %d and %d", g.p.SuppressFrom, g.p.SuppressTo)
		default:
			msg = "this hidden figure can be worked out exactly by someone who knows which hidden figures are small"
		}
		e.Cells = append(e.Cells, AuditProblem{Row: c.rowLabel(i), Column: c.colLabel(j), Problem: msg})
	}
	return e
}
