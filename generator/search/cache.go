package search

import "sync"

// Cache keeps the per-page parts of indexing between builds of `plinth
// serve`: the plain text extracted from a page's HTML, the weighted term
// counts and words of a document's fields, and each document as JSON.
// Entries are kept by page address and reused only when their whole input
// is equal to this build's (comparing strings is almost free when, as in a
// rebuild, they are the very same strings), so a cached result is always
// the result of recomputing it. The ranking, which depends on every page,
// is recomputed each build. A Cache is safe for concurrent use.
type Cache struct {
	mu    sync.Mutex
	texts map[string]textEntry
	terms map[string]termEntry
	docs  map[string]docEntry
	used  map[string]bool
	// dict numbers the terms of every cached count (counts.numbered).
	dict *dictionary
}

type textEntry struct {
	content string
	text    Text
}

type termEntry struct {
	fields [nFields]string
	counts *counts
}

type docEntry struct {
	doc  Doc
	data []byte
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{texts: map[string]textEntry{}, terms: map[string]termEntry{}, docs: map[string]docEntry{}, used: map[string]bool{}, dict: &dictionary{ids: map[string]int32{}}}
}

// dictionary returns the term numbering that lasts between builds, or a
// new one without a cache.
func (c *Cache) dictionary() *dictionary {
	if c == nil {
		return &dictionary{ids: map[string]int32{}}
	}
	return c.dict
}

func (c *Cache) extract(url, content string) Text {
	if c == nil {
		return Extract(content)
	}
	c.mu.Lock()
	e, ok := c.texts[url]
	c.used[url] = true
	c.mu.Unlock()
	if ok && e.content == content {
		return e.text
	}
	t := Extract(content)
	c.mu.Lock()
	c.texts[url] = textEntry{content, t}
	c.mu.Unlock()
	return t
}

// keepText remembers the text read from a page's rendered body, for a
// later build whose page has the same content.
func (c *Cache) keepText(url, content string, t Text) Text {
	if c == nil {
		return t
	}
	c.mu.Lock()
	c.texts[url] = textEntry{content, t}
	c.used[url] = true
	c.mu.Unlock()
	return t
}

func (c *Cache) count(url string, fields [nFields]string) *counts {
	if c == nil {
		return countTerms(fields)
	}
	c.mu.Lock()
	e, ok := c.terms[url]
	c.mu.Unlock()
	if ok && e.fields == fields {
		return e.counts
	}
	ct := countTerms(fields)
	c.mu.Lock()
	c.terms[url] = termEntry{fields, ct}
	c.mu.Unlock()
	return ct
}

// doc returns a document as JSON, for its document file.
func (c *Cache) doc(d Doc) ([]byte, error) {
	if c != nil {
		c.mu.Lock()
		e, ok := c.docs[d.URL]
		c.mu.Unlock()
		if ok && e.doc == d {
			return e.data, nil
		}
	}
	data, err := marshal(d)
	if err != nil {
		return nil, err
	}
	if c != nil {
		c.mu.Lock()
		c.docs[d.URL] = docEntry{d, data}
		c.mu.Unlock()
	}
	return data, nil
}

// sweep forgets the pages the last build did not have.
func (c *Cache) sweep() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for url := range c.texts {
		if !c.used[url] {
			delete(c.texts, url)
			delete(c.terms, url)
			delete(c.docs, url)
		}
	}
	c.used = map[string]bool{}
	// Terms no page uses any more stay numbered; once they are most of the
	// dictionary, start a new one (the cached counts keep their terms and
	// are numbered in it next build; the last build's Builder, which a
	// patch may still use, keeps the old one), so a long session does not
	// grow without bound.
	if len(c.dict.names) > 2*c.dict.live+1024 {
		c.dict = &dictionary{ids: map[string]int32{}}
	}
}
