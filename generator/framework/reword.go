package framework

import (
	"slices"
	"strings"

	"github.com/plinth-ssg/plinth/generator/config"
	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/site"
)

// Reword brings the model up to date after an edit to the words of
// standards' pages alone (their front matter byte for byte the same, their
// bodies read again), so that `plinth serve` can patch its last build
// instead of building the framework again: each standard's Text, the
// changes and counts of the comparisons of its edition, and its edition's
// self-assessment data island are made again, and the open data files
// that can change with them are returned, made again too: its edition's
// standards.json and .csv, and the changes.json of those comparisons. The
// other files and values are made only from the words of other editions'
// standards, or from none.
// Every value that changes is one the model reaches only through the names
// it declares derived (DerivedFields), which is how the render stage knows
// which pages show it.
//
// It reports false when the edit changes something a full build makes
// other than those values: a page that is not a published standard's, a
// standard left without words or a warning about a copied standard that
// comes or goes (diagnostics of this stage), or a comparison's summary,
// which is also its page's description. The model may then be half
// updated, and must be built again from the pages (Build).
func (f *Framework) Reword(cfg *config.Config, pages []*site.Page) ([]site.File, bool) {
	var standards []*Standard
	for _, p := range pages {
		s, ok := p.Extra.(*Standard)
		if !ok || s.Page != p || !s.published {
			return nil, false
		}
		standards = append(standards, s)
	}
	before := forgottenReplaces(f)
	for _, s := range standards {
		s.Text = plainText(s.Page.Body)
		if strings.TrimSpace(s.Text) == "" {
			return nil, false // a full build reports it
		}
	}
	if !sameDiagnostics(before, forgottenReplaces(f)) {
		return nil, false
	}
	edited := func(e *Edition) bool {
		return slices.ContainsFunc(standards, func(s *Standard) bool { return s.Edition == e })
	}
	made := make([]*Comparison, len(f.Comparisons))
	for i, c := range f.Comparisons {
		if !edited(c.From) && !edited(c.To) {
			continue // compares none of the words edited
		}
		made[i] = compare(c.From, c.To)
		if made[i].Summary() != c.Summary() {
			return nil, false
		}
	}
	// In place: the pages, the standards' changes and the layouts reach
	// each comparison through the pointers handed out by Build.
	for i, c := range f.Comparisons {
		if made[i] != nil {
			c.Changes, c.Unchanged = made[i].Changes, made[i].Unchanged
		}
	}
	files, err := f.files(cfg, edited)
	return files, err == nil
}

// sameDiagnostics reports whether two lists say the same things at the
// same places.
func sameDiagnostics(a, b diag.List) bool {
	return slices.EqualFunc(a, b, func(x, y diag.Diagnostic) bool {
		return x.Pos == y.Pos && x.Severity == y.Severity && x.Msg == y.Msg
	})
}
