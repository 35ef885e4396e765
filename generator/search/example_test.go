package search_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/pipeline"
	"github.com/plinth-ssg/plinth/generator/search"
)

// TestBrowserModuleAgrees checks that the browser's module folds and
// splits text into the same words as the generator, on the shared cases
// of testdata/words.json: a word can only be found if both sides agree.
func TestBrowserModuleAgrees(t *testing.T) {
	data, err := os.ReadFile("testdata/words.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Text  string   `json:"text"`
		Words []string `json:"words"`
	}
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	var req nodeRequest
	for _, c := range cases {
		req.Texts = append(req.Texts, c.Text)
	}
	resp := runNode(t, req)
	if len(resp.Words) != len(cases) {
		t.Fatalf("the browser's module split %d texts, want %d", len(resp.Words), len(cases))
	}
	for i, c := range cases {
		got := resp.Words[i]
		if got == nil {
			got = []string{}
		}
		if !slices.Equal(got, c.Words) || !slices.Equal(search.Words(c.Text), c.Words) {
			t.Errorf("%q: browser %q, generator %q, want %q", c.Text, got, search.Words(c.Text), c.Words)
		}
	}
}

// exampleSite builds the repository's example site under
// https://example.org/quality/ into a temporary folder, once for the
// package's tests.
var exampleSite = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "plinth-search-example-")
	if err != nil {
		return "", err
	}
	exampleDir = dir
	dest := filepath.Join(dir, "public")
	_, diags := pipeline.Run(pipeline.Options{
		Source: "../..", Destination: dest, BaseURL: "https://example.org/quality/",
		Now: time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC), Write: true,
	})
	if diags.HasErrors() {
		var b strings.Builder
		diag.Print(&b, diags, 0)
		return "", &buildError{b.String()}
	}
	return dest, nil
})

type buildError struct{ msg string }

func (e *buildError) Error() string { return "the example site does not build:\n" + e.msg }

// exampleDir is the folder exampleSite made, if a test asked for it: the
// folder is removed even when the build failed, and no test that needs
// the example site means no build at all.
var exampleDir string

func TestMain(m *testing.M) {
	code := m.Run()
	if exampleDir != "" {
		os.RemoveAll(exampleDir)
	}
	os.Exit(code)
}

