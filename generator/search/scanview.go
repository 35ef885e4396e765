package search

import (
	"crypto/sha256"
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/plinth-ssg/plinth/generator/site"
)

// ScanViews returns what the identifier scan should read of an output
// file that is part of the search index, made of what a reader could see
// in it; ok is false for other files, which are scanned as they are.
//
//   - A term shard is read as its words: its terms, word forms and
//     aliases, without the encoded posting lists. A posting list is a
//     dense run of base64url characters that sooner or later spells
//     something shaped like a postcode or a telephone number; the lists
//     hold page numbers and weights, never words, and every word of the
//     index stays in the view (and comes from a page that is scanned
//     itself), so nothing readable escapes the scan.
//   - A document file is read as one file per document, named after the
//     file with "#" and the document's place in it ("search/d/0.json#2"),
//     and made from the page the document describes, so that what the
//     scan finds is reported where an editor can fix it.
//
// A file that does not read as the index's is scanned as it is. A nil
// Builder makes the same views, without the documents' source files.
func (b *Builder) ScanViews(f site.File) (views []site.File, ok bool) {
	switch {
	case strings.HasPrefix(f.Path, "search/t/") && strings.HasSuffix(f.Path, ".json"):
		if v, ok := shardView(f); ok {
			return []site.File{v}, true
		}
	case strings.HasPrefix(f.Path, "search/d/") && strings.HasSuffix(f.Path, ".json"):
		if v, ok := b.ownDocViews(f); ok {
			return v, true
		}
		return docViews(f, b.sourceOf)
	}
	return nil, false
}

// ScanKey returns what the scan's views of f (ScanViews) depend on
// besides f's bytes, and whether f is a file of the index, without
// making the views where it can: a term shard's view is made from its
// bytes alone, so its key is empty, and parsing every shard again only to
// find that out cost a patched rebuild in `plinth serve` about a fifth of
// its time at 10,000 pages. A document file's views carry the source
// files of its documents' pages, which are the key.
func (b *Builder) ScanKey(f site.File) (key string, ok bool) {
	if strings.HasPrefix(f.Path, "search/t/") && strings.HasSuffix(f.Path, ".json") {
		return "", true
	}
	views, ok := b.ScanViews(f)
	for _, v := range views {
		key += v.Source + "\n"
	}
	return key, ok
}

// shardView is a term shard's words, one per line, fenced, so that
// neighbouring words never read as one phrase ("020", "0991", "7946" are
// three terms, not a number).
func shardView(f site.File) (site.File, bool) {
	var shard Shard
	if err := json.Unmarshal(f.Data, &shard); err != nil {
		return f, false // not ours: scan it as it is
	}
	var words []string
	for t := range shard.Terms {
		words = append(words, t)
	}
	for t := range shard.IDs {
		words = append(words, t)
	}
	for t, list := range shard.Forms {
		words = append(words, t)
		for end := range strings.FieldsSeq(list) {
			if end != "=" {
				words = append(words, t+strings.TrimPrefix(end, "+"))
			}
		}
	}
	for w, t := range shard.Alias {
		words = append(words, w, strings.TrimPrefix(t, "+"))
	}
	slices.Sort(words)
	words = slices.Compact(words)
	f.Data = []byte(strings.Join(words, "\n|\n"))
	return f, true
}

// ownDocViews makes the views of a document file this Builder wrote last
// from the documents it holds, without reading the file's JSON.
func (b *Builder) ownDocViews(f site.File) ([]site.File, bool) {
	if b == nil {
		return nil, false
	}
	k, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(f.Path, "search/d/"), ".json"))
	per := b.layout.perFile
	if err != nil || k < 0 || k >= len(b.layout.sums) || len(f.Data) != b.layout.sizes[k] || sha256.Sum256(f.Data) != b.layout.sums[k] {
		return nil, false
	}
	group := b.docs[k*per : min((k+1)*per, len(b.docs))]
	if slices.ContainsFunc(group, func(d *document) bool { return d.changed }) {
		return nil, false // given again since: its entry may not be the file's
	}
	// The documents' entries are kept packed: each view is cut from the
	// file, whose entries are their sizes, in order, between brackets and
	// commas.
	views := make([]site.File, len(group))
	at := 1
	for i, d := range group {
		views[i] = site.File{Path: f.Path + "#" + strconv.Itoa(i), Data: f.Data[at : at+d.size : at+d.size], Source: d.file}
		at += d.size + 1
	}
	return views, true
}

// sourceOf returns the source file of the page at a document's address,
// or "".
func (b *Builder) sourceOf(url string) string {
	if b == nil {
		return ""
	}
	if d, ok := b.byURL[url]; ok {
		return d.file
	}
	return ""
}

// docViews splits a document file into one file per document, each with
// its page's source file (sourceOf, by the document's address).
func docViews(f site.File, sourceOf func(url string) string) ([]site.File, bool) {
	var list []json.RawMessage
	if err := json.Unmarshal(f.Data, &list); err != nil {
		return nil, false
	}
	views := make([]site.File, len(list))
	for i, raw := range list {
		var d Doc
		_ = json.Unmarshal(raw, &d) // a document without a known address is scanned all the same
		views[i] = site.File{Path: f.Path + "#" + strconv.Itoa(i), Data: raw, Source: sourceOf(d.URL)}
	}
	return views, true
}
