package source

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plinth-ssg/plinth/generator/diag"
)

func TestIgnored(t *testing.T) {
	for name, want := range map[string]bool{
		"page.md":            false,
		"draft.docx":         false,
		"tmp.md":             false,
		"~$draft.docx":       true, // Word's owner file
		".~lock.draft.docx#": true, // LibreOffice's lock file
		"notes.TMP":          true,
		"page.md.swp":        true,
		"page.md~":           true,
		"#page.md#":          true,
		".DS_Store":          true,
		"Thumbs.db":          true,
		"desktop.ini":        true,
	} {
		if got := Ignored(name); got != want {
			t.Errorf("Ignored(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestProblem(t *testing.T) {
	outside := t.TempDir()
	site := t.TempDir()
	write := func(p string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, p string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(site, p)); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(outside, "actions.csv"))
	write(filepath.Join(site, "data", "real.csv"))
	link(filepath.Join(outside, "actions.csv"), "data/absolute.csv")
	link("../../"+filepath.Base(outside)+"/actions.csv", "data/climbs.csv")
	link("gone.csv", "data/dangling.csv")
	if err := os.Mkdir(filepath.Join(site, "data", "folder.csv"), 0o755); err != nil {
		t.Fatal(err)
	}
	fsys, err := Open(site)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		file, msg, hint string
	}{
		{"data/absolute.csv", "data/absolute.csv is a symbolic link to " + filepath.Join(outside, "actions.csv") + "; Plinth follows only relative links, so that none can lead outside the site folder", "make the link relative"},
		{"data/climbs.csv", "data/climbs.csv is a symbolic link to ../../" + filepath.Base(outside) + "/actions.csv, outside the site folder", "copy the file into the site folder"},
		{"data/dangling.csv", "data/dangling.csv is a symbolic link to a file that does not exist", "point the link at a file"},
		{"data/missing.csv", "data/missing.csv does not exist", "check the spelling"},
		{"data/folder.csv", "data/folder.csv is a folder, not a file", "rename the folder"},
	}
	for _, tt := range tests {
		_, err := fs.ReadFile(fsys, tt.file)
		if err == nil {
			t.Fatalf("reading %s succeeded", tt.file)
		}
		d := Problem(fsys, tt.file, err)
		if d.Pos != (diag.Pos{File: tt.file}) || !strings.HasPrefix(d.Msg, tt.msg) || !strings.Contains(d.Hint, tt.hint) {
			t.Errorf("Problem(%s) = %s | %s\nwant %s… | …%s…", tt.file, d.Error(), d.Hint, tt.msg, tt.hint)
		}
		if strings.Contains(d.Msg, "openat") || strings.Contains(d.Msg, "escapes from parent") {
			t.Errorf("Problem(%s) quotes Go's error: %s", tt.file, d.Msg)
		}
	}
}
