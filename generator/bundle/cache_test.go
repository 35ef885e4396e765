package bundle

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// settled sets every file of the site in dir to a modification time well
// in the past, as files are that nobody is editing: the cache does not
// store a bundle made from a file modified moments before (settleTime).
func settled(t *testing.T, dir string) {
	t.Helper()
	past := time.Now().Add(-time.Hour)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		return os.Chtimes(p, past, past)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// cachedBuild bundles the fixture site in dir with a cache folder.
func cachedBuild(t *testing.T, dir, cacheDir string, edit ...func(*Options)) Result {
	t.Helper()
	opts := Options{SourceDir: dir, Theme: "test", Entries: fixtureEntries, CacheDir: cacheDir}
	for _, e := range edit {
		e(&opts)
	}
	res, diags := Build(opts)
	if len(diags) > 0 {
		t.Fatalf("bundling: %v", diags)
	}
	return res
}

// sameBundle fails unless two results hold the same files and manifest.
func sameBundle(t *testing.T, got, want Result) {
	t.Helper()
	if len(got.Files) != len(want.Files) {
		t.Fatalf("%d files, want %d", len(got.Files), len(want.Files))
	}
	for i := range got.Files {
		g, w := got.Files[i], want.Files[i]
		if g.Path != w.Path || g.Source != w.Source || !bytes.Equal(g.Data, w.Data) {
			t.Errorf("file %d: %s (from %s, %d bytes), want %s (from %s, %d bytes)", i, g.Path, g.Source, len(g.Data), w.Path, w.Source, len(w.Data))
		}
	}
	if len(got.Manifest) != len(want.Manifest) {
		t.Errorf("manifest %v, want %v", got.Manifest, want.Manifest)
	}
	for name, a := range want.Manifest {
		if got.Manifest[name] != a {
			t.Errorf("manifest[%s] = %v, want %v", name, got.Manifest[name], a)
		}
	}
}

// entryFiles lists the cache entries in dir.
func entryFiles(t *testing.T, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, "*"+entryExt))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// storedBundle bundles a fresh copy of the fixture site with its cache
// folder, checks that the bundle was stored, and returns the site, the
// cache folder, the bundle and its entry file.
func storedBundle(t *testing.T) (dir, cacheDir string, res Result, entry string) {
	t.Helper()
	dir = extract(t, nil)
	settled(t, dir)
	cacheDir = SiteCacheDir(dir)
	res = cachedBuild(t, dir, cacheDir)
	entries := entryFiles(t, cacheDir)
	if len(entries) != 1 {
		t.Fatalf("%d cache entries after the first build, want 1", len(entries))
	}
	return dir, cacheDir, res, entries[0]
}

// TestCacheReused: the second build of an unchanged site takes the bundle
// from the cache folder, and it is exactly what esbuild made.
func TestCacheReused(t *testing.T) {
	dir, cacheDir, first, _ := storedBundle(t)
	if first.Cached {
		t.Fatal("the first build found a bundle in an empty cache")
	}
	second := cachedBuild(t, dir, cacheDir)
	if !second.Cached {
		t.Fatal("nothing changed, but the second build bundled again")
	}
	sameBundle(t, second, first)
	sameBundle(t, second, cachedBuild(t, dir, ""))
}

