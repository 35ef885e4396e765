// Package harness checks a built Plinth site the way a visitor meets it: in a
// real browser, under the site's production headers.
//
// The contract:
//
//   - [Server] serves a built site folder on 127.0.0.1, optionally under a path
//     prefix such as "/quality/", answers unknown paths with the site's
//     404.html and status 404, and applies the Netlify-style _headers file
//     (Content-Security-Policy and friends) so that pages run under the same
//     rules as in production.
//   - [Suite] checks every HTML page of the site (the pages found by crawling
//     from the root, united with every *.html file on disk, so orphans are
//     checked too) in headless Chromium: axe-core WCAG 2.2 AA rules, console
//     errors, uncaught exceptions, Content-Security-Policy violations, requests
//     to other origins, the skip link, reflow at 320 CSS px and the heading
//     outline. It also runs html-validate once over all files and the static
//     checks of [CheckStatic], which need no browser. A redirect page (a page
//     left at an old address, <meta http-equiv="refresh" content="0; url=…">)
//     is never seen by a reader, so instead of the browser checks its target
//     must be a page of the site (rule "redirect"). The suite's [Visit]s add
//     addresses checked like pages, for states a script draws from the
//     address (the search page with results), once a given element shows.
//   - Every problem becomes a [Finding] that names the page and the rule. All
//     pages are checked before anything is reported.
//
// The package has no test-framework dependency: it returns findings and the
// tests in the parent package decide how to fail. Nothing here writes into
// the site folder.
package harness
