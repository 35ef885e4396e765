package framework

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"os/exec"
	"reflect"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/tools/txtar"
)

// The self-assessment's rules run in the reader's browser
// (themes/plinth/assets/js/self-assessment-core.mjs); these tests run them
// in Node, through testdata/self-assessment-run.mjs, against the data
// island the framework makes for testdata/self-assessment.txtar. Without
// Node they skip, unless PLINTH_REQUIRE_BROWSER is set, as CI sets it.

type nodeResult struct {
	Problems []string        `json:"problems"`
	Document json.RawMessage `json:"document"`
	Again    json.RawMessage `json:"again"`
	CSV      string          `json:"csv"`
	Report   struct {
		From     *string `json:"from"`
		Answered int     `json:"answered"`
		Carried  []struct {
			ID   string `json:"id"`
			From string `json:"from"`
		} `json:"carried"`
		Merged []struct {
			ID   string   `json:"id"`
			From []string `json:"from"`
		} `json:"merged"`
		Split []struct {
			From string   `json:"from"`
			Into []string `json:"into"`
		} `json:"split"`
		Review  []string `json:"review"`
		Removed []struct {
			ID       string `json:"id"`
			Title    string `json:"title"`
			Answered bool   `json:"answered"`
		} `json:"removed"`
		Added   []string `json:"added"`
		Trimmed []string `json:"trimmed"`
	} `json:"report"`
}

// exportedAnswer is one standard of a document, as the tests read it.
type exportedAnswer struct {
	ID          string   `json:"id"`
	Rating      string   `json:"rating"`
	Notes       string   `json:"notes"`
	Actions     []action `json:"actions"`
	Fingerprint string   `json:"fingerprint"`
	CarriedFrom []string `json:"carried_from"`
}

type action struct {
	Action    string `json:"action"`
	OwnerRole string `json:"owner_role"`
	Due       string `json:"due"`
}

func runCore(t *testing.T, tool json.RawMessage, files []string) ([]nodeResult, bool) {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("PLINTH_REQUIRE_BROWSER") != "" {
			t.Fatalf("node is needed to test the self-assessment's script: %v", err)
		}
		t.Skipf("SKIPPED: node is not installed, so the self-assessment's script is not tested (%v)", err)
	}
	// Node reads the scripts, not this process, so go test would not see
	// them change and would replay a cached result; reading them here
	// makes them part of the cache key.
	for _, script := range []string{"testdata/self-assessment-run.mjs", "../../themes/plinth/assets/js/self-assessment-core.mjs"} {
		if _, err := os.ReadFile(script); err != nil {
			t.Fatal(err)
		}
	}
	in, err := json.Marshal(map[string]any{"tool": tool, "files": files})
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, "testdata/self-assessment-run.mjs")
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node testdata/self-assessment-run.mjs: %v\n%s", err, stderr.String())
	}
	var resp struct {
		Results  []nodeResult `json:"results"`
		Polluted bool         `json:"polluted"`
	}
	if err := json.Unmarshal(out, &resp); err != nil {
		t.Fatalf("reading the runner's answer: %v\n%s", err, out)
	}
	if len(resp.Results) != len(files) {
		t.Fatalf("%d results for %d files", len(resp.Results), len(files))
	}
	return resp.Results, resp.Polluted
}

// fixtureFramework builds testdata/self-assessment.txtar.
func fixtureFramework(t *testing.T) *Framework {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/self-assessment.txtar")
	if err != nil {
		t.Fatal(err)
	}
	res, diags := buildFixture(t, ar)
	if diags.HasErrors() {
		t.Fatalf("the fixture does not build: %v", diags)
	}
	return res.Framework
}

// file writes an assessment file of an edition with the given standards.
func file(edition string, standards ...map[string]any) string {
	if standards == nil {
		standards = []map[string]any{}
	}
	b, _ := json.Marshal(map[string]any{"tool": SelfAssessmentTool, "tool_version": SelfAssessmentVersion, "edition": edition, "standards": standards})
	return string(b)
}

// answer is one standard's answer, with every required field.
func answer(id, rating, notes, fingerprint string, actions ...action) map[string]any {
	if actions == nil {
		actions = []action{}
	}
	return map[string]any{"id": id, "rating": rating, "notes": notes, "actions": actions, "fingerprint": fingerprint}
}

func fingerprints(e *Edition) map[string]string {
	out := map[string]string{}
	for _, s := range e.Standards {
		out[s.ID.String()] = s.Fingerprint()
	}
	return out
}

