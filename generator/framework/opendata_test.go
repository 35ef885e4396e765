package framework

import (
	"bytes"
	"encoding/csv"
	"testing"
)

// TestStandardsCSVFormulas: wording that a spreadsheet would run as a
// formula (a title "=HYPERLINK(…)", a first "must" starting with "+") is
// written to standards.csv after an apostrophe, as opendata writes the
// tables' labels; ordinary wording and the reference columns are untouched.
func TestStandardsCSVFormulas(t *testing.T) {
	doc := StandardsFile{Edition: "2021", Standards: []StandardData{{
		Ref: "2021:1.1", ID: "1.1", Domain: 1, DomainTitle: "@Learning environment",
		Title: `=HYPERLINK("http://evil.example","Click")`, Text: "-2+3+cmd|' /C calc'!A0",
		Must: []string{"+Tell learners", "=second"}, Evidence: []string{"A list"},
		Replaces: []string{"2019:1.1"}, Status: "in-force", URL: "https://example.org/x/",
	}}}
	out, err := standardsCSV(doc)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"domain_title": "'@Learning environment",
		"title":        `'=HYPERLINK("http://evil.example","Click")`,
		"text":         "'-2+3+cmd|' /C calc'!A0",
		"must":         "'+Tell learners\n=second",
		"evidence":     "A list",
		"ref":          "2021:1.1",
		"replaces":     "2019:1.1",
	}
	for i, col := range recs[0] {
		if w, ok := want[col]; ok && recs[1][i] != w {
			t.Errorf("%s: got %q, want %q", col, recs[1][i], w)
		}
	}
}
