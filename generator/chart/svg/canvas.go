package svg

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
)

// canvas collects a drawing's elements, each at a depth (ECharts' z: the
// higher, the later it is drawn, over the others), and writes them out in
// that order, keeping the order they were added in at the same depth.
type canvas struct {
	chart Chart
	// width and height are the drawing's size.
	width, height float64
	// font is the option's text style, which text falls back on.
	font textStyle
	// background is the drawing's background colour, which empty symbols
	// are filled with.
	background string
	items      []item
	// patterns are the patterns the drawing uses, by number.
	patterns []int
}

type item struct {
	z     float64
	layer int
	n     *node
}

// Depths of what is not a series (series are at their z, 2 unless the
// option says).
const (
	zAxis   = 0
	zSeries = 2
	zLegend = 10
)

// Layers order what is at the same depth: the axes' grid lines under their
// lines, and a series' marks under their labels.
const (
	layerBack = iota
	layerLine
	layerText
)

// defaultColour is the colour of text the option gives no colour.
const defaultColour = "#212B32"

func (c *canvas) add(z float64, layer int, n *node) {
	c.items = append(c.items, item{z, layer, n})
}

// svg writes the drawing: the root element, the patterns it uses, its
// background and its elements, deepest first.
func (c *canvas) svg() string {
	root := el("svg", "xmlns", "http://www.w3.org/2000/svg", "viewBox", "0 0 "+num(c.width)+" "+num(c.height))
	if c.chart.Class != "" {
		root.set("class", c.chart.Class)
	}
	root.set("aria-hidden", "true").set("focusable", "false")
	if len(c.patterns) > 0 {
		slices.Sort(c.patterns)
		defs := el("defs")
		for _, k := range c.patterns {
			defs.children = append(defs.children, pattern(c.chart.ID, k))
		}
		root.children = append(root.children, defs)
	}
	if c.background != "" {
		root.children = append(root.children, el("rect", "width", num(c.width), "height", num(c.height), "fill", c.background))
	}
	slices.SortStableFunc(c.items, func(a, b item) int {
		return cmp.Or(cmp.Compare(a.z, b.z), cmp.Compare(a.layer, b.layer))
	})
	for _, it := range c.items {
		root.children = append(root.children, it.n)
	}
	var b strings.Builder
	root.write(&b)
	return b.String()
}

// usePattern notes that the drawing uses pattern k and returns its fill.
func (c *canvas) usePattern(k int) string {
	if !slices.Contains(c.patterns, k) {
		c.patterns = append(c.patterns, k)
	}
	return "url(#" + patternID(c.chart.ID, k) + ")"
}

// mark makes n the mark of a data item, when the chart has words for it:
// a <title> holding them (a tooltip on hover, and what the theme's script
// reads out), the class plinth-mark and the item's series and index.
func (c *canvas) mark(n *node, series, index int) *node {
	m := c.chart.Marks
	if series < 0 || series >= len(m) || index < 0 || index >= len(m[series]) || m[series][index] == "" {
		return n
	}
	n.set("class", "plinth-mark").set("data-series", strconv.Itoa(series)).set("data-index", strconv.Itoa(index))
	n.children = append(n.children, &node{name: "title", children: []*node{{text: m[series][index]}}})
	return n
}

// anchor is where a text's position is along it.
type anchor string

const (
	start  anchor = "start"
	middle anchor = "middle"
	end    anchor = "end"
)

// text returns a text element whose middle, vertically, is at y. Its
// styles are presentation attributes: a style attribute would need
// 'unsafe-inline' under the site's Content-Security-Policy. Text lets the
// pointer through to the marks under it.
func (c *canvas) text(x, y float64, s string, a anchor, st textStyle) *node {
	size := cmp.Or(st.FontSize, c.font.FontSize, 12)
	n := el("text", "dominant-baseline", "central", "text-anchor", string(a),
		"font-size", num(size)+"px", "font-family", cmp.Or(st.FontFamily, c.font.FontFamily, "sans-serif"))
	if isBold(st.FontWeight) {
		n.set("font-weight", "bold")
	}
	n.set("x", num(x)).set("y", num(y)).set("fill", cmp.Or(st.Color, c.font.Color, defaultColour))
	n.set("pointer-events", "none")
	n.children = []*node{{text: s}}
	return n
}

// fontSize returns the size a text style draws at.
func (c *canvas) fontSize(st textStyle) float64 { return cmp.Or(st.FontSize, c.font.FontSize, 12) }

// num writes a coordinate or length: to two decimal places, which is a
// hundredth of a CSS pixel, with no trailing zeros and no "-0".
func num(v float64) string {
	v = math.Round(v*100) / 100
	if v == 0 {
		return "0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// crisp moves a coordinate of a one-pixel line to the middle of a pixel,
// so that the line is drawn sharp rather than two pixels of grey.
func crisp(v float64) float64 { return math.Round(v-0.5) + 0.5 }

// rectPath returns the outline of a rectangle.
func rectPath(x, y, w, h float64) string {
	return "M" + num(x) + " " + num(y) + "h" + num(w) + "v" + num(h) + "h" + num(-w) + "Z"
}

// linePath returns a straight line through the points.
func linePath(pts [][2]float64) string {
	var b strings.Builder
	for i, p := range pts {
		if i == 0 {
			b.WriteByte('M')
		} else {
			b.WriteByte('L')
		}
		b.WriteString(num(p[0]))
		b.WriteByte(' ')
		b.WriteString(num(p[1]))
	}
	return b.String()
}
