package anonymise

import "math"

// Cell is one published figure: a count, a percentage or an average, or the
// confidential symbol [c] in its place. It holds only what is shown: the
// figure after rounding, never the count it came from.
type Cell struct {
	kind     cellKind
	scaled   int64 // the figure × 10^places
	places   uint8
	percent  bool // shown with a % sign
	national bool // an exact national figure (exempt from the rule)
}

type cellKind uint8

const (
	noCell cellKind = iota
	countCell
	ratioCell // a percentage or an average
	hiddenCell
)

func countOf(v int, national bool) Cell {
	return Cell{kind: countCell, scaled: int64(v), national: national}
}

func hidden() Cell { return Cell{kind: hiddenCell} }

func ratioOf(scaled int64, places int, percent bool) Cell {
	return Cell{kind: ratioCell, scaled: scaled, places: uint8(places), percent: percent}
}

// Suppressed reports whether the figure is withheld and shown as [c].
func (c Cell) Suppressed() bool { return c.kind == hiddenCell }

// IsCount reports whether the cell is a published count (not suppressed).
func (c Cell) IsCount() bool { return c.kind == countCell }

// Count returns a published count; ok is false for a suppressed cell or one
// that is not a count.
func (c Cell) Count() (n int, ok bool) {
	if c.kind != countCell {
		return 0, false
	}
	return int(c.scaled), true
}

// Value returns the figure as shown, as a number for charts (45.3 for
// "45.3%"); ok is false for a suppressed cell, which a chart must leave as a
// gap, never as 0.
func (c Cell) Value() (v float64, ok bool) {
	switch c.kind {
	case countCell:
		return float64(c.scaled), true
	case ratioCell:
		return float64(c.scaled) / math.Pow10(int(c.places)), true
	}
	return 0, false
}

// National reports whether the cell is a national figure shown exactly
// under the policy's national exemption.
func (c Cell) National() bool { return c.national }

// String returns the figure for people: "[c]", "1,235", "45%", "45.3%".
func (c Cell) String() string { return c.text(true) }

// Plain returns the figure for a CSV file: "[c]", "1235", "45", "45.3" (no
// thousands separators, no % sign).
func (c Cell) Plain() string { return c.text(false) }

func (c Cell) text(human bool) string {
	switch c.kind {
	case hiddenCell:
		return SymbolConfidential
	case countCell:
		if human {
			return grouped(c.scaled)
		}
		return decimal(c.scaled, 0, false)
	case ratioCell:
		s := decimal(c.scaled, int(c.places), human)
		if human && c.percent {
			s += "%"
		}
		return s
	}
	return ""
}
