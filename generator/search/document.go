package search

import (
	"cmp"
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
	// Retired marks an edition that does not apply (superseded,
	// withdrawn, or out for consultation): its pages come after every
	// other result unless the reader chose the edition.
	Retired bool `json:"retired,omitempty"`
	// Proposed marks an edition out for consultation (site.Facet): its
	// pages are left out of the average page length. The browser does
	// not need it.
	Proposed bool `json:"-"`
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

// Describe is how a feature that makes pages of its own kinds describes
// one of them to the index: the words it is found by, the text it shows
// besides its body, how likely readers are to want it, or that it is not
// to be found at all. ok is false for pages the feature did not make.
// Features implement it (feedback.SearchEntry, actionplans.SearchEntry),
// so that search needs no knowledge of their types.
type Describe func(p *site.Page) (entry site.SearchEntry, ok bool)

// Facets is how a feature whose pages belong to editions describes them
// to the index: the editions results can be narrowed to, and each of its
// pages as a Describe does. The framework implements it
// (framework.SearchFacets).
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
// place in the index, its weighted terms and words, and its entry in its
// document file. Its words are read (Builder.Add) as its page is rendered
// and dropped once counted.
type document struct {
	page *site.Page
	// entry is how a feature describes the page, nil if none does (most
	// pages: held for every page, the entry is about half a document).
	entry *site.SearchEntry
	// url is the page's address relative to the base URL, without the
	// leading slash ("framework/2021/standards/1-3/"), so the index works
	// under any base path.
	url string
	// file is the page's source file: the identifier scan reports what it
	// finds in the document there.
	file    string
	section int // index into the sections list
	edition int // index into the editions list, or -1
	// weight is the share of its weight the page's matches count
	// (pageWeight).
	weight float64
	// id is a standard's ID ("1.3"); a query for it puts the standard
	// first.
	id string
	// proposed says the page is of an edition out for consultation, so
	// its length is not part of the average (inverted.update).
	proposed bool
	// counts are the document's weighted terms and words, and data its
	// entry in its document file (a Doc as JSON), packed (wordTable.pack),
	// and size the entry's length, all set by Add; changed says that data
	// differs from what the last Builder.Files wrote.
	counts  *counts
	data    []byte
	size    int
	added   bool
	changed bool
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
// standards' pages; the self-assessment, a tool whose words are the
// standards'; the "You said, we did" lists by region, profession, theme
// and status, whose entries are indexed). Pages of superseded editions are
// kept, under their edition, for readers who filter for it.
func documents(s *site.Site, opts Options) ([]*document, facets) {
	var f facets
	editionIndex := map[string]int{}
	if opts.Facets != nil {
		for _, e := range opts.Facets.Editions() {
			editionIndex[e.Key] = len(f.editions)
			f.editions = append(f.editions, Edition{Key: e.Key, Title: e.Title, Status: e.Status, Default: e.Default, Retired: e.Retired, Proposed: e.Proposed})
		}
	}
	sectionIndex := map[string]int{}
	if s.Home != nil {
		for _, sec := range s.Home.Sections {
			title := sec.Title
			if entry, ok := opts.entry(sec); ok && entry.Filter != "" {
				title = entry.Filter
			}
			sectionIndex[sec.Path] = len(f.sections)
			f.sections = append(f.sections, Section{Key: sec.Path, Title: title})
		}
	}
	var docs []*document
	other := -1
	for _, p := range s.Pages {
		entry, described := opts.entry(p)
		if !indexed(p) || entry.Skip {
			continue
		}
		d := &document{url: strings.TrimPrefix(p.URL, "/"), file: p.File, id: entry.ID, edition: -1,
			weight: pageWeight(p, entry), page: p}
		if described {
			d.entry = &entry
		}
		if ei, ok := editionIndex[entry.Facet]; ok && entry.Facet != "" {
			d.edition = ei
			d.proposed = f.editions[ei].Proposed
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
	// Documents are numbered so that the pages most often found come
	// first: a query's results then come from few document files. So
	// pages of retired editions come last; before them, heavier pages
	// (pageWeight) first; then by section, edition and address, so that
	// the manifest can describe each section's and edition's documents as
	// a few runs of numbers.
	retired := func(d *document) bool { return d.edition >= 0 && f.editions[d.edition].Retired }
	slices.SortFunc(docs, func(a, b *document) int {
		return cmp.Or(compareBool(retired(a), retired(b)), cmp.Compare(b.weight, a.weight),
			cmp.Compare(a.section, b.section), cmp.Compare(a.edition, b.edition), strings.Compare(a.url, b.url))
	})
	return docs, f
}

// entry asks the features how they describe a page: the framework first,
// then the others in turn.
func (o Options) entry(p *site.Page) (site.SearchEntry, bool) {
	if o.Facets != nil {
		if e, ok := o.Facets.Entry(p); ok {
			return e, true
		}
	}
	for _, describe := range o.Pages {
		if e, ok := describe(p); ok {
			return e, true
		}
	}
	return site.SearchEntry{}, false
}

// compareBool orders false before true.
func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
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
// returns what readers get for it in its document file.
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
