package framework

import (
	"bytes"
	"encoding/json"
	"os"
	"slices"
	"testing"
)

// TestFingerprint: two standards have the same fingerprint exactly when a
// comparison calls their wording the same, whatever their IDs, and moving
// words between the parts of a standard changes it.
func TestFingerprint(t *testing.T) {
	base := Standard{ID: StandardID{Domain: 1, Number: 1}, Title: "Safe care", Text: "Care is safe.",
		Must: []string{"Do one thing.", "Do another."}, Evidence: []string{"A record"}}
	tests := []struct {
		name   string
		change func(s *Standard)
		same   bool
	}{
		{"identical", func(*Standard) {}, true},
		{"renumbered", func(s *Standard) { s.ID = StandardID{Domain: 2, Number: 4} }, true},
		{"title", func(s *Standard) { s.Title = "Safe and kind care" }, false},
		{"text", func(s *Standard) { s.Text = "Care is safe and kind." }, false},
		{"must item", func(s *Standard) { s.Must = []string{"Do one thing.", "Do another thing."} }, false},
		{"must order", func(s *Standard) { s.Must = []string{"Do another.", "Do one thing."} }, false},
		{"evidence added", func(s *Standard) { s.Evidence = []string{"A record", "A survey"} }, false},
		{"item moved from must to evidence", func(s *Standard) {
			s.Must = []string{"Do one thing."}
			s.Evidence = []string{"Do another.", "A record"}
		}, false},
		{"words moved between title and text", func(s *Standard) {
			s.Title = "Safe care Care"
			s.Text = "is safe."
		}, false},
		{"two items joined", func(s *Standard) { s.Must = []string{"Do one thing.Do another."} }, false},
		{"empty evidence", func(s *Standard) { s.Evidence = nil }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := base
			s.Must, s.Evidence = slices.Clone(base.Must), slices.Clone(base.Evidence)
			tt.change(&s)
			got := s.Fingerprint() == base.Fingerprint()
			if got != tt.same || got != sameWording(&s, &base) {
				t.Errorf("same fingerprint = %v, sameWording = %v, want %v", got, sameWording(&s, &base), tt.same)
			}
			if fp := s.Fingerprint(); len(fp) != 16 {
				t.Errorf("fingerprint %q is not 16 hex digits", fp)
			}
		})
	}
}

// TestSelfAssessmentSchema holds docs/schemas/self-assessment.schema.json
// equal to the schema the build publishes, and the schema's limits, ratings
// and version equal to the ones the page's script is given, so that the
// file format is stated once in effect. Run with -update to copy the
// embedded schema to docs/schemas.
func TestSelfAssessmentSchema(t *testing.T) {
	const docs = "../../docs/schemas/" + SelfAssessmentSchema
	if *update {
		if err := os.WriteFile(docs, selfAssessmentSchema, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	published, err := os.ReadFile(docs)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(published, selfAssessmentSchema) {
		t.Errorf("%s differs from generator/framework/%s: run go test ./generator/framework -run TestSelfAssessmentSchema -update", docs, SelfAssessmentSchema)
	}
	var schema struct {
		Properties struct {
			Tool      struct{ Const string }
			Version   struct{ Const int } `json:"tool_version"`
			Standards struct{ MaxItems int }
		}
		Defs struct {
			Standard struct {
				Properties struct {
					Rating  struct{ Enum []string }
					Notes   struct{ MaxLength int }
					Actions struct{ MaxItems int }
				}
			}
			Action struct {
				Properties struct {
					Action    struct{ MaxLength int }
					OwnerRole struct{ MaxLength int } `json:"owner_role"`
				}
			}
		} `json:"$defs"`
	}
	if err := json.Unmarshal(selfAssessmentSchema, &schema); err != nil {
		t.Fatal(err)
	}
	p, d := schema.Properties, schema.Defs
	var keys []string
	for _, r := range Ratings {
		keys = append(keys, r.Key)
	}
	keys = append(keys, NotAssessed)
	checks := []struct {
		what      string
		got, want any
	}{
		{"tool", p.Tool.Const, SelfAssessmentTool},
		{"tool_version", p.Version.Const, SelfAssessmentVersion},
		{"standards maxItems", p.Standards.MaxItems, SelfAssessmentLimits.Standards},
		{"rating enum", d.Standard.Properties.Rating.Enum, keys},
		{"notes maxLength", d.Standard.Properties.Notes.MaxLength, SelfAssessmentLimits.Notes},
		{"actions maxItems", d.Standard.Properties.Actions.MaxItems, SelfAssessmentLimits.Actions},
		{"action maxLength", d.Action.Properties.Action.MaxLength, SelfAssessmentLimits.Action},
		{"owner_role maxLength", d.Action.Properties.OwnerRole.MaxLength, SelfAssessmentLimits.OwnerRole},
	}
	for _, c := range checks {
		g, _ := json.Marshal(c.got)
		w, _ := json.Marshal(c.want)
		if !bytes.Equal(g, w) {
			t.Errorf("the schema's %s is %s, but the page's script is given %s", c.what, g, w)
		}
	}
}
