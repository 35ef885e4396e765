package site

import (
	"html/template"
	"path"
	"strings"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/tomldecode"
)

// Kind says what a page is, and so which layouts may render it.
type Kind string

// The page kinds.
const (
	KindHome     Kind = "home"     // the site's front page, content/_index.md
	KindSection  Kind = "section"  // a folder's list page, content/x/_index.md
	KindPage     Kind = "page"     // one content file, or a bundle's index.md
	KindTaxonomy Kind = "taxonomy" // the list of all tags, /tags/
	KindTerm     Kind = "term"     // the pages with one tag, /tags/x/
	Kind404      Kind = "404"      // the page hosts serve for unknown addresses
)

// Page is one page of the site, from a content file or made by a feature
// (a section with no _index.md, a tag page, a standard's page).
type Page struct {
	// The keys of FrontMatter, as fields of Page itself rather than an
	// embedded FrontMatter: text/template finds a field of an embedded
	// struct by a breadth-first search that allocates, at every use
	// (.Title of every page a layout lists, on every page), and a field
	// of Page itself at once. FrontMatter and SetFrontMatter convert.
	Title       string
	Description string
	Date        Date
	Lastmod     Date
	PublishDate Date
	ExpiryDate  Date
	Reviewed    Date
	NextReview  Date
	Draft       bool
	Weight      int
	Slug        Slug
	Aliases     []string
	Layout      Name
	Tags        []string
	Params      map[string]any

	Kind Kind
	// File is the source file, a slash path relative to the site's source
	// folder ("content/strategy/culture.md"); empty for pages with no file.
	File string
	// Path identifies the page within content/: the file's path without
	// "content/", the extension, "/_index" or "/index" ("strategy/culture",
	// "strategy", "" for the home page).
	Path string
	// Section is the first segment of Path ("" for the home page).
	Section string
	// Type selects the layout folder; it defaults to Section.
	Type string
	// URL is the page's address relative to the base URL's path, starting
	// and ending with "/" ("/strategy/culture/"). Templates turn it into a
	// link with relURL or absURL, which add the base path.
	URL string
	// RelPermalink is URL with the base URL's path in front
	// ("/quality/strategy/culture/"), and Permalink the absolute address;
	// layouts link with these.
	RelPermalink string
	Permalink    string
	// OutputPath is where the page is written, relative to the output root
	// ("strategy/culture/index.html").
	OutputPath string

	// Source is the whole source file, for positions; nil for pages with
	// no file.
	Source *diag.Source
	// Body is the Markdown after the front matter, and BodyOffset where it
	// starts in Source.Text.
	Body       []byte
	BodyOffset int
	// BodySum is a hash of Body, set when the page is read, so caches can
	// tell an edited body from an unchanged one without hashing it again.
	// It is only meaningful within one process.
	BodySum uint64
	// Front is the decoded front matter with the position of every key and
	// value, so that a later stage can report a problem it finds (a
	// reference to a standard that does not exist, say) at its own line and
	// column. Nil for pages without front matter.
	Front *tomldecode.Doc

	// Content is the rendered body, TOC its headings; both are filled in by
	// the markdown stage.
	Content template.HTML
	TOC     []Heading
	// WordCount is the number of words in the body, for reading-time hints.
	WordCount int

	// LastReviewed and NextReviewDue are the dates shown as "Page last
	// reviewed" and "Next review due": from front matter (reviewed, then
	// lastmod), else the last git commit of the source file; the next
	// review falls back to the last review plus the site's review period.
	LastReviewed  Date
	NextReviewDue Date
	// Modified is when the page last changed: lastmod, else the last git
	// commit of its source, else date. It feeds sitemap and feed dates.
	Modified Date

	// Parent is the section page that lists this page (nil for the home
	// page). Pages and Sections are a section's children, in display order
	// (weight, then title); Prev and Next link pages within their section.
	Parent   *Page
	Pages    []*Page
	Sections []*Page
	Prev     *Page
	Next     *Page

	// Resources are the files of a page bundle (images, PDFs) copied beside
	// the page, as output paths.
	Resources []string
	// Extra holds the front matter a feature declared for this page (an
	// edition, a standard), or a feature's own data for generated pages.
	Extra any
	// Bundle reports whether the page is a bundle (a folder with index.md).
	Bundle bool
	// Unlisted keeps a page out of its section's lists (.Pages, .Sections)
	// and out of previous/next links, while it keeps its parent for
	// breadcrumbs: for tools such as the search page, which a site links
	// to from its header rather than lists among its content.
	Unlisted bool
	// Withheld, when set, is why a feature keeps the page out of this build
	// (for a section, everything under it too), in words that complete
	// "not published because …": "the 2025 edition is a draft; build with
	// --drafts to preview it". Assemble leaves such pages out and says why
	// when a link points to one.
	Withheld string
	// NoIndex asks search engines not to index the page (superseded
	// editions, redirects); such pages are left out of the sitemap.
	NoIndex bool
	// Canonical, when set, is the URL (relative, like URL) of the page that
	// search engines should treat as the original of this one.
	Canonical string
}

