// Package browser is Plinth's real-browser test suite: it serves a built site
// under its production headers and checks every page in headless Chromium
// (axe-core WCAG 2.2 AA, Content-Security-Policy, console, third-party
// requests, skip link, reflow at 320 px, heading outline), runs html-validate
// over every page and the static checks that need no browser. TestCharts
// checks the action-plan charts: that each draws into its canvas and follows
// its box to 320 px, that its table stands in its place without JavaScript
// and in print, the chart script's gzipped size, and that only pages with
// charts load it. TestPhone takes one page of each type through a phone
// reader's conditions: 320 and 375 px with text at 200 %, axe at 320 px, no
// JavaScript, the Tab key, forced colours, reduced motion and print.
// TestBuiltSite holds every page to its type's weight budget
// (exampleBudgets): gzipped HTML, CSS, JavaScript, images, fonts and data.
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
//
// TestSelfAssessment drives the providers' self-assessment as a provider
// does (answers, reload, export, clear, import, an earlier edition's file,
// hostile files, keyboard only) and checks the page with harness.Probe:
// axe, CSP and console, with and without JavaScript, at 1280 and 320 px.
//
// PLINTH_SCREENSHOTS names a folder for TestCharts, TestSelfAssessment and
// TestScreenshots to write screenshots into (docs/screenshots holds them).
// TestScreenshots writes the pages readers meet first (home, an edition in
// force, the 2019 to 2021 changes, the accessibility statement's contents
// list, "You said, we did" filtered to London and Planned, the page for an
// unknown address) at 1280 and 390 px:
//
//	PLINTH_SCREENSHOTS=$PWD/docs/screenshots go test -run 'TestCharts/screenshots|TestSelfAssessment|TestScreenshots' ./tests/browser/
package browser
