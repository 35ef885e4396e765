package svg

import (
	"cmp"
	"fmt"
	"math"
	"strings"
)

// Symbols mark the points of lines and scatter series: a circle, square,
// triangle or diamond, filled with the series' colour or ("empty…") with
// the background inside an edge of it, and the rounded rectangle of the
// notes on hidden figures. Each is drawn in the drawing's own coordinates
// (not a unit shape scaled by a transform, which would scale its edge
// with it).

// emptyEdge is the width of an empty symbol's edge.
const emptyEdge = 2

// symbol returns the path of a symbol of the given kind centred on (x, y),
// w by h, in colour, with the item style's edge and opacity.
func (d *drawing) symbol(kind string, x, y, w, h float64, colour string, st itemStyle) (*node, error) {
	shape, empty := strings.CutPrefix(kind, "empty")
	if empty && shape != "" {
		shape = strings.ToLower(shape[:1]) + shape[1:]
	}
	path, err := symbolPath(shape, x, y, w, h)
	if err != nil {
		return nil, err
	}
	if empty {
		return el("path", "d", path, "fill", cmp.Or(d.background, "#FFFFFF"), "stroke", colour, "stroke-width", num(emptyEdge)), nil
	}
	n := el("path", "d", path, "fill", colour)
	d.style(n, st)
	return n, nil
}

// symbolPath returns the outline of a symbol.
func symbolPath(shape string, x, y, w, h float64) (string, error) {
	p := func(vs ...float64) string {
		parts := make([]string, len(vs))
		for i, v := range vs {
			parts[i] = num(v)
		}
		return strings.Join(parts, " ")
	}
	switch shape {
	case "circle":
		r := math.Min(w, h) / 2
		return "M" + p(x-r, y) + "A" + p(r, r, 0, 1, 0, x+r, y) + "A" + p(r, r, 0, 1, 0, x-r, y) + "Z", nil
	case "rect":
		return rectPath(x-w/2, y-h/2, w, h), nil
	case "roundRect":
		return roundRectPath(x-w/2, y-h/2, w, h, math.Min(w, h)/4), nil
	case "triangle":
		return "M" + p(x, y-h/2) + "L" + p(x+w/2, y+h/2) + "L" + p(x-w/2, y+h/2) + "Z", nil
	case "diamond":
		return "M" + p(x, y-h/2) + "L" + p(x+w/2, y) + "L" + p(x, y+h/2) + "L" + p(x-w/2, y) + "Z", nil
	}
	return "", fmt.Errorf("a symbol %q; circle, rect, roundRect, triangle and diamond (and their empty forms) are supported", shape)
}

// roundRectPath returns the outline of a rectangle with corners of radius r.
func roundRectPath(x, y, w, h, r float64) string {
	arc := func(ex, ey float64) string { return "A" + num(r) + " " + num(r) + " 0 0 1 " + num(ex) + " " + num(ey) }
	return "M" + num(x+r) + " " + num(y) +
		"L" + num(x+w-r) + " " + num(y) + arc(x+w, y+r) +
		"L" + num(x+w) + " " + num(y+h-r) + arc(x+w-r, y+h) +
		"L" + num(x+r) + " " + num(y+h) + arc(x, y+h-r) +
		"L" + num(x) + " " + num(y+r) + arc(x+r, y) + "Z"
}
