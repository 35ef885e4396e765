package feedback

import (
	"fmt"
	"regexp"

	"github.com/plinth-ssg/plinth/generator/dataset"
	"github.com/plinth-ssg/plinth/generator/diag"
)

// evidence checks an entry's figure and returns it, or nil when there is
// none or it is wrong. A figure needs its unit, what it counts and where
// it comes from (with when); a percentage also needs its base, the number
// it is a percentage of, which must pass the disclosure rule as a count
// does.
func (r *reader) evidence(row dataset.Row, national bool) *Evidence {
	val, unit, label := row.Get(colEvidenceValue), row.Get(colEvidenceUnit), row.Get(colEvidenceLabel)
	base, source := row.Get(colEvidenceBase), row.Get(colEvidenceSource)
	if val.IsEmpty() && unit.IsEmpty() && label.IsEmpty() && base.IsEmpty() && source.IsEmpty() {
		return nil
	}
	w := where(row.Pos)
	if val.IsEmpty() {
		r.l.Add(r.src.At(val.Pos, "column %q in %s is empty, but the evidence columns beside it are about a figure", colEvidenceValue, w).
			WithHint("write the figure, or empty %s, %s, %s and %s too if the entry has none", colEvidenceUnit, colEvidenceLabel, colEvidenceBase, colEvidenceSource))
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
	if !r.checkSource(row, source, val.Pos, w) {
		ok = false
	}
	if !ok {
		return nil
	}
	d := val.Decimal()
	switch unit.Text() {
	case unitCount:
		figure, countOK := r.count(val, d, national, w)
		if !base.IsEmpty() {
			r.l.Add(r.src.At(base.Pos, "column %q in %s: a count has no base; the base is what a percentage is a percentage of", colEvidenceBase, w).
				WithHint("empty %s, or if the figure is a percentage write %s in %s", colEvidenceBase, unitPercent, colEvidenceUnit))
			countOK = false
		}
		if !countOK {
			return nil
		}
		return &Evidence{Figure: figure, Unit: unitCount, Label: label.Text(), Source: source.Text()}
	case unitPercent:
		if d.Cmp(dataset.DecimalOf(0)) < 0 || d.Cmp(dataset.DecimalOf(100)) > 0 {
			r.l.Add(r.src.At(val.Pos, "column %q in %s: the percentage %s is not between 0 and 100", colEvidenceValue, w, d).
				WithHint("write the percentage without the %% sign, from 0 to 100; if it is a number of things or people, write %s in %s", unitCount, colEvidenceUnit))
			return nil
		}
		if base.IsEmpty() {
			r.l.Add(r.missing(row, base, colEvidenceBase, val.Pos, "a percentage needs its base").
				WithHint("write the number the percentage is of, like 1,240 learners who answered: write 1240 (a count, so 0 or %d or more, rounded to %d)", r.policy.SuppressTo+1, max(r.policy.RoundTo, 1)))
			return nil
		}
		if base.Int() == 0 {
			// 0 passes the disclosure rule as a count, but "78% of 0
			// learners" was published as a figure: most often a base
			// typed as 0 for "not known".
			r.l.Add(r.src.At(base.Pos, "column %q in %s: a percentage of 0 is not a figure: there is no one for it to be a percentage of", colEvidenceBase, w).
				WithHint("write the number the percentage is of, like 1240 for the learners who answered; if it is not known, leave the figure out"))
			return nil
		}
		published, baseOK := r.countOf(base, dataset.DecimalOf(base.Int()), colEvidenceBase, national, w)
		if !baseOK {
			return nil
		}
		return &Evidence{Figure: d.String() + "%", Unit: unitPercent, Label: label.Text(), Base: published, Source: source.Text()}
	}
	return nil // checkColumns has reported the unit's values
}

// year finds a year in a source ("…, autumn 2023"), which says when the
// figure was collected.
var year = regexp.MustCompile(`\b(19|20)[0-9][0-9]\b`)

// checkSource reports a figure without a source, or with a source that
// does not say when the figure was collected.
func (r *reader) checkSource(row dataset.Row, source dataset.Value, at diag.Pos, w string) bool {
	const hint = "say where the figure comes from and when, like: National Education and Training Survey, autumn 2023"
	switch {
	case source.IsEmpty():
		r.l.Add(r.missing(row, source, colEvidenceSource, at, "there is an evidence figure").WithHint(hint))
		return false
	case !year.MatchString(source.Text()):
		r.l.Add(r.src.At(source.Pos, "column %q in %s: %q does not say when the figure was collected", colEvidenceSource, w, source.Text()).
			WithHint(hint))
		return false
	}
	return true
}

// missing reports an empty evidence cell that the figure needs, at the
// cell, or at the figure when the manifest does not declare the column.
func (r *reader) missing(row dataset.Row, v dataset.Value, column string, at diag.Pos, why string) diag.Diagnostic {
	if _, declared := r.spec.Column(column); !declared {
		return r.src.At(at, "%s in %s, but the dataset has no column %q", why, where(row.Pos), column)
	}
	return r.src.At(v.Pos, "column %q in %s is empty, but %s", column, where(row.Pos), why)
}

// count checks that an evidence count is published exactly as written
// and returns it as the disclosure rule publishes it.
func (r *reader) count(val dataset.Value, d dataset.Decimal, national bool, w string) (string, bool) {
	return r.countOf(val, d, colEvidenceValue, national, w)
}

// countOf checks a count in column as count does.
func (r *reader) countOf(val dataset.Value, d dataset.Decimal, column string, national bool, w string) (string, bool) {
	rat := d.Rat()
	if !rat.IsInt() || !rat.Num().IsInt64() || rat.Num().Int64() > 1<<31 {
		r.l.Add(r.src.At(val.Pos, "column %q in %s: the count %s is not a whole number", column, w, d).
			WithHint("a count is a number of things or people, like 150; for a percentage write %s in %s", unitPercent, colEvidenceUnit))
		return "", false
	}
	n := int(rat.Num().Int64())
	cell, err := r.policy.Figure(n, national)
	if err != nil {
		r.l.Add(r.src.At(val.Pos, "column %q in %s: the count %d cannot be checked: %v", column, w, n, err))
		return "", false
	}
	if published, ok := cell.Count(); ok && published == n {
		return cell.String(), true
	}
	rule := fmt.Sprintf("0, or %d or more", r.policy.SuppressTo+1)
	if r.policy.RoundTo > 1 {
		rule += fmt.Sprintf(" and a multiple of %d", r.policy.RoundTo)
	}
	problem := r.src.At(val.Pos, "column %q in %s: the count %d cannot be published as it is: a count must be %s", column, w, n, rule)
	if published, ok := cell.Count(); ok {
		problem = problem.WithHint("write %d: the disclosure rule rounds counts to the nearest %d so that they cannot be combined to reveal small numbers", published, r.policy.RoundTo)
	} else {
		problem = problem.WithHint("counts from %d to %d are never published, because they could identify the people they describe; leave the figure out, or give a percentage of a larger group", r.policy.SuppressFrom, r.policy.SuppressTo)
	}
	r.l.Add(problem)
	return "", false
}
