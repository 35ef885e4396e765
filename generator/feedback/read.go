package feedback

import (
	"regexp"
	"strings"

	"github.com/plinth-ssg/plinth/generator/anonymise"
	"github.com/plinth-ssg/plinth/generator/dataset"
	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/scan"
	"github.com/plinth-ssg/plinth/generator/site"
)

// record is an entry as read from its row, with the keys its facet values
// are found by once every row is read.
type record struct {
	entry       *Entry
	region      string
	professions []string
	theme       string
	status      string
	standards   []string // canonical references, EDITION:ID
}

// reader turns rows into records, reporting what the dataset stage could
// not check.
type reader struct {
	spec    *dataset.Spec
	src     *diag.Source
	policy  anonymise.Policy
	scanner *scan.Scanner
	l       *diag.List
	// slugs maps each entry's address segment to its ID cell, to find two
	// IDs that differ only in case; reserved maps the segments the
	// feature's other pages use to what uses them.
	slugs    map[string]diag.Pos
	reserved map[string]string
	// titles maps each title, in lower case, to its cell, to find two
	// entries with one title.
	titles map[string]diag.Pos
}

// idPattern is what an ID must be, once lower-cased, to be an address
// segment on its own.
var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// read checks one row. It returns the record and whether the entry may be
// published: false for a draft (no review details, a warning) and for a
// row with an error.
func (r *reader) read(row dataset.Row) (*record, bool) {
	errs := len(*r.l)
	hasErrors := func() bool { return diag.List((*r.l)[errs:]).HasErrors() }
	e := &Entry{
		ID:           row.Get(colID).Text(),
		Published:    date(row.Get(colPublished)),
		LearnersSaid: row.Get(colLearnersSaid).Text(),
		WeDid:        row.Get(colWeDid).Text(),
		Outcome:      row.Get(colOutcome).Text(),
		ReviewedBy:   row.Get(colReviewedBy).Text(),
		ReviewedOn:   date(row.Get(colReviewedOn)),
		Pos:          row.Pos,
	}
	rec := &record{
		entry:       e,
		region:      row.Get(colRegion).Text(),
		professions: row.Get(colProfessions).List(),
		theme:       row.Get(colTheme).Text(),
		status:      row.Get(colStatus).Text(),
		standards:   row.Get(colStandards).List(),
	}
	e.Updated = e.Published
	if e.ReviewedOn.After(e.Updated.Time) {
		e.Updated = e.ReviewedOn
	}
	r.checkID(row, e)
	e.Title = r.title(row, e)
	e.Evidence = r.evidence(row, rec.region == dataset.National)
	r.checkText(row)
	reviewed := r.checkReview(row, e)
	return rec, reviewed && !hasErrors()
}

func date(v dataset.Value) site.Date {
	if v.IsEmpty() {
		return site.Date{}
	}
	return site.Date{Time: v.Date().Time()}
}

// checkID makes sure the entry's ID can be its permanent address.
func (r *reader) checkID(row dataset.Row, e *Entry) {
	v := row.Get(colID)
	e.Slug = strings.ToLower(e.ID)
	if !idPattern.MatchString(e.Slug) {
		r.l.Add(r.src.At(v.Pos, "column %q in %s: %q cannot be part of an address", colID, where(row.Pos), e.ID).
			WithHint("use letters, digits and single hyphens only, like YSWD-041: the ID becomes the entry's permanent address, /%s/yswd-041/", Section))
		return
	}
	if what, ok := r.reserved[e.Slug]; ok {
		r.l.Add(r.src.At(v.Pos, "column %q in %s: the ID %q would give the entry the address /%s/%s/, which is already %s", colID, where(row.Pos), e.ID, Section, e.Slug, what).
			WithHint("choose another ID, like YSWD-041"))
		return
	}
	if first, dup := r.slugs[e.Slug]; dup {
		r.l.Add(r.src.At(v.Pos, "column %q in %s: the ID %q gives the same address as the ID in row %d, /%s/%s/", colID, where(row.Pos), e.ID, first.Line, Section, e.Slug).
			WithHint("give each entry its own ID; capital and small letters count as the same in addresses"))
		return
	}
	r.slugs[e.Slug] = v.Pos
}

// checkReview reports an entry without review details (a draft: a
// warning) or with only half of them (an error). It returns whether the
// entry is reviewed.
func (r *reader) checkReview(row dataset.Row, e *Entry) bool {
	by, on := row.Get(colReviewedBy), row.Get(colReviewedOn)
	switch {
	case by.IsEmpty() && on.IsEmpty():
		r.l.Add(diag.Warningf(by.Pos, "entry %s (%s) has not been reviewed, so it is not published", e.ID, where(row.Pos)).
			WithLine(r.src.Line(by.Pos.Line)).
			WithHint("once it has been reviewed, write the reviewer's role (never their name) in %s and the date in %s, like: Regional quality lead,2026-11-20", colReviewedBy, colReviewedOn))
		return false
	case by.IsEmpty():
		r.l.Add(r.src.At(by.Pos, "column %q in %s is empty, but %s is filled in", colReviewedBy, where(row.Pos), colReviewedOn).
			WithHint("write the reviewer's role, like Regional quality lead (never a person's name); or empty %s too to keep the entry as an unpublished draft", colReviewedOn))
	case on.IsEmpty():
		r.l.Add(r.src.At(on.Pos, "column %q in %s is empty, but %s is filled in", colReviewedOn, where(row.Pos), colReviewedBy).
			WithHint("write the date of the review as YYYY-MM-DD; or empty %s too to keep the entry as an unpublished draft", colReviewedBy))
	}
	return true
}
