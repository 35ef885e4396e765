package svg

import (
	"cmp"
	"errors"
	"fmt"
)

// drawing is one chart being drawn: its option, for the drawing's width,
// its axes, and the canvas its elements go on.
type drawing struct {
	canvas
	o *option
	// xs and ys are the option's axes, by index.
	xs, ys []*axis
	// decals are the patterns laid over each series, by index (-1 for
	// none): see decalsOf.
	decals []int
	// bases are where each bar of each series starts along its value
	// axis: 0, or in a stack the end of the bars before it.
	bases [][]float64
	// slots place the bars of each bar series across its category.
	slots map[int]barSlot
}

// render draws one chart as SVG.
func render(c Chart) (string, error) {
	if c.Width <= 0 || c.Height <= 0 {
		return "", fmt.Errorf("no size to draw at (%d × %d)", c.Width, c.Height)
	}
	o, err := decodeOption(c.Option, c.Width)
	if err != nil {
		return "", err
	}
	d := &drawing{
		canvas: canvas{chart: c, width: float64(c.Width), height: float64(c.Height), font: o.TextStyle, background: o.BackgroundColor},
		o:      o,
		decals: decalsOf(o.Series),
	}
	steps := []func() error{d.placeAxes, d.stack, d.setScales, d.drawAxes, d.drawSeries, d.drawLegend, d.drawTitles}
	for _, step := range steps {
		if err := step(); err != nil {
			return "", err
		}
	}
	return d.svg(), nil
}

// placeAxes places every axis on its grid's plot.
func (d *drawing) placeAxes() error {
	plots := make([]rect, len(d.o.Grid))
	for i, g := range d.o.Grid {
		p, err := plotRect(g, d.width, d.height)
		if err != nil {
			return err
		}
		plots[i] = p
	}
	place := func(opts []axisOption, horizontal bool) ([]*axis, error) {
		out := make([]*axis, len(opts))
		for i := range opts {
			g := opts[i].GridIndex
			if g < 0 || g >= len(plots) {
				return nil, fmt.Errorf("an axis on grid %d, of %d", g, len(plots))
			}
			a, err := newAxis(&opts[i], horizontal, plots[g])
			if err != nil {
				return nil, err
			}
			out[i] = a
		}
		return out, nil
	}
	var err error
	if d.xs, err = place(d.o.XAxis, true); err != nil {
		return err
	}
	d.ys, err = place(d.o.YAxis, false)
	return err
}

// axesOf returns a series' x and y axes.
func (d *drawing) axesOf(s *seriesOption) (*axis, *axis, error) {
	if s.XAxisIndex < 0 || s.XAxisIndex >= len(d.xs) || s.YAxisIndex < 0 || s.YAxisIndex >= len(d.ys) {
		return nil, nil, fmt.Errorf("the series %q is on an axis the option does not have", s.Name)
	}
	x, y := d.xs[s.XAxisIndex], d.ys[s.YAxisIndex]
	if x.plot != y.plot {
		return nil, nil, fmt.Errorf("the series %q is on axes of two grids", s.Name)
	}
	return x, y, nil
}

// baseAxes returns the category and value axes of a bar or line series.
func (d *drawing) baseAxes(s *seriesOption) (cat, val *axis, err error) {
	x, y, err := d.axesOf(s)
	if err != nil {
		return nil, nil, err
	}
	switch {
	case x.cat != nil && y.val != nil:
		return x, y, nil
	case y.cat != nil && x.val != nil:
		return y, x, nil
	}
	return nil, nil, fmt.Errorf("the %s series %q needs a category axis and a value axis", s.Type, s.Name)
}

