package opendata

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/plinth-ssg/plinth/generator/internal/csvcell"

	"github.com/plinth-ssg/plinth/generator/anonymise"
	"github.com/plinth-ssg/plinth/generator/licence"
	"github.com/plinth-ssg/plinth/generator/site"
)

func published(t *testing.T) []*site.PublicTable {
	t.Helper()
	c := anonymise.NewCounts("Actions by status and region", []string{"Open", "Complete"}, []string{"North", "South, and \"East\""})
	c.Meta = anonymise.Meta{Title: "Actions by status and region", Source: "Test", Period: "2025",
		RowHeading: "Status", ColumnHeading: "Region", RowTotalLabel: "England"}
	for i, row := range [][]int{{3, 40}, {1234, 28}} {
		for j, v := range row {
			c.Add(i, j, v)
		}
	}
	p := anonymise.DefaultPolicy()
	tab, _, err := p.Publish(c)
	if err != nil {
		t.Fatal(err)
	}
	pc, err := p.RowPercentages("Share by status", tab)
	if err != nil {
		t.Fatal(err)
	}
	return []*site.PublicTable{{Table: tab, Name: "by-status"}, {Table: pc, Name: "share"}}
}

// cells lists a table's figures row by row as Plain text, totals last.
func cells(t *anonymise.Table) [][]string {
	var out [][]string
	for _, r := range append(t.Rows(), t.Foot()...) {
		row := []string{r.Label}
		for _, c := range r.Cells {
			row = append(row, c.Plain())
		}
		if t.HasRowTotals() {
			row = append(row, r.Total.Plain())
		}
		out = append(out, row)
	}
	return out
}

var testLicence = licence.Licence{Name: "Open Government Licence v3.0", URL: "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"}

func TestFiles(t *testing.T) {
	tables := published(t)
	files, err := Files(tables, Options{Dir: "action-plans/data", Built: time.Date(2026, 11, 29, 23, 0, 0, 0, time.UTC),
		Origin: "https://example.org", BasePath: "/q/", Source: "data/datasets.toml",
		Licence: testLicence, Copyright: "© Test Body"})
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	byPath := map[string][]byte{}
	for _, f := range files {
		paths = append(paths, f.Path)
		byPath[f.Path] = f.Data
		if f.Source != "data/datasets.toml" {
			t.Errorf("%s: source %q", f.Path, f.Source)
		}
	}
	want := []string{"action-plans/data/table.schema.json",
		"action-plans/data/by-status.csv", "action-plans/data/by-status.csv-metadata.json", "action-plans/data/by-status.json",
		"action-plans/data/share.csv", "action-plans/data/share.csv-metadata.json", "action-plans/data/share.json"}
	if !slices.Equal(paths, want) {
		t.Fatalf("files %v", paths)
	}
	d := tables[0].Files
	if len(d) != 2 || d[0] != (site.Download{Format: "CSV", URL: "/action-plans/data/by-status.csv", Size: len(byPath["action-plans/data/by-status.csv"])}) || d[1].Format != "JSON" {
		t.Errorf("downloads %+v", d)
	}

	// The CSV parses back to the table's figures, header first.
	rec, err := csv.NewReader(bytes.NewReader(byPath["action-plans/data/by-status.csv"])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rec[0], []string{"Status", "North", `South, and "East"`, "England"}) {
		t.Errorf("header %q", rec[0])
	}
	if got, want := rec[1:], cells(tables[0].Table); !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("CSV rows %q, want %q", got, want)
	}
	if !bytes.Contains(byPath["action-plans/data/by-status.csv"], []byte("Total,1235,70,1305\r\n")) {
		t.Errorf("CSV:\n%s", byPath["action-plans/data/by-status.csv"])
	}
	pcsv := string(byPath["action-plans/data/share.csv"])
	if !strings.HasPrefix(pcsv, "Status (figures are percentages),North") {
		t.Errorf("percentage CSV:\n%s", pcsv)
	}

	// The JSON parses back to the same figures, with its metadata, and
	// uses only the fields its schema allows.
	var doc map[string]any
	if err := json.Unmarshal(byPath["action-plans/data/by-status.json"], &doc); err != nil {
		t.Fatal(err)
	}
	for k, v := range map[string]any{"$schema": "https://example.org/q/action-plans/data/table.schema.json", "name": "by-status",
		"title": "Actions by status and region", "source": "Test", "period": "2025", "built": "2026-11-29", "unit": "count",
		"suppressedSymbol": "[c]", "totalColumn": "England", "disclosure": tables[0].Method()} {
		if doc[k] != v {
			t.Errorf("%s = %v, want %v", k, doc[k], v)
		}
	}
	if lic, _ := doc["licence"].(map[string]any); lic["name"] != testLicence.Name || lic["url"] != testLicence.URL {
		t.Errorf("licence = %v, want %v", doc["licence"], testLicence)
	}
	// The CSV's licence is in the CSVW metadata beside it.
	var meta map[string]any
	if err := json.Unmarshal(byPath["action-plans/data/by-status.csv-metadata.json"], &meta); err != nil {
		t.Fatal(err)
	}
	if lic, _ := meta["dc:license"].(map[string]any); meta["url"] != "by-status.csv" || lic["@id"] != testLicence.URL || meta["dc:rights"] != "© Test Body" {
		t.Errorf("the CSV's metadata = %v", meta)
	}
	var got [][]string
	rows := append(doc["rows"].([]any), doc["totalRow"])
	for _, r := range rows {
		m := r.(map[string]any)
		row := []string{m["label"].(string)}
		for _, v := range append(m["values"].([]any), m["total"]) {
			row = append(row, jsonText(v))
		}
		got = append(got, row)
	}
	if want := cells(tables[0].Table); !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("JSON rows %q, want %q", got, want)
	}
	var schemaDoc map[string]any
	if err := json.Unmarshal(byPath["action-plans/data/table.schema.json"], &schemaDoc); err != nil {
		t.Fatalf("the schema is not JSON: %v", err)
	}
	props := schemaDoc["properties"].(map[string]any)
	for k := range doc {
		if _, ok := props[k]; !ok {
			t.Errorf("the JSON has the field %q, which the schema does not allow", k)
		}
	}
	for _, k := range schemaDoc["required"].([]any) {
		if _, ok := doc[k.(string)]; !ok {
			t.Errorf("the JSON lacks the required field %q", k)
		}
	}
}

