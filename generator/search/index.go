package search

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/plinth-ssg/plinth/generator/parallel"
	"github.com/plinth-ssg/plinth/generator/site"
)

// ManifestPath is where the manifest is published, relative to the output
// root.
const ManifestPath = "search/index.json"

// FormatVersion changes whenever the files' layout changes, so an old
// script never misreads a new index.
const FormatVersion = 1

// ShardBytes is the size a term shard is filled to before the next one
// starts. A query downloads one shard per word it contains (two when a
// prefix straddles shards), so smaller shards mean smaller downloads and a
// longer shard list in the manifest; a single term with more postings
// than this gets a shard of its own.
const ShardBytes = 16 << 10

// MaxText is the most running text kept per page for snippets, in bytes.
// A longer page's snippet for a word beyond it falls back to the page's
// description.
const MaxText = 3000

// Manifest is search/index.json, the one file of the index a query always
// downloads.
type Manifest struct {
	Version int `json:"version"`
	// Build names this build's shards and documents: a hash of them all.
	// The browser adds it to their addresses as a query ("t/3.json?v=…"),
	// which static hosts ignore when they look up the file, so a browser
	// never mixes cached files of two builds.
	Build string `json:"build"`
	// Docs is the number of documents, numbered from 0; document n is
	// "d/n.json" beside the manifest.
	Docs      int       `json:"docs"`
	StopWords []string  `json:"stopWords"`
	Editions  []Edition `json:"editions"`
	Sections  []Section `json:"sections"`
	// Groups are the runs of documents that share a section and an
	// edition, in document order: [first document, section index, edition
	// index or -1]. A run ends where the next begins.
	Groups [][3]int `json:"groups"`
	// Shards holds the first term of each term shard, in order; shard i is
	// "t/i.json" beside the manifest and holds the terms from Shards[i] up to (not
	// including) Shards[i+1]. Terms are ordered by UTF-16 code units, as
	// JavaScript compares strings.
	Shards []string `json:"shards"`
}

// Shard is one term shard.
type Shard struct {
	// Terms maps a term to its postings (EncodePostings).
	Terms map[string]string `json:"terms"`
	// IDs maps a standard ID to the documents of the standards with that
	// ID, one per edition (EncodeDocs), so that a query for "1.3" can put
	// them first.
	IDs map[string]string `json:"ids,omitempty"`
}

// Doc is one document's file: what a result shows.
type Doc struct {
	// URL is relative to the base URL ("framework/2021/standards/1-3/").
	URL         string `json:"url"`
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	// Text is the page's running text (at most MaxText bytes), from which
	// the browser cuts a snippet around the words it found.
	Text string `json:"text"`
}

// Builder makes the search index while the site is built. NewBuilder
// decides which pages are indexed and fills in the search page's filters
// (Page.Editions and Sections), so make it before rendering; Add reads each
// page's words as the page is rendered, keeps only their counts, and
// returns the page's document file at once; Files makes the term shards
// and the manifest once every page is read. The ranking depends on every
// page, so nothing but the documents can be written earlier.
type Builder struct {
	cache  *Cache
	docs   []*document // in document order
	byPage map[*site.Page]int
	f      facets

	mu   sync.Mutex
	dict *dictionary
}

// NewBuilder plans the index of s. fx describes the pages of features with
// kinds of their own (the framework's editions and standards); it may be
// nil. cache may be nil; with one, per-page work of earlier builds is
// reused.
func NewBuilder(s *site.Site, fx Facets, cache *Cache) *Builder {
	docs, f := documents(s, fx)
	if sp := s.GetPage(PagePath); sp != nil {
		if extra, ok := sp.Extra.(*Page); ok {
			extra.Editions, extra.Sections = f.editions, f.sections
			if fx != nil && fx.Browse() != "" {
				extra.AtoZ = s.GetPage(fx.Browse())
			}
		}
	}
	b := &Builder{cache: cache, docs: docs, byPage: make(map[*site.Page]int, len(docs)), f: f, dict: cache.dictionary()}
	for i, d := range docs {
		b.byPage[d.page] = i
	}
	return b
}

