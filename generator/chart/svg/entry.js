// The part of ECharts that Plinth runs inside the build to draw charts as
// SVG (package svg bundles this file with esbuild and runs it in goja):
// bar, line and scatter series on a simple grid, with a legend and panel
// titles, drawn by the SVG renderer in server-side mode (no DOM).
//
// Decal patterns, tooltips and the aria component are left out on purpose:
// package svg adds its own patterns and accessible names, and a static
// drawing has no tooltip.
import * as echarts from 'echarts/core'
import { BarChart, LineChart, ScatterChart } from 'echarts/charts'
import { GridSimpleComponent, LegendPlainComponent, TitleComponent } from 'echarts/components'
import { SVGRenderer } from 'echarts/renderers'

echarts.use([BarChart, LineChart, ScatterChart, GridSimpleComponent, LegendPlainComponent, TitleComponent, SVGRenderer])

// plinthDraw draws one chart: option is the ECharts option as JSON; the
// result is the SVG document as a string. One instance draws every chart
// of a runtime: setting up ECharts costs more than a chart does.
// clear() and notMerge leave nothing of one chart for the next. The
// painter is asked for no CSS (no hover rules, no animation), which a page
// under a strict Content-Security-Policy could not use anyway.
let chart = null
globalThis.plinthDraw = function (option, width, height) {
  if (chart === null) {
    chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: width, height: height })
  } else {
    chart.clear()
    chart.resize({ width: width, height: height })
  }
  chart.setOption(JSON.parse(option), { notMerge: true })
  return chart.getZr().painter.renderToString({ cssEmphasis: false, cssAnimation: false })
}
