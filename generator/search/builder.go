package search

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/plinth-ssg/plinth/generator/parallel"
	"github.com/plinth-ssg/plinth/generator/site"
)

// Options are what the index reads besides the site.
type Options struct {
	// Facets describes the framework's editions and pages; nil for a site
	// without one.
	Facets Facets
	// Pages describe the pages of the other features that make pages of
	// their own kinds ("You said, we did", action plans), asked in turn.
	Pages []Describe
	// Synonyms are the site's synonyms (LoadSynonyms); nil for none.
	Synonyms *Synonyms
	// Cache may be nil; with one, per-page work of earlier builds is
	// reused, and a Builder given pages again patches its index rather
	// than making it again (which means keeping every posting).
	Cache *Cache
}

// Builder makes the search index while the site is built. NewBuilder
// decides which pages are indexed, and in what order, and fills in the
// search page's filters (Page.Editions and Sections), so make it before
// rendering; Add reads each page's words as the page is rendered and
// keeps only their counts and the page's entry in its document file;
// Files makes the term shards, the document files and the manifest once
// every page is read. The ranking depends on every page, and a document
// file holds several pages, so nothing can be written earlier.
//
// A Builder can be given pages again (`plinth serve` patches the last
// build after an edit to a page's text): Files then redoes only what
// their changes reach (the postings of their terms, the forms of their
// words, the shards holding those, the manifest) and of the document
// files makes only those whose documents changed; what it returns is
// what a new Builder would.
type Builder struct {
	opts   Options
	docs   []*document // in document order
	byPage map[*site.Page]int
	byURL  map[string]*document
	f      facets

	mu     sync.Mutex
	dict   *dictionary
	inv    inverted
	layout docLayout
	// words packs the documents' entries (pack.go); packed is the
	// buffer they are packed in before each is copied at its size.
	words  wordTable
	packed []byte
}

// NewBuilder plans the index of s.
func NewBuilder(s *site.Site, opts Options) *Builder {
	docs, f := documents(s, opts)
	if sp := s.GetPage(PagePath); sp != nil {
		if extra, ok := sp.Extra.(*Page); ok {
			extra.Editions, extra.Sections = f.editions, f.sections
			if opts.Facets != nil && opts.Facets.Browse() != "" {
				extra.AtoZ = s.GetPage(opts.Facets.Browse())
			}
		}
	}
	b := &Builder{opts: opts, docs: docs, byPage: make(map[*site.Page]int, len(docs)), byURL: make(map[string]*document, len(docs)),
		f: f, dict: opts.Cache.dictionary()}
	for i, d := range docs {
		b.byPage[d.page] = i
		b.byURL[d.url] = d
	}
	return b
}

// Indexes reports whether p has a document in the index.
func (b *Builder) Indexes(p *site.Page) bool {
	_, ok := b.byPage[p]
	return ok
}

// Add reads the words of p, given the text of its rendered body (nil to
// read p.Content itself), and keeps its counted words and its entry in
// its document file. Call it once per indexed page, and again for a page
// rendered again; it may be called from several goroutines.
func (b *Builder) Add(p *site.Page, text *Text) error {
	i, ok := b.byPage[p]
	if !ok {
		return fmt.Errorf("the page %s is not indexed", p.URL)
	}
	d := b.docs[i]
	cache := b.opts.Cache
	var body Text
	if text != nil {
		body = cache.keepText(d.url, string(p.Content), *text)
	} else {
		body = cache.extract(d.url, string(p.Content))
	}
	var entry site.SearchEntry
	if d.entry != nil {
		entry = *d.entry
	}
	f, doc := fields(p, entry, d.url, body)
	c := cache.count(d.url, f)
	data, err := cache.doc(doc)
	if err != nil {
		return err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if c.dict != b.dict {
		c.numbered, c.dict = b.dict.numberCounts(c), b.dict
		if cache == nil {
			c.terms, c.tfs, c.words = nil, nil, nil // numbered: no longer needed
		}
	}
	b.packed = b.words.pack(b.packed[:0], data)
	if !bytes.Equal(d.data, b.packed) {
		d.data, d.changed = bytes.Clone(b.packed), true
	}
	d.counts, d.size, d.added = c, len(data), true
	return nil
}

// Sweep lets the cache forget the pages this build did not index. Call it
// once a whole build is made, not after a patch that added a few pages.
func (b *Builder) Sweep() { b.opts.Cache.sweep() }

// Made is what Builder.Files makes.
type Made struct {
	// Index is the manifest and every term shard; shards whose contents
	// did not change since the last call are the bytes it returned.
	Index []site.File
	// Documents are the document files that differ from those of the
	// last call (every one on the first).
	Documents []site.File
	// Regrouped says the documents were laid out in files anew: Documents
	// then holds every document file, and those of earlier calls that it
	// does not hold are gone.
	Regrouped bool
}

// Files returns the index's files: the term shards and the manifest, and
// the document files that changed since the last call. Pages Add was not
// given are read from their Content. The first call indexes every page;
// later calls only what changed (inverted.update).
func (b *Builder) Files() (Made, error) {
	for _, d := range b.docs {
		if !d.added {
			if err := b.Add(d.page, nil); err != nil {
				return Made{}, err
			}
		}
	}
	b.inv.update(b.docs, b.dict)
	first, shards, sums, err := b.inv.shardFiles()
	if err != nil {
		return Made{}, err
	}
	if b.opts.Cache == nil {
		// Without a cache nothing is patched (`plinth build`): let the
		// postings go, and make them again if pages are given again.
		b.inv = inverted{}
	}
	made := Made{Index: shards}
	made.Documents, made.Regrouped = b.docFiles()
	// The build hash names this version of the index: a digest over every
	// file's path and contents, the shards' then the documents'.
	h := sha256.New()
	for i, f := range made.Index {
		fmt.Fprintf(h, "%s\x00%d\x00", strings.TrimPrefix(f.Path, "search/"), len(f.Data))
		h.Write(sums[i][:])
	}
	for k, sum := range b.layout.sums {
		fmt.Fprintf(h, "%s\x00%d\x00", strings.TrimPrefix(docFilePath(k), "search/"), b.layout.sizes[k])
		h.Write(sum[:])
	}

	m := Manifest{
		Version: FormatVersion, Build: hex.EncodeToString(h.Sum(nil))[:12], Docs: len(b.docs), DocsPerFile: b.layout.perFile,
		ImpactBase: ImpactBase, StopWords: StopWords, Editions: orEmpty(b.f.editions), Sections: orEmpty(b.f.sections),
		Groups: groups(b.docs), Shards: orEmpty(first), Synonyms: b.opts.Synonyms.phrases(),
	}
	data, err := marshal(m)
	if err != nil {
		return Made{}, err
	}
	made.Index = append(made.Index, site.File{Path: ManifestPath, Data: data})
	slices.SortFunc(made.Index, func(a, b site.File) int { return cmp.Compare(a.Path, b.Path) })
	return made, nil
}

// Index builds the whole search index of the site at once: the manifest,
// the term shards and the document files, each page's words read from its
// Content. It also fills in the search page's filters.
func Index(s *site.Site, opts Options) ([]site.File, error) {
	b := NewBuilder(s, opts)
	errs := make([]error, len(b.docs))
	parallel.For(len(b.docs), func(i int) { errs[i] = b.Add(b.docs[i].page, nil) })
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	made, err := b.Files()
	if err != nil {
		return nil, err
	}
	b.Sweep()
	files := slices.Concat(made.Index, made.Documents)
	slices.SortFunc(files, func(a, b site.File) int { return cmp.Compare(a.Path, b.Path) })
	return files, nil
}
