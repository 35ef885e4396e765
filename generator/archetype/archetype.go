// Package archetype scaffolds new content files from templates, so that an
// editor starts from a file with its front matter already filled in.
//
// For a new file content/SECTION/…/NAME.md the first of these that exists is
// used, in the site's archetypes/ folder and then the theme's:
//
//	archetypes/SECTION/KIND-DEPTH.md   e.g. framework/section-0.md for an edition
//	archetypes/SECTION/KIND.md
//	archetypes/SECTION.md
//	archetypes/default.md
//
// KIND is "section" for _index.md, "bundle" for index.md and "page"
// otherwise; DEPTH counts the folders between the section and the new file.
// An archetype is a Go text/template; see Data for what it can use.
package archetype

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"text/template"
	"time"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/site"
	"github.com/plinth-ssg/plinth/generator/source"
)

// Data is what an archetype template sees.
type Data struct {
	// Title is the file name made readable ("learner-wellbeing" →
	// "Learner wellbeing"; for _index.md and index.md, the folder's name).
	Title string
	// Name is the file name without .md (the folder's name for _index.md
	// and index.md), Section the top-level section, Path the path inside
	// content/, Parts its folder and file names.
	Name    string
	Section string
	Path    string
	Parts   []string
	// Date is today, as YYYY-MM-DD: the page's date and the day it was
	// last reviewed.
	Date string
	// NextReview is the day the page's next review falls due, as
	// YYYY-MM-DD: today plus the site's review period.
	NextReview string
}

// Day is when a file is made and how often the site reviews its pages.
type Day struct {
	// Today is the day the file is made.
	Today time.Time
	// ReviewMonths is the site's review period ([review] months in
	// site.toml); 0 means the default, 12.
	ReviewMonths int
}

// nextReview returns the day a page made on d is due for review.
func (d Day) nextReview() time.Time {
	months := d.ReviewMonths
	if months <= 0 {
		months = 12
	}
	return d.Today.AddDate(0, months, 0)
}

// funcs are the archetype template functions: replace OLD NEW S, upper,
// lower and trimPrefix PREFIX S.
var funcs = template.FuncMap{
	"replace":    func(old, new, s string) string { return strings.ReplaceAll(s, old, new) },
	"upper":      strings.ToUpper,
	"lower":      strings.ToLower,
	"trimPrefix": func(prefix, s string) string { return strings.TrimPrefix(s, prefix) },
}

const fallback = `+++
title = "{{ .Title }}"
description = "Write one sentence saying what this page is about."
date = {{ .Date }}
reviewed = {{ .Date }}
next_review = {{ .NextReview }}
draft = true
+++

Write the page here. Start sections with ## headings.
`

// Candidates returns the archetype paths tried for rel (a path inside
// content/), best first, relative to an archetypes/ folder.
func Candidates(rel string) []string {
	parts := strings.Split(rel, "/")
	base := parts[len(parts)-1]
	kind := "page"
	switch base {
	case "_index.md":
		kind = "section"
	case "index.md":
		kind = "bundle"
	}
	var out []string
	if len(parts) > 1 {
		section := parts[0]
		depth := len(parts) - 2
		if kind != "page" {
			depth-- // the folder the file describes is not "between"
		}
		out = append(out,
			fmt.Sprintf("%s/%s-%d.md", section, kind, depth),
			fmt.Sprintf("%s/%s.md", section, kind),
			section+".md")
	}
	return append(out, "default.md")
}

// New renders the archetype for rel (a slash path inside content/, ending
// in .md). dirs are the site's and theme's archetypes folders in fsys, in
// that order. It returns the text and the archetype used ("" for the
// built-in).
func New(fsys fs.FS, dirs []string, rel string, day Day) ([]byte, string, error) {
	if err := CheckPath(rel); err != nil {
		return nil, "", err
	}
	text, used := fallback, ""
	for _, dir := range dirs {
		if used != "" {
			break
		}
		for _, c := range Candidates(rel) {
			p := path.Join(dir, c)
			if b, err := fs.ReadFile(fsys, p); err == nil {
				// A page made from an archetype in another encoding
				// would fail the next build; say so now, at the
				// archetype.
				if d, bad := source.NotUTF8(diag.NewSource(p, b), 0, len(b)); bad {
					return nil, p, d
				}
				text, used = string(b), p
				break
			}
		}
	}
	name := strings.TrimSuffix(path.Base(rel), ".md")
	if name == "_index" || name == "index" {
		name = path.Base(path.Dir(rel))
	}
	parts := strings.Split(strings.TrimSuffix(rel, ".md"), "/")
	section := ""
	if len(parts) > 1 {
		section = parts[0]
	}
	d := Data{Title: humanise(name), Name: name, Section: section, Path: rel, Parts: parts,
		Date: day.Today.Format("2006-01-02"), NextReview: day.nextReview().Format("2006-01-02")}
	t, err := template.New(used).Funcs(funcs).Option("missingkey=error").Parse(text)
	if err != nil {
		return nil, used, fmt.Errorf("the archetype %s has an error: %w", used, err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, d); err != nil {
		return nil, used, fmt.Errorf("the archetype %s has an error: %w", used, err)
	}
	return b.Bytes(), used, nil
}

// CheckPath refuses paths that are not a Markdown file inside content/.
func CheckPath(rel string) error {
	if !strings.HasSuffix(rel, ".md") {
		return errors.New("the new file's name must end in .md")
	}
	if strings.HasPrefix(rel, "/") || strings.Contains(rel, "\\") {
		return errors.New("give the path inside content/, like strategy/new-page.md")
	}
	for _, seg := range strings.Split(rel, "/") {
		if problem := site.CheckSegment(seg); problem != "" {
			return fmt.Errorf("%q %s; use lower-case letters, digits and hyphens", seg, problem)
		}
	}
	return nil
}

func humanise(name string) string {
	name = strings.NewReplacer("-", " ", "_", " ").Replace(name)
	if name == "" {
		return name
	}
	return strings.ToUpper(name[:1]) + name[1:]
}
