// Package chart makes charts from published tables: the options of an
// ECharts chart, built with go-echarts, and everything that makes the chart
// readable without seeing it (a site.Figure).
//
// # Contract
//
// New takes an *anonymise.Table, the only table type that holds published
// figures, and a Spec saying how to draw it (bars, stacked bars or lines;
// which dimension makes the series; which columns). It returns a
// site.Figure whose Options are the ECharts option as JSON, and whose Table
// is the table it was drawn from, to be shown with the chart. Nothing else
// goes in: there is no way to hand the package a raw count.
//
//   - Every value the chart draws is a published figure of the table, as
//     shown (Cell.Value). A hidden figure ([c]) is drawn as no value at all
//     (JSON null: a gap in a line, a missing bar), never as 0; the table
//     under the chart says [c].
//   - Options are encoded with Go's HTML-escaping JSON encoder, so they are
//     safe inside <script type="application/json">, and are data only: New
//     fails if a go-echarts function (types.FuncStr) is set anywhere in the
//     option, or if the encoded option holds go-echarts' function marker
//     "__f__". go-echarts' page renderers, which write inline scripts and
//     load ECharts from another site, are never used.
//   - Output is deterministic: the same table and Spec give the same bytes.
//   - Colours come from the Analysis Function categorical palette (Palette),
//     each at least 3:1 against the chart's background and against the
//     colour beside it; colour is never the only difference between series:
//     bars carry ECharts' decal patterns (aria.decal), lines different
//     symbols and dashes, and the legend names them all.
//   - The option switches on ECharts' aria component with the figure's
//     summary as its description, turns animation off, and uses the
//     rich-text tooltip, which draws into the canvas rather than writing an
//     HTML element with inline styles (the site's Content-Security-Policy
//     forbids those).
//
// Sizing is the stylesheet's job: the option sets no pixel size for the
// chart, and the page's script (charts.js in the default theme) resizes it
// with its box.
package chart
