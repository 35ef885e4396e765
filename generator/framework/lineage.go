package framework

import "slices"

// A standard's lineage is what its replaces lists say, followed through
// every edition: its ancestors are the standards it continues (and those
// they continue), its descendants the standards that continue it. An ID
// alone never links two editions: 2.2 of one edition may be a different
// standard from 2.2 of the next.

// ancestorsIn returns the published standards of edition e that s
// continues, directly or through the editions in between, in ID order.
func (s *Standard) ancestorsIn(e *Edition) []*Standard {
	return s.walk(e, func(x *Standard) []*Standard { return x.Replaces }, func(x *Standard) bool { return x.Edition.order < e.order })
}

// descendantsIn returns the published standards of edition e that continue
// s, directly or through the editions in between, in ID order.
func (s *Standard) descendantsIn(e *Edition) []*Standard {
	return s.walk(e, func(x *Standard) []*Standard { return x.ReplacedBy }, func(x *Standard) bool { return x.Edition.order > e.order })
}

// walk follows next from s and collects the standards of edition e; past
// reports standards beyond e, where the walk stops. Replaces always points
// to earlier editions (checkEditions refuses anything else), so the walk
// ends.
func (s *Standard) walk(e *Edition, next func(*Standard) []*Standard, past func(*Standard) bool) []*Standard {
	var out []*Standard
	seen := map[*Standard]bool{s: true}
	queue := []*Standard{s}
	for len(queue) > 0 {
		x := queue[0]
		queue = queue[1:]
		for _, y := range next(x) {
			if seen[y] || past(y) {
				continue
			}
			seen[y] = true
			if y.Edition == e {
				out = append(out, y)
				continue
			}
			queue = append(queue, y)
		}
	}
	slices.SortFunc(out, compareStandards)
	return out
}

// InForceEquivalents returns the standards of the edition in force that
// continue s (or that s continues, for a draft edition's standard); s
// itself if it is in force; nil if there is no edition in force or the
// standard was removed.
func (s *Standard) InForceEquivalents() []*Standard {
	in := s.Edition.Framework.InForce()
	switch {
	case in == nil:
		return nil
	case in == s.Edition:
		return []*Standard{s}
	case s.Edition.order < in.order:
		return s.descendantsIn(in)
	}
	return s.ancestorsIn(in)
}

// EditionStandards is one row of a standard's edition switcher: an edition
// and the standards in it that are the same standard, followed through
// replaces (none if it was added later or removed earlier; several if it was
// merged or split).
type EditionStandards struct {
	Edition   *Edition
	Standards []*Standard
	// Current marks the row of the page's own edition.
	Current bool
}

// Switcher returns the standard's row for every published edition, newest
// first, for the "this standard in other editions" list.
func (s *Standard) Switcher() []EditionStandards {
	var out []EditionStandards
	for _, e := range s.Edition.Framework.Newest() {
		row := EditionStandards{Edition: e}
		switch {
		case e == s.Edition:
			row.Standards, row.Current = []*Standard{s}, true
		case e.order < s.Edition.order:
			row.Standards = s.ancestorsIn(e)
		default:
			row.Standards = s.descendantsIn(e)
		}
		out = append(out, row)
	}
	return out
}

// Proposals returns, for a standard of the edition in force, a row for
// each published edition that does not apply yet (out for consultation,
// or a draft with --drafts) with the standards that would continue it
// there (none if the edition proposes removing it), so that its page can
// point to the proposed wording. Other standards have none: only the
// edition in force is what a proposal changes.
func (s *Standard) Proposals() []EditionStandards {
	if s.Edition != s.Edition.Framework.InForce() {
		return nil
	}
	var out []EditionStandards
	for _, e := range s.Edition.Framework.Editions {
		if e.Status.Prerelease() && e.order > s.Edition.order {
			// From replaces alone, never from wording, so that an edit to
			// a standard's text changes no other page (derivedFields).
			out = append(out, EditionStandards{Edition: e, Standards: s.descendantsIn(e)})
		}
	}
	return out
}
