package chart

import (
	"html/template"

	"github.com/plinth-ssg/plinth/generator/chart/svg"
	"github.com/plinth-ssg/plinth/generator/site"
)

// Draw draws every figure as SVG twice, wide and narrow (package svg), and
// sets the figures' drawings. The drawings' IDs start "chart-ID-wide" and
// "chart-ID-narrow", so that any number of figures can share a page. The
// cache (none when nil) keeps drawings between builds: an unchanged chart
// is not drawn again. A figure left undrawn, after an error, keeps empty
// drawings: the page then shows its table alone.
func Draw(figs []*site.Figure, cache *svg.Cache) error {
	if len(figs) == 0 {
		return nil
	}
	var charts []svg.Chart
	for _, f := range figs {
		for _, v := range []struct {
			name string
			d    site.Drawing
		}{{"wide", f.Wide}, {"narrow", f.Narrow}} {
			charts = append(charts, svg.Chart{
				Option: []byte(f.Options),
				Width:  v.d.Width, Height: v.d.Height,
				ID:    "chart-" + f.ID + "-" + v.name,
				Class: "plinth-chart__svg plinth-chart__svg--" + v.name,
				Marks: f.Marks,
			})
		}
	}
	out, err := svg.Draw(charts, cache)
	for i, f := range figs {
		// Package svg wrote the markup from the option, which holds data
		// only, and escaped every label.
		f.Wide.SVG = template.HTML(out[2*i])
		f.Narrow.SVG = template.HTML(out[2*i+1])
	}
	return err
}
