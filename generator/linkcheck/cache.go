package linkcheck

import (
	"hash/maphash"
	"sync"
)

// Cache keeps each HTML file's IDs and links between checks, keyed by the
// file's content, so that a rebuild in `plinth serve` scans only the pages
// whose bytes changed. Checking the links themselves is cheap (map lookups)
// and is always done in full, so a change to one page that breaks links on
// others is still found. A Cache is safe for concurrent use.
type Cache struct {
	seed maphash.Seed
	mu   sync.Mutex
	m    map[string]cacheEntry
}

type cacheEntry struct {
	sum  uint64
	page *page
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{seed: maphash.MakeSeed(), m: map[string]cacheEntry{}} }

// scan returns the scanned page for a file, from the cache if its bytes
// are unchanged.
func (c *Cache) scan(path string, data []byte) *page {
	if c == nil {
		p := scan(data)
		return &p
	}
	sum := maphash.Bytes(c.seed, data)
	c.mu.Lock()
	e, ok := c.m[path]
	c.mu.Unlock()
	if ok && e.sum == sum {
		return e.page
	}
	p := scan(data)
	c.mu.Lock()
	c.m[path] = cacheEntry{sum: sum, page: &p}
	c.mu.Unlock()
	return &p
}
