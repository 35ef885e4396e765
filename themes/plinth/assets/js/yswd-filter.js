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
 * the cards and of the message for no results, and the text of the
 * results' heading, of their count (a live region, so screen readers hear
 * it) and of each option.
 *
 * Each option says how many entries it would show together with the other
 * choices ("London (5)" becomes "London (2)" once Planned is chosen), so a
 * reader never picks a combination that shows nothing without being told.
 *
 * The markup it expects (themes/plinth/layouts/you-said-we-did/entries.html
 * and the yswd- partials): a form #yswd-filter with one select per facet,
 * named after it, whose options carry their name in data-name; cards in
 * #yswd-entries with data-region, data-profession (keys separated by
 * spaces), data-theme and data-status; the heading [data-yswd-heading];
 * the count #yswd-filter-count; the message #yswd-empty; and buttons
 * [data-yswd-clear].
 */

const FACETS = ['region', 'profession', 'theme', 'status']

function init () {
  const form = document.getElementById('yswd-filter')
  const list = document.getElementById('yswd-entries')
  const count = document.getElementById('yswd-filter-count')
  const heading = document.querySelector('[data-yswd-heading]')
  const empty = document.getElementById('yswd-empty')
  if (!form || !list || !count || !heading || !empty) {
    return
  }
  const cards = Array.from(list.children)
  const selects = FACETS.map((name) => form.elements.namedItem(name)).filter(Boolean)
  const page = { cards, selects, count, heading, empty, list, allHeading: heading.textContent }

  readAddress(selects)
  form.hidden = false
  show(page)

  const update = () => {
    show(page)
    writeAddress(selects)
  }
  form.addEventListener('change', update)
  // Nothing is sent: the list narrows as soon as a choice changes, and the
  // submit button does the same for those who look for one.
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    update()
  })
  document.querySelectorAll('[data-yswd-clear]').forEach((clear) => {
    clear.addEventListener('click', () => {
      selects.forEach((select) => { select.value = '' })
      update()
      if (clear.closest('#yswd-empty')) {
        // The button the reader pressed is now hidden: keep their place.
        heading.setAttribute('tabindex', '-1')
        heading.focus()
      }
    })
  })
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

// matches reports whether a card has every chosen value, leaving out the
// select skip (null to use them all).
function matches (card, selects, skip) {
  return selects.every((select) => {
    if (select === skip || !select.value) {
      return true
    }
    const values = (card.getAttribute('data-' + select.name) || '').split(' ')
    return values.includes(select.value)
  })
}

// plural writes a count of entries.
function plural (n) {
  return n === 1 ? '1 entry' : n + ' entries'
}

// show hides the cards that do not match every chosen value, then brings
// the heading, the count, the message for no results and every option's
// count up to date.
function show (page) {
  const { cards, selects, count, heading, empty, list } = page
  let shown = 0
  cards.forEach((card) => {
    const match = matches(card, selects, null)
    card.hidden = !match
    if (match) {
      shown++
    }
  })
  const chosen = selects.filter((select) => select.value)
    .map((select) => select.options[select.selectedIndex].getAttribute('data-name'))
  heading.textContent = chosen.length ? 'Entries for ' + chosen.join(', ') : page.allHeading
  count.textContent = plural(shown) + (chosen.length ? ' shown' : '') + ', newest first.'
  empty.hidden = shown > 0
  list.hidden = shown === 0

  selects.forEach((select) => {
    const others = cards.filter((card) => matches(card, selects, select))
    Array.from(select.options).forEach((option) => {
      const name = option.getAttribute('data-name')
      if (!name) {
        return // the "All …" option
      }
      const n = others.filter((card) => (card.getAttribute('data-' + select.name) || '').split(' ').includes(option.value)).length
      option.textContent = name + ' (' + n + ')'
    })
  })
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', init)
} else {
  init()
}
