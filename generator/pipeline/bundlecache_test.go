package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/plinth-ssg/plinth/generator/bundle"
	"github.com/plinth-ssg/plinth/generator/site"
)

// TestBundleCache: with a cache, a build whose assets are unchanged reuses
// the last bundle (the same result, not bundled again); an edited asset is
// bundled again, under a new name; and every build gives the files a build
// without a cache gives.
func TestBundleCache(t *testing.T) {
	src := assetSite(t)
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

// assetSite writes the test theme and the assets fixture into a new site
// folder, with modification times an hour old: the bundle stage does not
// keep on disk a bundle made from files modified moments before.
func assetSite(t *testing.T) string {
	t.Helper()
	theme, err := txtar.ParseFile("testdata/theme.txtar")
	if err != nil {
		t.Fatal(err)
	}
	ar, err := txtar.ParseFile("testdata/sites/assets.txtar")
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(t.TempDir(), "site")
	past := time.Now().Add(-time.Hour)
	for _, f := range append(theme.Files, ar.Files...) {
		if !strings.HasPrefix(f.Name, "expect/") {
			p := filepath.Join(src, filepath.FromSlash(f.Name))
			writeFile(t, p, f.Data)
			if err := os.Chtimes(p, past, past); err != nil {
				t.Fatal(err)
			}
		}
	}
	return src
}

// TestBundleDiskCache: command-line builds, which have no in-memory cache,
// keep the bundle in the site's .plinth-cache folder and use it on the next
// build (using an entry marks it recently used), with the same output.
func TestBundleDiskCache(t *testing.T) {
	src := assetSite(t)
	now := time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)
	build := func() []site.File {
		t.Helper()
		res, diags := Run(Options{Source: src, Now: now})
		if diags.HasErrors() {
			t.Fatalf("build: %v", diags)
		}
		return res.Files
	}
	first := build()
	entries, err := filepath.Glob(filepath.Join(bundle.SiteCacheDir(src), "*.bundle"))
	if err != nil || len(entries) != 1 {
		t.Fatalf("after one build the cache holds %v (%v), want one entry", entries, err)
	}
	long := time.Now().Add(-24 * time.Hour)
	if err := os.Chtimes(entries[0], long, long); err != nil {
		t.Fatal(err)
	}
	second := build()
	if info, err := os.Stat(entries[0]); err != nil || !info.ModTime().After(long) {
		t.Error("the second build did not use the bundle kept on disk")
	}
	if len(first) != len(second) {
		t.Fatalf("%d files, then %d", len(first), len(second))
	}
	for i := range first {
		if first[i].Path != second[i].Path || string(first[i].Data) != string(second[i].Data) {
			t.Errorf("%s differs between a build that bundled and one that used the cache", first[i].Path)
		}
	}
}
