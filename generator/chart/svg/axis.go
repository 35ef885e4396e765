package svg

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"strings"
)

// Axes: where each sits, its scale, and what it draws (its line, grid
// lines, labels and name), with ECharts' defaults for what the option
// leaves out: a category axis draws its line and no grid lines, a value
// axis grid lines and no line. Neither draws ticks, as ECharts 6 does not
// by default; an option asking for them is refused.

// Distances in CSS pixels, as ECharts has them.
const (
	// labelMargin separates an axis's labels from its line.
	labelMargin = 8
	// defaultNameGap separates an axis's name from the plot.
	defaultNameGap = 15
	// autoIntervalRoom is the room a label takes, as a multiple of its
	// size, when an axis chooses which labels to show.
	autoIntervalRoom = 1.3
)

// Colours of what the option gives no colour.
const (
	defaultAxisColour  = "#6E7079"
	defaultSplitColour = "#E0E6F1"
)

// rect is a rectangle in the drawing: the plot of a grid.
type rect struct{ x, y, w, h float64 }

// axis is one axis of a grid, placed.
type axis struct {
	opt *axisOption
	// horizontal is true for an x axis.
	horizontal bool
	plot       rect
	// at is where the axis line runs: the foot of the plot for an x
	// axis, its left edge for a y axis.
	at  float64
	cat *categoryScale
	val *valueScale
	// lo and hi are the data's extent on a value axis.
	lo, hi  float64
	hasData bool
}

// pos returns the position of a value, or for a category axis of a
// category's index, along the axis.
func (a *axis) pos(v float64) float64 {
	if a.cat != nil {
		return a.cat.pos(v)
	}
	return a.val.pos(v)
}

// plotRect returns the plot of a grid in a drawing of the given size.
func plotRect(g gridOption, w, h float64) (rect, error) {
	if g.OuterBoundsMode != "" && g.OuterBoundsMode != "none" {
		return rect{}, fmt.Errorf("a grid's outerBoundsMode %q; only \"none\" is supported", g.OuterBoundsMode)
	}
	x, width, err := span(g.Left, g.Right, g.Width, w)
	if err != nil {
		return rect{}, fmt.Errorf("a grid's left, right and width: %w", err)
	}
	y, height, err := span(g.Top, g.Bottom, g.Height, h)
	if err != nil {
		return rect{}, fmt.Errorf("a grid's top, bottom and height: %w", err)
	}
	return rect{x, y, width, height}, nil
}

// span places a stretch of a total length from two of its start, its end
// (from the far side) and its length.
func span(from, to, length *float64, total float64) (float64, float64, error) {
	var s, l float64
	switch {
	case from != nil && length != nil:
		s, l = *from, *length
	case from != nil && to != nil:
		s, l = *from, total-*from-*to
	case to != nil && length != nil:
		s, l = total-*to-*length, *length
	default:
		return 0, 0, errors.New("two of them are needed")
	}
	if l <= 0 {
		return 0, 0, fmt.Errorf("nothing is left for the plot (%v px)", l)
	}
	return s, l, nil
}

// newAxis places an axis on its plot. A value axis's scale waits for the
// data (setScale).
func newAxis(o *axisOption, horizontal bool, plot rect) (*axis, error) {
	a := &axis{opt: o, horizontal: horizontal, plot: plot, at: plot.x}
	if horizontal {
		a.at = plot.y + plot.h
	}
	from, to := plot.y+plot.h, plot.y
	if horizontal {
		from, to = plot.x, plot.x+plot.w
	}
	if o.Inverse {
		from, to = to, from
	}
	switch o.Type {
	case "category":
		a.cat = &categoryScale{n: len(o.Data), from: from, to: to, boundaryGap: o.BoundaryGap == nil || *o.BoundaryGap}
	case "value", "":
		if len(o.Data) > 0 {
			return nil, errors.New("a value axis with categories")
		}
		a.val = &valueScale{from: from, to: to}
	default:
		return nil, fmt.Errorf("an axis of type %q; only category and value axes are supported", o.Type)
	}
	return a, nil
}

// clamp keeps a position along the axis within the plot.
func (a *axis) clamp(p float64) float64 {
	lo, hi := a.plot.y, a.plot.y+a.plot.h
	if a.horizontal {
		lo, hi = a.plot.x, a.plot.x+a.plot.w
	}
	return math.Min(math.Max(p, lo), hi)
}

// include widens a value axis's data extent to take in v.
func (a *axis) include(v float64) {
	if !a.hasData {
		a.lo, a.hi, a.hasData = v, v, true
		return
	}
	a.lo, a.hi = math.Min(a.lo, v), math.Max(a.hi, v)
}

// setScale chooses a value axis's scale once its data is known.
func (a *axis) setScale() error {
	if a.val == nil {
		return nil
	}
	s, err := newValueScale(a.opt, a.lo, a.hi, a.hasData)
	if err != nil {
		return err
	}
	s.from, s.to = a.val.from, a.val.to
	*a.val = s
	return nil
}

