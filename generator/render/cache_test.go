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
