package site

import "strconv"

// Facet is one value readers can narrow a list of pages to, such as one
// edition of the framework: the search page offers a feature's facets as
// filters.
type Facet struct {
	// Key names the value in the index ("2021"); Title is what readers
	// see ("2021 edition").
	Key, Title string
	// Status is the value's state in words ("In force"), shown beside it.
	Status string
	// Default marks the value results are narrowed to until the reader
	// picks another (the edition in force).
	Default bool
	// Retired marks a value whose pages readers rarely want (a superseded
	// or withdrawn edition, or one out for consultation that does not
	// apply yet): search lists them after every other result unless the
	// reader chose the value.
	Retired bool
	// Proposed marks a value whose pages propose what may apply later (an
	// edition out for consultation, mostly a copy of the edition in
	// force). Search leaves its pages out of the average page length the
	// ranking weighs each page against, so that publishing a draft does
	// not move the pages that apply.
	Proposed bool
}

// SearchRank says how likely a reader searching the site is to want a
// kind of page when several pages match as well: the search stage weighs
// a page's matches by it. The zero value is an ordinary page.
type SearchRank int

// The ranks, from the pages readers most often look for to those they
// least often do (RankPage, the zero value, sits between RankPart and
// RankOverview).
const (
	// RankPage is an ordinary page or a section's list of pages.
	RankPage SearchRank = iota
	// RankCore is what the site is for: a standard, a guidance page.
	RankCore
	// RankPart introduces core pages: a domain of standards, an
	// edition's front page.
	RankPart
	// RankOverview sums up many pages: an A to Z, what changed between
	// editions, the home page, the action plans' figures.
	RankOverview
	// RankEntry is one of many short records ("You said, we did").
	RankEntry
	// RankList gathers other pages' words: an archive of earlier
	// figures. (Lists that only repeat other pages' words, such as tag
	// lists and the entries by theme or region, are not indexed at all.)
	RankList
)

// SearchEntry is how a feature's page appears in the search index beyond
// its own title, description and text. The search stage asks the feature
// that made the page (see search.Facets), so that it never needs to know
// the feature's types.
type SearchEntry struct {
	// Skip leaves the page out of the index (a print version repeating
	// other pages).
	Skip bool
	// Facet is the key of the facet value the page belongs to (its
	// edition), or "".
	Facet string
	// Title, if set, is shown in results instead of the page's title
	// ("Standard 1.3 Learners have a named supervisor").
	Title string
	// ID is the short name a reader may type to find the page first (a
	// standard's "1.3").
	ID string
	// Keywords are further words the page is found by, weighted above
	// its text ("standard", the IDs of the standards a guide cites).
	Keywords []string
	// Text is running text the page shows besides its body (a standard's
	// lists), indexed with it.
	Text []string
	// Description is used when the page has none of its own.
	Description string
	// Filter, for a section's own page, is the section's name as a search
	// filter when it differs from the page's title ("Standards").
	Filter string
	// Rank is how likely readers are to want the page (RankPage unless
	// set).
	Rank SearchRank
}

// String names the rank as the constants do, without "Rank" ("Core").
func (r SearchRank) String() string {
	switch r {
	case RankPage:
		return "Page"
	case RankCore:
		return "Core"
	case RankPart:
		return "Part"
	case RankOverview:
		return "Overview"
	case RankEntry:
		return "Entry"
	case RankList:
		return "List"
	}
	return "SearchRank(" + strconv.Itoa(int(r)) + ")"
}
