package feedback

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// TestTooManyEntries: a file of more entries than a site may publish (each
// is a page) is one error at the first entry too many, and no entry is
// published; at the limit every entry is read.
func TestTooManyEntries(t *testing.T) {
	defer func(n int) { entryLimit = n }(entryLimit)
	entryLimit = 3
	ar, err := txtar.ParseFile(filepath.Join("testdata", "ok.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	res, diags := runFixture(t, ar) // four entries, one a draft
	var errs []string
	for _, d := range diags {
		if d.Severity.String() == "error" {
			errs = append(errs, d.Error())
		}
	}
	want := `data/you-said-we-did.csv:5:1: data/you-said-we-did.csv has 4 entries; a site may publish at most 3 "You said, we did" entries`
	if len(errs) != 1 || errs[0] != want {
		t.Fatalf("errors %q, want only %q", errs, want)
	}
	for _, p := range res.Pages {
		if strings.HasPrefix(p.URL, "/you-said-we-did/yswd-") {
			t.Errorf("entry page %s published despite the error", p.URL)
		}
	}
	entryLimit = 4
	if _, diags := runFixture(t, ar); diags.HasErrors() {
		t.Errorf("at the limit: %v", diags)
	}
}

// TestLongCell: a text cell longer than MaxCell (a paste gone wrong) is an
// error at the cell, and its entry is not published; a cell of MaxCell
// characters is fine.
func TestLongCell(t *testing.T) {
	ar, err := txtar.ParseFile(filepath.Join("testdata", "ok.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	const cell = "Most providers now do."
	for _, n := range []int{MaxCell, MaxCell + 1, 1 << 20} {
		long := *ar
		long.Files = slices.Clone(ar.Files)
		for i, f := range long.Files {
			if f.Name == "data/you-said-we-did.csv" {
				long.Files[i].Data = []byte(strings.Replace(string(f.Data), cell, strings.Repeat("é", n), 1))
			}
		}
		res, diags := runFixture(t, &long)
		var errs []string
		for _, d := range diags {
			if d.Severity.String() == "error" {
				errs = append(errs, d.Error())
			}
		}
		if n == MaxCell {
			if len(errs) > 0 {
				t.Errorf("a cell of %d characters: %q", n, errs)
			}
			continue
		}
		want := fmt.Sprintf(`data/you-said-we-did.csv:2:240: column "outcome" in row 2 is %d characters long; a cell may have at most %d`, n, MaxCell)
		if len(errs) != 1 || errs[0] != want {
			t.Errorf("a cell of %d characters: errors %q, want only %q", n, errs, want)
		}
		for _, p := range res.Pages {
			if strings.HasPrefix(p.URL, "/you-said-we-did/yswd-001/") {
				t.Errorf("a cell of %d characters: entry page %s published despite the error", n, p.URL)
			}
		}
	}
}
