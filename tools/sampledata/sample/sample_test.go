package sample

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/plinth-ssg/plinth/generator/dataset"
)

// TestDeterministic: two runs write the same bytes.
func TestDeterministic(t *testing.T) {
	a, err := Generate(DefaultActions)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Generate(DefaultActions)
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != len(b) || len(a) != 3 {
		t.Fatalf("generated %d and %d files, want 3", len(a), len(b))
	}
	for name := range a {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs between two runs", name)
		}
	}
}

// standards2021 resolves references into the illustrative 2021 edition.
func standards2021(ref string) (string, bool, string, string) {
	for d, n := range standardsPerDomain {
		for s := 1; s <= n; s++ {
			if id := fmt.Sprintf("%d.%d", d+1, s); ref == "2021:"+id || ref == id {
				return "2021:" + id, true, "", ""
			}
		}
	}
	return "", false, "not in the 2021 edition", ""
}

func repoData(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "data", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestLoadsCleanly loads the generated files with the dataset loader and
// checks the deliberately small categories.
func TestLoadsCleanly(t *testing.T) {
	files, err := Generate(DefaultActions)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"data/regions.toml":     {Data: repoData(t, "regions.toml")},
		"data/professions.toml": {Data: repoData(t, "professions.toml")},
		"data/datasets.toml":    {Data: SpliceManifest(nil, files[ManifestBlockName])},
		"data/providers.csv":    {Data: files["providers.csv"]},
		"data/actions.csv":      {Data: files["actions.csv"]},
	}
	set, l := dataset.Load(fsys, dataset.Options{Standards: standards2021})
	if len(l) != 0 {
		t.Fatalf("generated data has problems:\n%v", l)
	}
	count := func(table string, match func(dataset.PrivateRow) bool) int {
		n := 0
		for r := range dataset.PrivateRows(set.PrivateTable(table)) {
			if match(r) {
				n++
			}
		}
		return n
	}
	all := func(dataset.PrivateRow) bool { return true }
	is := func(col, v string) func(dataset.PrivateRow) bool {
		return func(r dataset.PrivateRow) bool { return r.Get(col).Text() == v }
	}
	and := func(a, b func(dataset.PrivateRow) bool) func(dataset.PrivateRow) bool {
		return func(r dataset.PrivateRow) bool { return a(r) && b(r) }
	}
	checks := []struct {
		what      string
		got, want int
	}{
		{"providers", count("providers", all), 203},
		{"actions", count("actions", all), DefaultActions},
		{"paramedicine actions in " + smallRegion, count("actions", and(is("region", smallRegion), is("profession", "paramedicine"))), smallRegionCount},
		{"dentistry actions in " + smallDentalRegion, count("actions", and(is("region", smallDentalRegion), is("profession", "dentistry"))), smallDentalCount},
		{"overdue actions in " + fewOverdueRegion, count("actions", and(is("region", fewOverdueRegion), is("status", "overdue"))), fewOverdueCount},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: %d, want %d", c.what, c.got, c.want)
		}
	}
	// Every action's dates are in order and its status fits its figures.
	for r := range dataset.PrivateRows(set.PrivateTable("actions")) {
		opened, due, updated := r.Get("opened").Date(), r.Get("due").Date(), r.Get("last_updated").Date()
		status, pct := r.Get("status").Text(), r.Get("percent_complete").Int()
		if due.Compare(opened) <= 0 || updated.Compare(opened) < 0 || (status == "complete") != (pct == 100) ||
			(status == "not-started") != (pct == 0) {
			t.Fatalf("%s: inconsistent action (opened %v, due %v, updated %v, %s, %d%%)", r.Pos(), opened, due, updated, status, pct)
		}
	}
	if n := len(dataset.Identifiers(set)); n < 3*203 {
		t.Errorf("only %d identifying values; want names, codes, sites and people of every provider", n)
	}
}

// TestCommittedData: the files under data/ are what the generator writes,
// so nobody edits them by hand and forgets to update the generator.
func TestCommittedData(t *testing.T) {
	files, err := Generate(DefaultActions)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"providers.csv", "actions.csv"} {
		if !bytes.Equal(repoData(t, name), files[name]) {
			t.Errorf("data/%s is not what the generator writes; run go run ./tools/sampledata -out data/", name)
		}
	}
	manifest := repoData(t, "datasets.toml")
	if !bytes.Equal(SpliceManifest(manifest, files[ManifestBlockName]), manifest) {
		t.Error("the generated part of data/datasets.toml is out of date; run go run ./tools/sampledata -out data/")
	}
}

func TestSpliceManifest(t *testing.T) {
	block := []byte(blockBegin + "\nnew\n" + blockEnd + "\n")
	tests := []struct{ old, want string }{
		{"", string(block)},
		{"# hand\n", "# hand\n\n" + string(block)},
		{"# hand", "# hand\n\n" + string(block)},
		{"# hand\n\n" + blockBegin + "\nold\n" + blockEnd + "\n# after\n", "# hand\n\n" + string(block) + "# after\n"},
	}
	for _, tt := range tests {
		if got := string(SpliceManifest([]byte(tt.old), block)); got != tt.want {
			t.Errorf("SpliceManifest(%q) = %q, want %q", tt.old, got, tt.want)
		}
	}
}
