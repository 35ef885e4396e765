package policy

import (
	"sync"

	"github.com/plinth-ssg/plinth/generator/site"
)

// Cache keeps what the policy found in each file between checks, for
// `plinth serve`. A file's findings depend on its bytes alone (integrity
// values are checked against the files they name by Report, every time),
// so a file is read again only when its bytes changed. A Cache is safe
// for concurrent use.
type Cache struct {
	mu    sync.Mutex
	files map[string]cached
}

type cached struct {
	fp   site.Fingerprint
	file File
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{files: map[string]cached{}} }

// file returns what the policy finds in f, from the cache if its bytes are
// unchanged.
func (c *Cache) file(f site.File) File {
	c.mu.Lock()
	e := c.files[f.Path]
	c.mu.Unlock()
	fp, same := e.fp.Unchanged(f.Data)
	if same {
		e.file.Source = f.Source
	} else {
		e.file = Read(f)
	}
	c.mu.Lock()
	c.files[f.Path] = cached{fp: fp, file: e.file}
	c.mu.Unlock()
	return e.file
}