// Indexes reports whether p has a document in the index.
func (b *Builder) Indexes(p *site.Page) bool {
	_, ok := b.byPage[p]
	return ok
}

// Add reads the words of p, given the text of its rendered body (nil to
// read p.Content itself), and returns its document's file. Call it once
// per indexed page; it may be called from several goroutines.
func (b *Builder) Add(p *site.Page, text *Text) (site.File, error) {
	i, ok := b.byPage[p]
	if !ok {
		return site.File{}, fmt.Errorf("the page %s is not indexed", p.URL)
	}
	d := b.docs[i]
	var body Text
	if text != nil {
		body = b.cache.keepText(d.url, string(p.Content), *text)
	} else {
		body = b.cache.extract(d.url, string(p.Content))
	}
	f, doc := fields(p, d.entry, d.url, body)
	c := b.cache.count(d.url, f)
	data, digest, err := b.cache.doc(doc)
	if err != nil {
		return site.File{}, err
	}
	b.mu.Lock()
	if c.ids == nil {
		c.ids = b.dict.number(c.terms)
		if b.cache == nil {
			c.terms = nil // numbered: the strings are no longer needed
		}
	}
	d.counts, d.digest, d.size, d.added = c, digest, len(data), true
	b.mu.Unlock()
	return site.File{Path: docPath(i), Data: data, Source: d.file}, nil
}

// Sweep lets the cache forget the pages this build did not index. Call it
// once a whole build is made, not after a patch that added a few pages.
func (b *Builder) Sweep() { b.cache.sweep() }

// docPath is where document i is published.
func docPath(i int) string { return "search/d/" + strconv.Itoa(i) + ".json" }

// Files returns the rest of the index: the documents of pages Add was not
// given (read from their Content), the term shards and the manifest.
func (b *Builder) Files() ([]site.File, error) {
	var files []site.File
	for _, d := range b.docs {
		if !d.added {
			f, err := b.Add(d.page, nil)
			if err != nil {
				return nil, err
			}
			files = append(files, f)
		}
	}
	postings, ids := invert(b.docs, b.dict)

	var shards []site.File
	var shardFirst []string
	terms := make([]string, 0, len(postings)+len(ids))
	for t := range postings {
		terms = append(terms, t)
	}
	for t := range ids {
		if _, ok := postings[t]; !ok {
			terms = append(terms, t)
		}
	}
	slices.SortFunc(terms, compareUTF16)
	cur := Shard{Terms: map[string]string{}}
	size := 0
	flush := func() error {
		data, err := marshal(cur)
		if err != nil {
			return err
		}
		shards = append(shards, site.File{Path: "search/t/" + strconv.Itoa(len(shardFirst)-1) + ".json", Data: data})
		return nil
	}
	for _, t := range terms {
		p := postings[t]
		entry := len(t) + len(p) + 6
		if x, ok := ids[t]; ok {
			entry += len(t) + len(x) + 6
		}
		if len(shardFirst) == 0 || size > 0 && size+entry > ShardBytes {
			if len(shardFirst) > 0 {
				if err := flush(); err != nil {
					return nil, err
				}
				cur, size = Shard{Terms: map[string]string{}}, 0
			}
			shardFirst = append(shardFirst, t)
		}
		if p != "" {
			cur.Terms[t] = p
		}
		if x, ok := ids[t]; ok {
			if cur.IDs == nil {
				cur.IDs = map[string]string{}
			}
			cur.IDs[t] = x
		}
		size += entry
	}
	if len(shardFirst) > 0 {
		if err := flush(); err != nil {
			return nil, err
		}
	}
	// The build hash names this version of the index: a digest over every
	// file's path and digest, the shards' then the documents'.
	h := sha256.New()
	for _, f := range shards {
		sum := sha256.Sum256(f.Data)
		fmt.Fprintf(h, "%s\x00%d\x00", strings.TrimPrefix(f.Path, "search/"), len(f.Data))
		h.Write(sum[:])
	}
	for i, d := range b.docs {
		fmt.Fprintf(h, "d/%d.json\x00%d\x00", i, d.size)
		h.Write(d.digest[:])
	}
	files = append(files, shards...)

	m := Manifest{
		Version: FormatVersion, Build: hex.EncodeToString(h.Sum(nil))[:12], Docs: len(b.docs), StopWords: StopWords,
		Editions: orEmpty(b.f.editions), Sections: orEmpty(b.f.sections), Groups: groups(b.docs), Shards: orEmpty(shardFirst),
	}
	data, err := marshal(m)
	if err != nil {
		return nil, err
	}
	files = append(files, site.File{Path: ManifestPath, Data: data})
	slices.SortFunc(files, func(a, b site.File) int { return cmp.Compare(a.Path, b.Path) })
	return files, nil
}

