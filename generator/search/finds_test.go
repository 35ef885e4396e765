package search_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/plinth-ssg/plinth/generator/search"
)

// TestExampleFinds runs, through the browser's module on the example
// site, the queries that only find what readers mean because of what the
// index knows of words: other forms of a word, a hyphen or space in a
// compound, American spelling, acronyms, misspellings.
func TestExampleFinds(t *testing.T) {
	dir, err := exampleSite()
	if err != nil {
		t.Fatal(err)
	}
	supervision := []string{"guidance/clinical-supervision/", "framework/2021/standards/3-1/"}
	wellbeing := []string{"framework/2021/standards/3-6/", "guidance/learner-wellbeing/", "framework/2021/standards/4-5/"}
	tests := []struct {
		query nodeQuery
		// top: the first or second result is one of these; none: no
		// result at all.
		top        []string
		none       bool
		correction string // the query as corrected, if it should be
		marked     string // a word the first result highlights (its start)
	}{
		// The examples (#15): each finds the page first or second.
		{query: nodeQuery{Q: "supervision"}, top: supervision, marked: "supervision"},
		{query: nodeQuery{Q: "supervising"}, top: supervision, marked: "supervision"},
		{query: nodeQuery{Q: "supervise"}, top: supervision, marked: "supervis"},
		{query: nodeQuery{Q: "well-being"}, top: wellbeing, marked: "wellbeing"},
		{query: nodeQuery{Q: "wellbeing"}, top: wellbeing, marked: "wellbeing"},
		{query: nodeQuery{Q: "well being"}, top: wellbeing, marked: "wellbeing"},
		{query: nodeQuery{Q: "wellbeeing"}, top: wellbeing, correction: "wellbeing", marked: "wellbeing"},
		{query: nodeQuery{Q: "supervison"}, top: supervision, correction: "supervision", marked: "supervision"},
		{query: nodeQuery{Q: "ICS"}, top: []string{"framework/2021/standards/6-3/", "strategy/working-with-partners/"}, marked: "integrated"},
		// A form the site never uses, and an American spelling.
		{query: nodeQuery{Q: "supervises"}, top: supervision},
		{query: nodeQuery{Q: "organizations"}, marked: "organisation"},
		// A profession the site names only by its field: "physiotherapist"
		// without "ist" is "physiotherapy" (stripEndings).
		{query: nodeQuery{Q: "physiotherapist"}, top: []string{"you-said-we-did/yswd-005/", "you-said-we-did/professions/allied-health/"}, marked: "physiotherapy"},
		{query: nodeQuery{Q: "occupational therapists"}, top: []string{"you-said-we-did/yswd-005/", "you-said-we-did/professions/allied-health/"}, marked: "occupational"},
		// A misspelling in a longer query is corrected in place; one taken
		// as typed finds nothing.
		{query: nodeQuery{Q: "clinical supervison"}, top: supervision, correction: "clinical supervision"},
		{query: nodeQuery{Q: "supervison", Typed: true}, none: true},
		// An acronym and its words find each other.
		{query: nodeQuery{Q: "NETS"}, top: []string{"strategy/listening-to-learners/"}},
		{query: nodeQuery{Q: "equality, diversity and inclusion"}, top: []string{"guidance/equality-diversity-and-inclusion/"}},
		// A question finds its answer.
		{query: nodeQuery{Q: "how do I raise a concern?"}, top: []string{"guidance/raising-concerns/", "framework/2021/standards/3-5/"}, marked: "rais"},
		// A contraction of a stop word is one: "what's" is no word a page
		// must have, so every result has all of the reader's words.
		{query: nodeQuery{Q: "what's induction"}, top: []string{"framework/2021/standards/3-4/", "guidance/induction/"}},
		{query: nodeQuery{Q: "I'm a nurse"}, top: []string{"you-said-we-did/professions/nursing/"}},
		{query: nodeQuery{Q: "I can’t log in"}, top: []string{"you-said-we-did/yswd-001/", "guidance/induction/"}},
		// A letter changed counts as one edit only where a slip is likely
		// (a key next to it); "revision" is two unlikely changes from
		// "religion", and a word of its own that no page has.
		{query: nodeQuery{Q: "placemenr"}, correction: "placement"},
		{query: nodeQuery{Q: "revision"}, none: true},
		// A word no page has beside a letter alone (the "e" of "e-mail")
		// finds nothing.
		{query: nodeQuery{Q: "e-portfolio"}, none: true},
		// A verb's "-ate" forms are found through the term the stemmer
		// gives the noun ("discrimination", "discrimin").
		{query: nodeQuery{Q: "discriminated"}, top: []string{"framework/2021/standards/1-2/", "guidance/equality-diversity-and-inclusion/"}, marked: "discrimination"},
		// A word cut after a stop word, as voice typing cuts it.
		{query: nodeQuery{Q: "in duction"}, top: []string{"framework/2021/standards/3-4/", "guidance/induction/"}, marked: "induction"},
		// A standard's ID with a colon, and one only the draft edition has,
		// which searches that edition.
		{query: nodeQuery{Q: "standard 3:5"}, top: []string{"framework/2021/standards/3-5/"}},
		{query: nodeQuery{Q: "3.7"}, top: []string{"framework/2027/"}},
		// The site writes "e-mail"; readers type "email".
		{query: nodeQuery{Q: "emails"}, top: []string{"contact/", "privacy/"}},
		// A word that names a property of every JavaScript object is a
		// word like any other: it finds nothing here, and breaks nothing.
		{query: nodeQuery{Q: "constructor"}, none: true},
		{query: nodeQuery{Q: "hasOwnProperty __proto__ valueOf"}, none: true},
	}
	var req nodeRequest
	req.Site, req.Manifest = dir, "/quality/"+search.ManifestPath
	for _, tt := range tests {
		req.Queries = append(req.Queries, tt.query)
	}
	resp := runNode(t, req)
	for i, tt := range tests {
		got := resp.Queries[i]
		urls := got.urls()
		t.Logf("%+v: %d results, corrected to %q: %s", tt.query, got.Total, got.Correction, strings.Join(urls, " "))
		if got.Partial {
			t.Errorf("%+v: no result has every word of the query", tt.query)
		}
		if got.Correction != tt.correction {
			t.Errorf("%+v: corrected to %q, want %q", tt.query, got.Correction, tt.correction)
		}
		if tt.none {
			if len(got.Results) != 0 {
				t.Errorf("%+v: %d results, want none", tt.query, len(got.Results))
			}
			continue
		}
		if len(got.Results) == 0 {
			t.Errorf("%+v found nothing", tt.query)
			continue
		}
		if tt.top != nil && !slices.Contains(tt.top, urls[0]) && (len(urls) < 2 || !slices.Contains(tt.top, urls[1])) {
			t.Errorf("%+v: the first two results are %q, want one of %q", tt.query, urls[:min(2, len(urls))], tt.top)
		}
		first := got.Results[0]
		if marked := slices.Concat(first.Marked, first.TitleMarked); tt.marked != "" &&
			!slices.ContainsFunc(marked, func(m string) bool { return strings.HasPrefix(strings.ToLower(m), tt.marked) }) {
			t.Errorf("%+v: the first result highlights %q, want %q", tt.query, marked, tt.marked)
		}
	}
}

