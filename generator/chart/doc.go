// Package chart makes charts from published tables: the options of an
// ECharts chart, built with go-echarts, everything that makes the chart
// readable without seeing it (a site.Figure), and, through package svg,
// the chart drawn as SVG for the page.
//
// # Contract
//
// New takes an *anonymise.Table, the only table type that holds published
// figures, and a Spec saying how to draw it (bars, stacked bars, lines or
// small multiples; which dimension makes the series; which rows and
// columns; which series is the reference, England). It returns a
// site.Figure whose Options are the ECharts option as JSON, whose Marks are
// the words of every mark, whose Wide and Narrow sizes are the two sizes
// to draw at, and whose Table is the table it was drawn from, to be shown
// with the chart (with Counts, for a table of shares). Nothing else goes
// in: there is no way to hand the package a raw count. Draw then draws
// every figure, wide and narrow, as SVG (package svg).
//
//   - Every value the chart draws is a published figure of the table, as
//     shown (Cell.Value). A hidden figure ([c]) is drawn as no value at all
//     (JSON null: no bar, a gap in a line), never as 0, and a note labelled
//     [c] stands at its place, named in the legend. A true zero is drawn,
//     and labelled 0; in a stack, where it has no length, by a note.
//   - Options are encoded with Go's HTML-escaping JSON encoder and are data
//     only: New fails if a go-echarts function (types.FuncStr) is set
//     anywhere in the option, or if the encoded option holds go-echarts'
//     function marker "__f__". go-echarts' page renderers, which write
//     inline scripts and load ECharts from another site, are never used.
//   - Output is deterministic: the same table and Spec give the same bytes.
//   - Colours come from the Analysis Function categorical palette (Palette),
//     each at least 3:1 against the chart's background and against the
//     colour beside it; colour is never the only difference between series:
//     bars carry patterns (package svg), lines different symbols and
//     dashes, the reference is a dark mark or a grey dashed line, and the
//     legend names them all.
//   - Text is drawn at 14 px and more, and the narrow drawing is as wide as
//     a 320 px screen's column, so that no text is smaller than 12 px on
//     screen; the option's media rule lays the narrow drawing out.
package chart