// stack works out where each bar starts, stacking the bars of series with
// the same stack on the same axes (positive values upwards from zero,
// negative ones downwards, as ECharts does), and takes in every series'
// values into its value axis's extent.
func (d *drawing) stack() error {
	type key struct {
		name     string
		cat, val *axis
	}
	sums := map[key][2][]float64{} // the running sums below and above zero
	d.bases = make([][]float64, len(d.o.Series))
	for k := range d.o.Series {
		s := &d.o.Series[k]
		switch s.Type {
		case "bar", "line":
			cat, val, err := d.baseAxes(s)
			if err != nil {
				return err
			}
			if s.Stack != "" && s.Type == "line" {
				return fmt.Errorf("the line series %q is stacked; only bars are", s.Name)
			}
			if len(s.Data) > cat.cat.n {
				return fmt.Errorf("the series %q has %d data items for %d categories", s.Name, len(s.Data), cat.cat.n)
			}
			kk := key{s.Stack, cat, val}
			run := sums[kk]
			if s.Stack != "" && run[0] == nil {
				run = [2][]float64{make([]float64, cat.cat.n), make([]float64, cat.cat.n)}
			}
			d.bases[k] = make([]float64, len(s.Data))
			for i, item := range s.Data {
				v, ok := item.at(0)
				if !ok {
					continue
				}
				if s.Stack != "" {
					side := 1
					if v < 0 {
						side = 0
					}
					d.bases[k][i] = run[side][i]
					run[side][i] += v
				}
				val.include(d.bases[k][i])
				val.include(d.bases[k][i] + v)
			}
			if s.Stack != "" {
				sums[kk] = run
			}
		case "scatter":
			x, y, err := d.axesOf(s)
			if err != nil {
				return err
			}
			for _, item := range s.Data {
				for j, a := range []*axis{x, y} {
					if v, ok := item.at(j); ok && a.val != nil {
						a.include(v)
					}
				}
			}
		default:
			return fmt.Errorf("a series of type %q; only bar, line and scatter series are supported", s.Type)
		}
	}
	return nil
}

// setScales chooses every value axis's scale, now that the data is known.
func (d *drawing) setScales() error {
	for _, a := range append(append([]*axis(nil), d.xs...), d.ys...) {
		if err := a.setScale(); err != nil {
			return err
		}
	}
	return nil
}

func (d *drawing) drawAxes() error {
	for _, a := range append(append([]*axis(nil), d.xs...), d.ys...) {
		if err := a.draw(&d.canvas); err != nil {
			return err
		}
	}
	return nil
}

// drawSeries draws every series, each at its depth.
func (d *drawing) drawSeries() error {
	d.slots = barSlots(d)
	var errs []error
	for k := range d.o.Series {
		var err error
		switch s := &d.o.Series[k]; s.Type {
		case "bar":
			err = d.drawBars(k, s)
		case "line":
			err = d.drawLine(k, s)
		case "scatter":
			err = d.drawScatter(k, s)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("series %d (%q): %w", k, d.o.Series[k].Name, err))
		}
	}
	return errors.Join(errs...)
}

// colour returns a series' colour: its own, or the palette's next.
func (d *drawing) colour(k int) (string, error) {
	if c := d.o.Series[k].ItemStyle.Color; c != "" {
		return c, nil
	}
	if len(d.o.Color) == 0 {
		return "", errors.New("the series has no colour, and the option no palette")
	}
	return d.o.Color[k%len(d.o.Color)], nil
}

// depth returns a series' z.
func depth(s *seriesOption) float64 {
	if s.Z != nil {
		return *s.Z
	}
	return zSeries
}

// decalsOf gives each bar series after the first a pattern, when there are
// several, so that colour is never the only difference between them: the
// first keeps its plain colour. Other series get none (-1): lines differ
// by their symbols, and scatter series are marks of their own.
func decalsOf(series []seriesOption) []int {
	out := make([]int, len(series))
	rank := 0
	for i, s := range series {
		out[i] = -1
		if s.Type != "bar" {
			continue
		}
		if rank > 0 {
			out[i] = (rank - 1) % NumPatterns
		}
		rank++
	}
	return out
}

// drawTitles writes the option's titles: bold text at the top left of its
// box, which has ECharts' padding of 5 px.
func (d *drawing) drawTitles() error {
	for _, t := range d.o.Title {
		if t.Text == "" {
			continue
		}
		size := d.fontSize(t.TextStyle)
		st := t.TextStyle
		st.FontWeight = cmp.Or(st.FontWeight, "bold")
		d.add(zAxis, layerText, d.text(t.Left+boxPadding, t.Top+boxPadding+size/2, t.Text, start, st))
	}
	return nil
}
