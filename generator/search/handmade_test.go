package search_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/plinth-ssg/plinth/generator/search"
)

// TestBrowserReadsForms runs the browser's module on a small index written
// by hand, to hold it to the format where the example site does not reach:
// a word form whose term lives in another shard (which the browser must
// then fetch), a misspelling corrected from a neighbouring shard, a form
// the site does not use, a synonym whose words are in yet another
// shard, and a misspelling of a word only a synonym group has.
func TestBrowserReadsForms(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, v any) { writeIndexFile(t, dir, name, v) }
	post := func(docs ...int) string {
		var ps []search.Posting
		for _, d := range docs {
			ps = append(ps, search.Posting{Doc: d, Impact: 40})
		}
		return search.EncodePostings(ps)
	}
	write("index.json", search.Manifest{
		Version: search.FormatVersion, Build: "0123456789ab", Docs: 3, DocsPerFile: 2, ImpactBase: search.ImpactBase,
		StopWords: []string{"the"}, Editions: []search.Edition{}, Sections: []search.Section{{Key: "", Title: "Other pages"}},
		Groups: [][3]int{{0, 0, -1}}, Shards: []string{"a", "pe", "t"},
		Synonyms: [][]search.Phrase{{{Words: []string{"tpc"}, Terms: []string{"tpc"}}, {Words: []string{"paediatric", "care"}, Terms: []string{"paediatr", "care"}},
			{Words: []string{"children"}, Terms: []string{"children"}}}},
	})
	// Shard 0 holds "care" and "paediatr", with the forms the site uses
	// ("paediatric", "paediatrics") and one it does not ("cares").
	write("t/0.json", search.Shard{
		Terms: map[string]string{"care": post(0, 2), "paediatr": post(0)},
		Forms: map[string]string{"care": "= +s", "paediatr": "ic ics"},
	})
	// Shard 1 holds the American spelling, whose term is in shard 0, and
	// "study", whose term "studi" it holds.
	write("t/1.json", search.Shard{
		Terms: map[string]string{"studi": post(1)},
		Forms: map[string]string{"studi": "es"},
		Alias: map[string]string{"pediatric": "+paediatr", "study": "studi"},
	})
	write("t/2.json", search.Shard{Terms: map[string]string{"time": post(1)}})
	write("d/0.json", []search.Doc{
		{URL: "paediatrics/", Title: "Paediatric care", Text: "Placements on paediatric wards."},
		{URL: "study/", Title: "Study time", Text: "Time to study, and studies."},
	})
	write("d/1.json", []search.Doc{{URL: "care/", Title: "Care", Text: "Care of patients."}})

	tests := []struct {
		q          string
		urls       []string
		correction string
		marked     []string // what the first result's snippet highlights
	}{
		{"pediatric", []string{"paediatrics/"}, "", []string{"paediatric"}},
		{"cares", []string{"paediatrics/", "care/"}, "", nil},
		{"studies", []string{"study/"}, "", []string{"study", "studies"}},
		// A form the index does not list: found without its ending
		// (stripEndings), as "study" leads to "studi", not corrected.
		{"studying", []string{"study/"}, "", []string{"study", "studies"}},
		// Without an ending the rest is too short to look up.
		{"timing", nil, "", nil},
		{"paediatrcs", []string{"paediatrics/"}, "paediatrics", []string{"paediatric"}},
		{"the study time", []string{"study/"}, "", []string{"Time", "study", "studies"}},
		{"TPC", []string{"paediatrics/"}, "", []string{"paediatric"}},
		// A misspelling of a word only the synonyms have is corrected to
		// it, and finds what its group finds.
		{"childern", []string{"paediatrics/"}, "children", []string{"paediatric"}},
		{"nothing", nil, "", nil},
	}
	var req nodeRequest
	req.Site, req.Manifest = dir, "/"+search.ManifestPath
	for _, tt := range tests {
		req.Queries = append(req.Queries, nodeQuery{Q: tt.q})
	}
	resp := runNode(t, req)
	for i, tt := range tests {
		got := resp.Queries[i]
		urls := got.urls()
		if !slices.Equal(urls, tt.urls) || got.Correction != tt.correction {
			t.Errorf("%q: %q, corrected to %q; want %q, corrected to %q", tt.q, urls, got.Correction, tt.urls, tt.correction)
			continue
		}
		if len(got.Results) > 0 && !slices.Equal(got.Results[0].Marked, tt.marked) {
			t.Errorf("%q: the snippet highlights %q, want %q", tt.q, got.Results[0].Marked, tt.marked)
		}
	}
}

// TestBrowserRaisesWholePhrase: a phrase of a synonym group typed in full
// is one slot of the query, but the reader typed several words, so the
// page that has the phrase is raised above one that has its words apart
// (here "Quality improvement" in its title and "register" in its text),
// even though the second weighs a little more.
func TestBrowserRaisesWholePhrase(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, v any) { writeIndexFile(t, dir, name, v) }
	// Document 0 weighs two steps (1.1², about 1.21) more than document 1
	// on every word: less than what a phrase in the text raises a page by.
	post := func(impacts ...int) string {
		var ps []search.Posting
		for doc, impact := range impacts {
			ps = append(ps, search.Posting{Doc: doc, Impact: impact})
		}
		return search.EncodePostings(ps)
	}
	write("index.json", search.Manifest{
		Version: search.FormatVersion, Build: "0123456789ab", Docs: 2, DocsPerFile: 2, ImpactBase: search.ImpactBase,
		StopWords: []string{"a", "of"}, Editions: []search.Edition{}, Sections: []search.Section{{Key: "", Title: "Other pages"}},
		Groups: [][3]int{{0, 0, -1}}, Shards: []string{"a"},
		Synonyms: [][]search.Phrase{{{Words: []string{"qir"}, Terms: []string{"qir"}},
			{Words: []string{"quality", "improvement", "register"}, Terms: []string{"qualiti", "improv", "regist"}}}},
	})
	write("t/0.json", search.Shard{
		Terms: map[string]string{"qualiti": post(40, 38), "improv": post(40, 38), "regist": post(40, 38)},
		Forms: map[string]string{"improv": "ement ing", "regist": "er"},
		Alias: map[string]string{"quality": "qualiti"},
	})
	write("d/0.json", []search.Doc{
		{URL: "apart/", Title: "Quality improvement for learners", Text: "Projects learners can join. A register of projects is kept."},
		{URL: "whole/", Title: "Improving quality", Text: "Each region keeps a Quality Improvement Register of concerns."},
	})
	var req nodeRequest
	req.Site, req.Manifest = dir, "/"+search.ManifestPath
	req.Queries = []nodeQuery{{Q: "quality improvement register"}}
	resp := runNode(t, req)
	urls := resp.Queries[0].urls()
	if want := []string{"whole/", "apart/"}; !slices.Equal(urls, want) {
		t.Errorf("%q: %q, want %q", resp.Queries[0].Q, urls, want)
	}
}

// writeIndexFile writes v as JSON to search/NAME under dir, as the build
// publishes the index's files, for tests that make an index by hand.
func writeIndexFile(t *testing.T, dir, name string, v any) {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "search", filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
