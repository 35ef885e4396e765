package render

import (
	"testing"

	"github.com/plinth-ssg/plinth/generator/site"
)

// plainData is feature data that says nothing of other pages' bodies; it
// is taken to hold what they say.
type plainData struct{}

// ownData says it is made from data files only.
type ownData struct{}

func (ownData) ReadsOthersBodies() bool { return false }

// TestCacheKeyOthersBodies: after an edit to one page's body, a page whose
// feature data says it holds nothing of other pages' bodies keeps its
// rendered output, while one with feature data that does not say so, or
// whose layout may show any page's body, is rendered again; and any page
// is rendered again when its own body changes.
func TestCacheKeyOthersBodies(t *testing.T) {
	edited := &site.Page{URL: "/standard/", File: "content/standard.md", Body: []byte("Before."), BodySum: 1}
	own := &site.Page{URL: "/entry/", Extra: ownData{}}
	plain := &site.Page{URL: "/edition/", Extra: plainData{}}
	anyReader := &site.Page{URL: "/list/", File: "content/list.md", Body: []byte("List."), BodySum: 3}
	s := &site.Site{Pages: []*site.Page{edited, own, plain, anyReader}}

	c := NewCache()
	type keyed struct {
		p     *site.Page
		reads Reads
	}
	pages := []keyed{{edited, 0}, {own, 0}, {plain, 0}, {anyReader, ReadsAny}}
	keys := func() []uint64 {
		c.Begin(s)
		var out []uint64
		for _, k := range pages {
			out = append(out, c.key(k.p, "page.html", k.reads))
		}
		return out
	}
	before := keys()
	edited.Body, edited.BodySum = []byte("After."), 2 // as content.Load hashes it
	after := keys()
	for i, want := range []bool{true, false, true, true} {
		if changed := before[i] != after[i]; changed != want {
			t.Errorf("%s: key changed = %t after another page's body changed, want %t", pages[i].p.URL, changed, want)
		}
	}
	own.Content = "<p>made again</p>"
	if k := keys(); k[1] == after[1] {
		t.Error("/entry/: the key did not change with the page's own generated content")
	}
}

// shownData is feature data made from data files only that shows one
// page's body through a field, as a print page shows its standards.
type shownData struct{ Shown *site.Page }

func (shownData) ReadsOthersBodies() bool { return false }

// TestCacheKeyShownThroughExtra: a page whose layout shows bodies through
// its feature data (ReadsExtra) is rendered again when one of the bodies
// it shows changes, and not when another page's does; when the walk
// cannot tell whose bodies it shows, it depends on every body.
func TestCacheKeyShownThroughExtra(t *testing.T) {
	shown := &site.Page{URL: "/standard/", File: "content/standard.md", BodySum: 1}
	otherPage := &site.Page{URL: "/guidance/", File: "content/guidance.md", BodySum: 2}
	printPage := &site.Page{URL: "/print/", Extra: shownData{Shown: shown}}
	s := &site.Site{Pages: []*site.Page{shown, otherPage, printPage}}
	c := NewCache()
	known, unknown := ReadsExtra|intern([]string{"Shown"}), ReadsExtra|intern([]string{"Nowhere"})
	keys := func() [2]uint64 {
		c.Begin(s)
		return [2]uint64{c.key(printPage, "print.html", known), c.key(printPage, "print.html", unknown)}
	}
	before := keys()
	otherPage.BodySum = 3
	afterOther := keys()
	if afterOther[0] != before[0] {
		t.Error("the key changed with the body of a page the layout does not show")
	}
	if afterOther[1] == before[1] {
		t.Error("the key of a layout whose paths cannot be followed did not change with another page's body")
	}
	shown.BodySum = 4
	if k := keys(); k[0] == afterOther[0] {
		t.Error("the key did not change with the body the layout shows")
	}
}
