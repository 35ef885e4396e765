// Package framework publishes the quality framework: editions of six
// domains of numbered standards, traced from edition to edition through
// each standard's replaces list, with "what changed" pages and open data,
// and the provider guidance that refers to the standards.
//
// The stage runs between content and assemble. Content has already read the
// framework's files with the keys Schema declares (edition, domain,
// standard and guidance front matter, in Page.Extra). Build turns them into
// a model (Framework, Edition, Domain, Standard), checks it, gives every
// framework page its address (built from edition keys, domain numbers and
// standard IDs), layout, data (Page.Extra becomes the model object) and
// search-engine hints, makes the pages it owns (print, self-assessment,
// what changed), and returns the open data files and the self-assessment's
// schema. Assemble keeps the addresses it set.
//
// Layouts: framework/editions.html (/framework/), edition.html, domain.html,
// standard.html, print.html, self-assessment.html, changes-list.html and
// changes.html, and guidance pages' usual page layout; see
// docs/framework.md and docs/self-assessment.md.
//
// Every problem an editor can make (a duplicate ID, a reference that points
// nowhere, two editions in force, a standard outside a domain, …) is a
// diagnostic at the file, line and column of the offending key or list
// element, with a hint. Nothing here reads files or the clock.
package framework

import (
	"github.com/plinth-ssg/plinth/generator/config"
	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/site"
)

// Result is what Build made.
type Result struct {
	// Framework is the model, for later features that link to standards
	// (Resolve, Standard.AddRelated).
	Framework *Framework
	// Pages are the loaded pages with the framework's own pages added.
	Pages []*site.Page
	// Files are the open data files.
	Files []site.File
	// Redirects are the framework's rules for the site's _redirects file:
	// /framework/latest/* to the edition in force.
	Redirects []site.Redirect
}

// Build runs the framework stage over the loaded pages. opts is the
// publish rule assemble will apply, so that the framework leaves out
// exactly the pages assemble will (drafts, pages not yet published).
// failed are the content files that could not be read as pages
// (content.Result.Failed): an edition whose _index.md is among them is
// left out, and what refers to it is reported as a knock-on of that file's
// errors (diag.Diagnostic.Because), after them, rather than as an edition
// that does not exist.
func Build(cfg *config.Config, pages []*site.Page, opts site.Publish, failed []string) (Result, diag.List) {
	f, guidance, diags := collect(pages, opts, failed)
	diags.Append(checkEditions(f))
	diags.Append(linkStandards(f))
	diags.Append(linkGuidance(f, guidance, opts))
	for i, a := range f.Editions {
		for _, b := range f.Editions[i+1:] {
			c := compare(a, b)
			c.Consecutive = b == a.Next()
			f.Comparisons = append(f.Comparisons, c)
		}
	}
	made := preparePages(f)
	files, err := f.files(cfg, nil)
	if err != nil {
		diags.Add(diag.Errorf(diag.Pos{File: "content/" + Section}, "cannot write the framework's open data: %v", err))
	}
	return Result{Framework: f, Pages: append(pages, made...), Files: files, Redirects: redirects(f)}, diags
}

// files returns the open data files and the self-assessments' schemas,
// and fills in the self-assessments' data islands, of the editions for
// which of returns true (nil: every edition) and of the comparisons of
// one of those with another edition.
func (f *Framework) files(cfg *config.Config, of func(*Edition) bool) ([]site.File, error) {
	if of == nil {
		of = func(*Edition) bool { return true }
	}
	files, err := openData(cfg, f, of)
	if err != nil {
		return nil, err
	}
	tools, err := selfAssessmentFiles(cfg, f, of)
	return append(files, tools...), err
}
