package svg

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"strings"
)

// Series: bars (side by side, or stacked), lines with a symbol at each
// point, and scatter series of symbols, each data item with words a mark
// (canvas.mark). A null is drawn as nothing at all: no bar, a gap in the
// line, no symbol.

const (
	// barGap separates the bars of one category, as a share of a bar's
	// width.
	barGap = 0.3
	// defaultBarShare is the share of a category's band its bars take
	// when the option gives them no width.
	defaultBarShare = 0.6
	// labelDistance separates a label outside its mark from the mark.
	labelDistance = 5
	// defaultLineSymbolSize and defaultScatterSymbolSize are ECharts'.
	defaultLineSymbolSize    = 4
	defaultScatterSymbolSize = 10
	defaultLineWidth         = 2
)

// barSlot is where a bar series' bars sit across their category: offset
// from the category's middle, and their width.
type barSlot struct{ offset, width float64 }

// barSlots places the bar series of each category axis side by side: a
// slot for each series, or for each stack of series, with barGap between.
func barSlots(d *drawing) map[int]barSlot {
	type group struct {
		keys   []string
		width  map[string]float64
		series map[int]string
	}
	groups := map[*axis]*group{}
	var order []*axis
	for k := range d.o.Series {
		s := &d.o.Series[k]
		if s.Type != "bar" {
			continue
		}
		cat, _, err := d.baseAxes(s)
		if err != nil {
			continue // stack has reported it
		}
		g := groups[cat]
		if g == nil {
			g = &group{width: map[string]float64{}, series: map[int]string{}}
			groups[cat] = g
			order = append(order, cat)
		}
		key := "\x00" + fmt.Sprint(k)
		if s.Stack != "" {
			key = s.Stack
		}
		if _, seen := g.width[key]; !seen {
			g.keys = append(g.keys, key)
			g.width[key] = -1
			if s.BarWidth != nil {
				g.width[key] = *s.BarWidth
			}
		}
		g.series[k] = key
	}
	out := map[int]barSlot{}
	for _, cat := range order {
		g := groups[cat]
		for _, key := range g.keys {
			if g.width[key] < 0 {
				g.width[key] = cat.cat.step() * defaultBarShare / float64(len(g.keys))
			}
		}
		total := 0.0
		for i, key := range g.keys {
			if i > 0 {
				total += barGap * g.width[key]
			}
			total += g.width[key]
		}
		at := map[string]float64{}
		x := -total / 2
		for i, key := range g.keys {
			if i > 0 {
				x += barGap * g.width[key]
			}
			at[key] = x + g.width[key]/2
			x += g.width[key]
		}
		for k, key := range g.series {
			out[k] = barSlot{offset: at[key], width: g.width[key]}
		}
	}
	return out
}

// drawBars draws a bar series: a rectangle for each value from its base,
// the series' pattern over it, and its label. A bar stops at the end of
// its axis, as ECharts clips it: a stack of rounded shares can add up to a
// little over 100%.
func (d *drawing) drawBars(k int, s *seriesOption) error {
	cat, val, err := d.baseAxes(s)
	if err != nil {
		return err
	}
	colour, err := d.colour(k)
	if err != nil {
		return err
	}
	z, slot := depth(s), d.slots[k]
	for i, item := range s.Data {
		v, ok := item.at(0)
		if !ok {
			continue
		}
		// Across the category, and along the value axis from the base.
		mid := cat.pos(float64(i)) + slot.offset
		a, b := val.clamp(val.pos(d.bases[k][i])), val.clamp(val.pos(d.bases[k][i]+v))
		var r rect
		if cat.horizontal {
			r = rect{mid - slot.width/2, math.Min(a, b), slot.width, math.Abs(b - a)}
		} else {
			r = rect{math.Min(a, b), mid - slot.width/2, math.Abs(b - a), slot.width}
		}
		path := rectPath(r.x, r.y, r.w, r.h)
		n := el("path", "d", path, "fill", colour)
		d.style(n, s.ItemStyle)
		d.add(z, layerBack, d.mark(n, k, i))
		if p := d.decals[k]; p >= 0 {
			d.add(z, layerBack, el("path", "d", path, "fill", d.usePattern(p), "pointer-events", "none"))
		}
		l := s.Label.over(item.label)
		if l.Show == nil || !*l.Show {
			continue
		}
		text, err := labelText(l, v)
		if err != nil {
			return err
		}
		var x, y float64
		an := middle
		size := cmp.Or(l.FontSize, d.fontSize(textStyle{}))
		switch pos := cmp.Or(l.Position, "inside"); {
		case pos == "inside":
			x, y = r.x+r.w/2, r.y+r.h/2
		case pos == "right" && !cat.horizontal:
			x, y, an = r.x+r.w+labelDistance, r.y+r.h/2, start
		case pos == "top" && cat.horizontal:
			x, y = r.x+r.w/2, r.y-labelDistance-size/2
		default:
			return fmt.Errorf("a bar label at %q; only inside, and right of a horizontal bar or on top of a vertical one, are supported", pos)
		}
		d.add(z, layerText, d.label(x, y, text, an, l))
	}
	return nil
}

