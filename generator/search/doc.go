// Package search writes the site's search index at build time, for the
// search page's script (themes/plinth/assets/js/search.js and
// search-core.mjs) to query in the reader's browser: no query leaves the
// site, and no server is needed.
//
// # Contract
//
// AddPage runs before assemble and gives the site its search page at
// /search/ (content path "search"), or adopts the site's own
// content/search.md. Index runs after the markdown stage and returns the
// index's files; it also fills in the search page's filters (Page).
//
// Every page is indexed except the 404 page, tag lists, the search page,
// the print version of each edition and the self-assessment. Pages of
// superseded editions are indexed under their edition, so that a reader
// can choose that edition; by default the browser shows the edition in
// force and pages of no edition.
//
// # Text
//
// Terms is the one definition of a word: folded (lower case, accents
// removed), apostrophes dropped, split into runs of letters and digits or
// dotted numbers (standard IDs such as "1.3" stay whole), stop words
// dropped, plurals reduced by Stem. search-core.mjs does the same to the
// reader's query; testdata/terms.json holds the cases both sides are tested
// on.
//
// # Files
//
// The index is split so that a query downloads a small part of it:
//
//	search/index.json  the manifest (Manifest): the stop words, editions,
//	                   sections, the runs of documents that share a section
//	                   and edition, and the first term of every shard
//	search/t/N.json    term shards (Shard), about ShardBytes each: terms in
//	                   UTF-16 order, each with its postings, and the
//	                   documents of each standard ID
//	search/d/N.json    one file per document (Doc): address, title,
//	                   description and up to MaxText bytes of text, from
//	                   which the browser cuts the snippet
//
// A query fetches the manifest, one shard per word (two or three when the
// last word is completed as a prefix and its terms straddle shards) and the
// documents of the results it shows, ten at a time. Postings carry a
// precomputed weight (BM25 over weighted fields: title, keywords such as a
// standard's ID, headings, description, text), so the browser only adds
// them up. The manifest's Build hash goes on the other files' addresses as
// a query, so caches never mix two builds.
//
// The output depends only on the site: the same pages give the same bytes.
package search
