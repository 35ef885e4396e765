package publish

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plinth-ssg/plinth/generator/site"
)

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestWriteAndReplace(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "site")
	if err := os.MkdirAll(src, 0o755); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(src, "public")
	opts := Options{Destination: dest, Source: src}
	if err := Write(opts, []site.File{{Path: "index.html", Data: []byte("one")}, {Path: "a/b/c.txt", Data: []byte("c")}}); err != nil {
		t.Fatal(err)
	}
	if read(t, filepath.Join(dest, "index.html")) != "one" || read(t, filepath.Join(dest, "a/b/c.txt")) != "c" {
		t.Fatal("first publish wrong")
	}
	// A second publish replaces the whole folder: stale files disappear.
	if err := Write(opts, []site.File{{Path: "index.html", Data: []byte("two")}}); err != nil {
		t.Fatal(err)
	}
	if read(t, filepath.Join(dest, "index.html")) != "two" {
		t.Fatal("second publish did not replace index.html")
	}
	if _, err := os.Stat(filepath.Join(dest, "a/b/c.txt")); err == nil {
		t.Fatal("a file from the previous site survived")
	}
	entries, _ := os.ReadDir(src)
	for _, e := range entries {
		switch e.Name() {
		case "public", "public" + PrevSuffix, "public" + ManifestSuffix, "public" + PrevSuffix + ManifestSuffix:
		default:
			t.Errorf("left behind %s beside the destination", e.Name())
		}
	}
}

func TestWriteRefusesEscapes(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	if err := Write(Options{Destination: dest, Source: filepath.Join(dir, "site")}, []site.File{{Path: "keep.html", Data: []byte("old")}}); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"../escape.txt", "/etc/passwd", "a/../../x", "", `a\..\x`} {
		err := Write(Options{Destination: dest, Source: filepath.Join(dir, "site")}, []site.File{{Path: "ok.html"}, {Path: bad, Source: "content/x.md"}})
		if err == nil {
			t.Errorf("path %q was accepted", bad)
		}
		if read(t, filepath.Join(dest, "keep.html")) != "old" {
			t.Fatalf("a refused publish (%q) changed the previous site", bad)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "escape.txt")); err == nil {
		t.Fatal("a file was written outside the destination")
	}
}

func TestCheckDestination(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "site")
	for _, d := range []string{"content", "themes"} {
		if err := os.MkdirAll(filepath.Join(src, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(dir, filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	// A folder of someone's files, an empty folder, and a folder an
	// earlier build published.
	for name, files := range map[string][]string{"documents": {"thesis.txt"}, "gh-pages": {".git/HEAD"}, "empty": nil} {
		if err := os.MkdirAll(filepath.Join(dir, name), 0o755); err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name, f)), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, name, f), []byte("precious"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := Write(Options{Destination: filepath.Join(dir, "published"), Source: src}, []site.File{{Path: "index.html", Data: []byte("x")}}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		dest, want string
	}{
		{filepath.Join(src, "public"), ""},
		{filepath.Join(dir, "elsewhere"), ""},
		{src, "is the site folder or contains it"},
		{dir, "is the site folder or contains it"},
		{"/", "is the site folder or contains it"},
		{filepath.Join(src, "content", "x"), "inside the site's content folder"},
		{filepath.Join(dir, "documents", "thesis.txt"), "is a file, not a folder"},
		{filepath.Join(src, "content"), "inside the site's content folder"},
		{filepath.Join(src, "themes", "x"), "inside the site's themes folder"},
		{filepath.Join(dir, "link"), "symbolic link"},
		{filepath.Join(dir, "documents"), "already holds files that Plinth did not publish there (thesis.txt, for one)"},
		{filepath.Join(dir, "gh-pages"), "already holds files that Plinth did not publish there (.git, for one)"},
		{filepath.Join(dir, "empty"), ""},
		{filepath.Join(dir, "published"), ""},
	}
	for _, tt := range tests {
		err := CheckDestination(Options{Destination: tt.dest, Source: src})
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: unexpected %v", tt.dest, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: got %v, want %q", tt.dest, err, tt.want)
		case tt.want != "" && !hasAdvice(err):
			t.Errorf("%s: %v has no advice", tt.dest, err)
		}
	}
}

func hasAdvice(err error) bool {
	var pe *Error
	return errors.As(err, &pe) && pe.Hint() != ""
}

// TestPreflight: before a build, a destination that could never be
// published to is refused with advice, and checking makes nothing (no
// missing parent folder, no probe left behind).
func TestPreflight(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "site")
	if err := os.MkdirAll(filepath.Join(src, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "file"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		dest, want string
	}{
		{filepath.Join(src, "public"), ""},
		{filepath.Join(dir, "missing", "deeper", "public"), "which would hold the destination " + filepath.Join(dir, "missing", "deeper", "public") + ", does not exist"},
		{filepath.Join(dir, "file", "public"), "which would hold the destination " + filepath.Join(dir, "file", "public") + ", is a file, not a folder"},
		{filepath.Join(dir, "file"), "is a file, not a folder"},
		{filepath.Join(src, "content", "public"), "inside the site's content folder"},
	}
	for _, tt := range tests {
		err := Preflight(Options{Destination: tt.dest, Source: src})
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: unexpected %v", tt.dest, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want) || !hasAdvice(err)):
			t.Errorf("%s: got %v, want %q with advice", tt.dest, err, tt.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "missing")); err == nil {
		t.Error("Preflight made the missing folder")
	}
	entries, _ := os.ReadDir(src)
	for _, e := range entries {
		if e.Name() != "content" {
			t.Errorf("Preflight left %s in the site folder", e.Name())
		}
	}
}
