package framework

import (
	"html/template"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/plinth-ssg/plinth/generator/anonymise"
	"github.com/plinth-ssg/plinth/generator/site"
)

// Framework is every edition of the quality framework, with the lookups
// between them. Layouts reach it as .Extra of the /framework/ page and of
// the "what changed" pages.
type Framework struct {
	// Editions are the published editions, oldest first (by
	// effective_from; editions without one, such as drafts, last, by key).
	Editions []*Edition
	// Comparisons are the "what changed" pages: every ordered pair of
	// published editions, older first.
	Comparisons []*Comparison
	// Page is the framework's own page (content/framework/_index.md) and
	// ChangesPage the list of comparisons; either may be nil.
	Page        *site.Page
	ChangesPage *site.Page
	// AtoZPage lists the standards in force by title (nil when no
	// edition is in force).
	AtoZPage *site.Page

	all     []*Edition // every edition read, published or not, in edition order
	byKey   map[string]*Edition
	inForce []*Edition // every edition whose status is in-force
	// broken are the files of the editions' and domains' _index.md that
	// could not be read, by folder ("content/framework/2021"): what their
	// edition or domain would have made is reported as their knock-on, not
	// as missing.
	broken map[string]string
}

// brokenEdition returns the _index.md of edition key when it could not be
// read, else "".
func (f *Framework) brokenEdition(key string) string {
	return f.broken[path.Join("content", Section, key)]
}

// InForce returns the edition in force, or nil when there is none (or,
// in a site with errors, more than one).
func (f *Framework) InForce() *Edition {
	if len(f.inForce) == 1 && f.inForce[0].Published {
		return f.inForce[0]
	}
	return nil
}

// Edition returns the edition with the key, published or not, or nil.
func (f *Framework) Edition(key string) *Edition { return f.byKey[key] }

// Newest returns the published editions, newest first, for lists.
func (f *Framework) Newest() []*Edition {
	out := slices.Clone(f.Editions)
	slices.Reverse(out)
	return out
}

// Consecutive returns the comparisons between each edition and the next,
// newest first.
func (f *Framework) Consecutive() []*Comparison {
	var out []*Comparison
	for _, c := range f.Comparisons {
		if c.Consecutive {
			out = append(out, c)
		}
	}
	slices.Reverse(out)
	return out
}

// Edition is one published version of the framework: its metadata, its
// domains and its standards.
type Edition struct {
	// Key is the edition's folder name ("2021"), used in references
	// ("2021:1.3") and addresses (/framework/2021/).
	Key   string
	Title string
	EditionMatter
	// Successor is the edition named by superseded_by, or nil.
	Successor *Edition
	// Published reports whether the edition's pages are part of this
	// build: a draft only with --drafts (Status.Public).
	Published bool
	// Page is the edition's page (its _index.md) and PrintPage the whole
	// edition on one page.
	Page      *site.Page
	PrintPage *site.Page
	// SelfAssessment is the edition's self-assessment page, or nil: only
	// the edition in force, an edition out for consultation and, with
	// --drafts, a draft have one.
	SelfAssessment *SelfAssessment
	// Domains and Standards are the published ones, in number order.
	Domains   []*Domain
	Standards []*Standard
	Framework *Framework

	allStandards []*Standard // every standard read, in ID order
	byID         map[StandardID]*Standard
	order        int  // position among every edition read
	closed       bool // consultation_closes is before the build's date
}

// ConsultationClosed reports whether the edition's consultation has
// closed: its consultation_closes day was over by the build's date (the
// one that decides publishDate), so its pages say when it closed instead
// of inviting responses. Rebuilding after that day is what changes them.
func (e *Edition) ConsultationClosed() bool { return e.closed }

// URL is the edition's address, relative to the base URL ("/framework/2021/").
func (e *Edition) URL() string { return "/" + Section + "/" + e.Key + "/" }

// Previous and Next return the neighbouring published editions, or nil.
func (e *Edition) Previous() *Edition { return e.neighbour(-1) }

// Next returns the next published edition, or nil.
func (e *Edition) Next() *Edition { return e.neighbour(1) }

func (e *Edition) neighbour(step int) *Edition {
	eds := e.Framework.Editions
	i := slices.Index(eds, e)
	if i < 0 || i+step < 0 || i+step >= len(eds) {
		return nil
	}
	return eds[i+step]
}

// Comparisons returns the comparisons that start or end at this edition,
// newest first.
func (e *Edition) Comparisons() []*Comparison {
	var out []*Comparison
	for _, c := range e.Framework.Comparisons {
		if c.From == e || c.To == e {
			out = append(out, c)
		}
	}
	slices.Reverse(out)
	return out
}

// InForceEdition returns the edition in force, for banners.
func (e *Edition) InForceEdition() *Edition { return e.Framework.InForce() }

