package search_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/plinth-ssg/plinth/generator/search"
)

// writeHandmade writes a one-shard index by hand into dir: terms maps each
// term to the documents that have it, all with the same impact, so that
// only how many pages have each word (its rarity) tells the pages apart.
// Document n is "pN/", with a title and text that hold none of the terms.
func writeHandmade(t *testing.T, dir string, docs int, terms map[string][]int) {
	t.Helper()
	write := func(name string, v any) { writeIndexFile(t, dir, name, v) }
	shard := search.Shard{Terms: map[string]string{}}
	for term, ds := range terms {
		var ps []search.Posting
		for _, d := range ds {
			ps = append(ps, search.Posting{Doc: d, Impact: 40})
		}
		shard.Terms[term] = search.EncodePostings(ps)
	}
	write("index.json", search.Manifest{
		Version: search.FormatVersion, Build: "0123456789ab", Docs: docs, DocsPerFile: docs, ImpactBase: search.ImpactBase,
		StopWords: []string{"the"}, Editions: []search.Edition{}, Sections: []search.Section{{Key: "", Title: "Other pages"}},
		Groups: [][3]int{{0, 0, -1}}, Shards: []string{"a"},
	})
	write("t/0.json", shard)
	var ds []search.Doc
	for i := range docs {
		ds = append(ds, search.Doc{URL: fmt.Sprintf("p%d/", i), Title: fmt.Sprintf("Page %d", i), Text: "Some text."})
	}
	write("d/0.json", ds)
}

// TestBrowserWeighsRareWords holds the browser's module to weighing each
// word of a query by how few pages have it: a page may lack words that
// carry less than half of the query's weight (beyond what the best page
// lacks), so it may lack a common word but not the rare one, and pages
// that lack words are ordered by the weight of what they have; and, when a
// word of the query is on no page, to finding nothing rather than the
// pages that share one common word with it.
func TestBrowserWeighsRareWords(t *testing.T) {
	dir := t.TempDir()
	writeHandmade(t, dir, 10, map[string][]int{
		"put":    {0, 1, 2, 3, 4, 5, 6}, // on most pages
		"locker": {6, 7},
		"rota":   {5, 7},
		"ward":   {8, 9},
		"shift":  {3, 9},
		"bag":    {4},
	})
	tests := []struct {
		q       string
		urls    []string
		partial bool
	}{
		// p7 lacks "put", on seven pages of ten, and is kept; p0 to p5
		// lack "locker", on two, and are left out.
		{"put locker", []string{"p6/", "p7/"}, false},
		// Two words as rare as each other: a page needs both.
		{"ward shift", []string{"p9/"}, false},
		// No page has all three: p7 lacks only the common word and comes
		// first; p5 and p6 lack a rare one. Pages with "put" alone are
		// left out.
		{"put locker rota", []string{"p7/", "p5/", "p6/"}, true},
		// A word no page has weighs nothing: the pages are weighed on
		// the others.
		{"locker rota zzzz", []string{"p7/"}, true},
		{"bag zzzz", []string{"p4/"}, true},
		// Beside a word no page has, pages that share only one common
		// word with the query (on more than a fifth of the pages) are no
		// answer to it: the search page shows its help instead. A word on
		// a fifth of the pages or fewer still finds them ("locker").
		{"put zzzz", nil, false},
		{"locker zzzz", []string{"p6/", "p7/"}, true},
		// A letter, or a stop word mistyped, is not a word the reader
		// asks about.
		{"put x", []string{"p0/", "p1/", "p2/", "p3/", "p4/", "p5/", "p6/"}, true},
		{"put teh", []string{"p0/", "p1/", "p2/", "p3/", "p4/", "p5/", "p6/"}, true},
		{"zzzz", nil, false},
	}
	var req nodeRequest
	req.Site, req.Manifest = dir, "/"+search.ManifestPath
	for _, tt := range tests {
		req.Queries = append(req.Queries, nodeQuery{Q: tt.q, Typed: true})
	}
	resp := runNode(t, req)
	for i, tt := range tests {
		got := resp.Queries[i]
		if urls := got.urls(); !slices.Equal(urls, tt.urls) || got.Partial != tt.partial {
			t.Errorf("%q: %q, partial %t; want %q, partial %t", tt.q, urls, got.Partial, tt.urls, tt.partial)
		}
	}
}
