package anonymise

// Group protection. The audit's three tests look at each hidden figure on
// its own, but a reader can also bound the sum of several: in a row with
// three hidden figures and a published total, the three together are the
// total less the figures shown. If that sum can be shown to lie from 1 to
// SuppressTo, at least two of the three are small, and the reader has
// learnt nearly as much as from one small figure shown. So the sum of the
// hidden figures of every line (row or column, totals row and column
// included) of every table is audited as well, whenever a line hides two
// or more: it must be able to reach SuppressTo+1. (A line's total is not
// part of its group: it is the sum itself, and audited on its own.)
//
// A group sum is nearly always fixed up to rounding by its line's equation,
// so the first and third tests, which ask whether a figure is known exactly,
// do not apply to it; the second, whether it is known to be small, is the
// one that matters.
//
// Contributors (rules version 2). A provider who gives most of a line's
// hidden figures knows its own share of their sum. Taking it away from
// the most the sum can be, it learns how much the other providers can
// give at most; two providers of a region can pool their shares and do
// the same. So, as the dominance rule asks of one figure (grid.target),
// a group whose figures others give some of must be able to reach the
// share of the one or two contributors who give most of it plus
// SuppressTo+1: the others' remainder is then 0 (nobody else to protect)
// or could be more than SuppressTo. Releases made under version 1 are
// checked without it (Policy.Rules).

// lineSets returns, for every line of the grid's tables, the cells of the
// line other than its total.
func (g *grid) lineSets() [][]int {
	if g.sets != nil {
		return g.sets
	}
	return tableLines(g.r, g.c, 0)
}

// tableLines returns the lines of an r × c extended table whose cells start
// at offset: each row and each column, without its total (the last cell).
func tableLines(r, c, offset int) [][]int {
	var out [][]int
	for i := range r {
		var line []int
		for j := range c - 1 {
			line = append(line, offset+i*c+j)
		}
		out = append(out, line)
	}
	for j := range c {
		var line []int
		for i := range r - 1 {
			line = append(line, offset+i*c+j)
		}
		out = append(out, line)
	}
	return out
}

// group is the hidden figures of one line, audited together.
type group struct {
	line   []int // every cell of the line but its total
	hidden []int // the line's hidden, audited cells
	// target is the value a public reader must believe the sum could
	// reach: SuppressTo+1, or more when one or two contributors give
	// most of it (groupTarget).
	target int
}

// groups returns the lines that hide two or more audited figures, in line
// order. The group sums are audited after the cells: finding len(g.st)+i
// is group i.
func (g *grid) groups() []group {
	var out []group
	for _, line := range g.lineSets() {
		var hid []int
		for _, k := range line {
			if g.audited(k) {
				hid = append(hid, k)
			}
		}
		if len(hid) >= 2 {
			out = append(out, group{line: line, hidden: hid, target: g.groupTarget(hid)})
		}
	}
	return out
}

// groupTarget returns the value the sum of the hidden cells must be able
// to reach: SuppressTo+1, and with contributors (g.from) the share of the
// one or two who give most of it on top, unless they give all of it.
func (g *grid) groupTarget(hidden []int) int {
	t := g.p.SuppressTo + 1
	if g.from == nil {
		return t
	}
	sum := make(map[string]int)
	for _, k := range hidden {
		for who, n := range g.from[k] {
			sum[who] += n
		}
	}
	if top, others := coalition(sum); others > 0 {
		t += top
	}
	return t
}

// isGroup reports whether a finding is about a group rather than a cell.
func (g *grid) isGroup(id int) bool { return id >= len(g.st) }
