package search

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/plinth-ssg/plinth/generator/site"
)

// ForScan returns the files as the identifier scan should read them, with
// the search index's files replaced by what a reader could see in them:
//
//   - each term shard by its words: its terms, word forms and aliases,
//     without the encoded posting lists. A posting list is a dense run of
//     base64url characters that sooner or later spells something shaped
//     like a postcode or a telephone number; the lists hold page numbers
//     and weights, never words, and every word of the index stays in the
//     view (and comes from a page that is scanned itself), so nothing
//     readable escapes the scan;
//   - each document file by one file per document, named after the file
//     with "#" and the document's place in it ("search/d/0.json#2"), and
//     made from the page the document describes (s gives each page's
//     source file by address), so that what the scan finds is reported
//     where an editor can fix it.
//
// Other files are passed through unchanged, as are index files that do
// not read as the index's.
func ForScan(files []site.File, s *site.Site) []site.File {
	sourceOf := map[string]string{}
	if s != nil {
		for _, p := range s.Pages {
			sourceOf[strings.TrimPrefix(p.URL, "/")] = p.File
		}
	}
	var out []site.File
	changed := false
	for _, f := range files {
		switch {
		case strings.HasPrefix(f.Path, "search/t/") && strings.HasSuffix(f.Path, ".json"):
			if view, ok := shardView(f); ok {
				out, changed = append(out, view), true
				continue
			}
		case strings.HasPrefix(f.Path, "search/d/") && strings.HasSuffix(f.Path, ".json"):
			if views, ok := docViews(f, sourceOf); ok {
				out, changed = append(out, views...), true
				continue
			}
		}
		out = append(out, f)
	}
	if !changed {
		return files
	}
	return out
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

// docViews splits a document file into one file per document.
func docViews(f site.File, sourceOf map[string]string) ([]site.File, bool) {
	var list []json.RawMessage
	if err := json.Unmarshal(f.Data, &list); err != nil {
		return nil, false
	}
	views := make([]site.File, len(list))
	for i, raw := range list {
		var d Doc
		_ = json.Unmarshal(raw, &d) // a document without a known address is scanned all the same
		views[i] = site.File{Path: f.Path + "#" + strconv.Itoa(i), Data: raw, Source: sourceOf[d.URL]}
	}
	return views, true
}
