/*
 * The Plinth theme's script: it enhances only the NHS.UK frontend
 * components a content site uses. Load it with
 *   <script src="…" integrity="…" defer></script>
 * Pages work without it; it adds the collapsing header menu, the skip link's
 * focus handling, and opens collapsed details sections for printing.
 *
 * Not initialised: form components (character count, checkboxes, radios,
 * password input, file upload, error summary), tabs, tables, code copy
 * buttons and notification banners; the site's pages do not use them. The
 * details component needs no script in the browsers NHS.UK frontend 10
 * supports.
 */
import { createAll, Header, SkipLink } from 'nhsuk-frontend'

function init() {
  // NHS.UK frontend enhances a page only when <body> says the browser is
  // supported. Its page template sets these classes with an inline script,
  // which the site's Content-Security-Policy forbids, so set them here; the
  // 'noModule' test is the one NHS.UK frontend uses.
  document.body.classList.add('js-enabled')
  if (!('noModule' in HTMLScriptElement.prototype)) {
    return
  }
  document.body.classList.add('nhsuk-frontend-supported')

  createAll(Header)
  createAll(SkipLink)
  openDetailsForPrinting()
}

// A closed <details> element prints as its summary alone, losing the
// content. Open them all while printing and close them again afterwards.
function openDetailsForPrinting() {
  let opened = []
  window.addEventListener('beforeprint', () => {
    opened = Array.from(document.querySelectorAll('details:not([open])'))
    opened.forEach((el) => { el.open = true })
  })
  window.addEventListener('afterprint', () => {
    opened.forEach((el) => { el.open = false })
    opened = []
  })
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', init)
} else {
  init()
}
