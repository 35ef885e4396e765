package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/plinth-ssg/plinth/generator/site"
)

// TestBundleCache: with a cache, a build whose assets are unchanged reuses
// the last bundle (the same result, not bundled again); an edited asset is
// bundled again, under a new name; and every build gives the files a build
// without a cache gives.
func TestBundleCache(t *testing.T) {
	theme, err := txtar.ParseFile("testdata/theme.txtar")
	if err != nil {
		t.Fatal(err)
	}
	ar, err := txtar.ParseFile("testdata/sites/assets.txtar")
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(t.TempDir(), "site")
	for _, f := range append(theme.Files, ar.Files...) {
		if !strings.HasPrefix(f.Name, "expect/") {
			writeFile(t, filepath.Join(src, filepath.FromSlash(f.Name)), f.Data)
		}
	}
	now := time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)
	cache := NewCache()
	build := func(c *Cache) []site.File {
		t.Helper()
		res, diags := Run(Options{Source: src, Now: now, Cache: c})
		if diags.HasErrors() {
			t.Fatalf("build: %v", diags)
		}
		return res.Files
	}
	assets := func(files []site.File) string {
		var names []string
		for _, f := range files {
			if strings.HasPrefix(f.Path, "assets/") {
				names = append(names, f.Path)
			}
		}
		return strings.Join(names, " ")
	}
	same := func(a, b []site.File) bool {
		if len(a) != len(b) {
			return false
		}
		for i := range a {
			if a[i].Path != b[i].Path || string(a[i].Data) != string(b[i].Data) {
				return false
			}
		}
		return true
	}

	first := build(cache)
	kept := cache.bundled
	second := build(cache)
	if cache.bundled != kept {
		t.Error("nothing changed, but the assets were bundled again")
	}
	if !same(first, second) || !same(second, build(nil)) {
		t.Error("a build that reused the bundle differs from a full build")
	}

	writeFile(t, filepath.Join(src, "assets", "css", "extra.css"), []byte(".extra { color: #005eb8; }\n"))
	third := build(cache)
	if cache.bundled == kept {
		t.Fatal("an asset changed, but the last bundle was reused")
	}
	if assets(third) == assets(second) {
		t.Errorf("the edited stylesheet kept its name: %s", assets(third))
	}
	if !same(third, build(nil)) {
		t.Error("after an edit, the cached build differs from a full build")
	}
	if err := os.Remove(filepath.Join(src, "assets", "js", "main.js")); err != nil {
		t.Fatal(err)
	}
	if _, diags := Run(Options{Source: src, Now: now, Cache: cache}); !diags.HasErrors() {
		t.Error("the script was deleted, but the build still found it (a stale bundle)")
	}
}
