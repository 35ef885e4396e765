/*
 * The Plinth theme's chart script, loaded only by the pages that show
 * charts (their layouts ask for asset "js/charts.js"):
 *   <script src="…" integrity="…" defer></script>
 *
 * The charts are drawn when the site is built, as SVG in the page
 * (generator/chart/svg), and need no script: they show with JavaScript off
 * and in print, and hovering a mark shows its figure as a tooltip (each
 * mark's <title>). This script adds a way to read every figure by keyboard
 * and touch: the chart box becomes focusable, the arrow keys (and Home and
 * End) step through its marks, and tapping or pointing at a mark does the
 * same; the mark's words ("London, Complete: 77% (325 actions)") go into
 * the line under the chart, which screen readers announce. Marks are
 * highlighted by a class (charts.css), never by a style attribute, which
 * the site's Content-Security-Policy forbids.
 */

// visibleDrawing returns the drawing the stylesheet shows: wide or narrow.
function visibleDrawing(box) {
  return Array.from(box.querySelectorAll('svg')).find((svg) => svg.getBoundingClientRect().width > 0)
}

// marksOf lists the marks of the drawing shown, in reading order: a bar
// chart category by category (a region's statuses together), a line
// chart series by series (a region's line from its first point to its
// last).
function marksOf(box) {
  const svg = visibleDrawing(box)
  if (!svg) {
    return []
  }
  const byCategory = !box.classList.contains('plinth-chart--line')
  const num = (el, name) => Number(el.getAttribute(name))
  return Array.from(svg.querySelectorAll('.plinth-mark')).sort((a, b) => {
    const [a1, a2] = byCategory ? [num(a, 'data-index'), num(a, 'data-series')] : [num(a, 'data-series'), num(a, 'data-index')]
    const [b1, b2] = byCategory ? [num(b, 'data-index'), num(b, 'data-series')] : [num(b, 'data-series'), num(b, 'data-index')]
    return a1 - b1 || a2 - b2
  })
}

function setUp(box) {
  const readout = document.getElementById(box.dataset.readout)
  if (!readout) {
    return
  }
  let active = null

  const show = (mark) => {
    if (active) {
      active.classList.remove('plinth-mark--active')
    }
    active = mark
    if (!mark) {
      return
    }
    mark.classList.add('plinth-mark--active')
    const title = mark.querySelector('title')
    readout.textContent = title ? title.textContent : ''
  }

  const markAt = (target) => (target instanceof Element ? target.closest('.plinth-mark') : null)

  box.tabIndex = 0
  box.addEventListener('pointerover', (event) => {
    const mark = markAt(event.target)
    if (mark) {
      show(mark)
    }
  })
  box.addEventListener('click', (event) => {
    const mark = markAt(event.target)
    if (mark) {
      show(mark)
    }
  })
  box.addEventListener('pointerleave', () => show(null))
  box.addEventListener('blur', () => show(null))
  box.addEventListener('keydown', (event) => {
    const marks = marksOf(box)
    if (marks.length === 0) {
      return
    }
    const at = marks.indexOf(active)
    let next
    switch (event.key) {
      case 'ArrowRight':
      case 'ArrowDown':
        next = at < 0 ? 0 : Math.min(at + 1, marks.length - 1)
        break
      case 'ArrowLeft':
      case 'ArrowUp':
        next = at < 0 ? 0 : Math.max(at - 1, 0)
        break
      case 'Home':
        next = 0
        break
      case 'End':
        next = marks.length - 1
        break
      case 'Escape':
        show(null)
        readout.textContent = ''
        return
      default:
        return
    }
    event.preventDefault()
    show(marks[next])
  })
}

function init() {
  document.querySelectorAll('.plinth-chart[data-readout]').forEach(setUp)
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', init)
} else {
  init()
}
