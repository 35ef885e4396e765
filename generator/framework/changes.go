package framework

import (
	"fmt"
	"slices"

	"github.com/plinth-ssg/plinth/generator/site"
)

// ChangeKind says how a standard changed between two editions.
type ChangeKind string

// The kinds of change, in the order the "what changed" page lists them.
const (
	Added      ChangeKind = "added"      // no standard of the older edition leads to it
	Removed    ChangeKind = "removed"    // nothing in the newer edition continues it
	Renumbered ChangeKind = "renumbered" // continued under another ID (perhaps reworded too)
	Merged     ChangeKind = "merged"     // several standards continued as one
	Split      ChangeKind = "split"      // one standard continued as several
	Reworded   ChangeKind = "reworded"   // same ID, different words
)

// ChangeKinds lists the kinds in display order.
var ChangeKinds = []ChangeKind{Added, Removed, Renumbered, Merged, Split, Reworded}

// Heading is the kind as a heading on the "what changed" page.
func (k ChangeKind) Heading() string {
	switch k {
	case Added:
		return "New standards"
	case Removed:
		return "Removed standards"
	case Renumbered:
		return "Renumbered standards"
	case Merged:
		return "Merged standards"
	case Split:
		return "Split standards"
	case Reworded:
		return "Reworded standards"
	}
	return string(k)
}

// HeadingFor is kind k as a heading on this comparison's page: for an
// edition that does not apply yet (out for consultation), what the draft
// proposes, so that no reader takes a proposal for a change made.
func (c *Comparison) HeadingFor(k ChangeKind) string {
	if !c.Proposed() {
		return k.Heading()
	}
	switch k {
	case Added:
		return "Proposed new standards"
	case Removed:
		return "Standards the draft would remove"
	case Renumbered:
		return "Standards the draft would renumber"
	case Merged:
		return "Standards the draft would merge"
	case Split:
		return "Standards the draft would split"
	case Reworded:
		return "Standards the draft would reword"
	}
	return k.Heading()
}

// Comparison is what changed from one edition to a later one. Standards
// are matched only through replaces, followed through any editions in
// between.
type Comparison struct {
	From, To *Edition
	// Consecutive reports whether To directly follows From.
	Consecutive bool
	Page        *site.Page
	// Changes are every changed standard, by kind (in ChangeKinds order)
	// then ID. Unchanged standards are only counted.
	Changes   []*Change
	Unchanged int
	// DomainsRenamed are the domains whose title changed; DomainsAdded and
	// DomainsRemoved those found in only one of the editions.
	DomainsRenamed []DomainRename
	DomainsAdded   []*Domain
	DomainsRemoved []*Domain
}

// Change is one entry on a "what changed" page.
type Change struct {
	Kind ChangeKind
	// Old are the older edition's standards and New the newer one's: none
	// for added and removed, one each for renumbered and reworded.
	Old []*Standard
	New []*Standard
	// Reworded reports whether the words changed; always true for
	// Reworded, and for Renumbered when the standard was also reworded.
	Reworded bool
	// Title and Text are word-level redlines, and Must and Evidence
	// item-level ones, for a change from one standard to one standard whose
	// words changed; nil otherwise.
	Title    []Segment
	Text     []Segment
	Must     []Segment
	Evidence []Segment
}

// TitleChanged, MustChanged and EvidenceChanged say which parts of a
// reworded standard differ, for layouts.
func (c *Change) TitleChanged() bool { return changed(c.Title) }

// TextChanged reports whether the standard's text differs.
func (c *Change) TextChanged() bool { return changed(c.Text) }

// MustChanged reports whether what providers must do differs.
func (c *Change) MustChanged() bool { return changed(c.Must) }

// EvidenceChanged reports whether the evidence examples differ.
func (c *Change) EvidenceChanged() bool { return changed(c.Evidence) }

func changed(segs []Segment) bool {
	return slices.ContainsFunc(segs, func(s Segment) bool { return s.Op != Equal })
}

// DomainRename is a domain whose title changed.
type DomainRename struct {
	Number   int
	Old, New *Domain
}

// Proposed reports whether the later edition does not apply yet (out for
// consultation, or a draft): its changes are proposals, not what changed.
func (c *Comparison) Proposed() bool { return c.To.Status.Prerelease() }

// Slug is the comparison's URL segment ("2019-to-2021").
func (c *Comparison) Slug() string { return c.From.Key + "-to-" + c.To.Key }

// URL is the comparison page's address ("/framework/changes/2019-to-2021/").
func (c *Comparison) URL() string { return "/" + Section + "/changes/" + c.Slug() + "/" }

// Of returns the changes of one kind ("added", …), for layouts.
func (c *Comparison) Of(kind ChangeKind) []*Change {
	var out []*Change
	for _, ch := range c.Changes {
		if ch.Kind == kind {
			out = append(out, ch)
		}
	}
	return out
}

// Count returns the number of changes of one kind.
func (c *Comparison) Count(kind ChangeKind) int { return len(c.Of(kind)) }

