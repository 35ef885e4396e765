package publish

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/plinth-ssg/plinth/generator/site"
)

// TestUpdateFromPrevious: publishing again starts from the previous site
// kept beside the destination, and must still give exactly the new files,
// whatever happened to that copy in between.
func TestUpdateFromPrevious(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "site")
	if err := os.MkdirAll(src, 0o755); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(src, "public")
	opts := Options{Destination: dest, Source: src}
	first := []site.File{
		{Path: "index.html", Data: []byte("home v1")},
		{Path: "a/index.html", Data: []byte("a")},
		{Path: "b/index.html", Data: []byte("b")},
		{Path: "c", Data: []byte("c was a file")},
		{Path: "same.txt", Data: []byte("unchanged")},
	}
	second := []site.File{
		{Path: "index.html", Data: []byte("home v2")}, // same length, new bytes
		{Path: "a/index.html", Data: []byte("a")},
		{Path: "c/index.html", Data: []byte("c is a folder now")},
		{Path: "same.txt", Data: []byte("unchanged")},
		{Path: "new/deep/x.txt", Data: []byte("new")},
	}
	for round, files := range [][]site.File{first, second, first, second, second} {
		if err := Write(opts, files); err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		err := filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.Type()&os.ModeSymlink != 0 {
				t.Errorf("round %d: symbolic link %s published", round, p)
			}
			if d.Type().IsRegular() {
				rel, _ := filepath.Rel(dest, p)
				got[filepath.ToSlash(rel)] = read(t, p)
				if info, _ := d.Info(); info.Mode().Perm() != 0o644 {
					t.Errorf("round %d: %s has mode %v", round, rel, info.Mode().Perm())
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(files) {
			t.Fatalf("round %d: published %v, want %d files", round, got, len(files))
		}
		for _, f := range files {
			if got[f.Path] != string(f.Data) {
				t.Fatalf("round %d: %s = %q, want %q", round, f.Path, got[f.Path], f.Data)
			}
		}
		// Tamper with the kept copy: a symbolic link, a stray file, a
		// read-only file. The next publish must carry none of it.
		prev := dest + PrevSuffix
		if _, err := os.Stat(prev); err == nil {
			_ = os.Symlink("/etc/passwd", filepath.Join(prev, "leak"))
			_ = os.WriteFile(filepath.Join(prev, "stray.txt"), []byte("stray"), 0o644)
			_ = os.Chmod(filepath.Join(prev, "same.txt"), 0o400)
		}
	}
}

// TestFailedWriteKeepsSite: when the new files cannot be written, nothing
// is swapped in and the published site stays as it was.
func TestFailedWriteKeepsSite(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "site")
	if err := os.MkdirAll(src, 0o755); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(src, "public")
	opts := Options{Destination: dest, Source: src}
	ok := []site.File{{Path: "index.html", Data: []byte("good")}, {Path: "a/index.html", Data: []byte("a")}}
	for i := 0; i < 2; i++ { // the second publish starts from the kept copy
		if err := Write(opts, ok); err != nil {
			t.Fatal(err)
		}
	}
	// A folder cannot be written where the same path must be a file and a
	// folder at once: the writes fail part way.
	bad := []site.File{{Path: "index.html", Data: []byte("bad")}, {Path: "x", Data: []byte("file")}, {Path: "x/y", Data: []byte("under a file")}}
	if err := Write(opts, bad); err == nil {
		t.Fatal("an impossible set of files was published")
	}
	if got := read(t, filepath.Join(dest, "index.html")); got != "good" {
		t.Fatalf("the published site changed after a failed write: %q", got)
	}
}

// TestUnchangedRebuildWritesNothing: once the kept copy holds the same
// site, publishing it again writes no file (the manifest vouches for each),
// while a file changed by hand in the kept copy is written again.
func TestUnchangedRebuildWritesNothing(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "site")
	if err := os.MkdirAll(src, 0o755); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(src, "public")
	opts := Options{Destination: dest, Source: src}
	files := []site.File{
		{Path: "index.html", Data: []byte("home")},
		{Path: "a/index.html", Data: []byte("a")},
		{Path: "b/c/index.html", Data: []byte("c")},
	}
	publish := func() int {
		t.Helper()
		s, err := Begin(opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if err := s.Write(f); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Commit(); err != nil {
			t.Fatal(err)
		}
		return s.Wrote()
	}
	if n := publish(); n != len(files) {
		t.Fatalf("first build wrote %d files, want %d", n, len(files))
	}
	if n := publish(); n != len(files) {
		t.Fatalf("second build (no kept copy yet) wrote %d files, want %d", n, len(files))
	}
	if n := publish(); n != 0 {
		t.Fatalf("unchanged rebuild wrote %d files, want none", n)
	}
	// By hand: a kept file changed with the same length.
	edited := filepath.Join(dest+PrevSuffix, "a", "index.html")
	if err := os.WriteFile(edited, []byte("X"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A clock's tick can be coarser than the test: move the time on as a
	// later edit would.
	later := time.Now().Add(time.Minute)
	if err := os.Chtimes(edited, later, later); err != nil {
		t.Fatal(err)
	}
	if n := publish(); n != 1 {
		t.Fatalf("rebuild after a file was changed by hand wrote %d files, want 1", n)
	}
	if got := read(t, filepath.Join(dest, "a", "index.html")); got != "a" {
		t.Fatalf("a/index.html = %q", got)
	}
	// A manifest that does not describe its folder is ignored.
	if err := os.Rename(dest+ManifestSuffix, dest+PrevSuffix+ManifestSuffix); err != nil {
		t.Fatal(err)
	}
	if n := publish(); n != len(files) {
		t.Fatalf("rebuild with another folder's manifest wrote %d files, want all %d", n, len(files))
	}
}