// TestCacheChangedInputRebundles: a change to any byte the bundle was made
// from (an entry, a file it imports, a package's module, a package.json
// that steers resolution, a font), a new file that overrides a theme file,
// a new npm install, or a different option is bundled again, and the
// result is what a build without a cache gives; the new bundle is then
// stored in its turn.
func TestCacheChangedInputRebundles(t *testing.T) {
	write := func(name, text string) func(t *testing.T, dir string) {
		return func(t *testing.T, dir string) {
			t.Helper()
			p := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	appendTo := func(name, text string) func(t *testing.T, dir string) {
		return func(t *testing.T, dir string) {
			t.Helper()
			old, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
			if err != nil {
				t.Fatal(err)
			}
			write(name, string(old)+text)(t, dir)
		}
	}
	tests := []struct {
		name   string
		change func(t *testing.T, dir string)
		option func(*Options)
	}{
		{name: "an entry", change: appendTo("themes/test/assets/css/main.css", ".more { color: #005eb8; }\n")},
		{name: "an imported stylesheet", change: appendTo("assets/css/theme.css", ".more { color: #005eb8; }\n")},
		{name: "a package's module", change: write("node_modules/fakepkg/index.mjs", "export function greet(name) { document.title = \"Hi \" + name; }\n")},
		{name: "a package.json that changes resolution", change: func(t *testing.T, dir string) {
			write("node_modules/fakepkg/other.mjs", "export function greet() { document.title = \"other\"; }\n")(t, dir)
			settled(t, dir) // other.mjs is not an input yet: only package.json tells
			old, err := os.ReadFile(filepath.Join(dir, "node_modules", "fakepkg", "package.json"))
			if err != nil {
				t.Fatal(err)
			}
			write("node_modules/fakepkg/package.json", strings.Replace(string(old), `"./index.mjs"`, `"./other.mjs"`, 1))(t, dir)
		}},
		{name: "a font", change: write("node_modules/fakepkg/dist/fonts/local.woff2", "wOF2 another fake font")},
		// esbuild never reads it, but the notices copy it.
		{name: "a package's licence file", change: appendTo("node_modules/fakepkg/LICENSE", "With a new clause.\n")},
		{name: "a site file overriding a theme file", change: write("assets/img/logo.svg", `<svg xmlns="http://www.w3.org/2000/svg"/>`)},
		{name: "a new npm install", change: write("node_modules/.package-lock.json", `{"lockfileVersion": 3}`)},
		{name: "another highlighting style", option: func(o *Options) { o.ChromaStyle = "monokai" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, cacheDir, before, _ := storedBundle(t)
			var edits []func(*Options)
			if tt.change != nil {
				tt.change(t, dir)
				settled(t, dir)
			}
			if tt.option != nil {
				edits = append(edits, tt.option)
			}
			after := cachedBuild(t, dir, cacheDir, edits...)
			if after.Cached {
				t.Fatal("the site changed, but the old bundle was used")
			}
			sameBundle(t, after, cachedBuild(t, dir, "", edits...))
			if again := cachedBuild(t, dir, cacheDir, edits...); !again.Cached {
				t.Error("the new bundle was not stored")
			}
			if tt.name != "a new npm install" && sameFiles(before, after) {
				t.Error("the change made no difference to the bundle, so this case tests nothing")
			}
		})
	}
}

// sameFiles reports whether two results hold the same file bytes.
func sameFiles(a, b Result) bool {
	if len(a.Files) != len(b.Files) {
		return false
	}
	for i := range a.Files {
		if a.Files[i].Path != b.Files[i].Path || !bytes.Equal(a.Files[i].Data, b.Files[i].Data) {
			return false
		}
	}
	return true
}

// TestCacheDamagedEntryIgnored: an entry that is cut short, has a changed
// byte, is empty or of another format, or is well formed but names an
// output outside assets/, is never used; the build bundles again and
// replaces it.
func TestCacheDamagedEntryIgnored(t *testing.T) {
	resealed := func(t *testing.T, data []byte, change func(*cacheEntry)) []byte {
		t.Helper()
		e, ok := decodeEntry(data)
		if !ok {
			t.Fatal("the stored entry does not decode")
		}
		change(&e)
		var b bytes.Buffer
		b.WriteString(entryMagic)
		if err := gob.NewEncoder(&b).Encode(e); err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b.Bytes())
		return append(b.Bytes(), sum[:]...)
	}
	tests := []struct {
		name   string
		damage func(t *testing.T, data []byte) []byte
	}{
		{"cut short", func(_ *testing.T, data []byte) []byte { return data[:len(data)/2] }},
		{"one byte changed", func(_ *testing.T, data []byte) []byte {
			d := bytes.Clone(data)
			d[len(d)/2] ^= 0x20
			return d
		}},
		{"empty", func(*testing.T, []byte) []byte { return nil }},
		{"another format", func(*testing.T, []byte) []byte {
			return []byte("not a Plinth cache entry at all, but long enough to have a checksum")
		}},
		{"an output outside assets", func(t *testing.T, data []byte) []byte {
			return resealed(t, data, func(e *cacheEntry) { e.Files[0].Path = "../outside.js" })
		}},
		{"an entry missing from the manifest", func(t *testing.T, data []byte) []byte {
			return resealed(t, data, func(e *cacheEntry) { delete(e.Manifest, "css/main.css") })
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, cacheDir, want, entry := storedBundle(t)
			data, err := os.ReadFile(entry)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(entry, tt.damage(t, data), 0o644); err != nil {
				t.Fatal(err)
			}
			got := cachedBuild(t, dir, cacheDir)
			if got.Cached {
				t.Fatal("a damaged entry was used")
			}
			sameBundle(t, got, want)
			if !cachedBuild(t, dir, cacheDir).Cached {
				t.Error("the damaged entry was not replaced")
			}
		})
	}
}

// TestCacheSkipsFilesBeingEdited: a bundle made while an input's
// modification time is recent (here, in the future) is not stored, since
// esbuild may have read other bytes than the cache would hash.
func TestCacheSkipsFilesBeingEdited(t *testing.T) {
	dir := extract(t, nil)
	settled(t, dir)
	soon := time.Now().Add(time.Hour)
	if err := os.Chtimes(filepath.Join(dir, "assets", "css", "theme.css"), soon, soon); err != nil {
		t.Fatal(err)
	}
	cacheDir := SiteCacheDir(dir)
	cachedBuild(t, dir, cacheDir)
	if n := len(entryFiles(t, cacheDir)); n != 0 {
		t.Errorf("%d entries stored from a file still being edited", n)
	}
}

// TestCacheWithWarnings: a bundle with warnings is not stored, so that the
// warnings are shown again on the next build.
func TestCacheWithWarnings(t *testing.T) {
	dir := extract(t, map[string]string{"assets/css/theme.css": ".a { color: red; }\n@import \"./late.css\";\n"})
	settled(t, dir)
	cacheDir := SiteCacheDir(dir)
	for i := range 2 {
		res, diags := Build(Options{SourceDir: dir, Theme: "test", Entries: fixtureEntries, CacheDir: cacheDir})
		if len(diags) == 0 || diags.HasErrors() {
			t.Fatalf("build %d: want warnings only, got %v", i+1, diags)
		}
		if res.Cached {
			t.Fatalf("build %d used a cached bundle", i+1)
		}
	}
	if n := len(entryFiles(t, cacheDir)); n != 0 {
		t.Errorf("%d entries stored for a bundle with warnings", n)
	}
}

// TestCacheUnwritable: a cache folder that cannot be made costs the cache,
// not the build.
func TestCacheUnwritable(t *testing.T) {
	dir := extract(t, nil)
	settled(t, dir)
	blocker := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(blocker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if res := cachedBuild(t, dir, filepath.Join(blocker, "bundle")); res.Cached {
			t.Fatal("a bundle came from a cache folder that cannot exist")
		}
	}
}

// TestTrim keeps the most recently used entries and removes temporary files
// left long ago, but not one being written now.
func TestTrim(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	touch := func(name string, age time.Duration) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, now.Add(-age), now.Add(-age)); err != nil {
			t.Fatal(err)
		}
	}
	for i := range keepEntries + 3 {
		touch(string(rune('a'+i))+entryExt, time.Duration(i)*time.Minute)
	}
	touch("old"+entryExt+".tmp-1", 2*time.Hour)
	touch("new"+entryExt+".tmp-2", 0)
	touch("unrelated.txt", 3*time.Hour)
	trim(dir)
	items, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, it := range items {
		names = append(names, it.Name())
	}
	want := "a.bundle b.bundle c.bundle d.bundle e.bundle f.bundle g.bundle h.bundle new.bundle.tmp-2 unrelated.txt"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("left %s\nwant %s", got, want)
	}
}
