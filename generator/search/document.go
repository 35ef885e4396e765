package search

import (
	"cmp"
	"crypto/sha256"
	"slices"
	"strings"

	"github.com/plinth-ssg/plinth/generator/site"
)

// Edition is an edition of the framework as a search filter.
type Edition struct {
	Key   string `json:"key"`
	Title string `json:"title"`
	// Status is the edition's status as the site shows it ("In force").
	Status string `json:"status"`
	// Default marks the edition in force: results are scoped to it (and to
	// pages that belong to no edition) until the reader picks another.
	Default bool `json:"default,omitempty"`
}

// Section is a part of the site as a search filter: a top-level section,
// or "other pages" (Key "") for pages outside any section.
type Section struct {
	Key   string `json:"key"`
	Title string `json:"title"`
}

// OtherPages is the filter label of pages in no section (the home page,
// "About this site").
const OtherPages = "Other pages"

// Facets is how a feature that makes pages of its own kinds describes them
// to the index: the editions results can be narrowed to, and for each of
// its pages the edition it belongs to, the words it is found by and the
// text it shows besides its body. The framework implements it
// (framework.SearchFacets), so that search needs no knowledge of the
// feature's types. Nil describes nothing.
type Facets interface {
	// Editions returns the editions results can be narrowed to, newest
	// first; Default marks the one results start with.
	Editions() []site.Facet
	// Entry describes one page; ok is false for pages the feature does
	// not own.
	Entry(p *site.Page) (site.SearchEntry, bool)
	// Browse returns the content path of a page listing the feature's
	// pages A to Z, for readers without JavaScript, or "".
	Browse() string
}

// The fields of a document, each weighted in the ranking: a word in the
// title counts several times one in the text.
const (
	fieldTitle = iota
	fieldKeywords
	fieldHeadings
	fieldDescription
	fieldBody
	nFields
)

var fieldWeights = [nFields]float64{
	fieldTitle:       8,
	fieldKeywords:    4,
	fieldHeadings:    3,
	fieldDescription: 2,
	fieldBody:        1,
}

// document is one page as the index keeps it while the site is built: its
// place in the index and its weighted terms. Its words are read (Add) as
// its page is rendered and dropped once counted.
type document struct {
	page  *site.Page
	entry site.SearchEntry
	// url is the page's address relative to the base URL, without the
	// leading slash ("framework/2021/standards/1-3/"), so the index works
	// under any base path.
	url string
	// file is the page's source file, for diagnostics about the
	// document's file (the identifier scan reads it too).
	file    string
	section int // index into the sections list
	edition int // index into the editions list, or -1
	// id is a standard's ID ("1.3"); a query for it puts the standard
	// first.
	id string
	// counts are the document's weighted terms and digest the SHA-256 of
	// its file, set by Add.
	counts *counts
	digest [sha256.Size]byte
	size   int
	added  bool
}

// facets are the editions and sections of the indexed pages, in display
// order.
type facets struct {
	editions []Edition
	sections []Section
}

// documents picks the pages worth finding and numbers them. Left out: the
// 404 page, tag lists, the search page itself and pages the feature that
// made them skips (the print version of each edition, which repeats the
// standards' pages, and the self-assessment, a tool whose words are the
// standards'). Pages of superseded editions are kept, under their
// edition, for readers who filter for it.
func documents(s *site.Site, fx Facets) ([]*document, facets) {
	var f facets
	editionIndex := map[string]int{}
	if fx != nil {
		for _, e := range fx.Editions() {
			editionIndex[e.Key] = len(f.editions)
			f.editions = append(f.editions, Edition{Key: e.Key, Title: e.Title, Status: e.Status, Default: e.Default})
		}
	}
	sectionIndex := map[string]int{}
	if s.Home != nil {
		for _, sec := range s.Home.Sections {
			title := sec.Title
			if entry, ok := entryOf(fx, sec); ok && entry.Filter != "" {
				title = entry.Filter
			}
			sectionIndex[sec.Path] = len(f.sections)
			f.sections = append(f.sections, Section{Key: sec.Path, Title: title})
		}
	}
	var docs []*document
	other := -1
	for _, p := range s.Pages {
		entry, _ := entryOf(fx, p)
		if !indexed(p) || entry.Skip {
			continue
		}
		d := &document{page: p, entry: entry, url: strings.TrimPrefix(p.URL, "/"), file: p.File, id: entry.ID, edition: -1}
		if ei, ok := editionIndex[entry.Facet]; ok && entry.Facet != "" {
			d.edition = ei
		}
		si, ok := sectionIndex[p.Section]
		if !ok || p.Kind == site.KindHome {
			if other < 0 {
				other = len(f.sections)
				f.sections = append(f.sections, Section{Title: OtherPages})
			}
			si = other
		}
		d.section = si
		docs = append(docs, d)
	}
	// Documents are numbered by section, then edition, then address, so
	// that every section and edition is a run of numbers and the manifest
	// describes each run by where it starts.
	slices.SortFunc(docs, func(a, b *document) int {
		return cmp.Or(cmp.Compare(a.section, b.section), cmp.Compare(a.edition, b.edition), strings.Compare(a.url, b.url))
	})
	return docs, f
}

// entryOf asks the feature, if any, how it describes a page.
func entryOf(fx Facets, p *site.Page) (site.SearchEntry, bool) {
	if fx == nil {
		return site.SearchEntry{}, false
	}
	return fx.Entry(p)
}

func indexed(p *site.Page) bool {
	switch {
	case p.Kind == site.Kind404, p.Kind == site.KindTaxonomy, p.Kind == site.KindTerm:
		return false
	case p.Path == PagePath:
		return false
	}
	return true
}

// fields reads a page's words into the document's weighted fields, and
// returns the file readers get for it.
func fields(p *site.Page, entry site.SearchEntry, url string, body Text) ([nFields]string, Doc) {
	doc := Doc{URL: url, Title: p.Title, Description: p.Description, Text: body.Body}
	if entry.Title != "" {
		doc.Title = entry.Title
	}
	if doc.Description == "" {
		doc.Description = entry.Description
	}
	if len(entry.Text) > 0 {
		doc.Text = strings.Join(slices.Concat([]string{doc.Text}, entry.Text), " ")
	}
	f := [nFields]string{
		fieldTitle:       doc.Title,
		fieldKeywords:    strings.Join(entry.Keywords, " "),
		fieldHeadings:    body.Headings,
		fieldDescription: doc.Description,
		fieldBody:        doc.Text,
	}
	doc.Text = clip(doc.Text, MaxText)
	return f, doc
}
