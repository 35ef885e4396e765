package search_test

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/plinth-ssg/plinth/generator/search"
)

// readerSet is testdata/readers.json.
type readerSet struct {
	Queries []struct {
		Q      string   `json:"q"`
		Who    string   `json:"who"`
		Expect []string `json:"expect"`
		None   bool     `json:"none"`
		// Like is another query (the word spelt right) whose first
		// result this one must have among its first three: for a word
		// the site uses everywhere, which has no one page to expect.
		Like string `json:"like"`
		// Known says why a query does not yet find what it should: it
		// is logged, and once it does find it the test fails, so that
		// the note is removed and the query held to it.
		Known string `json:"known"`
	} `json:"queries"`
}

// TestReaderQueries runs, through the browser's module on the example
// site, queries as readers type them (testdata/readers.json), and holds
// each to its expectation: unlike TestRelevance, which scores the set as a
// whole, a single query that stops finding its page fails. It adds input
// no reader types by hand but a pasted text or a script may send: a very
// long word, a very long query, many misspellings at once; each must run
// and answer.
func TestReaderQueries(t *testing.T) {
	long := []struct {
		q     string
		finds bool // whether it finds anything
	}{
		{strings.Repeat("a", 400), false},
		{strings.Repeat("supervision induction wellbeing library concerns harassment ", 60), true},
		{strings.Repeat("supervison indcution wellbeign libary harrassment apprasial acessibility edcuation ", 5), true},
	}
	var extra []nodeQuery
	for _, l := range long {
		extra = append(extra, nodeQuery{Q: l.q})
	}
	answers := checkReaders(t, "testdata/readers.json", extra)
	for i, l := range long {
		if got := answers[i]; (got.Total > 0) != l.finds {
			t.Errorf("a query of %d characters (%.20q…) found %d pages, want some: %t", len(l.q), l.q, got.Total, l.finds)
		}
	}
}

// TestRoughReaderQueries holds the queries of testdata/readers-rough.json
// to their expectations the same way: queries typed in a hurry, on phones
// or by readers who spell by sound, in their own words rather than the
// site's, and queries the site has no answer for, which must find
// nothing rather than pages that share a common word with them.
func TestRoughReaderQueries(t *testing.T) {
	checkReaders(t, "testdata/readers-rough.json", nil)
}

// TestFreshReaderQueries holds the queries of testdata/readers-fresh.json
// to their expectations the same way: a set written from the example
// site's content before it was first run, so that it measures search on
// queries its rules were not tuned to (questions, standard numbers in
// every form, profession and region words, acronyms, half-typed words,
// queries with no answer).
func TestFreshReaderQueries(t *testing.T) {
	checkReaders(t, "testdata/readers-fresh.json", nil)
}

// TestBlindReaderQueries holds the queries of testdata/readers-blind.json
// to their expectations the same way: a second set written from the
// example site's content before it was first run, as readers of every
// kind type on a phone (students worried about a placement, parents,
// providers' education leads, journalists, each profession), with typos,
// both spellings, abbreviations, pasted text and queries with no answer.
func TestBlindReaderQueries(t *testing.T) {
	checkReaders(t, "testdata/readers-blind.json", nil)
}

// TestBlindReaderQueries2 holds the queries of
// testdata/readers-blind2.json to their expectations the same way: a third
// set written from the example site's content before it was first run, by
// readers the earlier sets left out (physiotherapy students, practice
// educators, nurses trained abroad, care-home managers, school leavers,
// GP trainees, MPs' caseworkers, upset learners, pharmacy technicians),
// with voice-typing mistakes, American terms, standard numbers in odd
// forms and queries with no answer.
func TestBlindReaderQueries2(t *testing.T) {
	checkReaders(t, "testdata/readers-blind2.json", nil)
}

// checkReaders runs the queries of a reader set, then the extra queries,
// on the example site, fails each query of the set that misses its
// expectation, and returns the answers to the extra queries.
func checkReaders(t *testing.T, file string, extra []nodeQuery) []nodeAnswer {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var set readerSet
	if err := json.Unmarshal(data, &set); err != nil {
		t.Fatal(err)
	}
	dir, err := exampleSite()
	if err != nil {
		t.Fatal(err)
	}
	var req nodeRequest
	req.Site, req.Manifest = dir, "/quality/"+search.ManifestPath
	for _, q := range set.Queries {
		req.Queries = append(req.Queries, nodeQuery{Q: q.Q})
	}
	req.Queries = append(req.Queries, extra...)
	likes := map[string]int{} // a like query → its answer's place
	for _, q := range set.Queries {
		if _, dup := likes[q.Like]; q.Like != "" && !dup {
			likes[q.Like] = len(req.Queries)
			req.Queries = append(req.Queries, nodeQuery{Q: q.Like})
		}
	}
	resp := runNode(t, req)
	if len(resp.Queries) != len(req.Queries) {
		t.Fatalf("%d answers to %d queries", len(resp.Queries), len(req.Queries))
	}
	passed, known := 0, 0
	for i, q := range set.Queries {
		urls := resp.Queries[i].urls()
		expect, want := q.Expect, ""
		if q.Like != "" {
			like := resp.Queries[likes[q.Like]].urls()
			if len(like) == 0 {
				t.Errorf("%q, which %q is held to, finds nothing", q.Like, q.Q)
				continue
			}
			expect, want = like[:1], fmt.Sprintf(" (the first result for %q)", q.Like)
		}
		ok := true
		switch {
		case q.None:
			ok = len(urls) == 0
		case len(expect) > 0:
			ok = slices.ContainsFunc(urls[:min(3, len(urls))], func(u string) bool { return slices.Contains(expect, u) })
		}
		if q.None {
			want = "nothing"
		} else {
			want = "one of " + strings.Join(expect, " ") + want + " in the first three"
		}
		got := strings.Join(urls[:min(5, len(urls))], " ")
		switch {
		case ok && q.Known != "":
			t.Errorf("%q (%s) now finds what it should (%s): remove its known note, %q", q.Q, q.Who, got, q.Known)
		case ok:
			passed++
		case q.Known != "":
			known++
			t.Logf("known miss: %q (%s): got %s, want %s: %s", q.Q, q.Who, got, want, q.Known)
		default:
			t.Errorf("%q (%s): got %s, want %s", q.Q, q.Who, got, want)
		}
	}
	t.Logf("%s: %d of %d queries as readers type them find what they expect; %d known misses", file, passed, len(set.Queries), known)
	return resp.Queries[len(set.Queries) : len(set.Queries)+len(extra)]
}
