package site

import (
	"html/template"

	"github.com/plinth-ssg/plinth/generator/anonymise"
)

// Figure is one chart with everything that makes it readable without
// seeing it: a heading that states its message, a summary written from its
// figures, the figures as a table, and where they come from. Package chart
// makes figures from published tables only; layouts reach them with the
// figure function and show them with the action-plans/figure.html partial.
type Figure struct {
	// ID is the figure's stable name, unique in the site
	// ("actions-by-status-london"): the chart's element is "chart-" + ID
	// and its data island "chart-" + ID + "-options".
	ID string
	// Heading states the chart's message ("North West has completed the
	// largest share of its actions").
	Heading string
	// Summary is two or three sentences written from the figures, naming
	// no hidden figure: shown under the heading, and the chart's
	// accessible name (aria-label and ECharts' aria description).
	Summary string
	// Options is the ECharts option as JSON, encoded with HTML escaping
	// (so it is safe inside <script type="application/json">) and free of
	// JavaScript functions. The build draws it (Wide, Narrow); a site may
	// also hand it to ECharts in the browser.
	Options template.JS
	// Marks are the words of each mark the chart draws, by series and
	// data index of the option ("London, Complete: 77% (325 actions)"):
	// each drawn mark carries its words, for hover, focus and touch.
	Marks [][]string
	// Wide and Narrow are the chart drawn as SVG for wide screens and for
	// narrow ones (320 px), by the chart stage; the stylesheet shows one.
	Wide, Narrow Drawing
	// Kind is the chart's kind ("bar", "stacked-bar", "line") and Tall
	// reports a chart with many categories on its vertical axis.
	Kind string
	Tall bool
	// Hidden reports that the chart draws a hidden figure ([c]) as a
	// note: the page explains the note beside the chart.
	Hidden bool
	// Table holds exactly the figures the chart draws (and perhaps more):
	// it is shown with the chart.
	Table *anonymise.Table
	// Counts, for a chart of shares, holds the counts the shares were
	// worked out from; it is shown with the chart too.
	Counts *anonymise.Table
	// Source is the published table the figures come from, for the
	// download links and the source line.
	Source *PublicTable
}

// Drawing is a chart drawn as SVG at one size.
type Drawing struct {
	// Width and Height are the drawing's size in CSS pixels (its viewBox).
	Width, Height int
	// SVG is the <svg> element: drawn from published figures only, with
	// no script, style attribute or link out (package chart/svg).
	SVG template.HTML
}
