package feedback

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// TestModel checks what the layouts read from the ok fixture: order,
// neighbours, facet values and their order, figures as published,
// standards, the tally and the sample flag.
func TestModel(t *testing.T) {
	ar, err := txtar.ParseFile(filepath.Join("testdata", "ok.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	res, _ := runFixture(t, ar)
	f := res.Feedback
	if f == nil {
		t.Fatal("no model")
	}
	var ids []string
	for _, e := range f.Entries {
		ids = append(ids, e.ID)
	}
	if got := strings.Join(ids, " "); got != "YSWD-003 YSWD-002 YSWD-001" {
		t.Errorf("entries %s, want newest first without the draft", got)
	}
	first, last := f.Entries[0], f.Entries[2]
	if first.Newer != nil || first.Older != f.Entries[1] || last.Older != nil || last.Newer != f.Entries[1] {
		t.Error("Newer and Older do not link the list in order")
	}
	if !f.Sample || f.Feed != "/you-said-we-did/feed.xml" || f.URL != "/you-said-we-did/" {
		t.Errorf("Sample %v, Feed %q, URL %q", f.Sample, f.Feed, f.URL)
	}

	values := func(facet string) string {
		var out []string
		for _, v := range f.Facet(facet).Values {
			out = append(out, v.Key+"="+v.Name+"/"+strings.Repeat("*", v.Count()))
		}
		return strings.Join(out, " ")
	}
	for facet, want := range map[string]string{
		FacetRegion:     "national=National/* london=London/**",
		FacetProfession: "medicine=Medicine/* nursing=Nursing/** midwifery=Midwifery/*",
		FacetTheme:      "induction=Induction/* clinical-supervision=Clinical supervision/* domain-1=Quality Framework domain 1/*",
		FacetStatus:     "in-progress=In progress/* done=Done/**",
	} {
		if got := values(facet); got != want {
			t.Errorf("%s values %s, want %s", facet, got, want)
		}
	}
	if tag := f.Facet(FacetStatus).Values[1].Tag; tag != "green" {
		t.Errorf("done's tag colour %q, want green", tag)
	}
	if feed := f.Facet(FacetRegion).Values[1].Feed; feed != "/you-said-we-did/london/feed.xml" {
		t.Errorf("London's feed %q", feed)
	}

	one, two := f.Entries[2], f.Entries[1]
	if one.Title != "No log-in details on the first day" || one.URL != "/you-said-we-did/yswd-001/" || one.Page == nil || one.Page.URL != one.URL {
		t.Errorf("entry 1: title %q, URL %q", one.Title, one.URL)
	}
	if one.LearnersSaid != `Learners said they had no log-in details, so they "watched" for days.` {
		t.Errorf("learners said %q: the CSV quotes are not undone", one.LearnersSaid)
	}
	if three := f.Entries[0]; three.Title != "Student nurses said some staff did not challenge abuse" {
		t.Errorf("entry 3, which has no title, is headed %q, not the start of what learners said", three.Title)
	}
	if e := one.Evidence; e == nil || e.Figure != "78%" || e.Unit != "percent" || e.Label != "learners who had access on their first day" ||
		e.Base != "2,340" || e.Source != "National learner survey, autumn 2023" {
		t.Errorf("entry 1 evidence %+v", one.Evidence)
	}
	if e := two.Evidence; e == nil || e.Figure != "25" || e.Unit != "count" {
		t.Errorf("entry 2 evidence %+v", two.Evidence)
	}
	if len(two.Standards) != 2 || two.Standards[0].Ref != "2021:3.1" || two.Standards[0].ID != "3.1" || two.Standards[0].Edition != "2021" || two.Standards[0].URL != "" {
		t.Errorf("entry 2 standards %+v (no framework here, so no links)", two.Standards)
	}
	if !two.Updated.Equal(two.Published.Time) || !one.ReviewedOn.Before(one.Published.Time) {
		t.Errorf("entry dates: updated %v, published %v", two.Updated, two.Published)
	}

	tl := f.Tally
	if tl.Total != 3 || len(tl.Rows) != 2 || len(tl.Statuses) != 2 ||
		tl.Rows[1].Region.Key != "london" || tl.Rows[1].Counts[0] != 1 || tl.Rows[1].Counts[1] != 1 || tl.Rows[1].Total != 2 ||
		tl.Totals[0] != 1 || tl.Totals[1] != 2 {
		t.Errorf("tally %+v", tl)
	}
}
