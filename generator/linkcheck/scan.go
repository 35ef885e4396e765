package linkcheck

import (
	"hash/maphash"
	"html"
	"slices"

	"github.com/plinth-ssg/plinth/generator/markup"
)

// ref is one URL found in an HTML file.
type ref struct {
	attr string // "href" or "src"
	url  string
}

// Page is what the link check needs of one HTML file: its element IDs
// (id and name attributes) and the URLs it refers to (href and src), in
// order. The same *Page stands for the same bytes, which lets a Cache skip
// a file whose bytes did not change.
type Page struct {
	// ids holds a hash of each ID, sorted: a site of many thousands of
	// pages keeps every page's IDs until its links are checked.
	ids  []uint64
	refs []ref
}

// idSeed is per process: IDs are only compared within one run.
var idSeed = maphash.MakeSeed()

// Has reports whether the page has an element with the ID.
func (p *Page) Has(id string) bool {
	_, found := slices.BinarySearch(p.ids, maphash.String(idSeed, id))
	return found
}

// Reader collects a Page from an HTML file's tokens (markup.Each), so that
// the link check reads the same pass over the file as the other checks.
type Reader struct{ page Page }

// Token reads the file's next token: the id, name, href and src
// attributes of its start tags.
func (r *Reader) Token(t *markup.Token) {
	if t.Kind != markup.StartTag && t.Kind != markup.SelfClosingTag {
		return
	}
	for _, a := range t.Attrs {
		if !a.HasValue() {
			continue
		}
		switch {
		case a.Is("id"), a.Is("name"):
			r.page.ids = append(r.page.ids, maphash.String(idSeed, unescape(a.Val)))
		case a.Is("href"):
			r.page.refs = append(r.page.refs, ref{attr: "href", url: unescape(a.Val)})
		case a.Is("src"):
			r.page.refs = append(r.page.refs, ref{attr: "src", url: unescape(a.Val)})
		}
	}
}

// Page returns what the reader collected.
func (r *Reader) Page() *Page {
	p := r.page
	slices.Sort(p.ids)
	p.ids = slices.Clip(slices.Compact(p.ids))
	p.refs = slices.Clip(p.refs)
	return &p
}

// Read reads one HTML file on its own, for callers without a shared pass
// over it.
func Read(data []byte) *Page {
	var r Reader
	markup.Each(data, markup.HTML, r.Token)
	return r.Page()
}

// unescape decodes an attribute value's character references; most values
// have none.
func unescape(b []byte) string {
	for _, c := range b {
		if c == '&' {
			return html.UnescapeString(string(b))
		}
	}
	return string(b)
}
