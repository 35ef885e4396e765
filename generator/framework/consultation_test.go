package framework

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/plinth-ssg/plinth/generator/config"
	"github.com/plinth-ssg/plinth/generator/content"
	"github.com/plinth-ssg/plinth/generator/site"
)

// TestConsultationClosed holds the day a consultation closes: responses
// are taken until the end of the closing day, by the build's date.
func TestConsultationClosed(t *testing.T) {
	tests := []struct {
		name   string
		closes string // consultation_closes, or "" for none
		now    time.Time
		want   bool
	}{
		{"no closing date", "", time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), false},
		{"weeks before", "2027-03-31", time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC), false},
		{"on the closing day", "2027-03-31", time.Date(2027, 3, 31, 23, 59, 0, 0, time.UTC), false},
		{"the day after", "2027-03-31", time.Date(2027, 4, 1, 0, 0, 0, 0, time.UTC), true},
		{"months after", "2027-03-31", time.Date(2027, 9, 1, 0, 0, 0, 0, time.UTC), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			closes := ""
			if tt.closes != "" {
				closes = "consultation_closes = " + tt.closes + "\n"
			}
			fsys := fstest.MapFS{
				"site.toml":                        {Data: []byte(fixtureSite)},
				"themes/t/README":                  {Data: []byte("theme")},
				"content/framework/2027/_index.md": {Data: []byte("+++\ntitle = \"Edition 2027\"\nstatus = \"consultation\"\n" + closes + "+++\n")},
			}
			cfg, diags := config.Load(fsys, config.Options{})
			if cfg == nil || diags.HasErrors() {
				t.Fatalf("site.toml: %v", diags)
			}
			loaded, d := content.Load(fsys, content.Options{Schemas: []content.Schema{Schema}})
			if d.HasErrors() {
				t.Fatalf("content: %v", d)
			}
			res, _ := Build(cfg, loaded.Pages, site.Publish{Now: tt.now}, loaded.Failed)
			e := res.Framework.Edition("2027")
			if e == nil || !e.Published {
				t.Fatalf("the edition out for consultation is not published without --drafts")
			}
			if got := e.ConsultationClosed(); got != tt.want {
				t.Errorf("ConsultationClosed() = %v, want %v (closes %q, build date %s)", got, tt.want, tt.closes, tt.now.Format(time.DateTime))
			}
		})
	}
}

// TestProposals holds what a standard in force says of an edition out for
// consultation: the standards that would continue it there, through
// replaces, and nothing on the pages of other editions' standards.
func TestProposals(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/pages-consultation.txtar")
	if err != nil {
		t.Fatal(err)
	}
	res, _ := buildFixture(t, ar)
	f := res.Framework
	tests := []struct {
		ref  string
		want string // "edition:standards" per row, or "" for none
	}{
		{"2021:1.1", "2027:[2027:1.1]"},
		{"2027:1.1", ""},
	}
	for _, tt := range tests {
		s, u := f.Resolve(mustRef(t, tt.ref))
		if u != nil {
			t.Fatalf("%s: %s", tt.ref, u.Msg)
		}
		var rows []string
		for _, r := range s.Proposals() {
			var refs []string
			for _, o := range r.Standards {
				refs = append(refs, o.Ref().String())
			}
			rows = append(rows, r.Edition.Key+":["+strings.Join(refs, " ")+"]")
		}
		if got := strings.Join(rows, " "); got != tt.want {
			t.Errorf("%s.Proposals() = %q, want %q", tt.ref, got, tt.want)
		}
	}
}

func mustRef(t *testing.T, s string) StandardRef {
	t.Helper()
	r, err := ParseRef(s)
	if err != nil {
		t.Fatalf("%s: %v", s, err)
	}
	return r
}
