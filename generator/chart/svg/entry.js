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
// result is the SVG document as a string. Each chart gets a fresh instance,
// so that nothing one chart sets can reach the next.
globalThis.plinthDraw = function (option, width, height) {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: width, height: height })
  try {
    chart.setOption(JSON.parse(option))
    return chart.renderToSVGString()
  } finally {
    chart.dispose()
  }
}
