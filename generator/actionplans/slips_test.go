package actionplans

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// TestDataSlips holds the checks of slips in the action-plan data that the
// dataset's own types cannot see: an action in another region than its
// provider (a warning at the action's region), an action due before it
// was opened (a warning at the due date), and a region named like the
// tables' total column (an error at the region).
func TestDataSlips(t *testing.T) {
	withDates := strings.Replace(manifest, "  [[dataset.column]]\n  name = \"last_updated\"",
		"  [[dataset.column]]\n  name = \"opened\"\n  type = \"date\"\n  [[dataset.column]]\n  name = \"due\"\n  type = \"date\"\n  [[dataset.column]]\n  name = \"last_updated\"", 1)
	rows := func(lines ...string) []byte {
		return []byte("provider_code,region,profession,standard,status,quarter,opened,due,last_updated\n" + strings.Join(lines, "\n") + "\n")
	}
	tests := []struct {
		name     string
		regions  string
		actions  []byte
		want     []string
		withheld bool
	}{
		{"clean", regions, rows("P1,north,nursing,2021:1.1,complete,2025-Q1,2025-01-01,2025-03-01,2025-06-30"), nil, false},
		{"region unlike the provider's", regions, rows("P1,south,nursing,2021:1.1,complete,2025-Q1,2025-01-01,2025-03-01,2025-06-30"),
			[]string{`data/actions.csv:2:4: warning: this action's region is "south", but its provider P1 is in "north" in data/providers.csv, so the action counts in one region and the provider in the other`}, false},
		{"due before opened", regions, rows("P1,north,nursing,2021:1.1,complete,2025-Q1,2025-03-01,2025-01-31,2025-06-30"),
			[]string{`data/actions.csv:2:55: warning: this action is due on 2025-01-31, before it was opened on 2025-03-01`}, false},
		{"region named England", regions + "[[region]]\nkey = \"all\"\nname = \"england\"\n", rows("P1,north,nursing,2021:1.1,complete,2025-Q1,2025-01-01,2025-03-01,2025-06-30"),
			[]string{`data/regions.toml:8:1: a region is named "england", which is the name of every table's total column, so readers could not tell the region's figures from the whole country's`}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := fstest.MapFS{
				"data/datasets.toml":    {Data: []byte(withDates)},
				"data/regions.toml":     {Data: []byte(tt.regions)},
				"data/professions.toml": {Data: []byte(professions)},
				"data/actions.csv":      {Data: tt.actions},
				"data/providers.csv":    {Data: []byte("provider_code,region\nP1,north\n")},
			}
			res, got := run(t, fs, testPolicy())
			if !slices.Equal(got, tt.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if res.Withheld != tt.withheld {
				t.Errorf("withheld = %v, want %v", res.Withheld, tt.withheld)
			}
		})
	}
}

// TestReleaseLinkedOutside: a release that is a symbolic link to a file
// outside the site is reported in plain words, like every other file the
// build reads, not as the file system's "path escapes from parent".
func TestReleaseLinkedOutside(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "2026-03-31.toml")
	if err := os.WriteFile(outside, []byte("date = 2026-03-31\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "data", "releases"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "data", "releases", "2026-03-31.toml")); err != nil {
		t.Skipf("cannot make a symbolic link here: %v", err)
	}
	// The build reads the site through an os.Root, as here, which will
	// not follow a link out of the folder.
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	_, l := LoadReleases(root.FS(), testPolicy())
	if len(l) != 1 {
		t.Fatalf("got %d diagnostics, want 1: %v", len(l), l)
	}
	if got := l[0].Error(); !strings.HasPrefix(got, "data/releases/2026-03-31.toml: data/releases/2026-03-31.toml is a symbolic link to ") || strings.Contains(got, "escapes") {
		t.Errorf("got %q, want the link named in plain words", got)
	}
}