func answers(t *testing.T, doc json.RawMessage) map[string]exportedAnswer {
	t.Helper()
	var d struct {
		Edition   string           `json:"edition"`
		Standards []exportedAnswer `json:"standards"`
	}
	if err := json.Unmarshal(doc, &d); err != nil {
		t.Fatal(err)
	}
	out := map[string]exportedAnswer{}
	for _, a := range d.Standards {
		out[a.ID] = a
	}
	return out
}

// TestSelfAssessmentImport feeds the script's import every kind of file: a
// good one of the same edition, a 2019 one carried into 2021, and hostile
// ones. Each good file is imported, exported and imported again unchanged;
// each hostile one is refused with a message naming the field and the
// standard. Every file is also checked against the published JSON Schema,
// which must agree with the script about the file's shape.
func TestSelfAssessmentImport(t *testing.T) {
	f := fixtureFramework(t)
	e21, e19 := f.Edition("2021"), f.Edition("2019")
	tool := json.RawMessage(e21.SelfAssessment.Data())
	fp19, fp21 := fingerprints(e19), fingerprints(e21)
	plan := action{Action: "Review the rota", OwnerRole: "Practice education lead", Due: "2027-03-31"}
	hostileHTML := `<img src=x onerror="alert(1)"><script>alert(2)</script>`

	schema, err := jsonschema.NewCompiler().Compile("self-assessment.schema.json")
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name string
		file string
		// schema is whether the file has the format's shape; ok whether
		// the import takes it; problem is a phrase the refusal must say.
		schema, ok bool
		problem    string
		check      func(t *testing.T, r nodeResult)
	}{
		{name: "same edition", file: file("2021",
			answer("1.1", "met", "Audit of incidents, 2026.", fp21["1.1"]),
			answer("1.3", "partly-met", "", fp21["1.3"], plan),
			answer("2.3", "not-applicable", "No shared data.", fp19["2.2"])),
			schema: true, ok: true,
			check: func(t *testing.T, r nodeResult) {
				got := answers(t, r.Document)
				if got["1.1"].Rating != "met" || got["1.3"].Actions[0] != plan || got["1.4"].Rating != NotAssessed {
					t.Errorf("answers not taken as they are: %+v", got)
				}
				if r.Report.From != nil || r.Report.Answered != 3 || strings.Join(r.Report.Review, " ") != "2.3" {
					t.Errorf("report %+v: want 3 answered, only 2.3 (given for other wording) to review", r.Report)
				}
			}},
		{name: "2019 carried into 2021", file: file("2019",
			answer("1.1", "met", "Incident audit.", fp19["1.1"]),
			answer("1.2", "met", "", fp19["1.2"]),
			answer("1.3", "partly-met", "", fp19["1.3"], plan),
			answer("1.4", "met", "Rota audit.", fp19["1.4"]),
			answer("1.5", "not-met", "Breaks missed.", fp19["1.5"], action{Action: "Protect breaks", OwnerRole: "Ward manager", Due: ""}),
			answer("2.1", "partly-met", "Board minutes.", fp19["2.1"]),
			answer("2.2", "met", "Data sharing agreement.", fp19["2.2"])),
			schema: true, ok: true,
			check: func(t *testing.T, r nodeResult) {
				got := answers(t, r.Document)
				want := map[string]exportedAnswer{
					"1.1": {Rating: "met", Notes: "Incident audit.", Fingerprint: fp19["1.1"], CarriedFrom: []string{"2019:1.1"}},
					"1.2": {Rating: "partly-met", Notes: "", Actions: []action{plan}, Fingerprint: fp19["1.3"], CarriedFrom: []string{"2019:1.3"}},
					"1.3": {Rating: "not-met", Notes: "From standard 1.4 of the 2019 edition:\nRota audit.\n\nFrom standard 1.5 of the 2019 edition:\nBreaks missed.",
						Actions: []action{{Action: "Protect breaks", OwnerRole: "Ward manager"}}, CarriedFrom: []string{"2019:1.4", "2019:1.5"}},
					"1.4": {Rating: NotAssessed, Actions: []action{}, CarriedFrom: []string{}},
					"2.1": {Rating: "partly-met", Notes: "Board minutes.", Fingerprint: fp19["2.1"], CarriedFrom: []string{"2019:2.1"}},
					"2.2": {Rating: "partly-met", Notes: "Board minutes.", Fingerprint: fp19["2.1"], CarriedFrom: []string{"2019:2.1"}},
					"2.3": {Rating: "met", Notes: "Data sharing agreement.", Fingerprint: fp19["2.2"], CarriedFrom: []string{"2019:2.2"}},
				}
				for id, w := range want {
					w.ID = id
					if w.Actions == nil {
						w.Actions = []action{}
					}
					if !reflect.DeepEqual(got[id], w) {
						t.Errorf("2021 standard %s:\n got %+v\nwant %+v", id, got[id], w)
					}
				}
				// 1.1 kept its words and 1.2 is 2019's 1.3 renumbered with
				// the same words: their fingerprints match 2021's, so only
				// the merged, split and reworded ones need review.
				if fp19["1.1"] != fp21["1.1"] || fp19["1.3"] != fp21["1.2"] {
					t.Fatal("the fixture's unchanged standards do not share fingerprints")
				}
				rep := r.Report
				if rep.From == nil || *rep.From != "2019" || rep.Answered != 6 ||
					strings.Join(rep.Review, " ") != "1.3 2.1 2.2 2.3" || strings.Join(rep.Added, " ") != "1.4" ||
					len(rep.Merged) != 1 || rep.Merged[0].ID != "1.3" || strings.Join(rep.Merged[0].From, " ") != "1.4 1.5" ||
					len(rep.Split) != 1 || rep.Split[0].From != "2.1" || strings.Join(rep.Split[0].Into, " ") != "2.1 2.2" ||
					len(rep.Removed) != 1 || rep.Removed[0].ID != "1.2" || !rep.Removed[0].Answered || rep.Removed[0].Title != "Old rule" ||
					len(rep.Carried) != 3 || rep.Carried[1].ID != "1.2" || rep.Carried[1].From != "1.3" {
					t.Errorf("report %+v", rep)
				}
				rows, err := csv.NewReader(strings.NewReader(r.CSV)).ReadAll()
				if err != nil {
					t.Fatalf("the CSV does not parse: %v", err)
				}
				if len(rows) != 1+len(e21.Standards) {
					t.Fatalf("the CSV has %d rows, want a header and one per standard (%d)", len(rows), len(e21.Standards))
				}
				if h := strings.Join(rows[0], ","); h != "edition,id,domain,domain_title,title,rating,notes,actions,owner_roles,due_dates,needs_review,carried_from" {
					t.Errorf("CSV header %s", h)
				}
				if r3 := rows[3]; r3[1] != "1.3" || r3[5] != "Not met" || r3[10] != "yes" || r3[11] != "2019:1.4\n2019:1.5" || r3[8] != "Ward manager" {
					t.Errorf("CSV row of 1.3: %q", r3)
				}
			}},
		{name: "html and formulas are text", file: file("2021",
			answer("1.1", "met", hostileHTML, fp21["1.1"], action{Action: "=HYPERLINK(\"http://x\")", OwnerRole: "@lead", Due: "2027-01-01"}),
			answer("1.2", "not-met", "-1 learners\nsecond line, with \"quotes\"", fp21["1.2"])),
			schema: true, ok: true,
			check: func(t *testing.T, r nodeResult) {
				if got := answers(t, r.Document)["1.1"].Notes; got != hostileHTML {
					t.Errorf("notes came back as %q, want them exactly as written", got)
				}
				rows, err := csv.NewReader(strings.NewReader(r.CSV)).ReadAll()
				if err != nil {
					t.Fatal(err)
				}
				if rows[1][7] != "'=HYPERLINK(\"http://x\")" || rows[1][8] != "'@lead" || rows[2][6] != "'-1 learners\nsecond line, with \"quotes\"" {
					t.Errorf("CSV cells not guarded against formulas: %q / %q", rows[1], rows[2])
				}
			}},
		{name: "not JSON", file: "{\"tool\": ", problem: "not valid JSON"},
		{name: "a list", file: "[]", problem: "not an assessment"},
		{name: "another tool", file: `{"tool": "something-else", "standards": []}`, problem: `"tool" field should be "plinth-self-assessment"`},
		{name: "newer version", file: `{"tool": "plinth-self-assessment", "tool_version": 2, "edition": "2021", "standards": []}`, problem: "newer version"},
		{name: "unknown edition", file: file("1999"), schema: true, problem: `edition "1999", which this framework does not have. This page can import assessments of the 2019 or 2021 editions`},
		{name: "later edition", file: file("2024"), schema: true, problem: "later than this one (2021). Import it into the 2024 edition's self-assessment"},
		{name: "wrong types", file: `{"tool": "plinth-self-assessment", "tool_version": 1, "edition": 2021, "standards": [
			{"id": "1.1", "rating": 42, "notes": ["a"], "actions": "none", "fingerprint": ""},
			{"id": 1.2, "rating": "met", "notes": "", "actions": [], "fingerprint": ""}]}`,
			problem: `Standard 1.1: "rating" is 42 (a number), but must be one of "met", "partly-met", "not-met", "not-applicable" or "not-assessed".`},
		{name: "unknown standard", file: file("2021", answer("9.9", "met", "", "")), schema: true, problem: "Standard 9.9 is not a standard of the 2021 edition."},
		{name: "2019 standard unknown", file: file("2019", answer("3.1", "met", "", "")), schema: true, problem: "Standard 3.1 is not a standard of the 2019 edition"},
		{name: "twice", file: file("2021", answer("1.1", "met", "", fp21["1.1"]), answer("1.1", "not-met", "", fp21["1.1"])), schema: true, problem: "Standard 1.1 is in the file twice"},
		{name: "prototype at the top", file: `{"tool": "plinth-self-assessment", "tool_version": 1, "edition": "2021", "standards": [], "__proto__": {"polluted": true}}`,
			problem: `The file has a field "__proto__", which an assessment does not have`},
		{name: "prototype in a standard", file: file("2021", map[string]any{"id": "1.1", "rating": "met", "notes": "", "actions": []action{}, "fingerprint": "",
			"__proto__": map[string]any{"isAdmin": true}, "constructor": map[string]any{"prototype": map[string]any{"polluted": true}}}),
			problem: `Standard 1.1 has a field "__proto__"`},
		{name: "prototype in an action", file: file("2021", map[string]any{"id": "1.1", "rating": "met", "notes": "", "fingerprint": "",
			"actions": []map[string]any{{"action": "a", "owner_role": "b", "due": "", "__proto__": map[string]any{"polluted": true}}}}),
			problem: `Standard 1.1, action 1 has a field "__proto__"`},
		{name: "notes too long", file: file("2021", answer("1.1", "met", strings.Repeat("é", SelfAssessmentLimits.Notes+1), "")),
			problem: `Standard 1.1: "notes" is 10,001 characters long; at most 10,000 are allowed.`},
		{name: "too many standards", file: file("2021", manyAnswers(SelfAssessmentLimits.Standards+1)...), problem: "lists 1001 standards"},
		{name: "impossible date", file: file("2021", answer("1.1", "met", "", "", action{Action: "a", OwnerRole: "b", Due: "2027-02-30"})),
			schema: true, problem: `Standard 1.1, action 1: "due" is "2027-02-30" (text), but must be a date`},
		{name: "bad fingerprint", file: file("2021", answer("1.1", "met", "", "<b>")), problem: `"fingerprint" is "<b>" (text)`},
		{name: "missing fields", file: `{"tool": "plinth-self-assessment", "tool_version": 1, "edition": "2021", "standards": [{"id": "1.1"}]}`,
			problem: `Standard 1.1: "notes" is missing, but must be text.`},
	}
	var files []string
	for _, tt := range tests {
		files = append(files, tt.file)
	}
	results, polluted := runCore(t, tool, files)
	if polluted {
		t.Error("a file added a property to Object.prototype")
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := results[i]
			inst, err := jsonschema.UnmarshalJSON(strings.NewReader(tt.file))
			valid := err == nil && schema.Validate(inst) == nil
			if valid != tt.schema {
				t.Errorf("the schema says valid = %v, want %v", valid, tt.schema)
			}
			if tt.ok != (r.Problems == nil) {
				t.Fatalf("imported = %v, want %v; problems %q", r.Problems == nil, tt.ok, r.Problems)
			}
			if !tt.ok {
				if !strings.Contains(strings.Join(r.Problems, "\n"), tt.problem) {
					t.Errorf("problems %q do not say %q", r.Problems, tt.problem)
				}
				if len(r.Problems) > 21 {
					t.Errorf("%d problems listed; the list is capped at 20 and a count", len(r.Problems))
				}
				return
			}
			if !bytes.Equal(r.Document, r.Again) {
				t.Errorf("exported and imported again, the answers changed:\n%s\n%s", r.Document, r.Again)
			}
			tt.check(t, r)
		})
	}
}

func manyAnswers(n int) []map[string]any {
	out := make([]map[string]any, n)
	for i := range out {
		out[i] = answer("1."+strings.Repeat("1", 1+i%3), "met", "", "")
	}
	return out
}
