// Package browser is Plinth's real-browser test suite: it serves a built site
// under its production headers and checks every page in headless Chromium
// (axe-core WCAG 2.2 AA, Content-Security-Policy, console, third-party
// requests, skip link, reflow at 320 px, heading outline), runs html-validate
// over every page and the static checks that need no browser.
//
// The package holds tests only; the machinery is in the harness sub-package.
// Run it with
//
//	go test ./tests/browser/
//
// Without Chromium (/usr/bin/chromium) or the npm packages (npm ci) the tests
// skip with a loud message; with PLINTH_REQUIRE_BROWSER=1, as CI sets it,
// they fail instead. PLINTH_SITE_DIR points TestBuiltSite at a built site,
// and PLINTH_SITE_PREFIX gives its URL path prefix (default "/"):
//
//	PLINTH_SITE_DIR=public PLINTH_SITE_PREFIX=/quality/ go test -v -run TestBuiltSite ./tests/browser/
package browser
