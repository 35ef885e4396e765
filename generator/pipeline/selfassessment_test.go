package pipeline

import (
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
)

// islandPattern finds the self-assessment's data island.
var islandPattern = regexp.MustCompile(`<script type="application/json" id="sa-data">([^<]*)</script>`)

// TestExampleSelfAssessment checks the example site's self-assessment as
// built, without a browser: only the edition in force has one, besides the
// 2027 edition out for consultation (a rehearsal); its data
// island lists exactly the standards of the edition's standards.json, and
// says where each 2019 and 2016 standard went; the page shows every
// standard's wording and evidence for readers without JavaScript; it loads
// its own script and stylesheet; and the schema published beside it is
// docs/schemas' copy.
func TestExampleSelfAssessment(t *testing.T) {
	files := exampleSite(t)
	for _, p := range sortedPaths(files) {
		if strings.HasSuffix(p, "/self-assessment/index.html") && p != "framework/2021/self-assessment/index.html" &&
			p != "framework/2027/self-assessment/index.html" && !strings.HasPrefix(p, "framework/latest/") {
			t.Errorf("%s: only the edition in force, and one out for consultation, has a self-assessment", p)
		}
	}
	html := files["framework/2021/self-assessment/index.html"]
	m := islandPattern.FindSubmatch(html)
	if m == nil {
		t.Fatal("framework/2021/self-assessment/index.html has no data island")
	}
	var island struct {
		Edition   string `json:"edition"`
		Schema    string `json:"schema"`
		Standards []struct {
			ID          string `json:"id"`
			Title       string `json:"title"`
			Fingerprint string `json:"fingerprint"`
		} `json:"standards"`
		Editions []struct {
			Key       string `json:"key"`
			Later     bool   `json:"later"`
			Standards []struct {
				ID   string   `json:"id"`
				Into []string `json:"into"`
			} `json:"standards"`
		} `json:"editions"`
	}
	if err := json.Unmarshal(m[1], &island); err != nil {
		t.Fatalf("the data island is not JSON: %v", err)
	}
	var std standardsFile
	if err := json.Unmarshal(files["framework/2021/standards.json"], &std); err != nil {
		t.Fatal(err)
	}
	if len(island.Standards) != len(std.Standards) || island.Edition != "2021" ||
		island.Schema != "https://quality.example.org/framework/2021/self-assessment/self-assessment.schema.json" {
		t.Fatalf("island: edition %q, schema %q, %d standards; want 2021, the schema beside the page, %d standards",
			island.Edition, island.Schema, len(island.Standards), len(std.Standards))
	}
	for i, s := range island.Standards {
		if want := "2021:" + s.ID; std.Standards[i].Ref != want || len(s.Fingerprint) != 16 {
			t.Errorf("island standard %d is %s (fingerprint %q), standards.json's is %s", i, s.ID, s.Fingerprint, std.Standards[i].Ref)
		}
		if !bytes.Contains(html, []byte(`id="standard-`+strings.Replace(s.ID, ".", "-", 1)+`" data-sa-standard="`+s.ID+`"`)) {
			t.Errorf("the page has no section for standard %s", s.ID)
		}
	}
	// Where 2019's standards went, as the 2019 to 2021 comparison says.
	into := map[string]string{}
	for _, e := range island.Editions {
		for _, s := range e.Standards {
			into[e.Key+":"+s.ID] = strings.Join(s.Into, "+")
		}
	}
	for ref, want := range map[string]string{"2019:1.3": "1.3", "2019:2.1": "2.1", "2019:2.2": "2.1", "2019:2.3": "2.2", "2019:3.5": "", "2019:3.6": "3.5", "2016:1.1": "1.1"} {
		if got, ok := into[ref]; !ok || got != want {
			t.Errorf("the island says %s went into %q, want %q", ref, got, want)
		}
	}
	for _, want := range []string{
		`<p class="plinth-sa-nojs" data-sa-nojs><strong>Saving answers needs JavaScript`,
		`<h4>Examples of evidence</h4>`,
		`<template id="sa-form">`,
		`/assets/js/self-assessment.`,
		`/assets/css/self-assessment.`,
	} {
		if !bytes.Contains(html, []byte(want)) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if n := bytes.Count(html, []byte(`<h4>Examples of evidence</h4>`)); n != len(island.Standards) {
		t.Errorf("%d lists of evidence examples, want one per standard (%d)", n, len(island.Standards))
	}
	schema, err := os.ReadFile("../../docs/schemas/self-assessment.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(files["framework/2021/self-assessment/self-assessment.schema.json"], schema) {
		t.Error("the schema published beside the page differs from docs/schemas/self-assessment.schema.json")
	}
	for _, p := range []string{"framework/index.html", "framework/2021/index.html"} {
		if !bytes.Contains(files[p], []byte(`href="/framework/2021/self-assessment/"`)) {
			t.Errorf("%s does not link to the self-assessment", p)
		}
	}
	if bytes.Contains(files["framework/2021/print/index.html"], []byte("/assets/js/self-assessment.")) {
		t.Error("another page loads the self-assessment's script")
	}
}
