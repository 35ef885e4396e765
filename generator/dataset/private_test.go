package dataset

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/build"
	htmltemplate "html/template"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/plinth-ssg/plinth/generator/diag"
)

var testPos = diag.Pos{File: "data/t.csv", Line: 2, Col: 1}

// privateSite loads a site with one private dataset whose rows hold the
// secret "Northwick Park".
func privateSite(t *testing.T) *Set {
	t.Helper()
	fsys := fstest.MapFS{
		ManifestPath: {Data: []byte(`
[[dataset]]
name = "visits"
file = "visits.csv"
title = "Visits"
private = true

  [[dataset.column]]
  name = "provider"
  type = "string"
  identifying = true

  [[dataset.column]]
  name = "sites"
  type = "string"
  list = true
  required = false
  identifying = true

  [[dataset.column]]
  name = "learners"
  type = "integer"
`)},
		"data/visits.csv": {Data: []byte("provider,sites,learners\nNorthwick Park,Ward 7;Annexe,12\nEastmere Surgery,,3\nNorthwick Park,Annexe,4\n")},
	}
	set, l := Load(fsys, Options{})
	if len(l) != 0 {
		t.Fatalf("unexpected diagnostics: %v", l)
	}
	return set
}

// TestPrivateTableHidden checks that no ordinary way of printing or
// serialising a private dataset reveals its rows.
func TestPrivateTableHidden(t *testing.T) {
	set := privateSite(t)
	pt := set.PrivateTable("visits")
	if pt == nil || len(set.Tables) != 0 {
		t.Fatalf("private dataset not loaded as private: %+v", set)
	}
	var outputs []string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		outputs = append(outputs, fmt.Sprintf(verb, pt), fmt.Sprintf(verb, set), fmt.Sprintf(verb, set.Private))
	}
	var buf bytes.Buffer
	tmpl := htmltemplate.Must(htmltemplate.New("t").Parse(`{{.}} {{range .Private}}{{.}} {{.Spec.Name}}{{end}}`))
	if err := tmpl.Execute(&buf, set); err != nil {
		t.Fatal(err)
	}
	outputs = append(outputs, buf.String())
	if _, err := json.Marshal(set); err == nil {
		t.Error("json.Marshal of a Set holding a private dataset must fail")
	}
	// In a <script> block html/template marshals to JSON, which fails,
	// so it writes null.
	var js bytes.Buffer
	script := htmltemplate.Must(htmltemplate.New("s").Parse(`<script>var d = {{.}};</script>`))
	if err := script.Execute(&js, pt); err != nil || !strings.Contains(js.String(), "null") {
		t.Errorf("script output %q, %v; want null", js.String(), err)
	}
	outputs = append(outputs, js.String())
	for _, out := range outputs {
		if strings.Contains(out, "Northwick") || strings.Contains(out, "Eastmere") {
			t.Errorf("private data leaked: %s", out)
		}
	}
	if !strings.Contains(buf.String(), `private dataset &#34;visits&#34;`) {
		t.Errorf("template output %q should show the placeholder", buf.String())
	}
	// The aggregation path still sees every row.
	total := int64(0)
	for r := range PrivateRows(pt) {
		total += r.Get("learners").Int()
	}
	if total != 19 {
		t.Errorf("sum over PrivateRows = %d, want 19", total)
	}
}

func TestIdentifiers(t *testing.T) {
	ids := Identifiers(privateSite(t))
	var got []string
	for _, id := range ids {
		got = append(got, fmt.Sprintf("%s@%s(%s)", id.Text, id.Origin, id.Column))
	}
	want := []string{
		"Annexe@data/visits.csv:2:16(sites)",
		"Eastmere Surgery@data/visits.csv:3:1(provider)",
		"Northwick Park@data/visits.csv:2:1(provider)",
		"Ward 7@data/visits.csv:2:16(sites)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Identifiers:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestPrivateRowsCallers enforces the contract stated on PrivateRows: only
// the aggregation stage (packages actionplans and anonymise) reads private
// rows. Tools and tests may too. The packages are matched by folder, not by
// prefix: actionplans/charts, below actionplans, must not read rows.
func TestPrivateRowsCallers(t *testing.T) {
	root := filepath.Join("..", "..")
	allowed := map[string]bool{"generator/dataset": true, "generator/anonymise": true, "generator/actionplans": true}
	err := fs.WalkDir(os.DirFS(root), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") {
			return err
		}
		if allowed[path.Dir(p)] || strings.HasPrefix(p, "tools/") {
			return nil
		}
		b, err := os.ReadFile(filepath.Join(root, p))
		if err != nil {
			return err
		}
		if bytes.Contains(b, []byte("PrivateRows")) {
			t.Errorf("%s uses dataset.PrivateRows; only the aggregation stage (packages actionplans and anonymise) may read private rows", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestOutputPackagesCannotReachDatasets is the compile-time wall: the
// packages that turn the site model into output (layouts, open data,
// charts and the choice of charts) must not import package dataset,
// directly or through another package, so that no code of theirs can even
// name a private table. They see published tables (site.PublicTable) only.
func TestOutputPackagesCannotReachDatasets(t *testing.T) {
	const module = "github.com/plinth-ssg/plinth/"
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{} // package → the package that imports it
	var visit func(pkg, from string)
	visit = func(pkg, from string) {
		if _, ok := seen[pkg]; ok || !strings.HasPrefix(pkg, module) {
			return
		}
		seen[pkg] = from
		bp, err := build.ImportDir(filepath.Join(root, filepath.FromSlash(strings.TrimPrefix(pkg, module))), 0)
		if err != nil {
			return // not a package of this module's source
		}
		for _, imp := range bp.Imports {
			visit(imp, pkg)
		}
	}
	for _, p := range []string{"generator/render", "generator/opendata", "generator/site", "generator/chart", "generator/chart/svg", "generator/actionplans/charts"} {
		visit(module+p, "")
	}
	if _, ok := seen[module+"generator/render"]; !ok || len(seen) < 3 {
		t.Fatalf("the import walk found nothing: %v", seen)
	}
	if from, ok := seen[module+"generator/dataset"]; ok {
		t.Errorf("package dataset is reachable from the output packages (imported by %s); they must see published tables only", from)
	}
	if from, ok := seen[module+"generator/actionplans"]; ok {
		t.Errorf("package actionplans is reachable from the output packages (imported by %s)", from)
	}
}
