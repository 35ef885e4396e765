package framework

import (
	"testing"
	"testing/fstest"
	"time"

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
			res, _ := Build(cfg, loaded.Pages, site.Publish{Now: tt.now})
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
