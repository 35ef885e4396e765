package browser

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plinth-ssg/plinth/tests/browser/harness"
)

// requireBrowserEnv makes a missing browser or npm package a failure rather
// than a skip; CI sets it so that a green run always means the pages were
// checked.
const requireBrowserEnv = "PLINTH_REQUIRE_BROWSER"

// requireTools returns the suite's tools, or skips the test loudly when one
// is missing — or fails it when PLINTH_REQUIRE_BROWSER=1.
func requireTools(t *testing.T) harness.Tools {
	t.Helper()
	tools, missing := harness.FindTools(repoRoot(t))
	if len(missing) == 0 {
		return tools
	}
	need := "install chromium (apt-get install -y chromium) and the npm packages (npm ci). Missing:\n  " +
		strings.Join(missing, "\n  ")
	if os.Getenv(requireBrowserEnv) == "1" {
		t.Fatalf("BROWSER TESTS CANNOT RUN and %s=1 requires them: %s", requireBrowserEnv, need)
	}
	// go test shows skip messages only with -v; CI sets
	// PLINTH_REQUIRE_BROWSER=1 so that nothing is skipped silently there.
	t.Skip("BROWSER TESTS SKIPPED: " + need)
	return harness.Tools{}
}

// repoRoot finds the module root (the folder holding go.mod) above the
// test's working directory.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			t.Fatalf("no go.mod above %s", dir)
		}
	}
}

// runSuite runs the whole suite over a site folder, with any extra visits
// (harness.Visit), and returns the report.
func runSuite(t *testing.T, dir, prefix string, visits ...harness.Visit) *harness.Report {
	t.Helper()
	return runSuiteBudget(t, dir, prefix, 0, nil, visits...)
}

// runSuiteBudget runs the suite with page-weight budgets in bytes: budgets
// by type of page, and budget for the pages none of them covers (0 for the
// default, harness.WeightBudget).
func runSuiteBudget(t *testing.T, dir, prefix string, budget int, budgets []harness.Budget, visits ...harness.Visit) *harness.Report {
	t.Helper()
	s := harness.Suite{
		Dir:          dir,
		Prefix:       prefix,
		Tools:        requireTools(t),
		UserDataDir:  t.TempDir(),
		Logf:         t.Logf,
		WeightBudget: budget,
		Budgets:      budgets,
		Visits:       visits,
	}
	rep, err := s.Run(t.Context())
	if err != nil {
		t.Fatalf("the browser suite could not run: %v", err)
	}
	return rep
}

// reportFailures fails the test once per failing page, after all pages were
// checked, each message naming the page and every broken rule.
func reportFailures(t *testing.T, rep *harness.Report) {
	t.Helper()
	for _, p := range rep.Failed() {
		t.Errorf("%s", p.Message())
	}
}
