package feedback

import (
	"path/filepath"
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
