package anonymise

// Stable suppression. A site publishes its figures again every quarter,
// and a reader can lay one release beside the next. When a figure shown
// last time is hidden now and one hidden last time is shown, each release
// gives away what the other hides (history.go audits exactly that). So
// secondary suppression leans on the previous release:
//
//   - a figure hidden last time costs nothing to hide again, so the
//     rectangles that protect a small figure use it first;
//   - a figure hidden last time is not shown again by the last pass that
//     shows complements the audit does not need, so the pattern moves only
//     when the data move it (a figure that has become 0 is shown, as every
//     0 is);
//   - a figure shown last time whose published value would be the same
//     now costs more to hide than any rectangle of other figures, so it
//     keeps its state unless nothing else will do.

// prior is a cell's state in the previous release.
type prior uint8

const (
	priorNone   prior = iota // not in the previous release, or none
	priorHidden              // hidden
	priorSame                // shown with the value it would have now
	priorOther               // shown with another value
)

// stability is what the previous release adds to the cost of hiding cell
// k, a published cell of the current release.
func (g *grid) stability(k int) int {
	if g.before == nil {
		return 0
	}
	switch g.before[k] {
	case priorHidden:
		return -g.x[k] // free: cost() adds x
	case priorSame:
		// More than any rectangle of cells without this mark can cost.
		return 4*g.x[len(g.x)-1] + 4
	}
	return 0
}

// keepHidden reports whether complement k must stay hidden because it was
// hidden in the previous release.
func (g *grid) keepHidden(k int) bool {
	return g.isLocked(k) || g.before != nil && g.before[k] == priorHidden
}

// widen returns the cell to hide so that the sum of a group's hidden
// figures is no longer known to be small: the cheapest published figure of
// the group's line, or failing that the cheapest anywhere.
func (g *grid) widen(gr group) (int, bool) {
	best := -1
	for _, k := range gr.line {
		if g.candidate(k) && (best < 0 || g.cost(k) < g.cost(best)) {
			best = k
		}
	}
	if best >= 0 {
		return best, true
	}
	return g.cheapestCandidate()
}
