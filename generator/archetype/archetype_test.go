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
		"themes/t/archetypes/default.md":       {Data: []byte(`theme {{ .Title }} {{ .Date }} {{ .NextReview }}`)},
		"themes/t/archetypes/framework/bad.md": {Data: []byte(`{{ .Nope }}`)},
	}
	dirs := []string{"archetypes", "themes/t/archetypes"}
	day := Day{Today: time.Date(2026, 11, 29, 15, 0, 0, 0, time.UTC), ReviewMonths: 6}
	out, used, err := New(fsys, dirs, "framework/2025/1-x/1-7.md", day)
	if err != nil || string(out) != `id = "1.7" in 2025` || used != "archetypes/framework/page-2.md" {
		t.Errorf("standard: %q %q %v", out, used, err)
	}
	out, used, err = New(fsys, dirs, "guidance/learner-wellbeing.md", day)
	if err != nil || string(out) != "theme Learner wellbeing 2026-11-29 2027-05-29" || used != "themes/t/archetypes/default.md" {
		t.Errorf("default: %q %q %v", out, used, err)
	}
	out, used, err = New(fstest.MapFS{}, dirs, "a.md", day)
	if err != nil || used != "" || !strings.Contains(string(out), `title = "A"`) || !strings.Contains(string(out), "draft = true") ||
		!strings.Contains(string(out), "reviewed = 2026-11-29\nnext_review = 2027-05-29\n") {
		t.Errorf("built-in: %q %q %v", out, used, err)
	}
	for _, bad := range []string{"x.txt", "../x.md", "/abs.md", "a b.md"} {
		if _, _, err := New(fsys, dirs, bad, day); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// TestArchetypeSavedByWindows: an archetype with a byte-order mark and
// CRLF endings makes its page (the build reads both); one saved as UTF-16
// or Windows-1252 is refused at the archetype, naming the encoding, before
// it makes a page that would fail the next build.
func TestArchetypeSavedByWindows(t *testing.T) {
	day := Day{Today: time.Date(2026, 11, 29, 15, 0, 0, 0, time.UTC), ReviewMonths: 6}
	tests := []struct{ name, text, want string }{
		{"byte-order mark and CRLF", "\ufeff+++\r\ntitle = \"{{ .Title }}\"\r\n+++\r\n", ""},
		{"UTF-16 LE", "\xff\xfe+\x00+\x00+\x00\n\x00", "archetypes/default.md:1:1: this file is saved as UTF-16 (little-endian) text, not UTF-8"},
		{"Windows-1252", "+++\r\ntitle = \"Caf\xe9\"\r\n+++\r\n", `archetypes/default.md:2:13: this file is not saved as UTF-8: the character here is "é"`},
	}
	for _, tt := range tests {
		fsys := fstest.MapFS{"archetypes/default.md": {Data: []byte(tt.text)}}
		out, _, err := New(fsys, []string{"archetypes"}, "about.md", day)
		switch {
		case tt.want == "" && (err != nil || !strings.Contains(string(out), `title = "About"`)):
			t.Errorf("%s: %q, %v", tt.name, out, err)
		case tt.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.want)):
			t.Errorf("%s: error %v, want one starting %q", tt.name, err, tt.want)
		}
	}
}

// TestPlaceholders finds the sentences an archetype gives every new file,
// and leaves out what it makes from the file's name or the day, headings,
// comments, example commands and short settings.
func TestPlaceholders(t *testing.T) {
	fsys := fstest.MapFS{
		"themes/t/archetypes/guidance/page.md": {Data: []byte(`+++
title = "{{ .Title }}"
# Write a comment that stays a comment.
description = "Write one sentence saying what this helps with."
status = "draft"
standards = []
must = [
  "Write one thing providers must do on each line.",
]
id = "{{ replace "-" "." .Name }} is the standard's number"
date = {{ .Date }}
+++

Write a short introduction: who this is for.

## What you must do

    plinth new guidance/{{ .Name }}.md for the next page

The page {{ .Title }} was made on {{ .Date }}, see?
`)},
	}
	got, used, err := Placeholders(fsys, []string{"archetypes", "themes/t/archetypes"}, "guidance/learner-wellbeing.md")
	if err != nil || used != "themes/t/archetypes/guidance/page.md" {
		t.Fatalf("Placeholders: %q %v", used, err)
	}
	want := []string{
		"Write one sentence saying what this helps with.",
		"Write one thing providers must do on each line.",
		"Write a short introduction: who this is for.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("placeholders\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got, _, _ := Placeholders(fstest.MapFS{}, nil, "about.md"); len(got) != 2 || !strings.HasPrefix(got[1], "Write the page here") {
		t.Errorf("the built-in archetype's placeholders = %q", got)
	}
}
