package search

import (
	"cmp"
	"slices"
	"strings"

	"github.com/plinth-ssg/plinth/generator/feedback"
	"github.com/plinth-ssg/plinth/generator/framework"
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

// StandardsLabel is the filter label of the framework's section: readers
// look for standards, whatever the framework is called.
const StandardsLabel = "Standards"

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
// the 404 page, tag lists and the "You said, we did" lists by region,
// profession, theme and status (their entries are indexed), the search
// page itself and the print version of each edition (it repeats the
// standards' pages). Pages of superseded
// editions are kept, under their edition, for readers who filter for it.
func documents(s *site.Site, fw *framework.Framework, cache *Cache) ([]document, facets) {
	var f facets
	editionIndex := map[*framework.Edition]int{}
	if fw != nil {
		in := fw.InForce()
		for _, e := range fw.Newest() {
			editionIndex[e] = len(f.editions)
			f.editions = append(f.editions, Edition{Key: e.Key, Title: e.Title, Status: e.Status.Label(), Default: e == in})
		}
	}
	sectionIndex := map[string]int{}
	if s.Home != nil {
		for _, sec := range s.Home.Sections {
			title := sec.Title
			if sec.Path == framework.Section {
				title = StandardsLabel
			}
			sectionIndex[sec.Path] = len(f.sections)
			f.sections = append(f.sections, Section{Key: sec.Path, Title: title})
		}
	}
	var pages []*site.Page
	for _, p := range s.Pages {
		if indexed(p) {
			pages = append(pages, p)
		}
	}
	docs := make([]document, len(pages))
	parallel.For(len(pages), func(i int) { docs[i] = describe(pages[i], cache) })
	other := -1
	for i, p := range pages {
		d := &docs[i]
		d.edition = -1
		if e := editionOf(p); e != nil {
			if ei, ok := editionIndex[e]; ok {
				d.edition = ei
			}
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

func indexed(p *site.Page) bool {
	switch {
	case p.Kind == site.Kind404, p.Kind == site.KindTaxonomy, p.Kind == site.KindTerm:
		return false
	case p.Path == PagePath:
		return false
	}
	switch p.Extra.(type) {
	case *feedback.Facet, *feedback.FacetValue:
		// Lists of "You said, we did" entries, like tag lists: the
		// entries themselves are indexed.
		return false
	}
	if e, ok := p.Extra.(*framework.Edition); ok && e.PrintPage == p {
		return false
	}
	return true
}

// editionOf returns the edition a framework page belongs to, or nil.
func editionOf(p *site.Page) *framework.Edition {
	switch x := p.Extra.(type) {
	case *framework.Edition:
		return x
	case *framework.Domain:
		return x.Edition
	case *framework.Standard:
		return x.Edition
	}
	return nil
}

// describe reads a page's words into the document's fields.
func describe(p *site.Page, cache *Cache) document {
	body := cache.extract(strings.TrimPrefix(p.URL, "/"), string(p.Content))
	d := document{
		url:         strings.TrimPrefix(p.URL, "/"),
		title:       p.Title,
		description: p.Description,
		text:        body.Body,
		file:        p.File,
	}
	var keywords []string
	entryTitle := ""
	switch x := p.Extra.(type) {
	case *framework.Standard:
		d.id = x.ID.String()
		d.title = "Standard " + d.id + " " + p.Title
		keywords = append(keywords, "standard", d.id)
		// The lists are part of the standard as readers see it.
		d.text = strings.Join(slices.Concat([]string{d.text}, x.Must, x.Evidence), " ")
	case *framework.Domain:
		keywords = append(keywords, "domain")
		if d.description == "" {
			d.description = x.Summary
		}
	case *framework.Guidance:
		keywords = append(keywords, "guidance")
		for _, st := range x.Standards {
			keywords = append(keywords, st.ID.String())
		}
	case *framework.Comparison:
		if d.description == "" {
			d.description = x.Summary()
		}
	case *feedback.Entry:
		// A generated page has no Markdown: its words are the entry's
		// (what learners said is its description). Its title says what
		// learners said in a few words, so it weighs as a description
		// does: a reader looking for a topic finds the standard and the
		// guidance on it before the entries that mention it.
		d.text = strings.Join([]string{x.WeDid, x.Outcome}, " ")
		entryTitle = d.title
	}
	titleField, descriptionField := d.title, d.description
	if entryTitle != "" {
		titleField, descriptionField = "", entryTitle+" "+d.description
	}
	d.fields = [nFields]string{
		fieldTitle:       titleField,
		fieldKeywords:    strings.Join(keywords, " "),
		fieldHeadings:    body.Headings,
		fieldDescription: descriptionField,
		fieldBody:        d.text,
	}
	return d
}
