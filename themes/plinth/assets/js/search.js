/*
 * The search page's script (layouts/search.html): it runs the reader's
 * query against the index the build writes and lists the results, with
 * filters for the framework's editions and the site's sections.
 *
 * Without it the page explains that search needs JavaScript and links to
 * the A to Z of standards; the form still submits to the same page. With
 * it, that message is hidden, the filters appear, and results follow the
 * query as it is typed. The query and filters stay in the address
 * (?q=…&edition=…&section=…), so a search can be bookmarked or shared, and
 * the header's search box (a plain GET form to this page) works unchanged.
 *
 * Everything is same-origin (the Content-Security-Policy allows nothing
 * else) and relative to the manifest's address, so the site works under any
 * base path. Text from the index reaches the page only as text nodes and
 * <mark> elements, never as HTML.
 */
import { Index, OTHER_PAGES, excerpt, highlight } from './search-core.mjs'

// PAGE is how many results are shown at first and added by "Show more".
const PAGE = 10
// DELAY is how long typing must pause before the results follow.
const DELAY = 200

function init () {
  const root = document.querySelector('[data-search-manifest]')
  if (!root) {
    return
  }
  const form = root.querySelector('form')
  const input = form.querySelector('input[name="q"]')
  const edition = form.querySelector('select[name="edition"]')
  const section = form.querySelector('select[name="section"]')
  const status = root.querySelector('[data-search-status]')
  const correction = root.querySelector('[data-search-correction]')
  const widen = root.querySelector('[data-search-widen]')
  const list = root.querySelector('[data-search-results]')
  const more = root.querySelector('[data-search-more]')
  // none is what the page suggests when a search finds nothing (the
  // layout links on to the A to Z, the guidance and the contact page);
  // filtered is its line about the filters, shown when one is set.
  const none = root.querySelector('[data-search-none]')
  const filtered = root.querySelector('[data-search-none-filters]')
  const base = root.getAttribute('data-search-base')

  const index = new Index(root.getAttribute('data-search-manifest'), async (url) => {
    // The manifest must be this build's; the other files carry its hash.
    const res = await fetch(url, { cache: url.includes('?') ? 'default' : 'no-cache', credentials: 'same-origin' })
    if (!res.ok) {
      throw new Error(url + ': ' + res.status)
    }
    return res.text()
  })

  root.querySelectorAll('[data-search-nojs]').forEach((el) => { el.hidden = true })
  root.querySelectorAll('[data-search-js]').forEach((el) => { el.hidden = false })

  const params = new URLSearchParams(window.location.search)
  input.value = params.get('q') || ''
  setSelect(edition, params.get('edition'))
  setSelect(section, params.get('section'))

  let shown = []
  let matcher = null
  let run = 0
  let timer = 0
  // typed is the query the reader asked to have searched as typed ("Search
  // instead for …"), so its words are not corrected.
  let typed = params.get('typed') === '1' ? input.value : null

  async function search (push) {
    const mine = ++run
    const q = input.value
    if (typed !== null && typed !== q) {
      typed = null
    }
    updateAddress(q, push)
    if (!q.trim()) {
      say('')
      clear()
      return
    }
    try {
      const res = await index.search(q, { edition: value(edition), section: value(section), typed: typed !== null })
      if (mine !== run) {
        return // a newer query is under way
      }
      clear()
      matcher = res.matcher
      shown = res.results
      if (res.slots.length === 0) {
        say('Type a more specific word: "' + q.trim() + '" is too common to search for.')
        return
      }
      await showMore(mine)
      corrected(res.correction, q)
      say(summary(res, res.correction ? res.correction.query : q.trim()))
      if (none && res.results.length === 0) {
        none.hidden = false
        if (filtered) {
          filtered.hidden = !value(edition) && !value(section)
        }
      }
      await offerEveryEdition(res, q, mine)
    } catch (err) {
      // The index could not be read (offline, or a file missing).
      if (mine === run) {
        failed()
      }
    }
  }

  async function showMore (mine) {
    const from = list.children.length
    const batch = shown.slice(from, from + PAGE)
    const docs = await Promise.all(batch.map((r) => index.doc(r.doc)))
    if (mine !== run) {
      return
    }
    docs.forEach((doc, i) => list.appendChild(result(doc, batch[i].doc)))
    more.hidden = list.children.length >= shown.length
  }

  function result (doc, n) {
    const li = document.createElement('li')
    li.className = 'plinth-search__result'
    const h = document.createElement('h2')
    h.className = 'nhsuk-heading-s nhsuk-u-margin-bottom-1'
    const a = document.createElement('a')
    a.href = base + doc.url
    append(a, highlight(doc.title, matcher))
    h.appendChild(a)
    li.appendChild(h)

    const facets = index.facets(n)
    const meta = document.createElement('p')
    meta.className = 'plinth-search__meta nhsuk-body-s nhsuk-u-margin-bottom-1'
    let caption = facets.section.title
    if (facets.edition) {
      caption += ' · ' + facets.edition.title + ' (' + facets.edition.status.toLowerCase() + ')'
    }
    meta.textContent = caption
    if (facets.edition && facets.edition.retired) {
      // Pages of an edition no longer in force come last; the tag says
      // why at a glance.
      const tag = document.createElement('strong')
      tag.className = 'nhsuk-tag nhsuk-tag--grey plinth-search__tag'
      tag.textContent = facets.edition.status
      meta.appendChild(document.createTextNode(' '))
      meta.appendChild(tag)
    }
    li.appendChild(meta)

    const text = document.createElement('p')
    text.className = 'plinth-search__snippet'
    append(text, excerpt(doc, matcher))
    li.appendChild(text)
    return li
  }

  function summary (res, q) {
    const n = res.results.length
    let scope = ''
    // The edition searched: the filter's, or one the query names.
    const ed = res.edition
    // Name the edition only where it applies: with no section chosen, or
    // when results belong to editions.
    if (!value(section) || res.results.some((r) => index.facets(r.doc).edition)) {
      if (ed === 'all') {
        scope = ' (standards of every edition)'
      } else {
        const e = index.manifest.editions.find((x) => ed ? x.key === ed : x.default)
        if (e) {
          scope = ' (standards: ' + e.title + ')'
        }
      }
    }
    const sec = value(section)
    if (sec) {
      const s = index.manifest.sections.find((x) => (x.key || OTHER_PAGES) === sec)
      if (s) {
        scope = ' in ' + s.title + scope
      }
    }
    if (n === 0) {
      return 'No results for "' + q + '"' + scope + '.'
    }
    const what = (n === 1 ? '1 result' : n + ' results') + ' for "' + q + '"' + scope + '.'
    return res.partial ? 'No page has all of your words. ' + what + ' These have some of them.' : what
  }

  function failed () {
    clear()
    say('Search is not available at the moment.')
    root.querySelectorAll('[data-search-nojs]').forEach((el) => { el.hidden = false })
  }

  // corrected says which words were corrected, and offers the query as
  // typed, as a link to this page that asks for no correction.
  function corrected (fix, q) {
    correction.replaceChildren()
    correction.hidden = !fix
    if (!fix) {
      return
    }
    const showing = document.createElement('p')
    showing.className = 'nhsuk-body-l nhsuk-u-margin-bottom-1'
    showing.appendChild(document.createTextNode('Showing results for '))
    const strong = document.createElement('strong')
    strong.textContent = fix.query
    showing.appendChild(strong)
    const instead = document.createElement('p')
    instead.appendChild(document.createTextNode('Search instead for '))
    const a = document.createElement('a')
    const p = new URLSearchParams(addressParams(q))
    p.set('typed', '1')
    a.href = window.location.pathname + '?' + p
    a.textContent = q.trim()
    a.addEventListener('click', (ev) => {
      ev.preventDefault()
      typed = q
      search(true)
    })
    instead.appendChild(a)
    correction.append(showing, instead)
  }

  function clear () {
    list.replaceChildren()
    more.hidden = true
    if (none) {
      none.hidden = true
    }
    correction.replaceChildren()
    correction.hidden = true
    if (widen) {
      widen.replaceChildren()
      widen.hidden = true
    }
  }

  // offerEveryEdition: when nothing in the chosen edition matches but
  // pages of other editions do, say so and offer to search them all, so
  // that a reader looking for a superseded edition or an old standard
  // finds it without knowing the filter.
  async function offerEveryEdition (res, q, mine) {
    if (!widen || !edition || res.results.length > 0 || value(edition) === 'all') {
      return
    }
    const all = await index.search(q, { edition: 'all', section: value(section), typed: typed !== null })
    if (mine !== run || all.results.length === 0) {
      return
    }
    const n = all.results.length
    const a = document.createElement('a')
    const p = addressParams(q)
    p.set('edition', 'all')
    a.href = window.location.pathname + '?' + p
    a.textContent = 'Search the standards of every edition'
    a.addEventListener('click', (ev) => {
      ev.preventDefault()
      edition.value = 'all'
      search(true)
    })
    widen.append(document.createTextNode((n === 1 ? '1 page' : n + ' pages') + ' of other editions match. '), a)
    widen.hidden = false
  }

  function say (text) {
    status.textContent = text
  }

  // addressParams returns the query and filters as the address keeps
  // them.
  function addressParams (q) {
    const p = new URLSearchParams()
    if (q) {
      p.set('q', q)
    }
    if (value(edition)) {
      p.set('edition', value(edition))
    }
    if (value(section)) {
      p.set('section', value(section))
    }
    return p
  }

  function updateAddress (q, push) {
    const p = addressParams(q)
    if (typed !== null) {
      p.set('typed', '1')
    }
    const url = window.location.pathname + (p.toString() ? '?' + p : '')
    if (url !== window.location.pathname + window.location.search) {
      window.history[push ? 'pushState' : 'replaceState'](null, '', url)
    }
  }

  form.addEventListener('submit', (ev) => {
    ev.preventDefault()
    clearTimeout(timer)
    search(true)
  })
  input.addEventListener('input', () => {
    clearTimeout(timer)
    timer = setTimeout(() => search(false), DELAY)
  })
  for (const sel of [edition, section]) {
    if (sel) {
      sel.addEventListener('change', () => search(true))
    }
  }
  more.addEventListener('click', async () => {
    // Keyboard users continue from the first of the new results.
    const first = list.children.length
    try {
      await showMore(run)
    } catch (err) {
      failed()
      return
    }
    const link = list.children[first] && list.children[first].querySelector('a')
    if (link) {
      link.focus()
    }
  })
  window.addEventListener('popstate', () => {
    const p = new URLSearchParams(window.location.search)
    input.value = p.get('q') || ''
    setSelect(edition, p.get('edition'))
    setSelect(section, p.get('section'))
    typed = p.get('typed') === '1' ? input.value : null
    search(false)
  })

  if (input.value) {
    search(false)
  }
}

// append adds segments to an element: text as text nodes, found words in
// <mark>.
function append (el, segs) {
  for (const s of segs) {
    if (s.mark) {
      const m = document.createElement('mark')
      m.textContent = s.text
      el.appendChild(m)
    } else {
      el.appendChild(document.createTextNode(s.text))
    }
  }
}

function value (sel) {
  return sel ? sel.value : ''
}

function setSelect (sel, v) {
  if (sel && v !== null && Array.from(sel.options).some((o) => o.value === v)) {
    sel.value = v
  }
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', init)
} else {
  init()
}
