package policy

import (
	"hash/maphash"
	"path"
	"sync"

	"github.com/plinth-ssg/plinth/generator/site"
)

// Cache keeps each file's findings between checks, for `plinth serve`. A
// file's findings depend on its own bytes and, through integrity values, on
// the bytes of the scripts and stylesheets it loads; so a file is checked
// again if it changed or if any script or stylesheet of the site changed.
// A Cache is used by one check at a time.
type Cache struct {
	seed   maphash.Seed
	assets uint64
	mu     sync.Mutex
	files  map[string]cached
}

type cached struct {
	fp    site.Fingerprint
	found []finding
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{seed: maphash.MakeSeed(), files: map[string]cached{}} }

// begin notes the scripts and stylesheets of this check, and forgets every
// finding if any of them changed.
func (c *Cache) begin(files []site.File, basePath string) {
	var h maphash.Hash
	h.SetSeed(c.seed)
	h.WriteString(basePath)
	for _, f := range files {
		switch path.Ext(f.Path) {
		case ".css", ".js", ".mjs":
			h.WriteString(f.Path)
			h.Write(f.Data)
		}
	}
	if sum := h.Sum64(); sum != c.assets {
		c.assets, c.files = sum, map[string]cached{}
	}
}

// findings returns a file's findings, from the cache if its bytes are
// unchanged, else from check.
func (c *Cache) findings(f site.File, check func() []finding) []finding {
	c.mu.Lock()
	e := c.files[f.Path]
	c.mu.Unlock()
	fp, same := e.fp.Unchanged(f.Data)
	if !same {
		e.found = check()
	}
	c.mu.Lock()
	c.files[f.Path] = cached{fp: fp, found: e.found}
	c.mu.Unlock()
	return e.found
}
