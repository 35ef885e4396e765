// Package svg draws chart options as SVG during the build, so that a page
// shows its charts with no chart runtime in the browser: with JavaScript
// off, in print, in a feed reader.
//
// # What it draws
//
// The options are ECharts' format, as package chart writes them with
// go-echarts, and the drawing is ECharts' layout for them: one grid or
// several (small multiples) with category and value axes, bar series (side
// by side or stacked), line series with a symbol at each point, scatter
// series of symbols (the reference marks and the notes on hidden figures),
// a legend and titles, and media rules that change the option for the
// narrow drawing. It is that subset alone, drawn in Go: ECharts itself,
// run inside the build in a JavaScript engine, took about 70 ms of CPU a
// drawing, which made a cold build of the example site more than twice as
// slow (docs/charts.md, "Cost"). Decoding is strict: an option that asks
// for anything else (a setting, a series type, a symbol, a label template)
// is an error, never a chart drawn without it.
//
// # Contract
//
// What Draw returns is fit to be put in a page under a strict
// Content-Security-Policy, and the same bytes every time:
//
//   - No style attribute and no <style> element: text has presentation
//     attributes (font-size="14px"), and the theme's stylesheet gives the
//     marks their hover emphasis. No script, no event handler, no image,
//     no link out of the drawing; labels are escaped as text.
//   - IDs (the patterns') start with the chart's ID. Nothing depends on the
//     order or the goroutine charts are drawn in, nor on the clock.
//   - Every data mark with words (Chart.Marks) carries them in a <title>,
//     with the class plinth-mark and data-series and data-index attributes
//     naming the series and data item it draws; the theme's script reads
//     them out on focus and touch. A null (a hidden figure) is no mark.
//   - Every bar series after the first has a pattern over its bars and its
//     legend icon, so that colour is never the only difference.
//
// A Cache keeps the drawings between the builds of a process (`plinth
// serve`, the tests): a chart whose option, size and words are unchanged
// is not drawn again.
//
// The package draws any option it is given and knows nothing of the data
// behind it: package chart makes the options, from published tables only.
package svg
