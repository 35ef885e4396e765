package dataset

import (
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"github.com/plinth-ssg/plinth/generator/diag"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// testStandards resolves references against an illustrative 2021 edition
// (the edition in force) and a 2019 edition with standards 1.1 to 1.5.
func testStandards(ref string) (string, bool, string, string) {
	edition, id, ok := strings.Cut(ref, ":")
	if !ok {
		edition, id = "2021", ref
	}
	var domain, num int
	if _, err := fmt.Sscanf(id, "%d.%d", &domain, &num); err != nil {
		return "", false, "", ""
	}
	switch edition {
	case "2021":
		if domain >= 1 && domain <= 6 && num >= 1 && num <= 4 {
			return "2021:" + id, true, "", ""
		}
		return "", false, fmt.Sprintf("edition 2021 has standards 1.1 to 6.4, with up to 4 in each domain; there is no %s", id), ""
	case "2019":
		if domain == 1 && num >= 1 && num <= 5 {
			return "2019:" + id, true, "", ""
		}
	}
	return "", false, fmt.Sprintf("there is no standard %s", ref), ""
}

// repoFile reads a file of the example site's data/ folder, which the test
// sites share for their reference data.
func repoFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// siteFS builds a site from a txtar archive, adding the repository's
// regions and professions unless the archive has its own.
func siteFS(t testing.TB, ar *txtar.Archive) fstest.MapFS {
	fsys := fstest.MapFS{
		RegionsPath:     {Data: repoFile(t, RegionsPath)},
		ProfessionsPath: {Data: repoFile(t, ProfessionsPath)},
	}
	for _, f := range ar.Files {
		if f.Name == "no-reference-data" {
			delete(fsys, RegionsPath)
			delete(fsys, ProfessionsPath)
			continue
		}
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	return fsys
}

// describe prints the diagnostics and the loaded tables, for the golden
// files.
func describe(set *Set, l diag.List) string {
	var b strings.Builder
	diag.Print(&b, l, 1000)
	fmt.Fprintf(&b, "--- %s\n", diag.Summary(l))
	row := func(pos diag.Pos, vals []Value) {
		fmt.Fprintf(&b, "  %s:", pos)
		for _, v := range vals {
			switch {
			case v.IsEmpty():
				fmt.Fprintf(&b, " ∅")
			default:
				fmt.Fprintf(&b, " %s=%q", v.Type(), v.Text())
			}
		}
		b.WriteByte('\n')
	}
	for _, tb := range set.Tables {
		fmt.Fprintf(&b, "public %s (%d rows)\n", tb.Spec.Name, tb.Len())
		for _, r := range tb.Rows() {
			row(r.Pos, r.Values())
		}
	}
	for _, tb := range set.Private {
		fmt.Fprintf(&b, "private %s\n", tb.Spec().Name)
		for r := range PrivateRows(tb) {
			row(r.Pos(), r.values)
		}
	}
	return b.String()
}

// TestLoadGolden loads each site under testdata/load/*.txtar and compares
// the diagnostics and loaded rows with NAME.golden. Each archive covers one
// kind of problem; ok.txtar covers what must load cleanly.
func TestLoadGolden(t *testing.T) {
	archives, err := filepath.Glob(filepath.Join("testdata", "load", "*.txtar"))
	if err != nil || len(archives) == 0 {
		t.Fatalf("no test archives: %v", err)
	}
	for _, name := range archives {
		t.Run(strings.TrimSuffix(filepath.Base(name), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(name)
			if err != nil {
				t.Fatal(err)
			}
			set, l := Load(siteFS(t, ar), Options{Standards: testStandards})
			got := describe(set, l)
			golden := strings.TrimSuffix(name, ".txtar") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("output differs from %s (run go test -update to accept):\n--- got\n%s\n--- want\n%s", golden, got, want)
			}
			wantErrors := !strings.HasPrefix(filepath.Base(name), "ok")
			if l.HasErrors() != wantErrors {
				t.Errorf("HasErrors = %v, want %v", l.HasErrors(), wantErrors)
			}
		})
	}
}

// TestRepositoryData loads the example site's own data/ folder, which every
// checkout holds: it must load without a single diagnostic, and every
// dataset must hold one row per record of its CSV file (counted here with
// encoding/csv, independently of the loader). Standard references are
// checked for form only here: the framework is loaded by another package.
func TestRepositoryData(t *testing.T) {
	root := filepath.Join("..", "..")
	set, l := Load(os.DirFS(root), Options{})
	if len(l) != 0 {
		var b strings.Builder
		diag.Print(&b, l, 0)
		t.Fatalf("the example site's data has problems:\n%s", b.String())
	}
	if len(set.Regions) != 7 || len(set.Professions) != 9 || set.Table("you-said-we-did") == nil ||
		set.PrivateTable("actions") == nil || set.PrivateTable("providers") == nil {
		t.Errorf("unexpected set: %d regions, %d professions, tables %v, private %v", len(set.Regions), len(set.Professions), set.Tables, set.Private)
	}
	records := func(file string) int {
		t.Helper()
		f, err := os.Open(filepath.Join(root, "data", filepath.FromSlash(file)))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		all, err := csv.NewReader(f).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		return len(all) - 1 // the header
	}
	for _, tb := range set.Tables {
		if got, want := len(tb.Rows()), records(tb.Spec.File); got != want || got == 0 {
			t.Errorf("%s: %d rows loaded, the file has %d records", tb.Spec.Name, got, want)
		}
	}
	for _, tb := range set.Private {
		got := 0
		for range PrivateRows(tb) {
			got++
		}
		if want := records(tb.Spec().File); got != want || got == 0 {
			t.Errorf("%s: %d rows loaded, the file has %d records", tb.Spec().Name, got, want)
		}
	}
}

// TestFolderNamedLikeDataFile: a folder under data/ named like a data file
// (visits.csv/, a copy made by a file manager or an unzip) is warned
// about, at the folder: every reader passed over it without a word, and
// the file in it was never read. A folder with another name (images/) is
// none of the build's business.
func TestFolderNamedLikeDataFile(t *testing.T) {
	fsys := fstest.MapFS{
		"data/datasets.toml":             {Data: []byte("")},
		"data/visits.csv/visits.csv":     {Data: []byte("id\n1\n")},
		"data/old/Regions.TOML/x.toml":   {Data: []byte("")},
		"data/images/chart.png":          {Data: []byte("")},
		"data/releases/2026.toml/a.toml": {Data: []byte("")},
	}
	_, l := Load(fsys, Options{})
	var got []string
	for _, d := range l {
		got = append(got, d.Error())
	}
	want := []string{
		"data/old/Regions.TOML: warning: data/old/Regions.TOML is a folder, not a data file, so nothing in it is read",
		"data/visits.csv: warning: data/visits.csv is a folder, not a data file, so nothing in it is read",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
