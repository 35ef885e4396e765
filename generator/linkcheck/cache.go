package linkcheck

import (
	"strings"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/parallel"
	"github.com/plinth-ssg/plinth/generator/site"
)

// Cache keeps each file's scan and check results between checks, for
// `plinth serve`. A file is checked again only if it changed, if a file its
// links lead to changed or disappeared, or if it had problems last time (a
// new file may have fixed them). That is exactly the set whose result can
// differ, so the outcome equals a full check. A Cache is used by one check
// at a time.
type Cache struct {
	epoch string
	files map[string]*cacheEntry
}

type cacheEntry struct {
	fp     site.Fingerprint
	page   *page
	result result
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{files: map[string]*cacheEntry{}} }

func (c *Cache) check(files []site.File, s Site) diag.List {
	if epoch := s.Origin + "\x00" + s.BasePath; epoch != c.epoch {
		c.epoch, c.files = epoch, map[string]*cacheEntry{}
	}
	byPath := make(map[string]int, len(files))
	for i, f := range files {
		byPath[f.Path] = i
	}
	// Which files are new or changed? Outputs reused from the render
	// cache are the very same slices, so most need no hashing.
	entries := make([]*cacheEntry, len(files))
	changed := make([]bool, len(files))
	parallel.For(len(files), func(i int) {
		f := files[i]
		e := c.files[f.Path]
		if e == nil {
			e = &cacheEntry{}
		}
		fp, same := e.fp.Unchanged(f.Data)
		if same {
			e.fp = fp // each path is one goroutine's, so no race
			entries[i] = e
			return
		}
		ne := &cacheEntry{fp: fp}
		if strings.HasSuffix(f.Path, ".html") {
			p := scan(f.Data)
			ne.page = &p
		}
		entries[i], changed[i] = ne, true
	})
	dirty := map[string]bool{}
	for i, f := range files {
		if changed[i] {
			dirty[f.Path] = true
		}
	}
	for p := range c.files {
		if _, ok := byPath[p]; !ok {
			dirty[p] = true // removed
		}
	}
	pages := make([]*page, len(files))
	for i, e := range entries {
		pages[i] = e.page
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
			e.result = checkFile(files[i], e.page, s, byPath, pages)
		}
	})
	next := make(map[string]*cacheEntry, len(files))
	var out diag.List
	for i, f := range files {
		next[f.Path] = entries[i]
		out.Append(entries[i].result.diags)
	}
	c.files = next
	return onceEach(out)
}