// draw adds the axis to the canvas: its grid lines, line, ticks, labels
// and name.
func (a *axis) draw(c *canvas) error {
	o := a.opt
	if a.val != nil && (o.SplitLine.Show == nil || *o.SplitLine.Show) {
		colour := cmp.Or(o.SplitLine.LineStyle.Color, defaultSplitColour)
		for _, v := range a.val.ticks() {
			c.add(zAxis, layerBack, a.across(a.val.pos(v), colour, o.SplitLine.LineStyle.Width))
		}
	}
	if show := o.AxisLine.Show; show == nil && a.cat != nil || show != nil && *show {
		colour := cmp.Or(o.AxisLine.LineStyle.Color, defaultAxisColour)
		var d string
		if a.horizontal {
			d = linePath([][2]float64{{a.plot.x, crisp(a.at)}, {a.plot.x + a.plot.w, crisp(a.at)}})
		} else {
			d = linePath([][2]float64{{crisp(a.at), a.plot.y}, {crisp(a.at), a.plot.y + a.plot.h}})
		}
		n := el("path", "d", d, "fill", "none", "stroke", colour, "stroke-linecap", "round")
		if w := o.AxisLine.LineStyle.Width; w != nil && *w != 1 {
			n.set("stroke-width", num(*w))
		}
		c.add(zAxis, layerLine, n)
	}
	if o.AxisTick.Show != nil && *o.AxisTick.Show {
		return errors.New("an axis with ticks; the drawing has none")
	}
	if err := a.drawLabels(c); err != nil {
		return err
	}
	return a.drawName(c)
}

// across returns a grid line across the plot at position p along the axis.
func (a *axis) across(p float64, colour string, width *float64) *node {
	var d string
	if a.horizontal {
		d = linePath([][2]float64{{crisp(p), a.plot.y}, {crisp(p), a.plot.y + a.plot.h}})
	} else {
		d = linePath([][2]float64{{a.plot.x, crisp(p)}, {a.plot.x + a.plot.w, crisp(p)}})
	}
	n := el("path", "d", d, "fill", "none", "stroke", colour)
	if width != nil && *width != 1 {
		n.set("stroke-width", num(*width))
	}
	return n
}

// label is one axis label, placed.
type label struct {
	text   string
	pos    float64 // along the axis
	anchor anchor
	style  textStyle
}

// extent returns the stretch of the axis a label takes.
func (l label) extent(horizontal bool, c *canvas) (float64, float64) {
	size := c.fontSize(l.style)
	if !horizontal {
		return l.pos - size/2, l.pos + size/2
	}
	w := textWidth(l.text, size, isBold(l.style.FontWeight))
	switch l.anchor {
	case start:
		return l.pos, l.pos + w
	case end:
		return l.pos - w, l.pos
	}
	return l.pos - w/2, l.pos + w/2
}

// drawLabels writes the axis's labels beside its line.
func (a *axis) drawLabels(c *canvas) error {
	labels, err := a.labels(c)
	if err != nil {
		return err
	}
	for _, l := range labels {
		size := c.fontSize(l.style)
		if a.horizontal {
			c.add(zAxis, layerText, c.text(l.pos, a.at+labelMargin+size/2, l.text, l.anchor, l.style))
		} else {
			c.add(zAxis, layerText, c.text(a.at-labelMargin, l.pos, l.text, end, l.style))
		}
	}
	return nil
}

// labels returns the labels the axis shows.
func (a *axis) labels(c *canvas) ([]label, error) {
	o := a.opt.AxisLabel
	style := textStyle{Color: o.Color, FontSize: o.FontSize}
	if a.val != nil {
		if strings.Count(o.Formatter, "{") != strings.Count(o.Formatter, "{value}") {
			return nil, fmt.Errorf("an axis label formatter %q: only {value} is supported", o.Formatter)
		}
		// A label that would overlap the one before it is left out: on a
		// narrow axis, the last steps' labels can be wider than a step.
		var out []label
		for _, v := range a.val.ticks() {
			s := formatNumber(v)
			if o.Formatter != "" {
				s = strings.ReplaceAll(o.Formatter, "{value}", s)
			}
			l := label{text: s, pos: a.val.pos(v), anchor: middle, style: style}
			if len(out) > 0 && a.overlap(c, out[len(out)-1], l) {
				continue
			}
			out = append(out, l)
		}
		return out, nil
	}
	switch o.Overflow {
	case "", "none", "truncate":
	default:
		return nil, fmt.Errorf("an axis label overflow %q; only truncate is supported", o.Overflow)
	}
	n := a.cat.n
	all := make([]label, n)
	for i, cat := range a.opt.Data {
		st := style
		st.Color = cmp.Or(cat.TextStyle.Color, st.Color)
		st.FontWeight = cmp.Or(cat.TextStyle.FontWeight, st.FontWeight)
		text := cat.Value
		if o.Overflow == "truncate" && o.Width != nil {
			text = truncate(text, *o.Width, c.fontSize(st), isBold(st.FontWeight))
		}
		all[i] = label{text: text, pos: a.cat.pos(float64(i)), anchor: middle, style: st}
		if a.horizontal && i == 0 && o.AlignMinLabel != "" {
			all[i].anchor = alignment(o.AlignMinLabel)
		}
		if a.horizontal && i == n-1 && o.AlignMaxLabel != "" {
			all[i].anchor = alignment(o.AlignMaxLabel)
		}
	}
	interval := a.autoInterval(c, all)
	if o.Interval != nil {
		interval = max(*o.Interval, 0)
	}
	var shown []int
	for i := range all {
		if i%(interval+1) == 0 {
			shown = append(shown, i)
		}
	}
	// The last label, when the option asks for it off the interval,
	// takes the place of its neighbour if they would overlap.
	if o.ShowMaxLabel != nil && *o.ShowMaxLabel && n > 0 && shown[len(shown)-1] != n-1 {
		if k := len(shown) - 1; k > 0 && a.overlap(c, all[shown[k]], all[n-1]) {
			shown = shown[:k]
		}
		shown = append(shown, n-1)
	}
	if o.ShowMinLabel != nil && !*o.ShowMinLabel && len(shown) > 0 && shown[0] == 0 {
		shown = shown[1:]
	}
	out := make([]label, 0, len(shown))
	for _, i := range shown {
		out = append(out, all[i])
	}
	return out, nil
}