// FrontMatter returns the page's front matter keys.
func (p *Page) FrontMatter() FrontMatter {
	return FrontMatter{
		Title: p.Title, Description: p.Description,
		Date: p.Date, Lastmod: p.Lastmod, PublishDate: p.PublishDate, ExpiryDate: p.ExpiryDate,
		Reviewed: p.Reviewed, NextReview: p.NextReview,
		Draft: p.Draft, Weight: p.Weight, Slug: p.Slug, Aliases: p.Aliases,
		Layout: p.Layout, Tags: p.Tags, Params: p.Params,
	}
}

// SetFrontMatter sets the page's front matter keys to f's.
func (p *Page) SetFrontMatter(f FrontMatter) {
	p.Title, p.Description = f.Title, f.Description
	p.Date, p.Lastmod, p.PublishDate, p.ExpiryDate = f.Date, f.Lastmod, f.PublishDate, f.ExpiryDate
	p.Reviewed, p.NextReview = f.Reviewed, f.NextReview
	p.Draft, p.Weight, p.Slug, p.Aliases = f.Draft, f.Weight, f.Slug, f.Aliases
	p.Layout, p.Tags, p.Params = f.Layout, f.Tags, f.Params
}

// Heading is one entry in a page's table of contents.
type Heading struct {
	Level int
	ID    string
	Title string
}

// IsHome reports whether p is the home page.
func (p *Page) IsHome() bool { return p.Kind == KindHome }

// IsSection reports whether p lists other pages (home, section, taxonomy
// and term pages).
func (p *Page) IsSection() bool {
	return p.Kind == KindHome || p.Kind == KindSection || p.Kind == KindTaxonomy || p.Kind == KindTerm
}

// Ancestors returns the pages from the home page down to p's parent, for
// breadcrumbs.
func (p *Page) Ancestors() []*Page {
	var out []*Page
	for a := p.Parent; a != nil; a = a.Parent {
		out = append(out, a)
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// Dir returns the content-relative folder of the page's source ("strategy"
// for content/strategy/culture.md, and for content/strategy/_index.md).
func (p *Page) Dir() string {
	if p.File == "" {
		return p.Path
	}
	dir := path.Dir(strings.TrimPrefix(p.File, "content/"))
	if dir == "." {
		return ""
	}
	return dir
}

// Pos returns the position of the byte offset off in the page's source
// file, or the file alone if the page has no source.
func (p *Page) Pos(off int) diag.Pos {
	if p.Source == nil {
		return diag.Pos{File: p.File}
	}
	return p.Source.Pos(off)
}

// LinkTitle is the title to use in links, menus and breadcrumbs.
func (p *Page) LinkTitle() string { return p.Title }

// HeadingsAt returns the table-of-contents entries at one heading level,
// for a contents list of a long page.
func (p *Page) HeadingsAt(level int) []Heading {
	var out []Heading
	for _, h := range p.TOC {
		if h.Level == level {
			out = append(out, h)
		}
	}
	return out
}

// BodyUser is implemented by a feature's data (Page.Extra) to say whether
// the feature makes anything from the page's own body (the framework keeps
// each standard's text, to compare editions). A page whose feature data
// does not implement it is taken to be so used: an edit to its text is
// then rebuilt in full rather than patched (see package pipeline).
type BodyUser interface {
	UsesBody() bool
}

// OthersBodiesReader is implemented by a feature's data (Page.Extra) to say
// whether it holds anything made from the bodies of other pages (the
// framework's pages show the standards' text). The render cache keys a
// page with feature data that does not implement it, or says it does, on
// every page's body, so that it is rendered again after any edit; data
// made only from data files and other pages' front matter ("You said, we
// did" entries, action plans) is rendered again only when its own inputs
// change.
type OthersBodiesReader interface {
	ReadsOthersBodies() bool
}

// DerivedData is implemented by a feature's data (Page.Extra) that holds
// what it made from other pages' bodies (the framework compares the
// standards' words) only in fields and methods of the names that
// DerivedFields returns, each on a value that says whose bodies it made
// them from (Deriver), and in what those fields and methods lead to. The
// render cache then keys a page whose layout reads such a name through
// the page's data on those pages' bodies alone, and a page whose layout
// reads none of them on none: a standard's edit renders again the pages
// that compare or count its words, not every page of the framework. A
// layout that reads one of the names on a value it cannot trace back to
// the page's data depends on every body, as does a page whose data holds
// what it made from bodies and implements neither this nor
// OthersBodiesReader.
type DerivedData interface {
	DerivedFields() []string
}

// Deriver is implemented by a feature's value that has fields or methods
// named by its data's DerivedFields: DerivedFrom returns the pages from
// whose bodies their values are made (none for a value whose field only
// shares a name, such as a summary written in front matter).
type Deriver interface {
	DerivedFrom() []*Page
}

// BodyOwner is implemented by a feature's value whose body fields
// (Content and the like) are one page's: a framework standard's Content is
// its page's. A layout that shows bodies through a page's feature data
// ({{ range .Extra.Standards }}{{ .Content }}{{ end }}) then depends on
// those pages' bodies alone; one that reads a body field from a value
// that does not say whose it is depends on every page's body.
type BodyOwner interface {
	BodyPage() *Page
}
