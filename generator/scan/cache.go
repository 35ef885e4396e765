package scan

import (
	"fmt"
	"hash/maphash"
	"slices"
	"sync"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/site"
)

// Cache keeps a Scanner and each file's hits between builds, so that a
// rebuild in `plinth serve` builds the automaton again only when the
// identifying data or the allow-list changed, and scans again only the
// files whose bytes changed. A Cache is safe for concurrent use.
type Cache struct {
	seed     maphash.Seed
	mu       sync.Mutex
	key      uint64
	scanner  *Scanner
	warnings diag.List
	files    map[string]fileHits

	// source and opts are what the cached scanner was made from, as the
	// caller identifies it (the very same dataset value), so that a rebuild
	// whose data did not change skips listing the identifying values.
	source any
	opts   Options
}

// Reuse returns the cached scanner if it was made from source (compared by
// identity) and the same options.
func (c *Cache) Reuse(source any, opts Options) (*Scanner, diag.List, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.scanner == nil || source == nil || c.source != source || !sameOptions(c.opts, opts) {
		return nil, nil, false
	}
	return c.scanner, c.warnings, true
}

// Remember records what the current scanner was made from, for Reuse.
func (c *Cache) Remember(source any, opts Options) {
	c.mu.Lock()
	c.source = source
	c.opts = Options{Allow: slices.Clone(opts.Allow), Abbreviations: slices.Clone(opts.Abbreviations)}
	c.mu.Unlock()
}

func sameOptions(a, b Options) bool {
	return slices.Equal(a.Allow, b.Allow) && slices.Equal(a.Abbreviations, b.Abbreviations)
}

type fileHits struct {
	fp   site.Fingerprint
	hits []Hit
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{seed: maphash.MakeSeed(), files: map[string]fileHits{}} }

// Scanner returns a scanner for the terms and options, reusing the cached
// one when they are the same as last time.
func (c *Cache) Scanner(terms []Term, opts Options) (*Scanner, diag.List) {
	var h maphash.Hash
	h.SetSeed(c.seed)
	for _, t := range terms {
		fmt.Fprintf(&h, "%s\x00%s\x00", t.Text, t.Origin)
	}
	h.WriteByte(1)
	for _, a := range opts.Allow {
		fmt.Fprintf(&h, "%s\x00", a)
	}
	h.WriteByte(2)
	for _, a := range opts.Abbreviations {
		fmt.Fprintf(&h, "%s\x00%s\x00", a.Short, a.Long)
	}
	key := h.Sum64()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.scanner == nil || c.key != key {
		c.scanner, c.warnings = New(terms, opts)
		c.key = key
		c.files = map[string]fileHits{}
		c.scanner.cache = c
	}
	return c.scanner, c.warnings
}

// hits returns a file's hits, from the cache if its bytes are unchanged.
func (c *Cache) hits(s *Scanner, f site.File) []Hit {
	c.mu.Lock()
	e := c.files[f.Path]
	c.mu.Unlock()
	// A hit names the file's source; the same bytes made from another
	// source must be scanned again to say so.
	sameSource := len(e.hits) == 0 || e.hits[0].Source == f.Source
	fp, same := e.fp.Unchanged(f.Data)
	if !same || !sameSource {
		e.hits = s.File(f)
	}
	c.mu.Lock()
	c.files[f.Path] = fileHits{fp: fp, hits: e.hits}
	c.mu.Unlock()
	return e.hits
}
