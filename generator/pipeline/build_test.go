package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/plinth-ssg/plinth/generator/publish"
	"github.com/plinth-ssg/plinth/generator/site"
)

// treeHash hashes every file path and content under dir, so "unchanged"
// means byte for byte.
// readTree reads every file under dir, as the build's files sorted by path.
func readTree(t *testing.T, dir string) []site.File {
	t.Helper()
	var files []site.File
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files = append(files, site.File{Path: filepath.ToSlash(rel), Data: data})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(files, func(a, b site.File) int { return strings.Compare(a.Path, b.Path) })
	return files
}

func treeHash(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	var paths []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(paths)
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, p)
		h.Write([]byte(rel + "\x00"))
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func minimalSite(t *testing.T) string {
	t.Helper()
	src := filepath.Join(t.TempDir(), "site")
	files := map[string]string{
		"site.toml":                     "title = \"T\"\nbaseURL = \"https://example.org/\"\ntheme = \"t\"\n",
		"themes/t/layouts/page.html":    `<!DOCTYPE html><html lang="en-GB"><title>{{ .Title }}</title>{{ .Content }}</html>`,
		"themes/t/layouts/section.html": `<!DOCTYPE html><html lang="en-GB"><title>{{ .Title }}</title>{{ range .Pages }}{{ .Title }}{{ end }}</html>`,
		"themes/t/layouts/404.html":     `<!DOCTYPE html><html lang="en-GB"><title>Not found</title></html>`,
		"themes/t/layouts/list.html":    `<!DOCTYPE html><html lang="en-GB"><title>{{ .Title }}</title></html>`,
		"content/_index.md":             "+++\ntitle = \"Home\"\n+++\n",
		"content/a.md":                  "+++\ntitle = \"A\"\n+++\nText.\n",
		"content/b/index.md":            "+++\ntitle = \"B\"\n+++\n![x](x.png)\n",
		"content/b/x.png":               "PNG",
	}
	for name, data := range files {
		writeFile(t, filepath.Join(src, filepath.FromSlash(name)), []byte(data))
	}
	return src
}

func opts(src string) Options {
	return Options{Source: src, Destination: filepath.Join(src, "public"), Now: time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC), Write: true}
}

// A failing build must leave the previous output byte-identical and leave
// no staging folder behind.
func TestFailedBuildLeavesPreviousOutput(t *testing.T) {
	src := minimalSite(t)
	if _, diags := Run(opts(src)); diags.HasErrors() {
		t.Fatalf("first build: %v", diags.Err())
	}
	before := treeHash(t, filepath.Join(src, "public"))
	breakages := map[string]string{
		"content/a.md":               "+++\ntitle = \"A\"\nslug = \"../../x\"\n+++\n",
		"themes/t/layouts/page.html": `{{ .Nope }}`,
		"site.toml":                  "title = \"T\"\nbaseURL = 3\n",
		"content/c.md":               "+++\ntitle = \"C\"\ndate = \"yesterday\"\n+++\n[x](missing.md)\n",
	}
	for file, text := range breakages {
		p := filepath.Join(src, filepath.FromSlash(file))
		old, _ := os.ReadFile(p)
		writeFile(t, p, []byte(text))
		_, diags := Run(opts(src))
		if !diags.HasErrors() {
			t.Errorf("breaking %s did not fail the build", file)
		}
		if after := treeHash(t, filepath.Join(src, "public")); after != before {
			t.Errorf("breaking %s changed public/", file)
		}
		if old == nil {
			os.Remove(p)
		} else {
			writeFile(t, p, old)
		}
	}
	entries, _ := os.ReadDir(src)
	for _, e := range entries {
		switch e.Name() {
		case "public" + publish.PrevSuffix, "public" + publish.ManifestSuffix, "public" + publish.PrevSuffix + publish.ManifestSuffix:
			continue
		}
		if strings.Contains(e.Name(), "plinth-") {
			t.Errorf("left behind %s", e.Name())
		}
	}
}

func TestCheckWritesNothing(t *testing.T) {
	src := minimalSite(t)
	o := opts(src)
	o.Write = false
	res, diags := Run(o)
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	if len(res.Files) == 0 {
		t.Fatal("check produced no files in memory")
	}
	if _, err := os.Stat(o.Destination); err == nil {
		t.Fatal("check wrote the destination")
	}
}

func TestSymlinks(t *testing.T) {
	src := minimalSite(t)
	secret := filepath.Join(t.TempDir(), "secret.md")
	writeFile(t, secret, []byte("+++\ntitle = \"Secret\"\n+++\nprivate key\n"))
	if err := os.Symlink(secret, filepath.Join(src, "content", "leak.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(src, "content", "a.md"), filepath.Join(src, "content", "inside.md")); err != nil {
		t.Fatal(err)
	}
	o := opts(src)
	o.Write = false
	res, diags := Run(o)
	if _, d := Run(opts(src)); !d.HasErrors() {
		t.Fatal("the build with a link outside the site succeeded")
	}
	found := false
	for _, d := range diags {
		if d.Pos.File == "content/leak.md" && strings.Contains(d.Msg, "outside the site folder") {
			found = true
		}
	}
	if !found {
		t.Fatalf("a link outside the site was not refused: %v", diags)
	}
	for _, f := range res.Files {
		if strings.Contains(string(f.Data), "private key") {
			t.Fatalf("%s contains the linked file's text", f.Path)
		}
	}
	if _, err := os.Stat(filepath.Join(src, "public")); err == nil {
		t.Fatal("the build with a refused link published")
	}
}
