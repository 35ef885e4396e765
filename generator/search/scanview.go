package search

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/plinth-ssg/plinth/generator/site"
)

// ForScan returns files with each term shard replaced by the text a reader
// could see in it: its terms, without the encoded posting lists. The
// identifier scan reads every output file for names and personal data, and
// a posting list is a dense run of base64url characters that sooner or
// later spells something shaped like a postcode or a telephone number. The
// lists hold page numbers and weights, never words, and every word of the
// index is a key that stays in the view (and comes from a page that is
// scanned itself), so nothing readable escapes the scan. Other files are
// passed through unchanged.
func ForScan(files []site.File) []site.File {
	var out []site.File
	for i, f := range files {
		v, ok := scanView(f)
		if !ok {
			continue
		}
		if out == nil {
			out = slices.Clone(files)
		}
		out[i] = v
	}
	if out == nil {
		return files
	}
	return out
}

// ScanView is ForScan for one file: a term shard's readable words, or the
// file itself.
func ScanView(f site.File) site.File {
	v, _ := scanView(f)
	return v
}

// scanView returns ScanView's file and whether it is a view.
func scanView(f site.File) (site.File, bool) {
	if !strings.HasPrefix(f.Path, "search/t/") || !strings.HasSuffix(f.Path, ".json") {
		return f, false
	}
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
	slices.Sort(words)
	// One word per line, fenced, so that neighbouring words never read as
	// one phrase ("020", "0991", "7946" are three terms, not a number).
	f.Data = []byte(strings.Join(words, "\n|\n"))
	return f, true
}