// jsonText writes a decoded JSON value as Cell.Plain does.
func jsonText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		b, _ := json.Marshal(x)
		return string(b)
	}
	return "?"
}

func TestFilesBadName(t *testing.T) {
	tables := published(t)
	tables[0].Name = "../x"
	if _, err := Files(tables, Options{Dir: "d"}); err == nil {
		t.Error("a table name that is not a plain file name must be refused")
	}
	if files, err := Files(nil, Options{}); files != nil || err != nil {
		t.Errorf("no tables: %v %v", files, err)
	}
}

// TestCSVFormulaLabels: a label a spreadsheet would run as a formula is
// written after an apostrophe; other labels, and the JSON, are untouched.
func TestCSVFormulaLabels(t *testing.T) {
	tests := []struct{ label, want string }{
		{"=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"},
		{"+44", "'+44"},
		{"-1", "'-1"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tTabbed", "'\tTabbed"},
		{"North East", "North East"},
		{"A=B", "A=B"},
		{"'quoted", "'quoted"},
	}
	var labels []string
	for _, tc := range tests {
		labels = append(labels, tc.label)
	}
	c := anonymise.NewCounts("Labels", labels, []string{"=Column"})
	c.Meta = anonymise.Meta{Title: "Labels", RowHeading: "@Heading", RowTotalLabel: "England"}
	for i := range labels {
		c.Add(i, 0, 50)
	}
	tab, _, err := anonymise.DefaultPolicy().Publish(c)
	if err != nil {
		t.Fatal(err)
	}
	out := CSV(tab)
	r := csv.NewReader(bytes.NewReader(out))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := recs[0][0]; got != "'@Heading" {
		t.Errorf("row heading: got %q, want %q", got, "'@Heading")
	}
	if got := recs[0][1]; got != "'=Column" {
		t.Errorf("column label: got %q, want %q", got, "'=Column")
	}
	for i, tc := range tests {
		if got := recs[i+1][0]; got != tc.want {
			t.Errorf("label %q: got %q, want %q", tc.label, got, tc.want)
		}
	}
	// encoding/csv reads a lone carriage return as nothing, so look at the
	// bytes written.
	if !strings.Contains(csvcell.Guard("\rReturn"), "'\rReturn") {
		t.Errorf("a label starting with a carriage return is not guarded: %q", csvcell.Guard("\rReturn"))
	}
	j, err := JSON(&site.PublicTable{Table: tab, Name: "labels"}, "https://example.org/table.schema.json", time.Time{}, testLicence)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(j, []byte(`"=HYPERLINK(\"http://x\")"`)) {
		t.Errorf("the JSON changed the label:\n%s", j)
	}
}
