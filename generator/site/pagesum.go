package site

import (
	"fmt"
	"hash/maphash"
	"strings"
)

// Sum returns a hash of everything about p that a layout can show, apart
// from its body (BodySum) and the other pages it leads to (each has a Sum
// of its own): its front matter, kind, addresses, place in the tree,
// dates and the settings features give it. Caches that keep a page's
// output between builds key on it; a test checks that every field of Page
// is either hashed here or derived from what is, so a new field cannot be
// forgotten. Sums are comparable within one process only.
func (p *Page) Sum(seed maphash.Seed) uint64 {
	var h maphash.Hash
	h.SetSeed(seed)
	parent := ""
	if p.Parent != nil {
		parent = p.Parent.URL
	}
	writeStrings(&h, string(p.Kind), p.File, p.Path, p.Section, p.Type, p.URL, p.Title, p.Description,
		parent, p.Canonical, p.Withheld, strings.Join(p.Resources, "\x00"))
	// A file's front matter as written covers every key, including those a
	// feature decoded into Extra; a generated page's settings come from
	// the feature that made it.
	if p.Source != nil && p.BodyOffset <= len(p.Source.Text) {
		h.Write(p.Source.Text[:p.BodyOffset])
	}
	if p.File == "" {
		fmt.Fprintf(&h, "%+v\x00", p.FrontMatter())
	}
	for _, d := range []Date{p.LastReviewed, p.NextReviewDue, p.Modified} {
		maphash.WriteComparable(&h, uint64(d.Unix()))
	}
	var flags byte
	for i, b := range []bool{p.NoIndex, p.Unlisted, p.Bundle} {
		if b {
			flags |= 1 << i
		}
	}
	h.WriteByte(flags)
	return h.Sum64()
}

// writeStrings feeds a hash without fmt, which matters when every page
// of a large site is hashed on every rebuild.
func writeStrings(h *maphash.Hash, ss ...string) {
	for _, s := range ss {
		h.WriteString(s)
		h.WriteByte(0)
	}
}

// BodyKey returns a hash of p's body: BodySum for a page read from a file
// (hashed once, when it was read), else a hash of Body under seed.
func (p *Page) BodyKey(seed maphash.Seed) uint64 {
	if p.BodySum != 0 || p.File != "" {
		return p.BodySum
	}
	return maphash.Bytes(seed, p.Body)
}
