package svg

import (
	"cmp"
	"slices"
)

// The legend names the series, each beside an icon drawn as the series'
// marks are (a bar's colour and pattern, a line with its symbol, a scatter
// series' symbol), in rows from the top left, wrapping at the drawing's
// width, as ECharts lays it out.

// boxPadding is the room ECharts leaves inside the box of a legend or a
// title.
const boxPadding = 5

const (
	legendIconWidth   = 25
	legendIconHeight  = 14
	legendTextGap     = 5
	defaultLegendGap  = 10
	legendSymbolShare = 0.8 // of the icon's height, a line's symbol
)

// drawLegend draws the legend, when the option shows one.
func (d *drawing) drawLegend() error {
	l := d.o.Legend
	if l.Show != nil && !*l.Show {
		return nil
	}
	names := l.Data
	if names == nil && l.Show != nil {
		for _, s := range d.o.Series {
			if s.Name != "" && !slices.Contains(names, s.Name) {
				names = append(names, s.Name)
			}
		}
	}
	gap := float64(defaultLegendGap)
	if l.ItemGap != nil {
		gap = *l.ItemGap
	}
	x0, y0 := l.Left+boxPadding, l.Top+boxPadding
	room := d.width - l.Left - 2*boxPadding
	x, y := x0, y0
	size := d.fontSize(l.TextStyle)
	for _, name := range names {
		k := slices.IndexFunc(d.o.Series, func(s seriesOption) bool { return s.Name == name })
		if k < 0 {
			continue // ECharts shows no entry for a name no series has
		}
		w := legendIconWidth + legendTextGap + textWidth(name, size, isBold(l.TextStyle.FontWeight))
		if x > x0 && x-x0+w > room {
			x, y = x0, y+legendIconHeight+gap
		}
		icons, err := d.legendIcon(k, x, y)
		if err != nil {
			return err
		}
		for _, n := range icons {
			d.add(zLegend, layerBack, n)
		}
		d.add(zLegend, layerText, d.text(x+legendIconWidth+legendTextGap, y+legendIconHeight/2, name, start, l.TextStyle))
		x += w + gap
	}
	return nil
}

// legendIcon returns the icon of series k with its top left at (x, y).
func (d *drawing) legendIcon(k int, x, y float64) ([]*node, error) {
	s := &d.o.Series[k]
	colour, err := d.colour(k)
	if err != nil {
		return nil, err
	}
	cx, cy := x+legendIconWidth/2.0, y+legendIconHeight/2.0
	switch s.Type {
	case "bar":
		path := roundRectPath(x, y, legendIconWidth, legendIconHeight, legendIconHeight/4.0)
		n := el("path", "d", path, "fill", colour)
		d.style(n, s.ItemStyle)
		out := []*node{n}
		if p := d.decals[k]; p >= 0 {
			out = append(out, el("path", "d", path, "fill", d.usePattern(p), "pointer-events", "none"))
		}
		return out, nil
	case "line":
		width := float64(defaultLineWidth)
		if s.LineStyle.Width != nil {
			width = *s.LineStyle.Width
		}
		line := el("path", "d", linePath([][2]float64{{x, cy}, {x + legendIconWidth, cy}}), "fill", "none",
			"stroke", cmp.Or(s.LineStyle.Color, colour), "stroke-width", num(width))
		if dash := dashes(s.LineStyle.Type, width); dash != "" {
			line.set("stroke-dasharray", dash)
		}
		out := []*node{line}
		if s.ShowSymbol == nil || *s.ShowSymbol {
			size := legendIconHeight * legendSymbolShare
			sym, err := d.symbol(cmp.Or(s.Symbol, "emptyCircle"), cx, cy, size, size, colour, s.ItemStyle)
			if err != nil {
				return nil, err
			}
			out = append(out, sym)
		}
		return out, nil
	}
	sym, err := d.symbol(cmp.Or(s.Symbol, "circle"), cx, cy, legendIconWidth, legendIconHeight, colour, s.ItemStyle)
	if err != nil {
		return nil, err
	}
	return []*node{sym}, nil
}
