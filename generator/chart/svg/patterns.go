package svg

import "strconv"

// Patterns tell the series of a bar chart apart without colour (WCAG 1.4.1),
// as ECharts' decals do in a browser: each bar series after the first gets
// one, drawn in translucent white over the series' colour, which keeps
// every colour of the palette recognisable.
//
// Each is a tile in user space: width, height, an optional rotation, and
// the shapes drawn on it.
var patterns = []struct {
	w, h   int
	rotate int
	shapes []*node
}{
	{8, 8, 45, []*node{shape("rect", "width", "3", "height", "8")}},                                             // diagonal stripes
	{8, 8, 0, []*node{shape("circle", "cx", "4", "cy", "4", "r", "1.8")}},                                       // dots
	{8, 6, 0, []*node{shape("rect", "width", "8", "height", "2")}},                                              // horizontal stripes
	{8, 8, 45, []*node{shape("rect", "width", "2", "height", "8"), shape("rect", "width", "8", "height", "2")}}, // cross-hatching
	{6, 8, 0, []*node{shape("rect", "width", "2", "height", "8")}},                                              // vertical stripes
}

// NumPatterns is how many patterns there are; series take them in turn.
var NumPatterns = len(patterns)

// shape is one element of a pattern tile, painted translucent white.
func shape(name string, kv ...string) *node {
	n := &node{name: name}
	for i := 0; i+1 < len(kv); i += 2 {
		n.attrs = append(n.attrs, attr{kv[i], kv[i+1]})
	}
	n.attrs = append(n.attrs, attr{"fill", "#FFFFFF"}, attr{"fill-opacity", "0.55"})
	return n
}

// patternID is the ID of pattern k in the drawing with the given prefix.
func patternID(prefix string, k int) string { return prefix + "-pattern-" + strconv.Itoa(k+1) }

// pattern returns the <pattern> element of pattern k.
func pattern(prefix string, k int) *node {
	p := patterns[k%len(patterns)]
	n := &node{name: "pattern", attrs: []attr{
		{"id", patternID(prefix, k)},
		{"width", strconv.Itoa(p.w)},
		{"height", strconv.Itoa(p.h)},
		{"patternUnits", "userSpaceOnUse"},
	}}
	if p.rotate != 0 {
		n.attrs = append(n.attrs, attr{"patternTransform", "rotate(" + strconv.Itoa(p.rotate) + ")"})
	}
	n.children = p.shapes
	return n
}
