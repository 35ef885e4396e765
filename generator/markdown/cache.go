package markdown

import (
	"fmt"
	"hash/maphash"
	"maps"
	"slices"
	"sync"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/site"
)

// Cache keeps each page's conversion between builds, for `plinth serve`:
// a page is converted again only when its body or any link target in the
// site changed (the links epoch: every page's file, path and address, the
// published files and the pages left out). It implements Memo. A Cache is
// safe for concurrent use; Begin and Finish bracket each build.
type Cache struct {
	seed    maphash.Seed
	mu      sync.Mutex
	links   uint64
	entries map[string]cacheEntry
	used    map[string]bool
	// Converted counts the pages converted since Begin.
	converted int
}

type cacheEntry struct {
	body, links uint64
	res         Result
	diags       diag.List
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{seed: maphash.MakeSeed(), entries: map[string]cacheEntry{}, used: map[string]bool{}}
}

// identity names a page across builds.
func identity(p *site.Page) string { return p.File + "\x00" + p.URL }

// Begin starts a build whose pages are those of s, with the published
// files and the pages left out, which links may name.
func (c *Cache) Begin(s *site.Site, resources []site.File, excluded map[string]string) {
	var h maphash.Hash
	h.SetSeed(c.seed)
	fmt.Fprintf(&h, "%s\x00", s.Config.BaseURL)
	for _, p := range s.Pages {
		fmt.Fprintf(&h, "%s\x00%s\x00%s\x00", p.File, p.Path, p.URL)
	}
	for _, r := range resources {
		fmt.Fprintf(&h, "%s\x00", r.Path)
	}
	for _, k := range slices.Sorted(maps.Keys(excluded)) {
		fmt.Fprintf(&h, "%s\x00%s\x00", k, excluded[k])
	}
	c.mu.Lock()
	c.links, c.used, c.converted = h.Sum64(), map[string]bool{}, 0
	c.mu.Unlock()
}

// Epoch is the links epoch of the build begun: what a page's output can
// link to.
func (c *Cache) Epoch() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.links
}

// Converted returns how many pages were converted since Begin.
func (c *Cache) Converted() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.converted
}

// Load implements Memo.
func (c *Cache) Load(p *site.Page) (Result, diag.List, bool) {
	body := p.BodyKey(c.seed)
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[identity(p)]
	if !ok || e.links != c.links || e.body != body {
		return Result{}, nil, false
	}
	c.used[identity(p)] = true
	return e.res, e.diags, true
}

// Store implements Memo.
func (c *Cache) Store(p *site.Page, r Result, d diag.List) {
	body := p.BodyKey(c.seed)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.converted++
	c.entries[identity(p)] = cacheEntry{body: body, links: c.links, res: r, diags: d}
	c.used[identity(p)] = true
}

// Finish forgets the pages the build did not have (deleted or renamed),
// so the cache never outgrows the site.
func (c *Cache) Finish() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.entries {
		if !c.used[k] {
			delete(c.entries, k)
		}
	}
}
