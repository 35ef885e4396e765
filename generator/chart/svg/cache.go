package svg

import (
	"path/filepath"
	"sync"
)

// Cache carries the chart stage's work from one build to the next, for
// `plinth serve`: the compiled engine and its runtimes while the installed
// packages are unchanged, and every drawing by its key (the option's bytes,
// size, words and engine), so that an unchanged chart is not drawn again.
// A nil *Cache keeps nothing. It is safe for concurrent use.
type Cache struct {
	mu    sync.Mutex
	eng   *engine
	idle  []*worker
	drawn map[[32]byte]string
	hits  int
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{drawn: map[[32]byte]string{}} }

// Hits returns how many drawings the cache has supplied since it was made.
func (c *Cache) Hits() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits
}

// engine returns the engine for the packages installed under dir: the
// cached one while they are unchanged, else a new one (which replaces it,
// its runtimes and its drawings).
func (c *Cache) engine(dir string) (*engine, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	key, err := engineKey(dir)
	if err != nil {
		return nil, err
	}
	if c != nil {
		c.mu.Lock()
		e := c.eng
		c.mu.Unlock()
		if e != nil && e.key == key {
			return e, nil
		}
	}
	e, err := loadEngine(dir, key)
	if err != nil || c == nil {
		return e, err
	}
	c.mu.Lock()
	c.eng, c.idle, c.drawn = e, nil, map[[32]byte]string{}
	c.mu.Unlock()
	return e, nil
}

// worker returns a runtime of engine e: an idle one from an earlier build,
// or a new one.
func (c *Cache) worker(e *engine) (*worker, error) {
	if c != nil {
		c.mu.Lock()
		if n := len(c.idle); n > 0 && c.eng == e {
			w := c.idle[n-1]
			c.idle = c.idle[:n-1]
			c.mu.Unlock()
			return w, nil
		}
		c.mu.Unlock()
	}
	return e.newWorker()
}

// release keeps a runtime for the next build.
func (c *Cache) release(w *worker) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.idle = append(c.idle, w)
	c.mu.Unlock()
}

func (c *Cache) lookup(k [32]byte) (string, bool) {
	if c == nil {
		return "", false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.drawn[k]
	if ok {
		c.hits++
	}
	return s, ok
}

func (c *Cache) store(k [32]byte, s string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.drawn[k] = s
	c.mu.Unlock()
}

// sweep drops the drawings not among keys, the current build's: the cache
// never outgrows the site.
func (c *Cache) sweep(keys [][32]byte) {
	if c == nil {
		return
	}
	keep := make(map[[32]byte]bool, len(keys))
	for _, k := range keys {
		keep[k] = true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.drawn {
		if !keep[k] {
			delete(c.drawn, k)
		}
	}
}
