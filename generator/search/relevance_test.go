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

// The targets of the relevance test set: the mean reciprocal rank of the
// first expected page (counted over the first 10 results, 0 beyond) and
// the share of queries with an expected page among the first three.
const (
	targetMRR  = 0.8
	targetTop3 = 0.9
)

// relevanceSet is testdata/relevance.json.
type relevanceSet struct {
	Queries []struct {
		Q      string   `json:"q"`
		Who    string   `json:"who"`
		Expect []string `json:"expect"`
	} `json:"queries"`
}

// relevance is how well a set of queries did.
type relevance struct {
	mrr, top3 float64
	// misses describes each query whose expected pages were not in the
	// first three.
	misses []string
}

// measureRelevance runs every query of the set through the browser's
// module on a built site and scores the results.
func measureRelevance(tb testing.TB, dir, manifest string, set relevanceSet) relevance {
	tb.Helper()
	var req nodeRequest
	req.Site, req.Manifest = dir, manifest
	for _, q := range set.Queries {
		req.Queries = append(req.Queries, nodeQuery{Q: q.Q})
	}
	resp := runNode(tb, req)
	var r relevance
	for i, q := range set.Queries {
		got := resp.Queries[i]
		rank := 0
		var urls []string
		for j, res := range got.Results {
			urls = append(urls, res.URL)
			if rank == 0 && slices.Contains(q.Expect, res.URL) {
				rank = j + 1
			}
		}
		if rank > 0 {
			r.mrr += 1 / float64(rank)
		}
		if rank > 0 && rank <= 3 {
			r.top3++
		} else {
			r.misses = append(r.misses, fmt.Sprintf("%q (%s): expected one of %s in the first three, got rank %d: %s",
				q.Q, q.Who, strings.Join(q.Expect, " "), rank, strings.Join(urls[:min(len(urls), 5)], " ")))
		}
	}
	n := float64(len(set.Queries))
	r.mrr /= n
	r.top3 /= n
	return r
}

// TestRelevance runs the relevance test set on the example site, with the
// same JavaScript the search page runs, and holds the index to the targets.
func TestRelevance(t *testing.T) {
	data, err := os.ReadFile("testdata/relevance.json")
	if err != nil {
		t.Fatal(err)
	}
	var set relevanceSet
	if err := json.Unmarshal(data, &set); err != nil {
		t.Fatal(err)
	}
	if len(set.Queries) < 40 {
		t.Fatalf("the relevance set has %d queries; it needs at least 40 to mean anything", len(set.Queries))
	}
	dir, err := exampleSite()
	if err != nil {
		t.Fatal(err)
	}
	r := measureRelevance(t, dir, "/quality/"+search.ManifestPath, set)
	for _, m := range r.misses {
		t.Log(m)
	}
	t.Logf("%d queries: mean reciprocal rank %.3f, an expected page in the first three for %.1f%%", len(set.Queries), r.mrr, 100*r.top3)
	if r.mrr < targetMRR {
		t.Errorf("mean reciprocal rank %.3f, below the target %.2f", r.mrr, targetMRR)
	}
	if r.top3 < targetTop3 {
		t.Errorf("an expected page is in the first three for %.1f%% of the queries, below the target %.0f%%", 100*r.top3, 100*targetTop3)
	}
}
