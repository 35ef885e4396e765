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

// TestBuiltSite runs the whole suite over a built site and logs what it
// covered: pages, axe rules, and the gzipped weight of each type of page
// against the budget. A page over the budget (harness.WeightBudget) fails
// the suite, named with its weight (rule page-weight), like any other
// broken rule; the weights of the chart pages are logged for the record.
func TestBuiltSite(t *testing.T) {
	dir, prefix := buildExampleSite(t)
	rep := runSuite(t, dir, prefix, searchVisits...)
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
	t.Logf("gzipped HTML+CSS+JS per page type, budget %d KB:", harness.WeightBudget/1024)
	for _, tw := range harness.WeightsByType(own, harness.WeightBudget) {
		t.Logf("  %s", tw.String(harness.WeightBudget))
	}
	for _, f := range []string{"action-plans/index.html", "action-plans/london/index.html", "action-plans/domains/1/index.html"} {
		if p, ok := rep.Page(f); ok {
			t.Logf("  %-36s %s", f, p.Weight)
		}
	}
}