// Index builds the whole search index of the site at once: the manifest,
// the term shards and one small file per document, each page's words read
// from its Content. It also fills in the search page's filters. fx and
// cache are as for NewBuilder.
func Index(s *site.Site, fx Facets, cache *Cache) ([]site.File, error) {
	b := NewBuilder(s, fx, cache)
	docs := make([]site.File, len(b.docs))
	errs := make([]error, len(b.docs))
	parallel.For(len(b.docs), func(i int) { docs[i], errs[i] = b.Add(b.docs[i].page, nil) })
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	rest, err := b.Files()
	if err != nil {
		return nil, err
	}
	b.Sweep()
	files := append(docs, rest...)
	slices.SortFunc(files, func(a, b site.File) int { return cmp.Compare(a.Path, b.Path) })
	return files, nil
}

// BM25's parameters, at their usual values: k1 how quickly repeating a
// word stops adding to its weight, b how much a long page is discounted.
const (
	k1 = 1.2
	b  = 0.75
)

// invert computes each term's weight on each page (BM25 over the weighted
// fields, then scaled to 1..MaxImpact for the whole index) and returns the
// encoded postings by term, and the standards by ID. Every document's
// terms are numbered in dict.
func invert(docs []*document, dict *dictionary) (map[string]string, map[string]string) {
	per := make([]*counts, len(docs))
	for i, d := range docs {
		per[i] = d.counts
	}
	names := dict.names
	df := make([]int, len(names))
	total, postingCount := 0.0, 0
	for _, c := range per {
		total += c.length
		postingCount += len(c.ids)
		for _, id := range c.ids {
			df[id]++
		}
	}
	n := float64(len(docs))
	avg := max(total/max(n, 1), 1)
	idf := make([]float64, len(names))
	dict.live = 0
	for id, d := range df {
		idf[id] = math.Log(1 + (n-float64(d)+0.5)/(float64(d)+0.5))
		if d > 0 {
			dict.live++
		}
	}
	type scored struct {
		doc   int
		score float64
	}
	// All postings in one slice, each term's at its own range (a counting
	// sort by term), rather than a growing slice per term.
	flat := make([]scored, postingCount)
	next := make([]int, len(names)+1)
	for id, d := range df {
		next[id+1] = next[id] + d
	}
	lists := make([][]scored, len(names))
	for id := range names {
		lists[id] = flat[next[id]:next[id+1]]
	}
	best := 0.0
	for i, c := range per {
		norm := k1 * (1 - b + b*c.length/avg)
		for j, id := range c.ids {
			tf := float64(c.tfs[j])
			s := idf[id] * tf * (k1 + 1) / (tf + norm)
			flat[next[id]] = scored{i, s} // in document order
			next[id]++
			best = max(best, s)
		}
	}
	encoded := make([]string, len(names))
	parallel.For(len(names), func(id int) {
		if len(lists[id]) == 0 {
			return // a term of an earlier build only
		}
		ps := make([]Posting, len(lists[id]))
		for i, sc := range lists[id] {
			impact := int(math.Round(MaxImpact * sc.score / best))
			ps[i] = Posting{Doc: sc.doc, Impact: min(max(impact, 1), MaxImpact)}
		}
		encoded[id] = EncodePostings(ps)
	})
	postings := make(map[string]string, len(names))
	for id, t := range names {
		if df[id] > 0 {
			postings[t] = encoded[id]
		}
	}
	byID := map[string][]int{}
	for i, d := range docs {
		if d.id != "" {
			byID[d.id] = append(byID[d.id], i)
		}
	}
	idDocs := make(map[string]string, len(byID))
	for id, list := range byID {
		idDocs[id] = EncodeDocs(list)
	}
	return postings, idDocs
}