// Kinds returns the kinds that have at least one change, in display order.
func (c *Comparison) Kinds() []ChangeKind {
	var out []ChangeKind
	for _, k := range ChangeKinds {
		if c.Count(k) > 0 {
			out = append(out, k)
		}
	}
	return out
}

// compare works out what changed from edition a to the later edition b.
func compare(a, b *Edition) *Comparison {
	c := &Comparison{From: a, To: b}
	old, new := a.Standards, b.Standards
	// Standards linked through replaces form groups: one old and one new
	// is the same standard, several old and one new a merge, and so on.
	// A union-find over old (0…) and new (len(old)…) indices finds them.
	parent := make([]int, len(old)+len(new))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	oldIndex := make(map[*Standard]int, len(old))
	for i, s := range old {
		oldIndex[s] = i
	}
	for j, s := range new {
		for _, o := range s.ancestorsIn(a) {
			parent[find(oldIndex[o])] = find(len(old) + j)
		}
	}
	type group struct{ old, new []*Standard }
	groups := map[int]*group{}
	var roots []int
	add := func(i int, s *Standard, isNew bool) {
		r := find(i)
		g := groups[r]
		if g == nil {
			g = &group{}
			groups[r] = g
			roots = append(roots, r)
		}
		if isNew {
			g.new = append(g.new, s)
		} else {
			g.old = append(g.old, s)
		}
	}
	for i, s := range old {
		add(i, s, false)
	}
	for j, s := range new {
		add(len(old)+j, s, true)
	}
	for _, r := range roots {
		g := groups[r]
		if ch := classify(g.old, g.new); ch != nil {
			c.Changes = append(c.Changes, ch)
		} else {
			c.Unchanged++
		}
	}
	slices.SortStableFunc(c.Changes, compareChanges)
	c.domains()
	return c
}

// classify returns the change from the old standards to the new ones of one
// group, or nil if a standard is unchanged.
func classify(old, new []*Standard) *Change {
	switch {
	case len(old) == 0:
		return &Change{Kind: Added, New: new}
	case len(new) == 0:
		return &Change{Kind: Removed, Old: old}
	case len(old) == 1 && len(new) == 1:
		o, n := old[0], new[0]
		same := sameWording(o, n)
		if o.ID == n.ID && same {
			return nil
		}
		ch := &Change{Kind: Reworded, Old: old, New: new, Reworded: !same}
		if o.ID != n.ID {
			ch.Kind = Renumbered
		}
		if !same {
			ch.Title = Redline(o.Title, n.Title)
			ch.Text = Redline(o.Text, n.Text)
			ch.Must = listDiff(o.Must, n.Must)
			ch.Evidence = listDiff(o.Evidence, n.Evidence)
		}
		return ch
	case len(old) == 1:
		return &Change{Kind: Split, Old: old, New: new, Reworded: true}
	}
	return &Change{Kind: Merged, Old: old, New: new, Reworded: true}
}

// sameWording reports whether two standards say exactly the same thing.
func sameWording(a, b *Standard) bool {
	return a.Title == b.Title && a.Text == b.Text && slices.Equal(a.Must, b.Must) && slices.Equal(a.Evidence, b.Evidence)
}

func compareChanges(x, y *Change) int {
	if c := slices.Index(ChangeKinds, x.Kind) - slices.Index(ChangeKinds, y.Kind); c != 0 {
		return c
	}
	return firstID(x).Compare(firstID(y))
}

// firstID is the ID a change is listed under: its first new standard's, or
// for a removal its first old standard's.
func firstID(c *Change) StandardID {
	if len(c.New) > 0 {
		return c.New[0].ID
	}
	return c.Old[0].ID
}

// domains compares the two editions' domains by number.
func (c *Comparison) domains() {
	for n := 1; n <= 6; n++ {
		o, nw := c.From.Domain(n), c.To.Domain(n)
		switch {
		case o != nil && nw != nil && o.Title != nw.Title:
			c.DomainsRenamed = append(c.DomainsRenamed, DomainRename{Number: n, Old: o, New: nw})
		case o != nil && nw == nil:
			c.DomainsRemoved = append(c.DomainsRemoved, o)
		case o == nil && nw != nil:
			c.DomainsAdded = append(c.DomainsAdded, nw)
		}
	}
}

// Summary is a one-line count of the changes, for lists and the page's
// description ("3 new, 1 removed, 12 reworded; 10 unchanged").
func (c *Comparison) Summary() string {
	s := ""
	for _, k := range ChangeKinds {
		if n := c.Count(k); n > 0 {
			if s != "" {
				s += ", "
			}
			word := string(k)
			if k == Added {
				word = "new"
			}
			s += fmt.Sprintf("%d %s", n, word)
		}
	}
	if s == "" {
		s = "no changes"
	}
	s += fmt.Sprintf("; %d unchanged", c.Unchanged)
	if n := len(c.DomainsRenamed); n > 0 {
		s += fmt.Sprintf("; %d %s renamed", n, map[bool]string{true: "domain", false: "domains"}[n == 1])
	}
	return s
}
