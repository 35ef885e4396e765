// Package search writes the site's search index at build time, for the
// search page's script (themes/plinth/assets/js/search.js and
// search-core.mjs) to query in the reader's browser: no query leaves the
// site, and no server is needed.
//
// # Contract
//
// AddPage runs before assemble and gives the site its search page at
// /search/ (content path "search"), or adopts the site's own
// content/search.md. LoadSynonyms reads data/search-synonyms.toml, if the
// site has one. NewBuilder runs after the markdown stage, before
// rendering: it decides which pages are indexed and fills in the search
// page's filters (Page). Each page's words are read as the page is
// rendered, from the one pass over the built file that the output stage
// makes (TextReader, Builder.Add); Builder.Files then makes the index's
// files. Index does all of it at once from each page's Content. The
// features that make pages of their own kinds describe them through
// Facets (the framework) and Describe (the others), so that this package
// knows none of their types.
//
// Every page is indexed except the 404 page, tag lists, the search page,
// the print version of each edition, the self-assessment, and the
// standards and domains of an edition out for consultation. The pages of
// such an edition that are indexed (its front page) are left out of the
// ranking's statistics (the average length, each term's document
// frequency, the heaviest weight: inverted.idf), so that publishing a draft
// changes no weight of the pages that apply. Pages of
// superseded editions are indexed under their edition, so that a reader
// can choose that edition; by default the browser shows the edition in
// force and pages of no edition, or, when the query names another edition
// beside other words, by its key ("1.3 2016") or by a word of its title
// that no other edition's title has ("draft standards", "induction
// 2020"), that edition, and with every edition chosen it lists the pages
// of retired editions last.
//
// # Words
//
// The generator and the browser split and fold text the same way (Words:
// lower case, accents removed, apostrophes dropped, runs of letters and
// digits, dotted numbers such as standard IDs kept whole); testdata/words.json
// holds the cases both test suites check. Only the generator stems
// (Stem: Snowball English, after writing American spellings the British
// way); each term shard lists, beside its terms, the word forms that lead
// to them (the site's words, and forms readers may type), so the browser
// looks a word up rather than stemming it. Only a word the index does not
// list is tried without a common English ending ("disabled" as "disabl",
// "discriminated" as "discrimin",
// search-core.mjs, derive), and only a term that starts the word is taken,
// before the word is treated as a misspelling; a synonym group's word the
// site never writes is found the same way ("quitting" is "quit",
// "whistleblower" is "whistleblowing"), from the terms the manifest gives
// for the groups. A hyphenated word is indexed
// also as one word ("well-being" as "wellbeing", "e-mail" as "email").
// Stop words, the words of a question among them, are left out on both
// sides (StopWords); a word no page has after one is searched as the two
// written together where that is a word of the site ("in duction").
//
// # Ranking
//
// Postings carry a precomputed weight: BM25 over weighted fields (title,
// keywords such as a standard's ID, headings, description, text), times
// the page's weight (pageWeight, from the kind of page its feature says
// it is, site.SearchRank: standards and guidance first, then ordinary
// pages, then lists and "You said, we did" entries), on a
// logarithmic scale (impact) whose top is the index's heaviest weight.
// BM25 weighs a page's length against the average, which is rounded
// (avgSteps) so that an edit to one page leaves the other pages'
// weights as they were. The browser adds up the weights of the words
// a page matches, weighs each word of the query by how few pages have it
// (BM25's IDF, from the pages in its postings), keeps the pages that
// lack less than half of the query's weight more than the best page
// does, and scales each page's score by the share of the weight it has,
// so pages that match every word rank as the postings say. A query with a
// word no page has, whose pages share only one other word with it, a word
// on more than a fifth of the pages ("strike action"), or only a letter
// ("e-portfolio"), finds nothing, so that the search page shows its help:
// a word of every page does not answer what the reader asked (unanswered). It puts
// standards whose ID is typed first, and reorders the first page of
// results for words side by side or close together, or for a word
// alone, in the title.
//
// # Files
//
// The index is split so that a query downloads a small part of it:
//
//	search/index.json  the manifest (Manifest): stop words, editions,
//	                   sections, the runs of documents that share a
//	                   section and edition, the first key of every term
//	                   shard, the synonyms
//	search/t/N.json    term shards (Shard), about ShardBytes each: terms
//	                   in UTF-16 order with their postings, the word forms
//	                   that lead to them, and the documents of each
//	                   standard ID
//	search/d/N.json    document files, DocsPerFile documents (Doc) each:
//	                   address, title, description and up to MaxText
//	                   bytes of text, from which the browser cuts the
//	                   snippet
//
// A query fetches the manifest, the shards of its words (those of a word
// the reader is still typing, of a misspelt word's neighbours, of a
// synonym's words) and the document files of the results it shows, ten at
// a time. The manifest's Build hash goes on the other files' addresses as
// a query, so caches never mix two builds. A shard ends, once half
// full, before a term its hash chooses (shardStarts), so that a term whose
// postings grow moves the ends of the shards near it only.
//
// When `plinth serve` patches a build after an edit to a page's text, the
// Builder redoes only what the edit reaches (inverted): the postings of
// the page's terms (of every page with a term it gained or lost, whose
// document frequency changed), the forms of the words it brought or
// dropped, the shards that hold those, the manifest, and the document
// file holding the page. A change to the ranking's scale (the number of
// pages, their rounded average length, the heaviest weight) makes every
// posting again. The files are those a build from the start makes.
//
// The output depends only on the site: the same pages give the same bytes.
package search
