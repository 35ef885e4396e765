/*
 * The Plinth theme's chart script, loaded only by the pages that show
 * charts (their layouts ask for asset "js/charts.js"):
 *   <script src="…" integrity="…" defer></script>
 *
 * Each chart on a page is a box and a data island written by
 * partials/action-plans/figure.html:
 *   <div class="plinth-chart" id="chart-ID" role="img" aria-label="…"></div>
 *   <script type="application/json" id="chart-ID-options">{…}</script>
 * The island is data, never run: its ECharts option is built by Plinth from
 * published tables only (generator/chart) and holds no functions. This
 * script parses each island and draws its chart in the box, then closes the
 * table under it (which the page shows open, for readers without
 * JavaScript). The box's size comes from the stylesheet; the chart follows
 * it when it changes.
 *
 * Only what the charts use is bundled from ECharts: bar and line charts,
 * the grid, legend, rich-text tooltip and aria components, and the canvas
 * renderer. The canvas renderer and rich-text tooltips write no style
 * attributes, which the site's Content-Security-Policy (style-src 'self')
 * would block; ECharts sets its elements' sizes through the CSSOM
 * (element.style), which the policy allows.
 */
import * as echarts from 'echarts/core'
import { BarChart, LineChart } from 'echarts/charts'
import { AriaComponent, GridSimpleComponent, LegendPlainComponent, TooltipComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

echarts.use([BarChart, LineChart, AriaComponent, GridSimpleComponent, LegendPlainComponent, TooltipComponent, CanvasRenderer])

function drawAll() {
  const charts = []
  document.querySelectorAll('script[type="application/json"].plinth-chart-options').forEach((island) => {
    const box = document.getElementById(island.dataset.chart)
    if (!box) {
      return
    }
    let option
    try {
      option = JSON.parse(island.textContent)
    } catch (e) {
      // Leave the table open in the chart's place.
      return
    }
    // The box's accessible name is the figure's summary; ECharts' aria
    // component sets the same text (aria.label.description).
    const chart = echarts.init(box, null, { renderer: 'canvas' })
    chart.setOption(option)
    box.classList.add('plinth-chart--drawn')
    const details = box.closest('.plinth-figure')?.querySelector('details.plinth-figure__data')
    if (details) {
      details.open = false
    }
    charts.push({ box, chart })
  })
  if (charts.length === 0) {
    return
  }
  // Follow the box's size: the stylesheet sizes it by the viewport.
  if ('ResizeObserver' in window) {
    const observer = new ResizeObserver((entries) => {
      entries.forEach((entry) => {
        const found = charts.find((c) => c.box === entry.target)
        if (found) {
          found.chart.resize()
        }
      })
    })
    charts.forEach((c) => observer.observe(c.box))
  } else {
    window.addEventListener('resize', () => charts.forEach((c) => c.chart.resize()))
  }
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', drawAll)
} else {
  drawAll()
}
