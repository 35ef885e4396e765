// Reports, for every figure on the page, whether its chart box and its
// table take up space on screen: with JavaScript off the table must show in
// the chart's place. Run through the DevTools protocol, which works while
// the page's own scripts are disabled.
(() => {
  const shown = (el) => !!el && el.getClientRects().length > 0 && el.getBoundingClientRect().height > 0
  return Array.from(document.querySelectorAll('.plinth-figure')).map((fig) => ({
    id: fig.id,
    chartShown: shown(fig.querySelector('.plinth-chart')),
    tableShown: shown(fig.querySelector('table')),
    rows: fig.querySelectorAll('table tbody tr').length,
    jsEnabled: document.body.classList.contains('js-enabled'),
  }))
})()
