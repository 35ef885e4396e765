package framework

import (
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// TestGuidanceListLimit holds the cap on a guidance page's standards: a
// list pasted many times over is one error at the first entry too many,
// and the entries before it are still read (a duplicate among them is
// still a warning), so the page's other problems are not hidden.
func TestGuidanceListLimit(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/guidance.txtar")
	if err != nil {
		t.Fatal(err)
	}
	var keep []txtar.File
	for _, f := range ar.Files {
		if !strings.HasPrefix(f.Name, "content/guidance/") || f.Name == "content/guidance/_index.md" {
			keep = append(keep, f)
		}
	}
	refs := strings.Repeat(`"2021:1.1", `, MaxGuidanceStandards+5)
	keep = append(keep, txtar.File{Name: "content/guidance/pasted.md",
		Data: []byte("+++\ntitle = \"Pasted\"\nstandards = [" + strings.TrimSuffix(refs, ", ") + "]\n+++\n\nBody.\n")})
	ar.Files = keep
	_, diags := buildFixture(t, ar)
	var errs, twice int
	for _, d := range diags {
		switch {
		case strings.Contains(d.Msg, "a page may list at most"):
			errs++
			// The 501st entry starts at column 14 + 500 × 12 ("standards = [" is 13 characters).
			if got, want := d.Pos.String(), "content/guidance/pasted.md:3:6014"; got != want {
				t.Errorf("the error is at %s, want %s", got, want)
			}
			if !strings.Contains(d.Msg, "lists 505 standards") {
				t.Errorf("the error does not count the list: %s", d.Msg)
			}
		case strings.Contains(d.Msg, "is listed twice"):
			twice++
		}
	}
	if errs != 1 {
		t.Errorf("%d errors about the list's length, want 1:\n%v", errs, diags)
	}
	if twice != MaxGuidanceStandards-1 {
		t.Errorf("%d warnings about a standard listed twice, want %d (the entries before the limit)", twice, MaxGuidanceStandards-1)
	}
}

// TestStatementLimit holds the cap on a standard's must and evidence
// lists: a list pasted many times over is one error at the first
// statement too many, and only the statements before it are kept for the
// pages that show them.
func TestStatementLimit(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/changes-across-editions.txtar")
	if err != nil {
		t.Fatal(err)
	}
	const file = "content/framework/2016/1-care/1-1.md"
	statements := strings.TrimSuffix(strings.Repeat(`"Do it.", `, MaxStatements+5), ", ")
	for i, f := range ar.Files {
		if f.Name == file {
			ar.Files[i].Data = []byte(strings.Replace(string(f.Data), `must = ["Do the first thing."]`, "must = ["+statements+"]", 1))
		}
	}
	res, diags := buildFixture(t, ar)
	var errs []string
	for _, d := range diags {
		if strings.Contains(d.Msg, "statements; a standard may have at most") {
			errs = append(errs, d.Error())
		}
	}
	// The 101st statement starts at column 9 + 100 × 10 ("must = [" is 8 characters).
	want := file + ":4:1009: standard 1.1 has 105 must statements; a standard may have at most 100"
	if len(errs) != 1 || errs[0] != want {
		t.Errorf("errors %q, want only %q", errs, want)
	}
	for _, e := range res.Framework.all {
		for _, s := range e.allStandards {
			if len(s.Must) > MaxStatements {
				t.Errorf("standard %s of %s keeps %d statements", s.ID, e.Key, len(s.Must))
			}
		}
	}
}
