package source

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"
)

// makeSite writes a small site, next to a folder outside it, with the
// links a site may hold: inside one folder, across folders, out of the
// site, to folders, dangling; and a named pipe.
func makeSite(t *testing.T) (site, outside string) {
	t.Helper()
	base := t.TempDir()
	site, outside = filepath.Join(base, "site"), filepath.Join(base, "outside")
	for p, text := range map[string]string{
		"site.toml":                "title = \"synthetic\"\n",
		"content/a/page.md":        "+++\ntitle = \"A\"\n+++\nsynthetic page a\n",
		"content/a/deep/leaf.md":   "synthetic leaf\n",
		"content/b/other.md":       "synthetic page b\n",
		"data/figures.csv":         "region,count\nsynthetic,1\n",
		"../outside/secret.md":     "must never be read\n",
		"../outside/folder/x.md":   "must never be read either\n",
		"content/a/sub/_index.md":  "",
		"content/b/deep/_index.md": "",
	} {
		full := filepath.Join(site, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for p, target := range map[string]string{
		"content/a/same.md":     "page.md",
		"content/a/cross.md":    "../b/other.md",
		"content/a/data.csv":    "../../data/figures.csv",
		"content/a/up.md":       "deep/../page.md",
		"content/a/out.md":      "../../../outside/secret.md",
		"content/a/abs.md":      filepath.Join(outside, "secret.md"),
		"content/a/dangling.md": "gone.md",
		"content/a/loop.md":     "loop.md",
		"content/a/pipe.md":     "pipe.csv",
		"content/linked":        "a",
		"content/escaped":       "../../outside/folder",
	} {
		if err := os.Symlink(target, filepath.Join(site, filepath.FromSlash(p))); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(site, "content", "a", "pipe.csv"), 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	return site, outside
}

// TestFoldersKeepGuarantees: reading through the folders' roots gives the
// bytes and errors, word for word, that the site root alone gives (the
// view after Close), and the same diagnostics; nothing outside the site is
// read and a named pipe does not block.
func TestFoldersKeepGuarantees(t *testing.T) {
	dir, _ := makeSite(t)
	fast, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	Close(plain)
	tests := []struct {
		name string
		ok   bool
	}{
		{"site.toml", true},
		{"content/a/page.md", true},
		{"content/a/deep/leaf.md", true},
		{"content/b/other.md", true},
		{"content/a/same.md", true},      // link inside its folder
		{"content/a/cross.md", true},     // link to a sibling folder
		{"content/a/data.csv", true},     // link to another top folder
		{"content/a/up.md", true},        // link through a subfolder and back
		{"content/linked/page.md", true}, // a folder linked inside the site
		{"content/a/out.md", false},      // climbs out of the site
		{"content/a/abs.md", false},      // absolute, to outside
		{"content/escaped/x.md", false},  // a linked folder outside the site
		{"content/a/dangling.md", false},
		{"content/a/loop.md", false},
		{"content/a/pipe.csv", false}, // a named pipe
		{"content/a/pipe.md", false},  // a link to one
		{"content/a/missing.md", false},
		{"content/missing/page.md", false},
		{"content/a/sub", false}, // a folder
		{"content/a", false},
		{"../outside/secret.md", false},
		{"content/../site.toml", false},
	}
	// Twice: the second pass reads through the folders the first opened.
	for pass := range 2 {
		for _, tt := range tests {
			t.Run(fmt.Sprint(pass, tt.name), func(t *testing.T) {
				got, gerr := readWithin(t, fast, tt.name)
				want, werr := readWithin(t, plain, tt.name)
				if (gerr == nil) != tt.ok {
					t.Fatalf("read %q: error %v, want success %v", tt.name, gerr, tt.ok)
				}
				if string(got) != string(want) || fmt.Sprint(gerr) != fmt.Sprint(werr) {
					t.Fatalf("read %q = %q, %v; through the site root alone %q, %v", tt.name, got, gerr, want, werr)
				}
				if gerr != nil {
					g, w := Problem(fast, tt.name, gerr), Problem(plain, tt.name, werr)
					if g.Error() != w.Error() || g.Hint != w.Hint {
						t.Errorf("Problem(%s) = %s | %s; through the site root alone %s | %s", tt.name, g.Error(), g.Hint, w.Error(), w.Hint)
					}
				}
			})
		}
	}
}

// readWithin reads name with ReadFile, failing the test if it blocks.
func readWithin(t *testing.T, fsys fs.FS, name string) ([]byte, error) {
	t.Helper()
	type result struct {
		data []byte
		err  error
	}
	done := make(chan result, 1)
	go func() {
		data, err := ReadFile(fsys, name)
		done <- result{data, err}
	}()
	select {
	case r := <-done:
		return r.data, r.err
	case <-time.After(10 * time.Second):
		t.Fatalf("reading %s blocked", name)
		return nil, nil
	}
}

// TestFoldersOpenedOnce: a file in a folder is opened through that
// folder's root, not by walking from the site root again, and each folder
// is opened once however many files are read from it. Without the folder
// roots, every read below would go through the site root.
func TestFoldersOpenedOnce(t *testing.T) {
	dir, _ := makeSite(t)
	fsys, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	s := fsys.(*siteFS)
	var (
		mu       sync.Mutex
		viaSite  []string
		viaOther = map[string]int{}
	)
	s.open = func(r *os.Root, name string) (*os.File, error) {
		mu.Lock()
		if r == s.root {
			viaSite = append(viaSite, name)
		} else {
			viaOther[r.Name()]++
		}
		mu.Unlock()
		return nonBlocking(r, name)
	}
	files := []string{"content/a/page.md", "content/a/same.md", "content/b/other.md", "content/a/deep/leaf.md", "content/a/page.md", "content/b/other.md"}
	var wg sync.WaitGroup
	for _, name := range files {
		wg.Go(func() {
			if _, err := ReadFile(fsys, name); err != nil {
				t.Errorf("read %s: %v", name, err)
			}
		})
	}
	wg.Wait()
	if len(viaSite) != 0 {
		t.Errorf("read %q through the site root, want every read through its folder's root", viaSite)
	}
	s.folders.mu.Lock()
	opened := len(s.folders.open)
	s.folders.mu.Unlock()
	if opened != 4 {
		t.Errorf("%d folders kept open, want 4 (content, content/a, content/b, content/a/deep)", opened)
	}
	if n := viaOther[filepath.Join(dir, "content", "a")]; n != 3 {
		t.Errorf("%d reads through content/a's root, want 3 (%v)", n, viaOther)
	}

	// A link to a sibling folder is refused by the folder's root and read
	// through the site root.
	viaSite = nil
	if data, err := ReadFile(fsys, "content/a/cross.md"); err != nil || string(data) != "synthetic page b\n" {
		t.Errorf("read content/a/cross.md = %q, %v", data, err)
	}
	if len(viaSite) != 1 || viaSite[0] != "content/a/cross.md" {
		t.Errorf("reads through the site root = %q, want the link to the sibling folder", viaSite)
	}
}

// TestCloseReadsTheFolderOfNow: after Close, a folder replaced since it
// was opened is read as it is now, not through the old folder's root.
func TestCloseReadsTheFolderOfNow(t *testing.T) {
	dir, _ := makeSite(t)
	fsys, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(fsys, "content/b/other.md"); err != nil {
		t.Fatal(err)
	}
	Close(fsys)
	b := filepath.Join(dir, "content", "b")
	if err := os.Rename(b, b+"-old"); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(b, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(b, "other.md"), []byte("synthetic, edited\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if data, err := ReadFile(fsys, "content/b/other.md"); err != nil || string(data) != "synthetic, edited\n" {
		t.Errorf("after Close, read %q, %v; want the new folder's file", data, err)
	}
}

// TestFoldersBounded: a site with more folders than maxFolders is read
// whole, with no more than maxFolders kept open.
func TestFoldersBounded(t *testing.T) {
	dir := t.TempDir()
	n := maxFolders + 5
	for i := range n {
		p := filepath.Join(dir, "content", fmt.Sprint("f", i), "page.md")
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(fmt.Sprint("synthetic ", i)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fsys, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer Close(fsys)
	for pass := range 2 {
		for i := range n {
			name := fmt.Sprintf("content/f%d/page.md", i)
			if data, err := ReadFile(fsys, name); err != nil || string(data) != fmt.Sprint("synthetic ", i) {
				t.Fatalf("pass %d: read %s = %q, %v", pass, name, data, err)
			}
		}
	}
	s := fsys.(*siteFS)
	if len(s.folders.open) > maxFolders || len(s.folders.order) != len(s.folders.open) {
		t.Errorf("%d folders open (%d in order), want at most %d", len(s.folders.open), len(s.folders.order), maxFolders)
	}
}

// TestFoldersReadDir: a folder is listed through its own root with the
// entries and errors the site root gives, and stays open for the reads
// that follow; a folder is opened by its name in its parent's root, not
// by walking from the site root again.
func TestFoldersReadDir(t *testing.T) {
	dir, _ := makeSite(t)
	fast, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	Close(plain)
	s := fast.(*siteFS)
	var (
		mu      sync.Mutex
		viaSite []string
	)
	s.openRoot = func(r *os.Root, name string) (*os.Root, error) {
		if r == s.root {
			mu.Lock()
			viaSite = append(viaSite, name)
			mu.Unlock()
		}
		return r.OpenRoot(name)
	}
	tests := []struct {
		name string
		ok   bool
	}{
		{".", true},
		{"content", true},
		{"content/a", true},
		{"content/a/deep", true},
		{"content/linked", true},   // a folder linked inside the site
		{"content/escaped", false}, // a linked folder outside the site
		{"content/a/page.md", false},
		{"content/a/missing", false},
		{"content/a/../b", false},
		{"../outside", false},
	}
	for pass := range 2 {
		for _, tt := range tests {
			t.Run(fmt.Sprint(pass, tt.name), func(t *testing.T) {
				got, gerr := fs.ReadDir(fast, tt.name)
				want, werr := fs.ReadDir(plain, tt.name)
				if (gerr == nil) != tt.ok {
					t.Fatalf("ReadDir(%q): error %v, want success %v", tt.name, gerr, tt.ok)
				}
				if fmt.Sprint(gerr) != fmt.Sprint(werr) || len(got) != len(want) {
					t.Fatalf("ReadDir(%q) = %d entries, %v; through the site root alone %d, %v", tt.name, len(got), gerr, len(want), werr)
				}
				for i := range got {
					g, gi := got[i], infoOf(t, got[i])
					w, wi := want[i], infoOf(t, want[i])
					if g.Name() != w.Name() || g.Type() != w.Type() || gi != wi {
						t.Errorf("ReadDir(%q)[%d] = %s %v %s; through the site root alone %s %v %s", tt.name, i, g.Name(), g.Type(), gi, w.Name(), w.Type(), wi)
					}
				}
			})
		}
	}
	for _, want := range []string{"content", "content/a", "content/a/deep"} {
		if _, ok := s.folders.open[want]; !ok {
			t.Errorf("%s is not kept open after listing it", want)
		}
	}
	// Only the top folder, and what a parent's root refuses (a missing
	// folder, a file, a link to a folder outside the site), are opened
	// through the site root: content/a/deep in content/a's root, and
	// content/linked, a link to content/a, in content's.
	slices.Sort(viaSite)
	if want := []string{"content", "content/a/missing", "content/a/page.md", "content/escaped"}; !slices.Equal(viaSite, want) {
		t.Errorf("folders opened through the site root = %q, want %q", viaSite, want)
	}
}

// infoOf is what a test compares of an entry's Info.
func infoOf(t *testing.T, d fs.DirEntry) string {
	t.Helper()
	info, err := d.Info()
	if err != nil {
		return err.Error()
	}
	return fmt.Sprint(info.Name(), info.Mode(), info.Size(), info.ModTime().UnixNano())
}