// Domain returns the published domain with the number, or nil.
func (e *Edition) Domain(n int) *Domain {
	for _, d := range e.Domains {
		if d.Number == n {
			return d
		}
	}
	return nil
}

// Domain is one of an edition's six groups of standards.
type Domain struct {
	Number  int
	Title   string
	Summary string
	Edition *Edition
	Page    *site.Page
	// Standards are the domain's published standards, in ID order.
	Standards []*Standard
}

// URL is the domain's address ("/framework/2021/domains/1/").
func (d *Domain) URL() string { return d.Edition.URL() + "domains/" + strconv.Itoa(d.Number) + "/" }

// Standard is one numbered expectation of an edition.
type Standard struct {
	ID    StandardID
	Title string
	// Text is the standard's text as plain words (the page's Markdown body
	// without its markup), for comparisons and open data; the page's
	// rendered body is Content.
	Text     string
	Must     []string
	Evidence []string
	// Replaces are the standards of earlier editions this one continues,
	// and ReplacedBy those of later editions that continue it (both
	// published only).
	Replaces   []*Standard
	ReplacedBy []*Standard
	Domain     *Domain
	Edition    *Edition
	Page       *site.Page
	// Guidance are the published guidance pages that refer to this
	// standard, by title.
	Guidance []*site.Page
	// Related holds what other features link to this standard (action-plan
	// actions, "You said, we did" entries), one group per feature. The
	// framework leaves it empty: a feature adds to it with AddRelated, and
	// the standard's page shows every group under its own heading.
	Related []*Related

	replaces  []StandardRef // as written
	published bool
}

// Ref returns the standard's full reference ("2021:1.3").
func (s *Standard) Ref() StandardRef { return StandardRef{Edition: s.Edition.Key, ID: s.ID} }

// URL is the standard's address ("/framework/2021/standards/1-3/").
func (s *Standard) URL() string { return s.Edition.URL() + "standards/" + s.ID.Slug() + "/" }

// Content is the standard's text rendered from Markdown.
func (s *Standard) Content() template.HTML { return s.Page.Content }

// BodyPage reports that the standard's Content is its page's, so that a
// layout showing it depends on that page's body alone (site.BodyOwner).
func (s *Standard) BodyPage() *site.Page { return s.Page }

// Related is a group of items that another feature links to a standard.
type Related struct {
	// Kind identifies the feature ("actions", "you-said-we-did"); groups
	// are shown in Kind order. Title is the heading on the standard's page.
	Kind  string
	Title string
	// Table, if not nil, is a published table of figures about the
	// standard (its actions by status, say), shown under the heading
	// before the items; Source is the published table it is a view of,
	// for its downloads. Figures reach a standard's page only this way,
	// after disclosure control.
	Table  *anonymise.Table
	Source *site.PublicTable
	Items  []RelatedItem
}

// RelatedItem is one linked item: a title, an address relative to the
// base URL and an optional one-line summary.
type RelatedItem struct {
	Title   string
	URL     string
	Summary string
}

// AddRelated adds an item to the standard's group of the kind, creating
// the group (with its heading) the first time. Call it before rendering;
// the groups are kept in Kind order.
func (s *Standard) AddRelated(kind, title string, item RelatedItem) {
	g := s.related(kind, title)
	g.Items = append(g.Items, item)
}

// AddRelatedTable sets the published table of the standard's group of the
// kind (see Related.Table), creating the group the first time.
func (s *Standard) AddRelatedTable(kind, title string, t *anonymise.Table, source *site.PublicTable) {
	g := s.related(kind, title)
	g.Table, g.Source = t, source
}

// related returns the group of the kind, creating it (with its heading),
// and keeping the groups in Kind order.
func (s *Standard) related(kind, title string) *Related {
	for _, g := range s.Related {
		if g.Kind == kind {
			return g
		}
	}
	g := &Related{Kind: kind, Title: title}
	s.Related = append(s.Related, g)
	slices.SortFunc(s.Related, func(a, b *Related) int { return strings.Compare(a.Kind, b.Kind) })
	return g
}

// Guidance is a provider guidance page's view of the framework: the
// standards it supports, in the order its front matter lists them.
type Guidance struct {
	Page      *site.Page
	Standards []*Standard
}

// UsesBody reports that the framework makes nothing from a guidance page's
// text (it lists the page on its standards by title), so an edit to that
// text touches no other page's data (site.BodyUser).
func (g *Guidance) UsesBody() bool { return false }

// Others returns the domain with the same number in every other published
// edition, newest first, for "this domain in other editions".
func (d *Domain) Others() []*Domain {
	var out []*Domain
	for _, e := range d.Edition.Framework.Newest() {
		if e == d.Edition {
			continue
		}
		if o := e.Domain(d.Number); o != nil {
			out = append(out, o)
		}
	}
	return out
}