// counts are one document's weighted term frequencies (terms sorted, with
// their frequencies at the same index) and its weighted length. ids are the
// terms' numbers in the index's dictionary, set by invert.
type counts struct {
	terms  []string
	tfs    []float32 // sums of the fields' whole-number weights: exact
	length float64
	ids    []int32
}

// dictionary numbers terms.
type dictionary struct {
	ids   map[string]int32
	names []string
	live  int // how many of names the last build used
}

// number returns the numbers of terms, giving new terms the next ones.
func (d *dictionary) number(terms []string) []int32 {
	out := make([]int32, len(terms))
	for i, t := range terms {
		id, ok := d.ids[t]
		if !ok {
			// A term is a slice of its page's folded text; a copy
			// lets that text go.
			t = strings.Clone(t)
			id = int32(len(d.names))
			d.ids[t] = id
			d.names = append(d.names, t)
		}
		out[i] = id
	}
	return out
}

// countTerms weighs each term of a document's fields.
func countTerms(fields [nFields]string) *counts {
	tf := map[string]float64{}
	length := 0.0
	for f, text := range fields {
		w := fieldWeights[f]
		eachTerm(text, func(t string) {
			tf[t] += w
			length += w
		})
	}
	c := &counts{terms: make([]string, 0, len(tf)), length: length}
	for t := range tf {
		c.terms = append(c.terms, t)
	}
	slices.Sort(c.terms)
	c.tfs = make([]float32, len(c.terms))
	for i, t := range c.terms {
		c.tfs[i] = float32(tf[t])
	}
	return c
}

// groups describes the runs of documents sharing a section and edition.
func groups(docs []*document) [][3]int {
	out := [][3]int{}
	for i, d := range docs {
		if i == 0 || d.section != docs[i-1].section || d.edition != docs[i-1].edition {
			out = append(out, [3]int{i, d.section, d.edition})
		}
	}
	return out
}

// clip cuts text to at most n bytes, at a space when there is one.
func clip(text string, n int) string {
	if len(text) <= n {
		return text
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(text[cut]) {
		cut--
	}
	if sp := bytes.LastIndexByte([]byte(text[:cut]), ' '); sp > n/2 {
		cut = sp
	}
	return text[:cut]
}

// compareUTF16 orders strings by their UTF-16 code units, as JavaScript's
// < does, so the browser can binary-search the shard list.
func compareUTF16(a, b string) int {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb {
			if c := cmp.Compare(firstUnit(ra), firstUnit(rb)); c != 0 {
				return c
			}
			return cmp.Compare(ra, rb)
		}
		a, b = a[na:], b[nb:]
	}
	return cmp.Compare(len(a), len(b))
}

// firstUnit is a rune's first UTF-16 code unit: itself, or for runes
// beyond U+FFFF their high surrogate, which sorts below U+E000.
func firstUnit(r rune) rune {
	if r > 0xFFFF {
		hi, _ := utf16.EncodeRune(r)
		return hi
	}
	return r
}

func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
