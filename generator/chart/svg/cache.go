package svg

import (
	"path/filepath"
	"runtime"
	"sync"
)

// Cache keeps the chart stage's work between builds: the compiled engine
// and its runtimes while the installed packages are unchanged, and the
// drawings by their key (the option's bytes, size, words and engine), so
// that an unchanged chart is not drawn again. A drawing depends on its key
// alone, so reusing one never changes a build's output. It is safe for
// concurrent use.
//
// Builds share the process's cache (Shared): `plinth serve`, which builds
// one site again and again, and the tests, which build the example site
// many times, draw each chart once. A drawing depends on its key alone, so
// sharing never changes a build's output; NewCache makes a cache of one's
// own, for a test that must draw afresh.
type Cache struct {
	mu    sync.Mutex
	eng   *engine
	idle  []*worker
	drawn map[[32]byte]*entry
	clock uint64 // counts Draw calls, for eviction
	hits  int
	// dir, if set, keeps ECharts' drawings between processes (disk.go).
	dir string
}

// entry is one drawing and the Draw call that last used it.
type entry struct {
	svg  string
	used uint64
}

// maxDrawings bounds a cache: several sites' worth of drawings (the example
// site has 72), a few megabytes. The least recently used go first.
const maxDrawings = 2048

// shared is the process's cache, which also keeps ECharts' drawings in the
// user's cache folder.
var shared = NewDiskCache(userCacheDir())

// Shared returns the process's cache, which Start uses when given none.
func Shared() *Cache { return shared }

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{drawn: map[[32]byte]*entry{}} }

// Hits returns how many drawings the cache has supplied since it was made.
func (c *Cache) Hits() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits
}

// engine returns the engine for the packages installed under dir: the
// cached one while they are unchanged, else a new one (which replaces it
// and its runtimes; drawings are keyed by engine, and the old ones age
// out).
func (c *Cache) engine(dir string) (*engine, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	key, err := engineKey(dir)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	e := c.eng
	c.mu.Unlock()
	if e != nil && e.key == key {
		return e, nil
	}
	e, err = loadEngine(dir, key)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.eng, c.idle = e, nil
	c.mu.Unlock()
	return e, nil
}

// warm makes sure the cache holds a runtime of e for each core, starting
// them in parallel: each takes tens of milliseconds.
func (c *Cache) warm(e *engine) {
	c.mu.Lock()
	need := runtime.GOMAXPROCS(0) - len(c.idle)
	c.mu.Unlock()
	var wg sync.WaitGroup
	for range need {
		wg.Go(func() {
			if w, err := e.newWorker(); err == nil {
				w.engine, w.cache = e, c
				c.release(e, w)
			}
		})
	}
	wg.Wait()
}

// worker returns a runtime of engine e: an idle one, or a new one.
func (c *Cache) worker(e *engine) (*worker, error) {
	c.mu.Lock()
	if n := len(c.idle); n > 0 && c.eng == e {
		w := c.idle[n-1]
		c.idle = c.idle[:n-1]
		c.mu.Unlock()
		return w, nil
	}
	c.mu.Unlock()
	w, err := e.newWorker()
	if err == nil {
		w.engine, w.cache = e, c
	}
	return w, err
}

// release keeps a runtime of e for later, one per core at most.
func (c *Cache) release(e *engine, w *worker) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.eng == e && len(c.idle) < runtime.GOMAXPROCS(0) {
		c.idle = append(c.idle, w)
	}
}

// begin starts a Draw call: the clock that orders the drawings' use.
func (c *Cache) begin() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.clock++
	return c.clock
}

func (c *Cache) lookup(k [32]byte, now uint64) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.drawn[k]
	if !ok {
		return "", false
	}
	e.used = now
	c.hits++
	return e.svg, true
}

// store keeps a drawing, dropping the least recently used ones beyond
// maxDrawings.
func (c *Cache) store(k [32]byte, s string, now uint64) {
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
