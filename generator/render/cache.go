package render

import (
	"fmt"
	"hash/maphash"
	"sync"

	"github.com/plinth-ssg/plinth/generator/site"
)

// Cache keeps each page's output between builds, for `plinth serve`. A
// page is rendered again unless everything its layout can see is as it
// was: the site epoch (the other inputs a layout reads, which the caller
// hashes: configuration, layouts, assets, data, options; and every page's
// Sum: its front matter, address, dates and place in the tree), the page's
// own body, and the bodies its layout shows by relation or through the
// page's feature data (Reads, Reads.ShownThrough), and the bodies from
// which come the values of that data it shows (Reads.DerivedThrough, for
// data that says which they are, site.DerivedData). A layout
// that may show any page's body, and a page with feature data (Extra,
// which may derive from other pages) unless the data says it holds
// nothing of their bodies (site.OthersBodiesReader) or where it keeps
// what it made from them (site.DerivedData), depend on every
// body. It implements
// Memo. A Cache is safe for concurrent use; Begin and Finish bracket each
// build.
type Cache struct {
	seed    maphash.Seed
	mu      sync.Mutex
	site    uint64 // the site epoch
	bodies  uint64 // every page's body
	entries map[string]cacheEntry
	used    map[string]bool
	// rendered counts the pages rendered since Begin.
	rendered int
}

type cacheEntry struct {
	key   uint64
	files []site.File
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{seed: maphash.MakeSeed(), entries: map[string]cacheEntry{}, used: map[string]bool{}}
}

// Begin starts a build of the pages of s; inputs are hashes of what else
// the layouts can see.
func (c *Cache) Begin(s *site.Site, inputs ...uint64) {
	var h, b maphash.Hash
	h.SetSeed(c.seed)
	b.SetSeed(c.seed)
	fmt.Fprintf(&h, "%v\x00%s\x00", inputs, s.BuildDate)
	for _, p := range s.Pages {
		maphash.WriteComparable(&h, p.Sum(c.seed))
		b.WriteString(p.URL)
		maphash.WriteComparable(&b, p.BodyKey(c.seed))
	}
	c.mu.Lock()
	c.site, c.bodies = h.Sum64(), b.Sum64()
	c.used, c.rendered = map[string]bool{}, 0
	c.mu.Unlock()
}

// Epoch is the site epoch of the build begun: it changes whenever any
// page's front matter, address or place in the site, or any other input,
// does.
func (c *Cache) Epoch() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.site
}

// Rendered returns how many pages were rendered since Begin.
func (c *Cache) Rendered() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.rendered
}

func (c *Cache) key(p *site.Page, layout string, reads Reads) uint64 {
	var h maphash.Hash
	h.SetSeed(c.seed)
	c.mu.Lock()
	siteEpoch, bodies := c.site, c.bodies
	c.mu.Unlock()
	maphash.WriteComparable(&h, siteEpoch)
	h.WriteString(layout)
	maphash.WriteComparable(&h, p.BodyKey(c.seed))
	if p.File == "" {
		// A generated page's content comes from a feature, not a body.
		h.WriteString(string(p.Content))
	}
	related, all := relatedBodies(p, reads)
	if all {
		maphash.WriteComparable(&h, bodies)
	} else {
		for _, q := range related {
			if q != nil {
				h.WriteString(q.URL)
				maphash.WriteComparable(&h, q.BodyKey(c.seed))
			}
		}
	}
	return h.Sum64()
}

// Load implements Memo.
func (c *Cache) Load(p *site.Page, layout string, reads Reads) ([]site.File, bool) {
	k := c.key(p, layout, reads)
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[p.URL]
	if !ok || e.key != k {
		return nil, false
	}
	c.used[p.URL] = true
	return e.files, true
}

// Store implements Memo.
func (c *Cache) Store(p *site.Page, layout string, reads Reads, files []site.File) {
	k := c.key(p, layout, reads)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.rendered++
	c.entries[p.URL] = cacheEntry{key: k, files: files}
	c.used[p.URL] = true
}

// Finish forgets the pages the build did not have.
func (c *Cache) Finish() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.entries {
		if !c.used[k] {
			delete(c.entries, k)
		}
	}
}

// relatedBodies returns the pages whose bodies p's layout, reading with
// reads, may show besides p's own, or true when that may be any page's
// (or p's feature data may hold what any page's body says).
func relatedBodies(p *site.Page, reads Reads) ([]*site.Page, bool) {
	if reads&ReadsAny != 0 {
		return nil, true
	}
	var related []*site.Page
	if readsOthersBodies(p.Extra) {
		// Data that says through which names it gives what it made from
		// bodies depends on the bodies of what the layout reads by them.
		d, ok := p.Extra.(site.DerivedData)
		if !ok {
			return nil, true
		}
		derived, ok := reads.DerivedThrough(p.Extra, d.DerivedFields())
		if !ok {
			return nil, true
		}
		related = append(related, derived...)
	}
	if reads&ReadsParent != 0 && p.Parent != nil {
		related = append(related, p.Parent)
	}
	if reads&ReadsChildren != 0 {
		related = append(append(related, p.Pages...), p.Sections...)
	}
	if reads&ReadsNeighbours != 0 {
		related = append(related, p.Prev, p.Next)
	}
	if reads&ReadsExtra != 0 {
		shown, ok := reads.ShownThrough(p.Extra)
		if !ok {
			return nil, true
		}
		related = append(related, shown...)
	}
	return related, false
}

// readsOthersBodies reports whether a page's feature data may hold what
// other pages' bodies say: any data that does not say otherwise
// (site.OthersBodiesReader).
func readsOthersBodies(extra any) bool {
	if extra == nil {
		return false
	}
	r, ok := extra.(site.OthersBodiesReader)
	return !ok || r.ReadsOthersBodies()
}
