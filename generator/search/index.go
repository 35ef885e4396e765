package search

import (
	"bytes"
	"cmp"
	"encoding/json"
	"unicode/utf16"
	"unicode/utf8"
)

// ManifestPath is where the manifest is published, relative to the output
// root.
const ManifestPath = "search/index.json"

// FormatVersion changes whenever the files' layout changes, so an old
// script never misreads a new index.
const FormatVersion = 2

// ShardBytes is the most a term shard is filled to; most end between half
// of it and all of it, before a term chosen by its hash (shardStarts). A
// query downloads the shards of its words (usually one each; the words of
// a query often share one), so smaller shards mean smaller downloads and
// a longer shard list in the manifest; a single term with more postings
// than this gets a shard of its own.
const ShardBytes = 8 << 10

// DocFileBytes is about how many bytes of documents go in one document
// file. Documents are grouped so that the index is a few files rather
// than one per page; a query's results, ten at a time, come from a few of
// them.
const DocFileBytes = 8 << 10

// MaxText is the most running text kept per page for snippets, in bytes.
// A longer page's snippet for a word beyond it falls back to the page's
// description.
const MaxText = 1500

// ImpactBase is the factor between one step of a posting's impact and the
// next (see impact).
const ImpactBase = 1.1

// Manifest is search/index.json, the one file of the index a query always
// downloads.
type Manifest struct {
	Version int `json:"version"`
	// Build names this build's shards and documents: a hash of them all.
	// The browser adds it to their addresses as a query ("t/3.json?v=…"),
	// which static hosts ignore when they look up the file, so a browser
	// never mixes cached files of two builds.
	Build string `json:"build"`
	// Docs is the number of documents, numbered from 0. Document n is
	// item n mod DocsPerFile of the list in "d/⌊n / DocsPerFile⌋.json"
	// beside the manifest.
	Docs        int `json:"docs"`
	DocsPerFile int `json:"docsPerFile"`
	// ImpactBase says what a posting's impact is worth (see impact).
	ImpactBase float64   `json:"impactBase"`
	StopWords  []string  `json:"stopWords"`
	Editions   []Edition `json:"editions"`
	Sections   []Section `json:"sections"`
	// Groups are the runs of documents that share a section and an
	// edition, in document order: [first document, section index, edition
	// index or -1]. A run ends where the next begins; a section or an
	// edition may have several runs.
	Groups [][3]int `json:"groups"`
	// Shards holds the first term of each term shard, in order; shard i is
	// "t/i.json" beside the manifest and holds the keys (terms, forms and
	// aliases) from Shards[i] up to (not including) Shards[i+1]. Keys are
	// ordered by UTF-16 code units, as JavaScript compares strings.
	Shards []string `json:"shards"`
	// Synonyms are the groups of words and phrases that mean the same
	// (data/search-synonyms.toml): a query with one of them finds pages
	// with any of them.
	Synonyms [][]Phrase `json:"synonyms,omitempty"`
}

// Doc is one document: what a result shows. A document file holds a list
// of them.
type Doc struct {
	// URL is relative to the base URL ("framework/2021/standards/1-3/").
	URL         string `json:"url"`
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	// Text is the page's running text (at most MaxText bytes), from which
	// the browser cuts a snippet around the words it found.
	Text string `json:"text"`
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