// drawLine draws a line series: the line through its values, broken at
// each null, and a symbol at each value.
func (d *drawing) drawLine(k int, s *seriesOption) error {
	cat, val, err := d.baseAxes(s)
	if err != nil {
		return err
	}
	if s.ConnectNulls != nil && *s.ConnectNulls {
		return errors.New("connectNulls would draw a line across a hidden figure")
	}
	colour, err := d.colour(k)
	if err != nil {
		return err
	}
	z := depth(s)
	point := func(i int, v float64) [2]float64 {
		if cat.horizontal {
			return [2]float64{cat.pos(float64(i)), val.pos(v)}
		}
		return [2]float64{val.pos(v), cat.pos(float64(i))}
	}
	stroke := cmp.Or(s.LineStyle.Color, colour)
	width := float64(defaultLineWidth)
	if s.LineStyle.Width != nil {
		width = *s.LineStyle.Width
	}
	var run [][2]float64
	flush := func() {
		if len(run) > 1 {
			n := el("path", "d", linePath(run), "fill", "none", "stroke", stroke, "stroke-width", num(width), "stroke-linejoin", "bevel")
			if dash := dashes(s.LineStyle.Type, width); dash != "" {
				n.set("stroke-dasharray", dash)
			}
			d.add(z, layerBack, n)
		}
		run = run[:0]
	}
	for i, item := range s.Data {
		if v, ok := item.at(0); ok {
			run = append(run, point(i, v))
		} else {
			flush()
		}
	}
	flush()
	if s.ShowSymbol != nil && !*s.ShowSymbol {
		return nil
	}
	size := symbolSize{defaultLineSymbolSize, defaultLineSymbolSize}
	if s.SymbolSize != nil {
		size = *s.SymbolSize
	}
	for i, item := range s.Data {
		v, ok := item.at(0)
		if !ok {
			continue
		}
		p := point(i, v)
		n, err := d.symbol(cmp.Or(s.Symbol, "emptyCircle"), p[0], p[1], size[0], size[1], colour, s.ItemStyle)
		if err != nil {
			return err
		}
		d.add(z, layerBack, d.mark(n, k, i))
		if err := d.pointLabel(z, s.Label.over(item.label), v, p, size); err != nil {
			return err
		}
	}
	return nil
}

// drawScatter draws a scatter series: a symbol at each point, moved by its
// offset, with its label.
func (d *drawing) drawScatter(k int, s *seriesOption) error {
	x, y, err := d.axesOf(s)
	if err != nil {
		return err
	}
	colour, err := d.colour(k)
	if err != nil {
		return err
	}
	z := depth(s)
	size := symbolSize{defaultScatterSymbolSize, defaultScatterSymbolSize}
	if s.SymbolSize != nil {
		size = *s.SymbolSize
	}
	for i, item := range s.Data {
		vx, okx := item.at(0)
		vy, oky := item.at(1)
		if !okx || !oky {
			continue
		}
		p := [2]float64{x.pos(vx), y.pos(vy)}
		if off := item.symbolOffset; off != nil {
			p[0], p[1] = p[0]+off[0], p[1]+off[1]
		}
		n, err := d.symbol(cmp.Or(s.Symbol, "circle"), p[0], p[1], size[0], size[1], colour, s.ItemStyle)
		if err != nil {
			return err
		}
		d.add(z, layerBack, d.mark(n, k, i))
		v := vy
		if y.cat != nil {
			v = vx
		}
		if err := d.pointLabel(z, s.Label.over(item.label), v, p, size); err != nil {
			return err
		}
	}
	return nil
}

// pointLabel writes the label of a symbol at p, if it has one: on it, or
// above it.
func (d *drawing) pointLabel(z float64, l labelOption, v float64, p [2]float64, size symbolSize) error {
	if l.Show == nil || !*l.Show {
		return nil
	}
	text, err := labelText(l, v)
	if err != nil {
		return err
	}
	fs := cmp.Or(l.FontSize, d.fontSize(textStyle{}))
	switch pos := cmp.Or(l.Position, "inside"); pos {
	case "inside":
		d.add(z, layerText, d.label(p[0], p[1], text, middle, l))
	case "top":
		d.add(z, layerText, d.label(p[0], p[1]-size[1]/2-labelDistance-fs/2, text, middle, l))
	default:
		return fmt.Errorf("a label at %q; only inside and top are supported", pos)
	}
	return nil
}

// labelText writes a label: the formatter with {c} as the value, written
// as the tables write figures.
func labelText(l labelOption, v float64) (string, error) {
	f := cmp.Or(l.Formatter, "{c}")
	if strings.Count(f, "{") != strings.Count(f, "{c}") {
		return "", fmt.Errorf("a label formatter %q: only {c} is supported", f)
	}
	return strings.ReplaceAll(f, "{c}", formatNumber(v)), nil
}

// label returns a label's text element, with its edge if it has one (a
// white edge keeps a value readable where a mark crosses it).
func (d *drawing) label(x, y float64, text string, a anchor, l labelOption) *node {
	n := d.text(x, y, text, a, textStyle{Color: l.Color, FontSize: l.FontSize, FontWeight: l.FontWeight})
	if l.TextBorderWidth > 0 && l.TextBorderColor != "" {
		n.set("stroke", l.TextBorderColor).set("stroke-width", num(l.TextBorderWidth)).
			set("stroke-linejoin", "round").set("paint-order", "stroke")
	}
	return n
}

// style gives a mark the edge and opacity of its item style.
func (d *drawing) style(n *node, st itemStyle) {
	if st.BorderWidth > 0 && st.BorderColor != "" {
		n.set("stroke", st.BorderColor).set("stroke-width", num(st.BorderWidth))
	}
	if st.Opacity != nil && *st.Opacity < 1 {
		n.set("opacity", num(math.Max(*st.Opacity, 0)))
	}
}

// dashes returns the dash pattern of a line type for a line of the given
// width, as ECharts draws them, or "" for a solid line.
func dashes(typ string, width float64) string {
	switch typ {
	case "dashed":
		return num(4*width) + "," + num(2*width)
	case "dotted":
		return num(width) + "," + num(width)
	}
	return ""
}
