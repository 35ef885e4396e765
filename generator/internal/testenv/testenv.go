// Package testenv decides what a test does when something it needs from
// outside the Go module is missing, such as the npm packages `npm ci`
// installs: on a developer's machine the test is skipped with a message
// saying how to install it; when PLINTH_REQUIRE_BROWSER=1 (which CI's
// .ci/run sets), it fails, so that a green CI run always means every test
// ran. The variable's name comes from the browser suite (tests/browser),
// which uses the same rule.
package testenv

import (
	"os"
	"path/filepath"
	"testing"
)

// RequireEnv names the environment variable that turns skips into
// failures when set to "1".
const RequireEnv = "PLINTH_REQUIRE_BROWSER"

// Required reports whether a missing tool or package must fail the test.
func Required() bool { return os.Getenv(RequireEnv) == "1" }

// Missing stops t because something it needs is not installed: it fails
// when Required, and skips otherwise. why says what is missing and how to
// install it.
func Missing(t testing.TB, why string) {
	t.Helper()
	if Required() {
		t.Fatalf("%s (and %s=1 makes this a failure rather than a skip)", why, RequireEnv)
	}
	t.Skip("SKIPPED: " + why)
}

// NodeModules returns the absolute path of the node_modules folder in root
// (a site folder, usually the repository root), after checking that each
// named npm package is installed there; a missing one is reported with
// Missing.
func NodeModules(t testing.TB, root string, packages ...string) string {
	t.Helper()
	root, err := filepath.Abs(root)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "node_modules")
	for _, p := range packages {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(p), "package.json")); err != nil {
			Missing(t, "the npm package "+p+" is not installed in "+dir+"; run `npm ci` in "+root)
		}
	}
	return dir
}

// LinkNodeModules makes dir/node_modules a symbolic link to the
// node_modules folder in root, checking first that each named package is
// installed there, so that a test can build a temporary site against the
// repository's packages without copying them.
func LinkNodeModules(t testing.TB, root, dir string, packages ...string) {
	t.Helper()
	modules := NodeModules(t, root, packages...)
	if err := os.Symlink(modules, filepath.Join(dir, "node_modules")); err != nil {
		Missing(t, "cannot link node_modules into a temporary site: "+err.Error())
	}
}
