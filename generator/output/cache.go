package output

import (
	"sync"

	"github.com/plinth-ssg/plinth/generator/linkcheck"
	"github.com/plinth-ssg/plinth/generator/scan"
	"github.com/plinth-ssg/plinth/generator/search"
	"github.com/plinth-ssg/plinth/generator/site"
)

// Cache keeps what the pass read from each output file between passes,
// for `plinth serve`: a file whose bytes, source and scanner (and, for a
// file of the search index, the source files its documents come from) are
// those of the last pass is not read again, and the link check (which keeps its
// own results) rechecks only what a changed file can affect. What a file
// leaves behind depends on nothing else, except a page's body text, which
// is kept with the body it was read from. A Cache is used by one pass at a
// time; its methods accept a nil Cache.
type Cache struct {
	mu    sync.Mutex
	files map[string]entry
	link  *linkcheck.Cache
}

type entry struct {
	fp      site.Fingerprint
	source  string
	scanner *scan.Scanner
	views   string // the source files the scan's views of the file name
	read    fileRead
	content string // the page's body the text was read from
	text    search.Text
	hasText bool
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{files: map[string]entry{}, link: linkcheck.NewCache()}
}

func (c *Cache) lookup(f site.File, scanner *scan.Scanner, views string) (entry, bool) {
	if c == nil {
		return entry{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.files[f.Path]
	if !ok || e.source != f.Source || e.scanner != scanner || e.views != views {
		return entry{}, false
	}
	fp, same := e.fp.Unchanged(f.Data)
	if !same {
		return entry{}, false
	}
	e.fp = fp
	c.files[f.Path] = e
	return e, true
}

func (c *Cache) store(f site.File, scanner *scan.Scanner, views string, r fileRead, content string, text *search.Text) {
	if c == nil {
		return
	}
	fp, _ := site.Fingerprint{}.Unchanged(f.Data)
	e := entry{fp: fp, source: f.Source, scanner: scanner, views: views, read: r, content: content}
	if text != nil {
		e.text, e.hasText = *text, true
	}
	c.mu.Lock()
	c.files[f.Path] = e
	c.mu.Unlock()
}

func (c *Cache) links() *linkcheck.Cache {
	if c == nil {
		return nil
	}
	return c.link
}

// sweep forgets the files the last pass did not have.
func (c *Cache) sweep(recs []*record) {
	if c == nil {
		return
	}
	keep := make(map[string]bool, len(recs))
	for _, r := range recs {
		keep[r.path] = true
	}
	c.mu.Lock()
	for p := range c.files {
		if !keep[p] {
			delete(c.files, p)
		}
	}
	c.mu.Unlock()
}
