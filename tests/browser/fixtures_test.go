package browser

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/plinth-ssg/plinth/tests/browser/harness"
)

// TestGoodFixture proves the suite passes a site that follows every rule:
// hand-written NHS.UK-like pages with a CSP meta tag, the CSP header, an
// external script, a JSON data island, a table that scrolls in its own box
// and an orphan page. It is served under a path prefix, as the real site is.
// One page is visited a second time at an address with a query, as the
// search page is, once its main content is there.
func TestGoodFixture(t *testing.T) {
	rep := runSuite(t, filepath.Join("testdata", "good"), "/quality/",
		harness.Visit{Path: "about/?q=x", File: "about/index.html", Ready: "main"})
	reportFailures(t, rep)

	// Every .html file on disk (orphans included), the 404 page once more
	// at an unknown address, and the extra visit.
	want := []string{"/quality/", "/quality/404.html", "/quality/about/", "/quality/about/?q=x", "/quality/orphan.html",
		"/quality/plinth-no-such-page/deeper/", "/quality/standards/", "/quality/standards/learning-environment.html"}
	var got []string
	for _, p := range rep.Pages {
		got = append(got, p.Path)
	}
	if !slices.Equal(got, want) {
		t.Errorf("pages checked = %v, want %v", got, want)
	}
	if strings.Join(rep.Orphans, " ") != "orphan.html" {
		t.Errorf("orphans = %v, want [orphan.html]", rep.Orphans)
	}
	if rep.AxeRulesApplied == 0 || rep.AxeRulesSelected < rep.AxeRulesApplied {
		t.Errorf("axe rules: %d applied of %d selected; axe did not run", rep.AxeRulesApplied, rep.AxeRulesSelected)
	}
	home, _ := rep.Page("index.html")
	if home.Weight.HTML == 0 || home.Weight.CSS == 0 || home.Weight.JS == 0 {
		t.Errorf("home page weight %v: HTML, CSS and JS should all have been measured", home.Weight)
	}
	t.Logf("axe-core %s: %d rules applied of %d selected by %v", rep.AxeVersion, rep.AxeRulesApplied, rep.AxeRulesSelected, harness.AxeTags)
}

// TestBadFixture proves the suite can fail: each page of testdata/bad breaks
// one rule, and the suite must report that rule for that page, in a message
// that names the page. The control pages (index.html and the two pages the
// navigation links to) break nothing and must pass.
func TestBadFixture(t *testing.T) {
	// The fixture's pages are small, so its budget is too: the control
	// pages weigh a few kilobytes, heavy.html more than 12.
	rep := runSuiteBudget(t, filepath.Join("testdata", "bad"), "/", 12*1024, nil,
		harness.Visit{Path: "?q=never", File: "index.html", Ready: "#never-drawn"})
	tests := []struct {
		file  string
		rules []string
	}{
		{"index.html", nil},
		{"404.html", nil},
		{"about/index.html", nil},
		{"standards/index.html", nil},
		{"missing-alt.html", []string{"axe/image-alt"}},
		{"inline-script.html", []string{harness.RuleInlineScript, harness.RuleCSPViolation}},
		{"inline-style.html", []string{harness.RuleInlineStyle, harness.RuleCSPViolation, "html-validate/no-inline-style"}},
		{"skipped-heading.html", []string{harness.RuleHeadingOrder}},
		{"two-h1.html", []string{harness.RuleOneH1}},
		{"wide-table.html", []string{harness.RuleReflow}},
		{"other-origin.html", []string{harness.RuleThirdPartyRequest}},
		{"external-stylesheet.html", []string{harness.RuleExternalResource, harness.RuleThirdPartyRequest}},
		{"console-error.html", []string{harness.RuleConsoleError}},
		{"uncaught-exception.html", []string{harness.RuleUncaughtException}},
		{"no-skip-link.html", []string{harness.RuleSkipLink}},
		{"broken-link.html", []string{harness.RuleBrokenLink}},
		{"invalid-html.html", []string{"html-validate/no-dup-id"}},
		{"heavy.html", []string{harness.RulePageWeight}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			p, ok := rep.Page(tt.file)
			if !ok {
				t.Fatalf("%s was not checked", tt.file)
			}
			msg := p.Message()
			t.Log(msg)
			if len(tt.rules) == 0 {
				if p.Failed() {
					t.Errorf("the control page should pass, got:\n%s", msg)
				}
				return
			}
			if !strings.Contains(msg, p.URL) || !strings.Contains(msg, tt.file) {
				t.Errorf("the failure message does not name the page %s (%s):\n%s", p.URL, tt.file, msg)
			}
			for _, rule := range tt.rules {
				if !p.Has(rule) || !strings.Contains(msg, "["+rule+"]") {
					t.Errorf("expected a %s finding, got:\n%s", rule, msg)
				}
			}
		})
	}
	// 404.html uses relative addresses: fine at /404.html, broken where a
	// lost visitor meets it.
	t.Run("404 page at an unknown address", func(t *testing.T) {
		for _, p := range rep.Pages {
			if p.Path == "/plinth-no-such-page/deeper/" {
				t.Log(p.Message())
				if !p.Has(harness.RuleHTTPStatus) || !strings.Contains(p.Message(), "/plinth-no-such-page/deeper/assets/site.css") {
					t.Errorf("expected the stylesheet's 404 to be reported, got:\n%s", p.Message())
				}
				return
			}
		}
		t.Errorf("the 404 page was not visited at an unknown address")
	})
	// A visit whose script never draws what it waits for is a finding.
	t.Run("a visit that never gets ready", func(t *testing.T) {
		for _, p := range rep.Pages {
			if p.Path == "/?q=never" {
				t.Log(p.Message())
				if !p.Has(harness.RulePageLoad) || !strings.Contains(p.Message(), "#never-drawn") {
					t.Errorf("expected the wait for #never-drawn to be reported, got:\n%s", p.Message())
				}
				return
			}
		}
		t.Errorf("the extra visit was not made")
	})
	if len(rep.Pages) != len(tests)+2 {
		t.Errorf("checked %d pages, the table lists %d (+1 for the 404 probe, +1 for the extra visit): add the new bad page to the table", len(rep.Pages), len(tests))
	}
}
