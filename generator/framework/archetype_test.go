package framework

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/plinth-ssg/plinth/generator/archetype"
	"github.com/plinth-ssg/plinth/generator/content"
	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/site"
	"github.com/plinth-ssg/plinth/generator/tomldecode"
)

// TestArchetypes scaffolds an edition, a domain, a standard and a guidance
// page with the default theme's archetypes (what plinth new does) and
// checks that each is found and decodes with the framework's keys, so a
// new file starts valid, with its review dates.
func TestArchetypes(t *testing.T) {
	fsys := os.DirFS("../..")
	dirs := []string{"archetypes", "themes/plinth/archetypes"}
	tests := []struct {
		rel, archetype string
		check          func(t *testing.T, extra any)
	}{
		{"framework/2025/_index.md", "themes/plinth/archetypes/framework/section-0.md", func(t *testing.T, extra any) {
			if m := extra.(*EditionMatter); m.Status != Draft {
				t.Errorf("a new edition must be a draft, got %q", m.Status)
			}
		}},
		{"framework/2025/3-supporting-learners/_index.md", "themes/plinth/archetypes/framework/section-1.md", func(t *testing.T, extra any) {
			if m := extra.(*DomainMatter); m.Domain != 3 {
				t.Errorf("domain = %d, want 3 from the folder name", m.Domain)
			}
		}},
		{"framework/2025/3-supporting-learners/3-7.md", "themes/plinth/archetypes/framework/page-2.md", func(t *testing.T, extra any) {
			if m := extra.(*StandardMatter); m.ID != (StandardID{3, 7}) {
				t.Errorf("id = %v, want 3.7 from the file name", m.ID)
			}
		}},
		{"guidance/placement-capacity.md", "themes/plinth/archetypes/guidance/page.md", func(t *testing.T, extra any) {
			_ = extra.(*GuidanceMatter)
		}},
	}
	for _, tt := range tests {
		text, used, err := archetype.New(fsys, dirs, tt.rel, archetype.Day{Today: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatalf("%s: %v", tt.rel, err)
		}
		if used != tt.archetype {
			t.Errorf("%s: used %q, want %q", tt.rel, used, tt.archetype)
		}
		parts, serr := content.Split(text)
		if serr != nil {
			t.Fatalf("%s: %s", tt.rel, serr.Msg)
		}
		src := diag.NewSource("content/"+tt.rel, text)
		var front site.FrontMatter
		extra := Schema(tt.rel)
		_, diags := tomldecode.Decode(src, parts.FrontStart, parts.FrontEnd, &front, extra)
		if len(diags) > 0 || strings.TrimSpace(front.Title) == "" {
			t.Errorf("%s: the scaffolded front matter does not decode cleanly: %v\n%s", tt.rel, diags, text)
			continue
		}
		// The README promises every new page its review dates.
		today, due := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 2, 0, 0, 0, 0, time.UTC)
		if !front.Reviewed.Equal(today) || !front.NextReview.Equal(due) {
			t.Errorf("%s: reviewed = %v, next_review = %v; want %v and a year later", tt.rel, front.Reviewed, front.NextReview, today)
		}
		tt.check(t, extra)
	}
}
