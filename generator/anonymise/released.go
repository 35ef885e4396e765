package anonymise

import (
	"fmt"
	"slices"
	"strings"
)

// Figures released already. A release is never rewritten: once a table's
// figures are out, the build that publishes the same data again must show
// the same figures, hidden where they were hidden, whatever a newer
// suppression would choose. Counts.Released declares that; PublishLinked
// then keeps the released pattern (no figure is hidden or shown again),
// checks that each released figure is what the rule gives for the count,
// and audits the pattern with everything else, so that a released pattern
// found unsafe by a later, stricter audit stops the build instead of being
// quietly changed.

// Released declares that c's figures were published already as e shows
// them: e is a table made with NewEarlier, with the same title and labels.
func (c *Counts) Released(e *Counts) { c.released = e }

// MismatchError reports figures of a released table that the counts no
// longer give: the data were changed after the release.
type MismatchError struct {
	Table string
	Cells []AuditProblem
}

func (e *MismatchError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "table %q differs from its release:", e.Table)
	for _, c := range e.Cells {
		fmt.Fprintf(&b, "\n  row %q, column %q: %s", c.Row, c.Column, c.Problem)
	}
	return b.String()
}

// keep gives the grid the released pattern and locks every figure.
func (g *grid) keep(e *Counts) {
	if g.flags == nil {
		g.flags = make([]cellFlag, len(g.st))
	}
	for k, f := range e.shown {
		if k >= len(g.st) || g.st[k] == free {
			continue
		}
		g.flags[k] |= flagLocked
		if !f.hidden && g.st[k] == dominated {
			// Released before the rule hid such figures: it was
			// published, so hiding it now protects nothing.
			g.st[k] = rounded
		}
		if !f.hidden || g.st[k] == zero {
			continue // a mismatch, if any, is checkReleased's to report
		}
		if g.st[k] == dominated {
			continue
		}
		if g.p.small(g.x[k]) && !g.national[k] {
			g.st[k] = primary
		} else {
			g.st[k] = secondary
		}
	}
}

// checkReleased reports the figures of a released table that c's counts
// do not give. It names figures, never counts: a count the rule hides is
// described, not shown.
func (p Policy) checkReleased(c *Counts) error {
	e := c.released
	if e == nil {
		return nil
	}
	if e.shown == nil || !slices.Equal(c.rows, e.rows) || !slices.Equal(c.cols, e.cols) {
		return &MismatchError{Table: c.Meta.Title, Cells: []AuditProblem{{Row: "", Column: "",
			Problem: "the released table has other rows or columns than the data give now"}}}
	}
	g := newGrid(p, c)
	me := &MismatchError{Table: c.Meta.Title}
	for k, f := range e.shown {
		if g.st[k] == free {
			continue
		}
		var msg string
		v, shown := g.published(k)
		switch {
		case !f.set:
			msg = "the release has no figure here"
		case f.hidden && g.st[k] == zero:
			msg = "released as " + SymbolConfidential + ", but the data now give 0, which is always shown"
		case f.hidden:
			continue
		case !shown:
			msg = fmt.Sprintf("released as %d, but the data now give a count from %d to %d, which is always hidden", f.v, p.SuppressFrom, p.SuppressTo)
		case v != f.v:
			msg = fmt.Sprintf("released as %d, but the data now give %d", f.v, v)
		default:
			continue
		}
		me.Cells = append(me.Cells, AuditProblem{Row: c.rowLabel(k / g.c), Column: c.colLabel(k % g.c), Problem: msg})
	}
	if len(me.Cells) > 0 {
		return me
	}
	return nil
}
