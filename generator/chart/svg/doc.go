// Package svg draws ECharts options as SVG during the build, so that a
// page shows its charts with no chart runtime in the browser: with
// JavaScript off, in print, in a feed reader.
//
// # How
//
// esbuild's Go API bundles entry.js (ECharts' core with bar, line and
// scatter series, a simple grid, legend, titles and the SVG renderer) from
// the site's node_modules, and goja, a JavaScript engine written in Go,
// compiles it once per build. Each drawing goroutine runs the compiled
// program in a runtime of its own (one per core) and calls ECharts'
// server-side renderer: echarts.init(null, null, {renderer: 'svg', ssr:
// true}) and renderToSVGString(). Start loads the engine in the background
// while the build goes on; Draw draws every chart of the site in parallel.
//
// # Contract
//
// What Draw returns is fit to be put in a page under a strict
// Content-Security-Policy, and the same bytes every time:
//
//   - No style attribute and no <style> element: ECharts' text styles
//     become presentation attributes (font-size="14"), and its hover rules
//     are dropped for the theme's stylesheet. No script, no event handler,
//     no image, no link out of the drawing: anything not on the lists in
//     clean.go is an error, not silently kept.
//   - IDs are the chart's ID and a number in document order, and zrender's
//     class names are gone: ECharts numbers both by the charts drawn before
//     in the same runtime, which would make a drawing depend on the order
//     and the runtime that drew it. Random numbers and the clock are fixed.
//   - Every data mark with words (Chart.Marks) carries them in a <title>,
//     with the class plinth-mark and data-series and data-index attributes
//     naming the series and data item it draws; the theme's script reads
//     them out on focus and touch.
//   - Every bar series after the first has a pattern over its bars and its
//     legend icon, so that colour is never the only difference (ECharts'
//     own decals are slower to draw than the rest of the chart).
//
// A Cache keeps the engine, its runtimes and the drawings between the
// builds of a process (`plinth serve`, the tests): a chart whose option,
// size and words are unchanged is not drawn again. The process's cache
// also keeps ECharts' own drawings in the user's cache folder, so that the
// next process does not draw them again either (disk.go).
//
// The package draws any option it is given and knows nothing of the data
// behind it: package chart makes the options, from published tables only.
package svg
