package feedback

import (
	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/site"
)

// Feedback is every published entry and the ways to browse them. Layouts
// reach it as .Extra of /you-said-we-did/ (layout entries.html).
type Feedback struct {
	// Page is the section page, content/you-said-we-did/_index.md (or one
	// made for it when the file is missing).
	Page *site.Page
	// URL is the section's address, "/you-said-we-did/".
	URL string
	// Entries are the published entries, newest first.
	Entries []*Entry
	// Facets are the ways to narrow the list: region, profession, theme
	// and status, in that order.
	Facets []*Facet
	// Tally counts the entries by region and status, for the table on the
	// index page (and the chart that will replace it).
	Tally *Tally
	// Feed is the address of the feed of every entry, relative to the base
	// URL ("/you-said-we-did/feed.xml").
	Feed string
	// Sample is set by sample = true in the section's front matter: the
	// entries are sample content, and every page says so.
	Sample bool
}

// ReadsOthersBodies reports that the feature's data is made from its data
// file and the standards' titles, never from a page's body
// (site.OthersBodiesReader).
func (x *Feedback) ReadsOthersBodies() bool { return false }

// Facet returns the facet with the key ("region", "profession", "theme",
// "status"), or nil.
func (f *Feedback) Facet(key string) *Facet {
	for _, fc := range f.Facets {
		if fc.Key == key {
			return fc
		}
	}
	return nil
}

// Entry is one published "You said, we did" entry: .Extra of its page
// (layout entry.html).
type Entry struct {
	// ID is the permanent reference as written in the data file
	// ("YSWD-001"); Slug is its address segment ("yswd-001").
	ID   string
	Slug string
	// Title is the entry's heading: what learners said, in a few words,
	// from the title column ("Nowhere to rest on night shifts"), or the
	// start of what learners said when the entry has none.
	Title string
	// Published is when the entry was first published; Updated is the
	// later of that and its review, for feeds.
	Published site.Date
	Updated   site.Date
	// Region, Professions, Theme and Status are the entry's values of each
	// facet, each linking to its listing page.
	Region      *FacetValue
	Professions []*FacetValue
	Theme       *FacetValue
	Status      *FacetValue
	// Standards are the framework standards the entry relates to.
	Standards []StandardLink
	// LearnersSaid, WeDid and Outcome are plain text, escaped like any
	// other text when a layout shows them.
	LearnersSaid string
	WeDid        string
	Outcome      string
	// Evidence is the figure showing the change, or nil.
	Evidence *Evidence
	// ReviewedBy is the reviewer's role; ReviewedOn the review's date.
	ReviewedBy string
	ReviewedOn site.Date
	// URL is the entry page's address relative to the base URL
	// ("/you-said-we-did/yswd-001/"); Page is that page.
	URL  string
	Page *site.Page
	// Newer and Older are the neighbouring entries in the list, or nil.
	Newer, Older *Entry
	// Feedback is the whole collection, for navigation.
	Feedback *Feedback
	// Pos is where the entry's row starts in its data file.
	Pos diag.Pos
}

// ReadsOthersBodies reports that the feature's data is made from its data
// file and the standards' titles, never from a page's body
// (site.OthersBodiesReader).
func (x *Entry) ReadsOthersBodies() bool { return false }

// StandardLink is a framework standard an entry names: its reference and
// title, and its page's address when that page is published.
type StandardLink struct {
	// Ref is the canonical reference ("2021:3.4"); ID is the standard's
	// number ("3.4") and Edition its edition's key.
	Ref, ID, Edition string
	Title            string
	// URL is empty when the standard's edition is not published in this
	// build (a draft edition, say).
	URL string
}

// Evidence is an entry's figure: a count or a percentage, and what it
// counts.
type Evidence struct {
	// Figure is the number as published ("150", "1,250", "78%").
	Figure string
	// Unit is "count" or "percent".
	Unit string
	// Label says what the figure counts ("learners who attended a careers
	// event").
	Label string
	// Base is what a percentage is a percentage of, as published
	// ("2,340"); empty for a count.
	Base string
	// Source says where the figure comes from and when ("National
	// Education and Training Survey, autumn 2023").
	Source string
}

// Facet is one way to narrow the list of entries.
type Facet struct {
	// Key names the facet ("region", "profession", "theme", "status"); it
	// is also the query-string parameter the filter script uses.
	Key string
	// Name is the facet's name for people ("Region"), and Plural what the
	// values are called together ("regions").
	Name, Plural string
	// Values are the facet's values that have entries, in the order of
	// their reference list (regions.toml, professions.toml, the manifest).
	Values []*FacetValue
	// URL is the facet's list page ("/you-said-we-did/professions/"), and
	// Page that page; both are empty for regions, whose pages sit directly
	// under /you-said-we-did/.
	URL  string
	Page *site.Page
	// Feedback is the whole collection, for navigation.
	Feedback *Feedback
}

// ReadsOthersBodies reports that the feature's data is made from its data
// file and the standards' titles, never from a page's body
// (site.OthersBodiesReader).
func (x *Facet) ReadsOthersBodies() bool { return false }

// FacetValue is one value of a facet (a region, a profession, a theme or a
// status) with its entries: .Extra of its page (layout facet.html).
type FacetValue struct {
	Facet *Facet
	// Key is the value as data files write it ("north-west"); Name is
	// what readers see ("North West").
	Key, Name string
	// Description says more, where there is more to say ("Quality
	// Framework domain 1").
	Description string
	// URL is the value's page, relative to the base URL; Page that page.
	URL  string
	Page *site.Page
	// Feed is the value's own feed (regions only), relative to the base
	// URL, or "".
	Feed string
	// Tag is the NHS.UK tag colour for a status ("green" for done), or "".
	Tag string
	// Entries are the published entries with this value, newest first.
	Entries []*Entry

	summary string // the page's description
}

// ReadsOthersBodies reports that the feature's data is made from its data
// file and the standards' titles, never from a page's body
// (site.OthersBodiesReader).
func (x *FacetValue) ReadsOthersBodies() bool { return false }

// Count returns the number of entries with the value.
func (v *FacetValue) Count() int { return len(v.Entries) }
