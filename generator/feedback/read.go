package feedback

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

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

// checkText runs the identifier scan's matcher over every text cell of the
// row, so that a provider's name or personal data is reported at the cell
// that holds it, before any page is made from it.
func (r *reader) checkText(row dataset.Row) {
	if r.scanner == nil {
		return
	}
	for _, c := range r.spec.Columns {
		if c.Type != dataset.TypeString {
			continue
		}
		v := row.Get(c.Name)
		if v.IsEmpty() {
			continue
		}
		for _, h := range r.scanner.Text(v.Text()) {
			pos := v.Pos
			if !c.List {
				pos = cellPos(r.src, v.Pos, h.Offset)
			}
			if h.Pattern == 0 {
				r.l.Add(r.src.At(pos, "column %q in %s names %q, an identifying value from %s", c.Name, where(row.Pos), h.Text, h.Origin).
					WithHint("entries are published as written: never name a provider, site, ward or person; write \"a provider in the region\" or \"the team\" instead. " +
						"If this text is public on purpose, add it exactly as written to the scan's allow-list ([scan] allow in site.toml)"))
				continue
			}
			r.l.Add(r.src.At(pos, "column %q in %s contains %q, which looks like %s", c.Name, where(row.Pos), h.Text, h.Pattern).
				WithHint("entries must not hold personal data: remove it. If it is public on purpose (a general enquiries address, say), add it exactly as written to the scan's allow-list ([scan] allow in site.toml)"))
		}
	}
}

// cellPos finds the position of byte offset off of a cell's value in a
// CSV file: after the cell's opening quote and leading white space, counting a
// doubled quote "" and a CRLF line ending as the one character the value
// holds. For a file that is not CSV it returns the cell's position.
func cellPos(src *diag.Source, cell diag.Pos, off int) diag.Pos {
	if src == nil || !strings.HasSuffix(src.Name, ".csv") || cell.Line < 1 {
		return cell
	}
	text := src.Text
	i := src.LineStart(cell.Line)
	for range cell.Col - 1 { // Col counts characters
		if i >= len(text) {
			return cell
		}
		_, size := utf8.DecodeRune(text[i:])
		i += size
	}
	quoted := i < len(text) && text[i] == '"'
	if quoted {
		i++
	}
	for i < len(text) { // the loader trims the value as strings.TrimSpace does
		r, size := utf8.DecodeRune(text[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += size
	}
	for k := 0; k < off && i < len(text); k++ {
		switch {
		case quoted && text[i] == '"' && i+1 < len(text) && text[i+1] == '"':
			i += 2
		case text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n':
			i += 2
		default:
			i++
		}
	}
	return src.Pos(i)
}

// evidence checks an entry's figure and returns it, or nil when there is
// none or it is wrong.
func (r *reader) evidence(row dataset.Row, national bool) *Evidence {
	val, unit, label := row.Get(colEvidenceValue), row.Get(colEvidenceUnit), row.Get(colEvidenceLabel)
	if val.IsEmpty() && unit.IsEmpty() && label.IsEmpty() {
		return nil
	}
	w := where(row.Pos)
	if val.IsEmpty() {
		r.l.Add(r.src.At(val.Pos, "column %q in %s is empty, but %s and %s are about a figure", colEvidenceValue, w, colEvidenceUnit, colEvidenceLabel).
			WithHint("write the figure, or empty %s and %s too if the entry has none", colEvidenceUnit, colEvidenceLabel))
		return nil
	}
	ok := true
	if unit.IsEmpty() {
		r.l.Add(r.src.At(unit.Pos, "column %q in %s is empty, but there is an evidence figure", colEvidenceUnit, w).
			WithHint("write %s for a number of things or people, or %s for a percentage", unitCount, unitPercent))
		ok = false
	}
	if label.IsEmpty() {
		r.l.Add(r.src.At(label.Pos, "column %q in %s is empty, but there is an evidence figure", colEvidenceLabel, w).
			WithHint("say what the figure counts, like: learners who had an induction in their first week"))
		ok = false
	}
	if !ok {
		return nil
	}
	d := val.Decimal()
	switch unit.Text() {
	case unitCount:
		figure, ok := r.count(val, d, national, w)
		if !ok {
			return nil
		}
		return &Evidence{Figure: figure, Unit: unitCount, Label: label.Text()}
	case unitPercent:
		if d.Cmp(dataset.DecimalOf(0)) < 0 || d.Cmp(dataset.DecimalOf(100)) > 0 {
			r.l.Add(r.src.At(val.Pos, "column %q in %s: the percentage %s is not between 0 and 100", colEvidenceValue, w, d).
				WithHint("write the percentage without the %% sign, from 0 to 100; if it is a number of things or people, write %s in %s", unitCount, colEvidenceUnit))
			return nil
		}
		return &Evidence{Figure: d.String() + "%", Unit: unitPercent, Label: label.Text()}
	}
	return nil // checkColumns has reported the unit's values
}

// count checks that a count is published exactly as written and returns
// it as the disclosure rule publishes it.
func (r *reader) count(val dataset.Value, d dataset.Decimal, national bool, w string) (string, bool) {
	rat := d.Rat()
	if !rat.IsInt() || !rat.Num().IsInt64() || rat.Num().Int64() > 1<<31 {
		r.l.Add(r.src.At(val.Pos, "column %q in %s: the count %s is not a whole number", colEvidenceValue, w, d).
			WithHint("a count is a number of things or people, like 150; for a percentage write %s in %s", unitPercent, colEvidenceUnit))
		return "", false
	}
	n := int(rat.Num().Int64())
	cell, err := r.policy.Figure(n, national)
	if err != nil {
		r.l.Add(r.src.At(val.Pos, "column %q in %s: the count %d cannot be checked: %v", colEvidenceValue, w, n, err))
		return "", false
	}
	if published, ok := cell.Count(); ok && published == n {
		return cell.String(), true
	}
	rule := fmt.Sprintf("0, or %d or more", r.policy.SuppressTo+1)
	if r.policy.RoundTo > 1 {
		rule += fmt.Sprintf(" and a multiple of %d", r.policy.RoundTo)
	}
	d2 := r.src.At(val.Pos, "column %q in %s: the count %d cannot be published as it is: a count must be %s", colEvidenceValue, w, n, rule)
	if published, ok := cell.Count(); ok {
		d2 = d2.WithHint("write %d: the disclosure rule rounds counts to the nearest %d so that they cannot be combined to reveal small numbers", published, r.policy.RoundTo)
	} else {
		d2 = d2.WithHint("counts from %d to %d are never published, because they could identify the people they describe; leave the figure out, or give a percentage of a larger group", r.policy.SuppressFrom, r.policy.SuppressTo)
	}
	r.l.Add(d2)
	return "", false
}