// autoInterval chooses how many labels to skip between two shown so that
// none overlap, as ECharts does when the option does not say: the widest
// label (or on a vertical axis the tallest), with some room, against the
// distance between categories.
func (a *axis) autoInterval(c *canvas, labels []label) int {
	step := a.cat.step()
	if step <= 0 {
		return 0
	}
	most := 0.0
	for _, l := range labels {
		lo, hi := l.extent(a.horizontal, c)
		most = math.Max(most, (hi-lo)*autoIntervalRoom)
	}
	return int(math.Floor(most / step))
}

// overlap reports whether two labels of the axis would overlap.
func (a *axis) overlap(c *canvas, l, m label) bool {
	lo1, hi1 := l.extent(a.horizontal, c)
	lo2, hi2 := m.extent(a.horizontal, c)
	return lo1 < hi2 && lo2 < hi1
}

// alignment turns an option's horizontal alignment into a text anchor.
func alignment(align string) anchor {
	switch align {
	case "left":
		return start
	case "right":
		return end
	}
	return middle
}

// drawName writes the axis's name: at its end (past the plot's right
// edge, or above its top) or in its middle (under the labels, or turned
// beside them).
func (a *axis) drawName(c *canvas) error {
	o := a.opt
	if o.Name == "" {
		return nil
	}
	gap := float64(defaultNameGap)
	if o.NameGap != nil {
		gap = *o.NameGap
	}
	st := o.NameTextStyle
	size := c.fontSize(st)
	loc := cmp.Or(o.NameLocation, "end")
	if o.Inverse && loc != "middle" {
		loc = map[string]string{"start": "end", "end": "start"}[loc]
	}
	p := a.plot
	switch {
	case loc == "middle" && a.horizontal:
		// Centred under the plot, but moved back into the drawing where
		// it would run off its edge.
		an := cmp.Or(anchorOf(st.Align), middle)
		x := p.x + p.w/2
		if w := textWidth(o.Name, size, isBold(st.FontWeight)); an == middle && w <= c.width {
			x = math.Min(math.Max(x, w/2), c.width-w/2)
		}
		c.add(zAxis, layerText, c.text(x, a.at+gap+size/2, o.Name, an, st))
	case loc == "middle":
		x, y := a.at-gap-size/2, p.y+p.h/2
		t := c.text(x, y, o.Name, middle, st)
		t.set("transform", "rotate(-90 "+num(x)+" "+num(y)+")")
		c.add(zAxis, layerText, t)
	case loc == "end" && a.horizontal:
		c.add(zAxis, layerText, c.text(p.x+p.w+gap, a.at, o.Name, cmp.Or(anchorOf(st.Align), start), st))
	case loc == "end":
		c.add(zAxis, layerText, c.text(a.at, p.y-gap-size/2, o.Name, cmp.Or(anchorOf(st.Align), middle), st))
	case loc == "start" && a.horizontal:
		c.add(zAxis, layerText, c.text(p.x-gap, a.at, o.Name, cmp.Or(anchorOf(st.Align), end), st))
	case loc == "start":
		c.add(zAxis, layerText, c.text(a.at, p.y+p.h+gap+size/2, o.Name, cmp.Or(anchorOf(st.Align), middle), st))
	default:
		return fmt.Errorf("an axis name location %q", o.NameLocation)
	}
	return nil
}

// anchorOf turns an option's alignment into a text anchor, or "" for none.
func anchorOf(align string) anchor {
	if align == "" {
		return ""
	}
	return alignment(align)
}
