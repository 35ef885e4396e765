package feedback

import (
	"fmt"

	"github.com/plinth-ssg/plinth/generator/dataset"
)

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
	problem := r.src.At(val.Pos, "column %q in %s: the count %d cannot be published as it is: a count must be %s", colEvidenceValue, w, n, rule)
	if published, ok := cell.Count(); ok {
		problem = problem.WithHint("write %d: the disclosure rule rounds counts to the nearest %d so that they cannot be combined to reveal small numbers", published, r.policy.RoundTo)
	} else {
		problem = problem.WithHint("counts from %d to %d are never published, because they could identify the people they describe; leave the figure out, or give a percentage of a larger group", r.policy.SuppressFrom, r.policy.SuppressTo)
	}
	r.l.Add(problem)
	return "", false
}
