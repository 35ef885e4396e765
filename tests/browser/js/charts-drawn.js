// Reports, for every chart box on the page, what a reader sees of it: its
// role and accessible name, which of its drawings (wide or narrow) shows,
// at what size against the size it was drawn at (its viewBox), how many
// marks it has, and the smallest text on screen, in CSS pixels, after the
// drawing is scaled to its box. Run through the DevTools protocol, never
// injected into the page.
(() => Array.from(document.querySelectorAll('.plinth-chart')).map((box) => {
  const visible = Array.from(box.querySelectorAll('svg')).filter((svg) => svg.getBoundingClientRect().width > 0)
  const out = {
    id: box.id,
    role: box.getAttribute('role') || '',
    label: box.getAttribute('aria-label') || '',
    drawings: box.querySelectorAll('svg').length,
    shown: visible.length,
    variant: '',
    boxWidth: box.getBoundingClientRect().width,
    width: 0,
    height: 0,
    drawnWidth: 0,
    marks: 0,
    hidden: 0,
    minText: 0,
    viewport: window.innerWidth,
  }
  if (visible.length !== 1) {
    return out
  }
  const svg = visible[0]
  const r = svg.getBoundingClientRect()
  out.variant = svg.classList.contains('plinth-chart__svg--narrow') ? 'narrow' : 'wide'
  out.width = r.width
  out.height = r.height
  out.drawnWidth = svg.viewBox.baseVal.width
  out.marks = svg.querySelectorAll('.plinth-mark').length
  out.hidden = Array.from(svg.querySelectorAll('text')).filter((t) => t.textContent.trim() === '[c]').length
  const scale = r.width / out.drawnWidth
  const sizes = Array.from(svg.querySelectorAll('text')).map((t) => parseFloat(t.getAttribute('font-size') || getComputedStyle(t).fontSize) * scale)
  out.minText = sizes.length ? Math.min(...sizes) : 0
  return out
}))()
