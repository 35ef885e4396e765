package archetype

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func TestCandidates(t *testing.T) {
	tests := map[string]string{
		"about.md":                     "default.md",
		"guidance/induction.md":        "guidance/page-0.md guidance/page.md guidance.md default.md",
		"framework/2025/_index.md":     "framework/section-0.md framework/section.md framework.md default.md",
		"framework/2025/1-x/_index.md": "framework/section-1.md framework/section.md framework.md default.md",
		"framework/2025/1-x/1-7.md":    "framework/page-2.md framework/page.md framework.md default.md",
		"guidance/photos/index.md":     "guidance/bundle-0.md guidance/bundle.md guidance.md default.md",
	}
	for rel, want := range tests {
		if got := strings.Join(Candidates(rel), " "); got != want {
			t.Errorf("Candidates(%q) = %q, want %q", rel, got, want)
		}
	}
}

func TestNew(t *testing.T) {
	fsys := fstest.MapFS{
		"archetypes/framework/page-2.md":       {Data: []byte(`id = "{{ replace "-" "." .Name }}" in {{ index .Parts 1 }}`)},
		"themes/t/archetypes/default.md":       {Data: []byte(`theme {{ .Title }} {{ .Date }}`)},
		"themes/t/archetypes/framework/bad.md": {Data: []byte(`{{ .Nope }}`)},
	}
	dirs := []string{"archetypes", "themes/t/archetypes"}
	day := time.Date(2026, 11, 29, 15, 0, 0, 0, time.UTC)
	out, used, err := New(fsys, dirs, "framework/2025/1-x/1-7.md", day)
	if err != nil || string(out) != `id = "1.7" in 2025` || used != "archetypes/framework/page-2.md" {
		t.Errorf("standard: %q %q %v", out, used, err)
	}
	out, used, err = New(fsys, dirs, "guidance/learner-wellbeing.md", day)
	if err != nil || string(out) != "theme Learner wellbeing 2026-11-29" || used != "themes/t/archetypes/default.md" {
		t.Errorf("default: %q %q %v", out, used, err)
	}
	out, used, err = New(fstest.MapFS{}, dirs, "a.md", day)
	if err != nil || used != "" || !strings.Contains(string(out), `title = "A"`) || !strings.Contains(string(out), "draft = true") {
		t.Errorf("built-in: %q %q %v", out, used, err)
	}
	for _, bad := range []string{"x.txt", "../x.md", "/abs.md", "a b.md"} {
		if _, _, err := New(fsys, dirs, bad, day); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
