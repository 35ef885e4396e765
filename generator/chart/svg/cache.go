package svg

import "sync"

// Cache keeps drawings between builds, by their key (the option's bytes,
// size, words and IDs), so that an unchanged chart is not drawn again:
// `plinth serve` builds one site again and again, and the tests build the
// example site many times. A drawing depends on its key alone, so reusing
// one never changes a build's output. It is safe for concurrent use; a nil
// Cache keeps nothing.
type Cache struct {
	mu     sync.Mutex
	drawn  map[[32]byte]*entry
	clock  uint64 // counts Draw calls, for eviction
	hits   int
	misses int
}

// entry is one drawing and the Draw call that last used it.
type entry struct {
	svg  string
	used uint64
}

// maxDrawings bounds a cache: several sites' worth of drawings (the example
// site has 72), a few megabytes. The least recently used go first.
const maxDrawings = 2048

// shared is the process's cache.
var shared = NewCache()

// Shared returns the process's cache, which builds share.
func Shared() *Cache { return shared }

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{drawn: map[[32]byte]*entry{}} }

// Hits returns how many drawings the cache has supplied since it was made.
func (c *Cache) Hits() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits
}

// Misses returns how many drawings were asked of the cache and drawn
// because it did not have them.
func (c *Cache) Misses() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.misses
}

// begin starts a Draw call: the clock that orders the drawings' use.
func (c *Cache) begin() uint64 {
	if c == nil {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.clock++
	return c.clock
}

func (c *Cache) lookup(k [32]byte, now uint64) (string, bool) {
	if c == nil {
		return "", false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.drawn[k]
	if !ok {
		c.misses++
		return "", false
	}
	e.used = now
	c.hits++
	return e.svg, true
}

// store keeps a drawing, dropping the least recently used ones beyond
// maxDrawings.
func (c *Cache) store(k [32]byte, s string, now uint64) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.drawn[k] = &entry{svg: s, used: now}
	for len(c.drawn) > maxDrawings {
		var oldest [32]byte
		first := true
		for key, e := range c.drawn {
			if first || e.used < c.drawn[oldest].used {
				oldest, first = key, false
			}
		}
		delete(c.drawn, oldest)
	}
}
