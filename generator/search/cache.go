package search

import (
	"hash/maphash"
	"sync"
)

// Cache keeps the expensive, purely per-page parts of indexing between
// builds of `plinth serve`: the plain text extracted from a page's HTML
// and the weighted term counts of a document's fields. Both are memoised by
// a hash of their whole input, so a cached result is always the result of
// recomputing it. The ranking, which depends on every page, is recomputed
// each build. A Cache is safe for concurrent use.
type Cache struct {
	seed  maphash.Seed
	mu    sync.Mutex
	texts map[uint64]plainText
	terms map[uint64]counts
	used  map[uint64]bool
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{seed: maphash.MakeSeed(), texts: map[uint64]plainText{}, terms: map[uint64]counts{}, used: map[uint64]bool{}}
}

func (c *Cache) extract(content string) plainText {
	if c == nil {
		return extract(content)
	}
	k := maphash.String(c.seed, content)
	c.mu.Lock()
	t, ok := c.texts[k]
	c.used[k] = true
	c.mu.Unlock()
	if ok {
		return t
	}
	t = extract(content)
	c.mu.Lock()
	c.texts[k] = t
	c.mu.Unlock()
	return t
}

func (c *Cache) count(fields [nFields]string) counts {
	if c == nil {
		return countTerms(fields)
	}
	var h maphash.Hash
	h.SetSeed(c.seed)
	for _, f := range fields {
		h.WriteString(f)
		h.WriteByte(0)
	}
	k := h.Sum64() ^ 0x9e3779b97f4a7c15 // keep apart from text keys
	c.mu.Lock()
	ct, ok := c.terms[k]
	c.used[k] = true
	c.mu.Unlock()
	if ok {
		return ct
	}
	ct = countTerms(fields)
	c.mu.Lock()
	c.terms[k] = ct
	c.mu.Unlock()
	return ct
}

// sweep forgets what the last build did not use.
func (c *Cache) sweep() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.texts {
		if !c.used[k] {
			delete(c.texts, k)
		}
	}
	for k := range c.terms {
		if !c.used[k] {
			delete(c.terms, k)
		}
	}
	c.used = map[uint64]bool{}
}
