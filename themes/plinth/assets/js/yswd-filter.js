/*
 * "You said, we did": narrows the list of entries on /you-said-we-did/ in
 * place, by region, profession, theme and status, and keeps the choice in
 * the address (?region=london&status=done) so that a filtered list can be
 * bookmarked, shared and reloaded. Load it on that page only, as
 *   <script type="module" src="…" integrity="…"></script>
 *
 * Progressive enhancement: the page lists every entry and links to a page
 * per region, profession, theme and status, so nothing needs this script.
 * The filter form is in the page with the hidden attribute; the script
 * shows it. It writes no markup and no inline styles (the site's
 * Content-Security-Policy allows neither): it sets the hidden attribute of
 * the cards and the text of a live region that announces "N entries
 * shown".
 *
 * The markup it expects (themes/plinth/layouts/_partials/yswd-filter.html
 * and yswd-cards.html): a form #yswd-filter with one select per facet,
 * named after it; cards in #yswd-entries with data-region, data-profession
 * (keys separated by spaces), data-theme and data-status; a button
 * [data-yswd-clear]; and the live region #yswd-filter-count.
 */

const FACETS = ['region', 'profession', 'theme', 'status']

function init () {
  const form = document.getElementById('yswd-filter')
  const list = document.getElementById('yswd-entries')
  const count = document.getElementById('yswd-filter-count')
  if (!form || !list || !count) {
    return
  }
  const cards = Array.from(list.children)
  const selects = FACETS.map((name) => form.elements.namedItem(name)).filter(Boolean)

  readAddress(selects)
  form.hidden = false
  show(cards, selects, count)

  form.addEventListener('change', () => {
    show(cards, selects, count)
    writeAddress(selects)
  })
  // Nothing is sent: the list narrows as soon as a choice changes, and the
  // submit button does the same for those who look for one.
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    show(cards, selects, count)
    writeAddress(selects)
  })
  const clear = form.querySelector('[data-yswd-clear]')
  if (clear) {
    clear.addEventListener('click', () => {
      selects.forEach((select) => { select.value = '' })
      show(cards, selects, count)
      writeAddress(selects)
    })
  }
}

// readAddress sets each select from the query string, ignoring values the
// select does not offer (an old bookmark, a typing mistake).
function readAddress (selects) {
  const params = new URLSearchParams(window.location.search)
  selects.forEach((select) => {
    const value = params.get(select.name) || ''
    const offered = Array.from(select.options).some((option) => option.value === value)
    select.value = offered ? value : ''
  })
}

// writeAddress puts the choice in the query string, replacing the current
// history entry so that Back leaves the page as usual.
function writeAddress (selects) {
  const params = new URLSearchParams(window.location.search)
  selects.forEach((select) => {
    if (select.value) {
      params.set(select.name, select.value)
    } else {
      params.delete(select.name)
    }
  })
  const query = params.toString()
  const url = window.location.pathname + (query ? '?' + query : '') + window.location.hash
  window.history.replaceState(window.history.state, '', url)
}

// show hides the cards that do not match every chosen value and announces
// how many are shown.
function show (cards, selects, count) {
  let shown = 0
  cards.forEach((card) => {
    const match = selects.every((select) => {
      if (!select.value) {
        return true
      }
      const values = (card.getAttribute('data-' + select.name) || '').split(' ')
      return values.includes(select.value)
    })
    card.hidden = !match
    if (match) {
      shown++
    }
  })
  let text = shown === 1 ? '1 entry shown' : shown + ' entries shown'
  if (shown === 0) {
    text += '. Choose fewer filters, or clear them'
  }
  count.textContent = text + '.'
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', init)
} else {
  init()
}
