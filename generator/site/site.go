package site

import (
	"slices"
	"strings"
	"time"

	"github.com/plinth-ssg/plinth/generator/config"
)

// Site is everything the renderer needs: the configuration, the pages, the
// published tables and the lookups between them. It holds no private data:
// datasets reach templates only after the anonymise stage, as public tables.
type Site struct {
	Config *config.Config
	// Pages is every page, sorted by URL; Home is the front page.
	Pages []*Page
	Home  *Page
	// Menus are the configured menus with their page links resolved.
	Menus map[string][]MenuItem
	// Taxonomies maps "tags" to its terms, sorted by name.
	Taxonomies map[string][]Term
	// BuildDate is SOURCE_DATE_EPOCH, or the newest date in the content:
	// never the wall clock, so that two builds of the same input agree.
	BuildDate time.Time
	// Drafts reports whether draft pages are included (--drafts).
	Drafts bool
	// Tables are the published tables, in the order their pages show
	// them; layouts reach them with the table function or .Site.Tables.
	Tables []*PublicTable
	// TablesWithheld reports that the tables could not be published
	// because of problems reported by the stage that makes them.
	TablesWithheld bool
	// PrivateDatasets names the private datasets, only so that a layout
	// asking for one is told why it cannot have it.
	PrivateDatasets []string
	// Figures are the charts of published tables (package chart), in the
	// order their pages show them; layouts reach them with the figure
	// function.
	Figures []*Figure

	byURL  map[string]*Page
	byPath map[string]*Page
}

// MenuItem is a resolved menu entry.
type MenuItem struct {
	Name string
	// URL is site-relative (like Page.URL) for pages of this site, or
	// absolute for other sites.
	URL    string
	Page   *Page
	Weight int
}

// Term is one tag and the pages that carry it.
type Term struct {
	Name  string
	Page  *Page
	Pages []*Page
}

// Index builds the lookups used by GetPage and PageByURL. Call it after the
// page list is final.
func (s *Site) Index() {
	slices.SortFunc(s.Pages, func(a, b *Page) int { return strings.Compare(a.URL, b.URL) })
	s.byURL = make(map[string]*Page, len(s.Pages))
	s.byPath = make(map[string]*Page, len(s.Pages))
	for _, p := range s.Pages {
		s.byURL[p.URL] = p
		if p.File != "" {
			s.byPath[p.File] = p
			s.byPath[strings.TrimPrefix(p.File, "content/")] = p
		}
		if _, ok := s.byPath[p.Path]; !ok || p.IsSection() {
			s.byPath[p.Path] = p
		}
	}
}

// GetPage finds a page by its content path ("strategy/culture"), its file
// relative to content/ ("strategy/culture.md") or its source file
// ("content/strategy/culture.md"); it returns nil if there is none.
func (s *Site) GetPage(ref string) *Page {
	ref = strings.Trim(ref, "/")
	if p, ok := s.byPath[ref]; ok {
		return p
	}
	return nil
}

// PageByURL finds a page by its site-relative URL ("/strategy/culture/").
func (s *Site) PageByURL(url string) *Page { return s.byURL[url] }

// Title is the site's title, for templates (.Site.Title).
func (s *Site) Title() string { return s.Config.Title }

// Params is the site's free-form params table, for templates.
func (s *Site) Params() map[string]any { return s.Config.Params }

// LanguageCode is the content's language, for templates.
func (s *Site) LanguageCode() string { return s.Config.LanguageCode }

// Locale is the language code in the form Open Graph's og:locale uses:
// "en-GB" becomes "en_GB".
func (s *Site) Locale() string { return strings.ReplaceAll(s.Config.LanguageCode, "-", "_") }

// BaseURL is the absolute base URL, always ending with "/".
func (s *Site) BaseURL() string { return s.Config.BaseURL }

// RegularPages returns the pages of kind page, in URL order.
func (s *Site) RegularPages() []*Page {
	var out []*Page
	for _, p := range s.Pages {
		if p.Kind == KindPage {
			out = append(out, p)
		}
	}
	return out
}

// Sections returns the home page's child sections, in display order.
func (s *Site) Sections() []*Page {
	if s.Home == nil {
		return nil
	}
	return s.Home.Sections
}
