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
	// JavaScript functions.
	Options template.JS
	// Kind is the chart's kind ("bar", "stacked-bar", "line") and Tall
	// reports a chart with many categories on its vertical axis: the
	// stylesheet sizes the chart by them.
	Kind string
	Tall bool
	// Table holds exactly the figures the chart draws (and perhaps more):
	// it is shown under the chart, and without JavaScript or in print in
	// its place.
	Table *anonymise.Table
	// Source is the published table the figures come from, for the
	// download links and the source line.
	Source *PublicTable
}
