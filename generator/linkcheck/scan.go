package linkcheck

import (
	"bytes"
	"hash/maphash"
	"html"
	"iter"
	"slices"

	"github.com/plinth-ssg/plinth/generator/markup"
)

// ref is one URL found in an HTML file. The URL is held by a pointer to
// a copy that the files of one pass share (URLs): the same addresses (the
// menu's, the stylesheet's, each section's) appear on thousands of pages,
// and a build keeps them all until the links are checked.
type ref struct {
	attr string // "href" or "src"
	link *string
}

// url returns the URL as written (character references decoded).
func (r ref) url() string { return *r.link }

// Page is what the link check needs of one HTML file: its element IDs
// (id and name attributes) and the URLs it refers to (href and src), in
// order. The same *Page stands for the same bytes, which lets a Cache skip
// a file whose bytes did not change.
type Page struct {
	// ids holds a hash of each ID, sorted: a site of many thousands of
	// pages keeps every page's IDs until its links are checked.
	ids []uint64
	// links are the URLs, and srcs a bit for each (by index) that is set
	// when a src attribute gives it rather than an href: 8 bytes a link
	// and a bit, where a ref would take 24, kept for every page.
	links []*string
	srcs  []uint64
}

// refs returns the page's URLs with the attributes that give them, in
// order.
func (p *Page) refs() iter.Seq2[int, ref] {
	return func(yield func(int, ref) bool) {
		for i, link := range p.links {
			if !yield(i, p.ref(i, link)) {
				return
			}
		}
	}
}

// ref returns the page's i-th URL, link, with its attribute.
func (p *Page) ref(i int, link *string) ref {
	if w := i / 64; w < len(p.srcs) && p.srcs[w]&(1<<(i%64)) != 0 {
		return ref{attr: "src", link: link}
	}
	return ref{attr: "href", link: link}
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
// URLs, if not nil, is shared by the Readers of one pass, for speed.
type Reader struct {
	URLs *URLs
	page Page
}

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
			r.page.ids = append(r.page.ids, idHash(a.Val))
		case a.Is("href"):
			r.page.links = append(r.page.links, r.URLs.url(a.Val))
		case a.Is("src"):
			i := len(r.page.links)
			r.page.links = append(r.page.links, r.URLs.url(a.Val))
			for len(r.page.srcs) <= i/64 {
				r.page.srcs = append(r.page.srcs, 0)
			}
			r.page.srcs[i/64] |= 1 << (i % 64)
		}
	}
}

// Page returns what the reader collected. Its lists are copied to their
// exact length: a build keeps every page's until the links are checked,
// and the lists grown token by token have up to twice the room.
func (r *Reader) Page() *Page {
	slices.Sort(r.page.ids)
	return &Page{ids: slices.Clone(slices.Compact(r.page.ids)), links: slices.Clone(r.page.links), srcs: slices.Clone(r.page.srcs)}
}

// Read reads one HTML file on its own, for callers without a shared pass
// over it.
func Read(data []byte) *Page {
	var r Reader
	markup.Each(data, markup.HTML, r.Token)
	return r.Page()
}

// idHash hashes an ID as Has does, without making a string of it when it
// has no character reference.
func idHash(b []byte) uint64 {
	if bytes.IndexByte(b, '&') < 0 {
		return maphash.Bytes(idSeed, b)
	}
	return maphash.String(idSeed, html.UnescapeString(string(b)))
}

// unescape decodes an attribute value's character references; most values
// have none.
func unescape(b []byte) string {
	if bytes.IndexByte(b, '&') >= 0 {
		return html.UnescapeString(string(b))
	}
	return string(b)
}