// TestExampleQueries runs queries through the browser's module against
// the example site's index, as a reader would type them.
func TestExampleQueries(t *testing.T) {
	dir, err := exampleSite()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query   nodeQuery
		first   string // the first result's address
		edition string // every framework result's edition, if set ("-" for none at all)
		marked  string // a word the first result's snippet or title highlights
	}{
		{nodeQuery{Q: "1.3"}, "framework/2021/standards/1-3/", "", ""},
		{nodeQuery{Q: "standard 1.3"}, "framework/2021/standards/1-3/", "", "1.3"},
		{nodeQuery{Q: "Standard 4.2 "}, "framework/2021/standards/4-2/", "", ""},
		// A clause of a standard is the standard; a list of IDs finds
		// each of them.
		{nodeQuery{Q: "1.3.1"}, "framework/2021/standards/1-3/", "", "1.3"},
		{nodeQuery{Q: "3.4 and 3.5"}, "framework/2021/standards/3-4/", "", ""},
		// An ID as readers also write it: a comma for the point, the
		// hyphen of its address, said aloud. A pair the index has no ID
		// for stays two numbers ("1-7": the methodology's small counts).
		{nodeQuery{Q: "3,5"}, "framework/2021/standards/3-5/", "", ""},
		{nodeQuery{Q: "3-6 wellbeing"}, "framework/2021/standards/3-6/", "", "wellbeing"},
		{nodeQuery{Q: "standard three point one"}, "framework/2021/standards/3-1/", "", ""},
		{nodeQuery{Q: "counts 1-7"}, "action-plans/methodology/", "", ""},
		// After "standard", a space for the point, and numbers said
		// aloud without it.
		{nodeQuery{Q: "standard 3 6"}, "framework/2021/standards/3-6/", "", ""},
		{nodeQuery{Q: "standard three six wellbeing"}, "framework/2021/standards/3-6/", "", "wellbeing"},
		// A standard only a superseded edition has is searched there.
		{nodeQuery{Q: "5.5"}, "framework/2016/standards/5-5/", "2016", ""},
		// Full-width letters, as some keyboards type them.
		{nodeQuery{Q: "ＩＮＤＵＣＴＩＯＮ"}, "framework/2021/standards/3-4/", "", "induction"},
		// An ID typed after letters, without a space: a letter on its own
		// is left out, a word is kept.
		{nodeQuery{Q: "S1.3"}, "framework/2021/standards/1-3/", "", "1.3"},
		{nodeQuery{Q: "standard2.1"}, "framework/2021/standards/2-1/", "", "2.1"},
		{nodeQuery{Q: "1.3", Edition: "2019"}, "framework/2019/standards/1-3/", "", ""},
		{nodeQuery{Q: "1.3", Edition: "2016"}, "framework/2016/standards/1-3/", "2016", ""},
		// A query that names a superseded edition by its key searches that
		// edition, as if it were chosen; its pages need not have the key.
		{nodeQuery{Q: "1.3 2016"}, "framework/2016/standards/1-3/", "2016", "1.3"},
		{nodeQuery{Q: "2019 edition"}, "framework/2019/", "2019", ""},
		{nodeQuery{Q: "induction 2019"}, "framework/2019/standards/3-4/", "2019", "induction"},
		// A word of an edition's title no other edition's title has
		// names it too: the draft out for consultation, the last year of
		// "2019 to 2020".
		{nodeQuery{Q: "have my say on the draft standards"}, "framework/2027/", "2027", ""},
		{nodeQuery{Q: "induction 2020"}, "framework/2019/standards/3-4/", "2019", "induction"},
		// The edition in force is searched anyway; a key alone is a word.
		{nodeQuery{Q: "2021 edition"}, "framework/2021/", "2021", ""},
		{nodeQuery{Q: "2016"}, "", "", ""},
		// The standard and the guidance page are both called "Induction".
		{nodeQuery{Q: "induction"}, "framework/2021/standards/3-4/", "", "induction"},
		{nodeQuery{Q: "INDÚCTIONS"}, "framework/2021/standards/3-4/", "", "induction"},
		{nodeQuery{Q: "library"}, "guidance/facilities-and-library-access/", "", "library"},
		{nodeQuery{Q: "librar"}, "guidance/facilities-and-library-access/", "", ""},
		{nodeQuery{Q: "supervision", Section: "guidance"}, "guidance/clinical-supervision/", "-", "supervision"},
		{nodeQuery{Q: "wellbeing", Section: "framework"}, "", "2021", ""},
		// The strategy's programmes are found by name, on the page that
		// explains each.
		{nodeQuery{Q: "Intensive Support Framework"}, "strategy/improving-quality/", "", ""},
		{nodeQuery{Q: "Quality Improvement Register"}, "strategy/improving-quality/", "", ""},
		{nodeQuery{Q: "Patient Safety Syllabus"}, "strategy/culture-and-principles/", "", ""},
		{nodeQuery{Q: "escalating concerns"}, "guidance/raising-concerns/", "", ""},
		// A form of a synonym group's word the site never writes leads to
		// the group ("quit", "whistleblowing").
		{nodeQuery{Q: "quitting"}, "framework/2021/standards/6-1/", "", ""},
		{nodeQuery{Q: "whistleblower protection"}, "guidance/raising-concerns/", "", ""},
		// A word of the reader's the site does not use, beside the word
		// of a subject on a tenth of the pages, still finds the subject
		// (a word on a fifth of them would not: unanswered).
		{nodeQuery{Q: "induction was useless"}, "framework/2021/standards/3-4/", "", "induction"},
		{nodeQuery{Q: "my supervisor is rude"}, "guidance/clinical-supervision/", "", ""},
		// A word alone weighs as much on standards that mention it as on
		// the page it names; the page whose title has it comes first.
		{nodeQuery{Q: "contact"}, "contact/", "", "contact"},
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
		t.Logf("%+v: %d results, %d bytes: %s", tt.query, got.Total, got.Bytes, strings.Join(urls, " "))
		if len(got.Results) == 0 {
			t.Errorf("%+v found nothing", tt.query)
			continue
		}
		if tt.first != "" && got.Results[0].URL != tt.first {
			t.Errorf("%+v: first result %s, want %s", tt.query, got.Results[0].URL, tt.first)
		}
		for _, r := range got.Results {
			switch {
			case tt.edition == "-" && r.Edition != "":
				t.Errorf("%+v: result %s is in edition %q, want none", tt.query, r.URL, r.Edition)
			case tt.edition != "" && tt.edition != "-" && r.Edition != "" && r.Edition != tt.edition:
				t.Errorf("%+v: result %s is in edition %q, want %q", tt.query, r.URL, r.Edition, tt.edition)
			}
		}
		first := got.Results[0]
		if marked := slices.Concat(first.Marked, first.TitleMarked); tt.marked != "" &&
			!slices.ContainsFunc(marked, func(m string) bool { return strings.HasPrefix(strings.ToLower(m), tt.marked) }) {
			t.Errorf("%+v: the first result highlights %q, want %q", tt.query, marked, tt.marked)
		}
		if got.Bytes > 300<<10 {
			t.Errorf("%+v downloaded %d bytes", tt.query, got.Bytes)
		}
	}
}
