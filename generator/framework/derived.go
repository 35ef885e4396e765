package framework

import (
	"slices"

	"github.com/plinth-ssg/plinth/generator/site"
)

// derivedFields are the names of the model's fields and methods whose
// values are made from standards' bodies: a standard's plain Text and its
// wording Fingerprint, the changes a comparison finds by comparing words
// (and the counts and summary made from them), what happened to a standard
// between editions, and the self-assessment's data island, which carries
// each standard's fingerprint. Everything else in the model comes from
// front matter, so a layout that reads none of these through a page's data
// shows nothing of any standard's body but what it reads through body
// fields (Content and the like, site.BodyOwner). TestDerivedFields builds
// the model twice, with one standard's text changed, and fails when a
// value that changed is reached by no name here.
var derivedFields = []string{"Text", "Fingerprint", "Since", "Then", "Changes", "Unchanged", "Of", "Count", "Kinds", "Summary", "Data"}

// DerivedFields implements site.DerivedData for the framework's own page.
func (f *Framework) DerivedFields() []string { return derivedFields }

// DerivedFields implements site.DerivedData for an edition's page and its
// print page.
func (e *Edition) DerivedFields() []string { return derivedFields }

// DerivedFields implements site.DerivedData for a domain's page.
func (d *Domain) DerivedFields() []string { return derivedFields }

// DerivedFields implements site.DerivedData for a standard's page.
func (s *Standard) DerivedFields() []string { return derivedFields }

// DerivedFields implements site.DerivedData for a "what changed" page.
func (c *Comparison) DerivedFields() []string { return derivedFields }

// DerivedFields implements site.DerivedData for a self-assessment page.
func (a *SelfAssessment) DerivedFields() []string { return derivedFields }

// DerivedFields implements site.DerivedData for the A to Z.
func (x *AtoZ) DerivedFields() []string { return derivedFields }

// DerivedFields implements site.DerivedData for a guidance page.
func (g *Guidance) DerivedFields() []string { return derivedFields }

// DerivedFrom implements site.Deriver: a standard's Text and Fingerprint
// come from its own page, and Since and Then from the words of the
// standards it is compared with, which are those of its group (the
// standards linked to it through replaces) in each consecutive comparison
// of its edition.
func (s *Standard) DerivedFrom() []*site.Page {
	pages := []*site.Page{s.Page}
	for _, c := range s.Edition.Framework.Comparisons {
		if !c.Consecutive || c.From != s.Edition && c.To != s.Edition {
			continue
		}
		group := c.group(s)
		for _, x := range group {
			pages = append(pages, x.Page)
		}
	}
	return pages
}

// group returns the standards compared with s in c, s included: those of
// the change that names s, or, for a standard c finds unchanged, s and
// the one it continues or that continues it.
func (c *Comparison) group(s *Standard) []*Standard {
	for _, ch := range c.Changes {
		if slices.Contains(ch.Old, s) || slices.Contains(ch.New, s) {
			return slices.Concat(ch.Old, ch.New)
		}
	}
	if c.To == s.Edition {
		return append(s.ancestorsIn(c.From), s)
	}
	return append(s.descendantsIn(c.To), s)
}

// DerivedFrom implements site.Deriver: a comparison's changes, counts and
// summary come from the words of every standard of its two editions.
func (c *Comparison) DerivedFrom() []*site.Page {
	var pages []*site.Page
	for _, s := range slices.Concat(c.From.Standards, c.To.Standards) {
		pages = append(pages, s.Page)
	}
	return pages
}

// DerivedFrom implements site.Deriver: a change's redlines (Text) come
// from the words of the standards it names.
func (ch *Change) DerivedFrom() []*site.Page {
	var pages []*site.Page
	for _, s := range slices.Concat(ch.Old, ch.New) {
		pages = append(pages, s.Page)
	}
	return pages
}

// DerivedFrom implements site.Deriver: the data island carries the
// fingerprint of every standard of the edition.
func (a *SelfAssessment) DerivedFrom() []*site.Page {
	var pages []*site.Page
	for _, s := range a.Edition.Standards {
		pages = append(pages, s.Page)
	}
	return pages
}

// DerivedFrom implements site.Deriver. A domain's Summary only shares its
// name with a comparison's: it is written in the domain's front matter.
func (d *Domain) DerivedFrom() []*site.Page { return nil }

// DerivedFrom implements site.Deriver. An item's Summary only shares its
// name with a comparison's: the feature that adds the item writes it from
// its own data.
func (it RelatedItem) DerivedFrom() []*site.Page { return nil }
