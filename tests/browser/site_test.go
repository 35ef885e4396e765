package browser

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/pipeline"
	"github.com/plinth-ssg/plinth/tests/browser/harness"
)

// siteDirEnv names a built site to check instead of building the example.
const siteDirEnv = "PLINTH_SITE_DIR"

// sitePrefixEnv optionally gives the URL path prefix the site in
// PLINTH_SITE_DIR is built for (for example "/quality/"); the default is "/".
const sitePrefixEnv = "PLINTH_SITE_PREFIX"

// buildExampleSite builds the repository's example site with the generator
// (in process, through the build package) into a temporary folder and
// returns the folder and the URL path prefix of its base URL, so that
// `go test ./...` always checks the real output. $PLINTH_SITE_DIR (with
// $PLINTH_SITE_PREFIX) checks an already built site instead.
func buildExampleSite(t *testing.T) (dir, prefix string) {
	t.Helper()
	if dir := os.Getenv(siteDirEnv); dir != "" {
		prefix := os.Getenv(sitePrefixEnv)
		if prefix == "" {
			prefix = "/"
		}
		return dir, prefix
	}
	// Skip (or, in CI, fail) before building when the tools are missing:
	// without node_modules the build itself would fail.
	requireTools(t)
	dest := filepath.Join(t.TempDir(), "public")
	res, diags := pipeline.Run(pipeline.Options{Source: repoRoot(t), Destination: dest, Now: time.Now(), Write: true})
	if diags.HasErrors() {
		var b strings.Builder
		diag.Print(&b, diags, 0)
		t.Fatalf("the example site does not build:\n%s", b.String())
	}
	return dest, res.Site.Config.BasePath()
}

// exampleBudgets are the example site's page-weight budgets by type of
// page, in gzipped bytes of everything a page loads (harness.Weight): what
// a reader on a slow mobile connection waits for. Each is the type's
// heaviest page when it was set plus about 8 %, so that growth is noticed:
// a budget is raised on purpose, in the commit that needs it. Every page
// loads the shared stylesheet (NHS.UK frontend's rules the site's pages can
// match, 14 KB since the bundle stage prunes the rest; 31 KB before) and
// main.js (4 KB); pages no pattern names are pages of text
// (exampleTextBudget).
var exampleBudgets = []harness.Budget{
	{Pattern: "action-plans/index.html", Bytes: 42 * 1024},                // eight charts; 38.5 KB
	{Pattern: "action-plans/*/index.html", Bytes: 29 * 1024},              // a region's charts; 27.1 KB
	{Pattern: "action-plans/*/*/index.html", Bytes: 29 * 1024},            // a domain's charts, a release; 26.3 KB
	{Pattern: "framework/*/self-assessment/index.html", Bytes: 43 * 1024}, // the form and its script; 39.9 KB
	{Pattern: "framework/*/print/index.html", Bytes: 29 * 1024},           // every standard of an edition; 26.5 KB
	{Pattern: "you-said-we-did/index.html", Bytes: 31 * 1024},             // every entry and the filter; 28.3 KB
	{Pattern: "search/index.html", Bytes: 32 * 1024},                      // the search script; 29.5 KB
}

// exampleTextBudget is the budget of every other page of the example site:
// home, standards, domains, editions, changes, guidance, methodology,
// "You said, we did" entries and lists, A to Z, 404; 25.1 KB at most.
const exampleTextBudget = 27 * 1024

// TestBuiltSite runs the whole suite over a built site and logs what it
// covered: pages, axe rules, and the gzipped weight of each type of page
// against its budget. A page over its budget (exampleBudgets) fails the
// suite, named with its weight (rule page-weight), like any other broken
// rule; the weights of the chart pages are logged for the record.
func TestBuiltSite(t *testing.T) {
	dir, prefix := buildExampleSite(t)
	rep := runSuiteBudget(t, dir, prefix, exampleTextBudget, exampleBudgets, searchVisits...)
	reportFailures(t, rep)

	// One visit per HTML file, plus the 404 page at an unknown address; the
	// weights count each file once, at its own address.
	var own []harness.PageReport
	for _, p := range rep.Pages {
		if p.Path == harness.PagePath(rep.Prefix, p.File) {
			own = append(own, p)
		}
	}
	t.Logf("pages checked: %d HTML files in %d visits (%d not reachable by links from the home page)",
		len(own), len(rep.Pages), len(rep.Orphans))
	if len(rep.Orphans) > 0 {
		t.Logf("orphan pages (checked all the same): %s", strings.Join(rep.Orphans, ", "))
	}
	t.Logf("axe-core %s rules: %d applied on at least one page, of %d selected by %v",
		rep.AxeVersion, rep.AxeRulesApplied, rep.AxeRulesSelected, harness.AxeTags)
	if len(rep.AxeIncomplete) > 0 {
		pages := map[string][]string{}
		for _, p := range rep.Pages {
			for _, id := range p.AxeIncomplete {
				pages[id] = append(pages[id], p.Path)
			}
		}
		var ids []string
		for id, n := range rep.AxeIncomplete {
			ids = append(ids, fmt.Sprintf("%s (%d pages: %s)", id, n, strings.Join(pages[id], ", ")))
		}
		slices.Sort(ids)
		t.Logf("axe rules needing a person to review: %s", strings.Join(ids, ", "))
	}
	t.Logf("gzipped HTML, CSS, JS, images, fonts and data per page type, against its budget:")
	for _, tw := range harness.WeightsByType(own, exampleBudgets, exampleTextBudget) {
		t.Logf("  %s", tw)
	}
	for _, f := range []string{"action-plans/index.html", "action-plans/london/index.html", "action-plans/domains/1/index.html"} {
		if p, ok := rep.Page(f); ok {
			t.Logf("  %-36s %s", f, p.Weight)
		}
	}
}
