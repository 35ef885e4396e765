package linkcheck

import (
	"sync"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/parallel"
	"github.com/plinth-ssg/plinth/generator/site"
)

// Cache keeps each file's page and check results between checks, for
// `plinth serve`. A file is checked again only if it changed (its *Page is
// not the last check's), if a file its links lead to changed or
// disappeared, or if it had problems last time (a new file may have fixed
// them). That is exactly the set whose result can differ, so the outcome
// equals a full check. A Cache is used by one check at a time.
type Cache struct {
	epoch string
	files map[string]*cacheEntry

	// read keeps the pages Check read, by path, with the fingerprint of
	// the bytes they were read from.
	mu   sync.Mutex
	read map[string]readEntry
}

type cacheEntry struct {
	page   *Page
	result result
}

type readEntry struct {
	fp   site.Fingerprint
	page *Page
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{files: map[string]*cacheEntry{}, read: map[string]readEntry{}}
}

// page returns the page of f, the last one read if its bytes are
// unchanged.
func (c *Cache) page(f site.File) *Page {
	c.mu.Lock()
	e := c.read[f.Path]
	c.mu.Unlock()
	fp, same := e.fp.Unchanged(f.Data)
	if !same {
		e.page = Read(f.Data)
	}
	c.mu.Lock()
	c.read[f.Path] = readEntry{fp: fp, page: e.page}
	c.mu.Unlock()
	return e.page
}

func (c *Cache) check(files []File, s Site) diag.List {
	if epoch := s.Origin + "\x00" + s.BasePath; epoch != c.epoch {
		c.epoch, c.files = epoch, map[string]*cacheEntry{}
	}
	byPath := make(map[string]int, len(files))
	for i, f := range files {
		byPath[f.Path] = i
	}
	// Which files are new or changed? An unchanged file comes with the
	// very same page.
	entries := make([]*cacheEntry, len(files))
	changed := make([]bool, len(files))
	dirty := map[string]bool{}
	pages := make([]*Page, len(files))
	for i, f := range files {
		pages[i] = f.Page
		e := c.files[f.Path]
		if e != nil && e.page == f.Page {
			entries[i] = e
			continue
		}
		entries[i], changed[i] = &cacheEntry{page: f.Page}, true
		dirty[f.Path] = true
	}
	for p := range c.files {
		if _, ok := byPath[p]; !ok {
			dirty[p] = true // removed
		}
	}
	parallel.For(len(files), func(i int) {
		e := entries[i]
		again := changed[i] || len(e.result.diags) > 0
		for _, t := range e.result.targets {
			if again {
				break
			}
			again = dirty[t]
		}
		if again {
			e.result = checkFile(files[i], s, byPath, pages)
		}
	})
	next := make(map[string]*cacheEntry, len(files))
	var out diag.List
	for i, f := range files {
		next[f.Path] = entries[i]
		out.Append(entries[i].result.diags)
	}
	c.files = next
	c.mu.Lock()
	for p := range c.read {
		if _, ok := byPath[p]; !ok {
			delete(c.read, p)
		}
	}
	c.mu.Unlock()
	return onceEach(out)
}
