package feedback

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/plinth-ssg/plinth/generator/anonymise"
	"github.com/plinth-ssg/plinth/generator/config"
	"github.com/plinth-ssg/plinth/generator/content"
	"github.com/plinth-ssg/plinth/generator/dataset"
	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/scan"
	"github.com/plinth-ssg/plinth/generator/site"
)

// The fixtures under testdata/ are txtar archives of data files (most
// often just data/you-said-we-did.csv) laid over testdata/base.txtar and
// the example site's regions and professions, and run through the dataset
// stage and Build, as the build runs them. Files named expect/... are
// compared exactly with what was made:
//
//	expect/diagnostics   every diagnostic as the build prints it, with its
//	                     line, caret and hint ("none" if there are none)
//	expect/pages         every page the feature made: address, layout and
//	                     title; and every feed with its entries' IDs
//
// Run go test -update to rewrite the expectations, then read the diff.
var update = flag.Bool("update", false, "rewrite the fixtures' expectations from the current output")

// fixtureNow is the build's date in every fixture.
var fixtureNow = time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)

// testStandards stands in for the framework: edition 2021 (in force) has
// standards 1.1 to 6.6; no other edition exists.
func testStandards(ref string) (string, bool, string, string) {
	id, ok := strings.CutPrefix(ref, "2021:")
	if !ok && strings.Contains(ref, ":") {
		return "", false, "the only edition is 2021", ""
	}
	var domain, num int
	if _, err := fmt.Sscanf(id, "%d.%d", &domain, &num); err != nil || domain < 1 || domain > 6 || num < 1 || num > 6 {
		return "", false, "edition 2021 has standards 1.1 to 6.6", ""
	}
	return "2021:" + id, true, "", ""
}

func TestFixtures(t *testing.T) {
	fixtures, _ := filepath.Glob("testdata/*.txtar")
	fixtures = slices.DeleteFunc(fixtures, func(f string) bool { return filepath.Base(f) == "base.txtar" })
	if len(fixtures) == 0 {
		t.Fatal("no fixtures found")
	}
	for _, fixture := range fixtures {
		t.Run(strings.TrimSuffix(filepath.Base(fixture), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(fixture)
			if err != nil {
				t.Fatal(err)
			}
			res, diags := runFixture(t, ar)
			got := map[string]string{"diagnostics": printDiagnostics(diags), "pages": describe(res)}
			for _, name := range []string{"diagnostics", "pages"} {
				want, ok := expectation(ar, name)
				if *update {
					setExpectation(ar, name, got[name])
					continue
				}
				if !ok {
					t.Errorf("the fixture has no expect/%s; run go test -update", name)
					continue
				}
				if want != got[name] {
					t.Errorf("expect/%s differs.\n--- got\n%s\n--- want\n%s", name, got[name], want)
				}
			}
			if *update {
				if err := os.WriteFile(fixture, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			for _, d := range diags {
				if d.Pos.File == "" || d.Pos.Line == 0 || d.Pos.Col == 0 {
					t.Errorf("a diagnostic without a full position: %s", d.Error())
				}
			}
		})
	}
}

// fixtureFS lays the archive over base.txtar and the example site's
// reference data. An archive file named remove/PATH removes PATH.
func fixtureFS(t *testing.T, ar *txtar.Archive) fstest.MapFS {
	t.Helper()
	base, err := txtar.ParseFile(filepath.Join("testdata", "base.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, name := range []string{dataset.RegionsPath, dataset.ProfessionsPath} {
		b, err := os.ReadFile(filepath.Join("..", "..", filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: b}
	}
	for _, a := range []*txtar.Archive{base, ar} {
		for _, f := range a.Files {
			switch {
			case strings.HasPrefix(f.Name, "expect/"):
			case strings.HasPrefix(f.Name, "remove/"):
				delete(fsys, strings.TrimPrefix(f.Name, "remove/"))
			default:
				fsys[f.Name] = &fstest.MapFile{Data: f.Data}
			}
		}
	}
	return fsys
}

// runFixture runs the content and dataset stages and Build over the
// fixture, as pipeline.Run does.
func runFixture(t *testing.T, ar *txtar.Archive) (Result, diag.List) {
	t.Helper()
	res, diags, _ := run(t, fixtureFS(t, ar), true)
	return res, diags
}

// buildWithoutCellCheck runs the stages with Build's check of text cells
// off, and returns the scanner for the caller to scan the output with.
func buildWithoutCellCheck(t *testing.T, fsys fstest.MapFS) (Result, diag.List, *scan.Scanner) {
	t.Helper()
	return run(t, fsys, false)
}

func run(t *testing.T, fsys fstest.MapFS, checkCells bool) (Result, diag.List, *scan.Scanner) {
	t.Helper()
	cfg, diags := config.Load(fsys, config.Options{})
	if cfg == nil || diags.HasErrors() {
		t.Fatalf("site.toml: %v", diags)
	}
	loaded, d := content.Load(fsys, content.Options{Schemas: []content.Schema{Schema}})
	diags.Append(d)
	data, d := dataset.Load(fsys, dataset.Options{Standards: testStandards})
	diags.Append(d)
	var terms []scan.Term
	for _, id := range dataset.Identifiers(data) {
		terms = append(terms, scan.Term{Text: id.Text, Origin: id.Origin})
	}
	scanner, d := scan.New(terms, scan.Options{})
	diags.Append(d)
	opts := Options{Policy: anonymise.DefaultPolicy(), Publish: site.Publish{Now: fixtureNow}}
	if checkCells {
		opts.Scanner = scanner
	}
	res, d := Build(cfg, data, loaded.Pages, opts)
	diags.Append(d)
	return res, diags, scanner
}

func printDiagnostics(l diag.List) string {
	if len(l) == 0 {
		return "none\n"
	}
	var b strings.Builder
	diag.Print(&b, l, 1000)
	return b.String()
}

// describe lists the feature's pages and feeds.
func describe(res Result) string {
	var b strings.Builder
	for _, p := range res.Pages {
		if p.Section != Section {
			continue
		}
		url := p.URL
		if url == "" { // a content page: assemble gives it its address
			url = p.File
		}
		fmt.Fprintf(&b, "%s %s %s %q\n", url, p.Kind, p.Layout, p.Title)
	}
	for _, f := range res.Files {
		fmt.Fprintf(&b, "%s:", f.Path)
		for _, id := range feedIDs(f.Data) {
			fmt.Fprintf(&b, " %s", id)
		}
		b.WriteByte('\n')
	}
	if b.Len() == 0 {
		return "none\n"
	}
	return b.String()
}

// feedIDs picks the entry IDs out of a feed, for a compact description
// (feeds_test.go parses feeds properly).
func feedIDs(data []byte) []string {
	var ids []string
	for _, part := range strings.Split(string(data), "<entry>")[1:] {
		if _, rest, ok := strings.Cut(part, "<id>"); ok {
			id, _, _ := strings.Cut(rest, "</id>")
			ids = append(ids, strings.TrimPrefix(id, "https://example.org/quality/"))
		}
	}
	return ids
}

func expectation(ar *txtar.Archive, name string) (string, bool) {
	for _, f := range ar.Files {
		if f.Name == "expect/"+name {
			return string(f.Data), true
		}
	}
	return "", false
}

func setExpectation(ar *txtar.Archive, name, text string) {
	for i, f := range ar.Files {
		if f.Name == "expect/"+name {
			ar.Files[i].Data = []byte(text)
			return
		}
	}
	ar.Files = append(ar.Files, txtar.File{Name: "expect/" + name, Data: []byte(text)})
}
