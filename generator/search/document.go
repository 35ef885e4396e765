package search

import (
	"cmp"
	"slices"
	"strings"

	"github.com/plinth-ssg/plinth/generator/parallel"
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

// document is one page as the index sees it.
type document struct {
	// url is the page's address relative to the base URL, without the
	// leading slash ("framework/2021/standards/1-3/"), so the index works
	// under any base path.
	url string
	// title is the title shown in results ("Standard 1.3 Quality
	// improvement and research").
	title       string
	description string
	// text is the page's running text, for snippets.
	text string
	// file is the page's source file, for diagnostics about the
	// document's file (the identifier scan reads it too).
	file    string
	section int // index into the sections list
	edition int // index into the editions list, or -1
	// id is a standard's ID ("1.3"); a query for it puts the standard
	// first.
	id     string
	fields [nFields]string
}

// facets are the editions and sections of the indexed pages, in display
// order.
type facets struct {
	editions []Edition
	sections []Section
}

// documents picks the pages worth finding and describes them. Left out:
// the 404 page, tag lists, the search page itself and pages the feature
// that made them skips (the print version of each edition, which repeats
// the standards' pages). Pages of superseded editions are kept, under
// their edition, for readers who filter for it.
func documents(s *site.Site, fx Facets, cache *Cache) ([]document, facets) {
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
	var pages []*site.Page
	var entries []site.SearchEntry
	for _, p := range s.Pages {
		entry, _ := entryOf(fx, p)
		if indexed(p) && !entry.Skip {
			pages = append(pages, p)
			entries = append(entries, entry)
		}
	}
	docs := make([]document, len(pages))
	parallel.For(len(pages), func(i int) { docs[i] = describe(pages[i], entries[i], cache) })
	other := -1
	for i, p := range pages {
		d := &docs[i]
		d.edition = -1
		if ei, ok := editionIndex[entries[i].Facet]; ok && entries[i].Facet != "" {
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
	}
	// Documents are numbered by section, then edition, then address, so
	// that every section and edition is a run of numbers and the manifest
	// describes each run by where it starts.
	slices.SortFunc(docs, func(a, b document) int {
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

// describe reads a page's words into the document's fields.
func describe(p *site.Page, entry site.SearchEntry, cache *Cache) document {
	body := cache.extract(strings.TrimPrefix(p.URL, "/"), string(p.Content))
	d := document{
		url:         strings.TrimPrefix(p.URL, "/"),
		title:       p.Title,
		description: p.Description,
		text:        body.Body,
		file:        p.File,
		id:          entry.ID,
	}
	if entry.Title != "" {
		d.title = entry.Title
	}
	if d.description == "" {
		d.description = entry.Description
	}
	if len(entry.Text) > 0 {
		d.text = strings.Join(slices.Concat([]string{d.text}, entry.Text), " ")
	}
	d.fields = [nFields]string{
		fieldTitle:       d.title,
		fieldKeywords:    strings.Join(entry.Keywords, " "),
		fieldHeadings:    body.Headings,
		fieldDescription: d.description,
		fieldBody:        d.text,
	}
	return d
}
