// Reports, for every figure on the page, whether its chart's drawing and
// its table take up space on screen, and how many marks the drawing shows.
// Run through the DevTools protocol, which works while the page's own
// scripts are disabled.
(() => {
  const shown = (el) => !!el && el.getClientRects().length > 0 && el.getBoundingClientRect().height > 0
  return Array.from(document.querySelectorAll('.plinth-figure')).map((fig) => {
    const drawings = Array.from(fig.querySelectorAll('.plinth-chart svg')).filter(shown)
    return {
      id: fig.id,
      chartShown: drawings.length === 1,
      marks: drawings.length === 1 ? drawings[0].querySelectorAll('.plinth-mark').length : 0,
      variant: drawings.length === 1 && drawings[0].classList.contains('plinth-chart__svg--narrow') ? 'narrow' : 'wide',
      tableShown: shown(fig.querySelector('table')),
      rows: fig.querySelectorAll('table tbody tr').length,
      jsEnabled: document.body.classList.contains('js-enabled'),
    }
  })
})()
