package review

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/plinth-ssg/plinth/generator/content"
	"github.com/plinth-ssg/plinth/generator/site"
)

// archetypeText is a guidance archetype like the default theme's.
const archetypeText = `+++
title = "{{ .Title }}"
description = "Write one sentence saying what this guidance helps providers do."
date = {{ .Date }}
reviewed = {{ .Date }}
next_review = {{ .NextReview }}
draft = true
+++

Write a short introduction: who this is for and why it matters.

## What you must do
`

// load reads the files as content pages, with the due date assemble would
// give each (next_review, else a year after reviewed).
func load(t *testing.T, files map[string]string) []*site.Page {
	t.Helper()
	fsys := fstest.MapFS{"themes/t/archetypes/guidance/page.md": {Data: []byte(archetypeText)}}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	res, diags := content.Load(fsys, content.Options{})
	if len(diags) > 0 {
		t.Fatalf("content: %v", diags)
	}
	for _, p := range res.Pages {
		switch {
		case p.NextReview.IsSet():
			p.NextReviewDue = p.NextReview
		case p.Reviewed.IsSet():
			p.NextReviewDue = site.Date{Time: p.Reviewed.AddDate(1, 0, 0)}
		}
	}
	return res.Pages
}

var now = time.Date(2026, 11, 29, 15, 30, 0, 0, time.UTC)

func TestCheck(t *testing.T) {
	tests := []struct {
		name string
		file string
		want []string
	}{
		{
			name: "a page fresh from plinth new",
			file: "+++\ntitle = \"Capacity\"\ndescription = \"Write one sentence saying what this guidance helps providers do.\"\nnext_review = 2027-11-29\n+++\n\nWrite a short introduction: who this is for and why it matters.\n\n## What you must do\n",
			want: []string{
				`content/guidance/capacity.md:3:16: warning: this is the archetype's placeholder text, not the page's own: "Write one sentence saying what this guidance helps providers do."`,
				`content/guidance/capacity.md:7:1: warning: this is the archetype's placeholder text, not the page's own: "Write a short introduction: who this is for and why it matters."`,
			},
		},
		{
			name: "a page written in its own words, with its headings kept",
			file: "+++\ntitle = \"Capacity\"\ndescription = \"How to offer more placements.\"\nnext_review = 2026-11-29\n+++\n\nFor placement leads.\n\n## What you must do\n",
		},
		{
			name: "a review day that has passed",
			file: "+++\ntitle = \"Capacity\"\ndescription = \"How to offer more placements.\"\nreviewed = 2025-01-01\nnext_review = 2026-11-28\n+++\n\nFor placement leads.\n",
			want: []string{
				"content/guidance/capacity.md:5:15: warning: this page was due for review on 28 November 2026, which has passed",
			},
		},
		{
			name: "a review day computed from reviewed is not a date the editor wrote",
			file: "+++\ntitle = \"Capacity\"\ndescription = \"How to offer more placements.\"\nreviewed = 2020-01-01\n+++\n\nFor placement leads.\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pages := load(t, map[string]string{"content/guidance/capacity.md": tt.file})
			l := Check(pages, Options{Now: now, FS: fstest.MapFS{"themes/t/archetypes/guidance/page.md": {Data: []byte(archetypeText)}}, Archetypes: []string{"archetypes", "themes/t/archetypes"}})
			var got []string
			for _, d := range l {
				got = append(got, d.Error())
				if d.Hint == "" || d.LineText == "" {
					t.Errorf("%s: no hint or line", d.Error())
				}
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestCheckSkipsRetiredPages: the pages of a superseded edition ask not to
// be indexed and are no longer reviewed.
func TestCheckSkipsRetiredPages(t *testing.T) {
	pages := load(t, map[string]string{"content/guidance/old.md": "+++\ntitle = \"Old\"\nnext_review = 2020-01-01\n+++\nWrite a short introduction: who this is for and why it matters.\n"})
	pages[0].NoIndex = true
	if l := Check(pages, Options{Now: now, FS: fstest.MapFS{}, Archetypes: []string{"themes/t/archetypes"}}); len(l) > 0 {
		t.Errorf("a retired page was checked: %v", l)
	}
	if due := Due(pages, now, now.AddDate(0, 0, 30)); len(due) > 0 {
		t.Errorf("a retired page is listed as due: %v", due)
	}
}

func TestDue(t *testing.T) {
	pages := load(t, map[string]string{
		"content/a.md": "+++\ntitle = \"Overdue\"\nnext_review = 2026-10-01\n+++\n",
		"content/b.md": "+++\ntitle = \"In a fortnight\"\nnext_review = 2026-12-13\n+++\n",
		"content/c.md": "+++\ntitle = \"On the last day\"\nreviewed = 2025-12-29\n+++\n",
		"content/d.md": "+++\ntitle = \"Not yet\"\nnext_review = 2026-12-30\n+++\n",
		"content/e.md": "+++\ntitle = \"Never reviewed\"\n+++\n",
	})
	var got []string
	for _, p := range Due(pages, now, now.AddDate(0, 0, 30)) {
		got = append(got, p.Pos.String()+" "+p.Title+" "+p.Due.Format("2006-01-02")+map[bool]string{true: " overdue"}[p.Overdue])
	}
	want := []string{
		"content/a.md:3:15 Overdue 2026-10-01 overdue",
		"content/b.md:3:15 In a fortnight 2026-12-13",
		"content/c.md:3:12 On the last day 2026-12-29",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