// TestExampleRetiredLast: with every edition chosen, the standards of the
// edition in force come first and those of superseded editions after
// every other result, even where they match best (a standard's ID); with
// a superseded edition chosen, its pages rank as usual.
func TestExampleRetiredLast(t *testing.T) {
	dir, err := exampleSite()
	if err != nil {
		t.Fatal(err)
	}
	resp := runNode(t, nodeRequest{Site: dir, Manifest: "/quality/" + search.ManifestPath, Queries: []nodeQuery{
		{Q: "3.4", Edition: "all"},
		{Q: "induction", Edition: "2019"},
	}})
	all := resp.Queries[0].Results
	retired, others := 0, 0
	for _, r := range all {
		old := r.Edition == "2019" || r.Edition == "2016"
		if retired > 0 && !old {
			t.Errorf("%s (edition %q) comes after a superseded edition's page", r.URL, r.Edition)
		}
		if old {
			retired++
		} else {
			others++
		}
	}
	if len(all) == 0 || all[0].URL != "framework/2021/standards/3-4/" || retired < 2 || others < 2 {
		t.Errorf("3.4 in every edition: %+v, want standard 3.4 of 2021 first, other pages, then those of 2019 and 2016", all)
	}
	chosen := resp.Queries[1].Results
	if len(chosen) < 2 || chosen[0].URL != "framework/2019/standards/3-4/" && chosen[1].URL != "framework/2019/standards/3-4/" {
		t.Errorf("induction in edition 2019: %+v, want its standard 3.4 first or second", chosen)
	}
}
