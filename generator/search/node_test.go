package search_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// The browser's half of search (themes/plinth/assets/js/search-core.mjs)
// runs in Node for these tests, through testdata/run.mjs. Without Node
// they skip, unless PLINTH_REQUIRE_BROWSER is set, as CI sets it.

// nodeRequest and nodeResponse mirror run.mjs's input and output.
type nodeRequest struct {
	Texts    []string    `json:"texts,omitempty"`
	Site     string      `json:"site,omitempty"`
	Manifest string      `json:"manifest,omitempty"`
	Queries  []nodeQuery `json:"queries,omitempty"`
}

type nodeQuery struct {
	Q       string `json:"q"`
	Edition string `json:"edition,omitempty"`
	Section string `json:"section,omitempty"`
	// Typed takes the words as typed, without correcting misspellings.
	Typed bool `json:"typed,omitempty"`
}

type nodeResponse struct {
	Words   [][]string   `json:"words"`
	Queries []nodeAnswer `json:"queries"`
}

// nodeAnswer is run.mjs's answer to one query.
type nodeAnswer struct {
	Q       string `json:"q"`
	Total   int    `json:"total"`
	Partial bool   `json:"partial"`
	// Correction is the query as corrected, if a word was misspelt.
	Correction string `json:"correction"`
	Bytes      int    `json:"bytes"`
	// Fetched are the addresses the query downloaded, in order.
	Fetched []string `json:"fetched"`
	Results []struct {
		URL     string   `json:"url"`
		Title   string   `json:"title"`
		Score   float64  `json:"score"`
		Edition string   `json:"edition"`
		Section string   `json:"section"`
		Marked  []string `json:"marked"`
		// TitleMarked are the words highlighted in the title.
		TitleMarked []string `json:"titleMarked"`
	} `json:"results"`
}

// urls returns the addresses of the results, in order.
func (a nodeAnswer) urls() []string {
	var out []string
	for _, r := range a.Results {
		out = append(out, r.URL)
	}
	return out
}

func runNode(tb testing.TB, req nodeRequest) nodeResponse {
	tb.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("PLINTH_REQUIRE_BROWSER") != "" {
			tb.Fatalf("node is needed to test the browser's search module: %v", err)
		}
		tb.Skipf("SKIPPED: node is not installed, so the browser's search module is not tested (%v)", err)
	}
	in, err := json.Marshal(req)
	if err != nil {
		tb.Fatal(err)
	}
	touchScripts(tb)
	cmd := exec.Command(node, "testdata/run.mjs")
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		tb.Fatalf("node testdata/run.mjs: %v\n%s", err, stderr.String())
	}
	var resp nodeResponse
	if err := json.Unmarshal(out, &resp); err != nil {
		tb.Fatalf("reading run.mjs's answer: %v\n%s", err, out)
	}
	return resp
}

// touchScripts reads the scripts Node runs, so that Go's test cache, which
// keys a cached result on the files the test process itself opened, runs
// the tests again after an edit to the browser's search code (Node's reads
// are not seen).
func touchScripts(tb testing.TB) {
	tb.Helper()
	files, err := filepath.Glob("../../themes/plinth/assets/js/search*.mjs")
	if err != nil || len(files) == 0 {
		tb.Fatalf("finding the browser's search modules: %v (found %d)", err, len(files))
	}
	more, _ := filepath.Glob("testdata/*.mjs")
	for _, f := range append(files, more...) {
		if _, err := os.ReadFile(f); err != nil {
			tb.Fatal(err)
		}
	}
}
