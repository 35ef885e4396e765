package browser

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/plinth-ssg/plinth/tests/browser/harness"
)

// siteDirEnv names a built site to check instead of building the example.
const siteDirEnv = "PLINTH_SITE_DIR"

// sitePrefixEnv optionally gives the URL path prefix the site is built for
// (for example "/quality/"); the default is "/".
const sitePrefixEnv = "PLINTH_SITE_PREFIX"

// buildExampleSite returns the folder of a built site to check.
//
// HOOK FOR THE LEAD: once the generator can build the example site, make
// this build it into t.TempDir() (in process, through the build package)
// and return that folder, so that `go test ./...` always checks the real
// output. Until then it returns $PLINTH_SITE_DIR, or skips.
func buildExampleSite(t *testing.T) string {
	t.Helper()
	if dir := os.Getenv(siteDirEnv); dir != "" {
		return dir
	}
	t.Skipf("no built site to check: set %s to a built site folder (for example public/); "+
		"buildExampleSite in tests/browser/site_test.go is the hook to build the example site here", siteDirEnv)
	return ""
}

// TestBuiltSite runs the whole suite over a built site and logs what it
// covered: pages, axe rules, and the gzipped weight of each type of page
// against the budget. The weights are reported, not enforced: a page type
// over budget is marked OVER BUDGET in the log (run with -v to see it).
func TestBuiltSite(t *testing.T) {
	dir := buildExampleSite(t)
	prefix := os.Getenv(sitePrefixEnv)
	if prefix == "" {
		prefix = "/"
	}
	rep := runSuite(t, dir, prefix)
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
		var ids []string
		for id, n := range rep.AxeIncomplete {
			ids = append(ids, fmt.Sprintf("%s (%d pages)", id, n))
		}
		slices.Sort(ids)
		t.Logf("axe rules needing a person to review: %s", strings.Join(ids, ", "))
	}
	t.Logf("gzipped HTML+CSS+JS per page type, budget %d KB:", harness.WeightBudget/1024)
	for _, tw := range harness.WeightsByType(own, harness.WeightBudget) {
		t.Logf("  %s", tw.String(harness.WeightBudget))
	}
}
