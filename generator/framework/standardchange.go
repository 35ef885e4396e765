package framework

import "slices"

// Anchor is the change's fragment on its "what changed" page: its kind and
// the ID it is listed under ("reworded-1-3", "removed-1-4"), so that a
// standard's page can link to the words that changed.
func (c *Change) Anchor() string { return string(c.Kind) + "-" + firstID(c).Slug() }

// StandardChange is what happened to one standard between its edition and
// the next (or the previous) published one.
type StandardChange struct {
	// Comparison is the "what changed" page between the two editions.
	Comparison *Comparison
	// Change is the change that names the standard, or nil when the
	// standard is the same in both editions.
	Change *Change
}

// URL is the address of the change on its comparison's page, or of the
// page itself for an unchanged standard (which it does not list).
func (sc *StandardChange) URL() string {
	if sc.Change == nil {
		return sc.Comparison.URL()
	}
	return sc.Comparison.URL() + "#" + sc.Change.Anchor()
}

// Since returns how the standard differs from the published edition before
// its own, or nil for a standard of the first edition.
func (s *Standard) Since() *StandardChange {
	return s.changeIn(func(c *Comparison) bool { return c.To == s.Edition }, func(ch *Change) []*Standard { return ch.New })
}

// Then returns what became of the standard in the next published edition,
// or nil for a standard of the newest one.
func (s *Standard) Then() *StandardChange {
	return s.changeIn(func(c *Comparison) bool { return c.From == s.Edition }, func(ch *Change) []*Standard { return ch.Old })
}

// changeIn finds the consecutive comparison that match picks and, in it,
// the change whose side lists s.
func (s *Standard) changeIn(match func(*Comparison) bool, side func(*Change) []*Standard) *StandardChange {
	for _, c := range s.Edition.Framework.Comparisons {
		if !c.Consecutive || !match(c) {
			continue
		}
		sc := &StandardChange{Comparison: c}
		for _, ch := range c.Changes {
			if slices.Contains(side(ch), s) {
				sc.Change = ch
				break
			}
		}
		return sc
	}
	return nil
}
