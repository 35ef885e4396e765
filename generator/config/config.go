// Package config loads site.toml into a typed Config.
//
// Decoding is strict: an unknown or misspelt key is an error at its own line,
// and every value is checked (the base URL parses, permalink patterns use
// known tokens, the theme exists) before any other stage runs.
package config

import (
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"path"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/plinth-ssg/plinth/generator/anonymise"
	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/source"
	"github.com/plinth-ssg/plinth/generator/tomldecode"
)

// FileName is the site configuration file at the root of a site.
const FileName = "site.toml"

// Config is the site configuration.
type Config struct {
	// Title is the site's name, shown in the header and page titles.
	Title string `toml:"title,required"`
	// Description describes the whole site (home page meta description).
	Description string `toml:"description"`
	// BaseURL is the absolute URL the site is served from, possibly with a
	// path (https://example.org/quality/). It always ends with "/".
	BaseURL string `toml:"baseURL,required"`
	// LanguageCode is the BCP 47 language of the content; default en-GB.
	LanguageCode string `toml:"languageCode"`
	// Theme names the folder under themes/ whose layouts, static files and
	// assets sit beneath the site's own.
	Theme string `toml:"theme"`
	// Permalinks maps a top-level section to a URL pattern for its pages,
	// such as "/guidance/:slug/". See Permalink for the tokens.
	Permalinks map[string]string `toml:"permalinks"`
	// Menus maps a menu name ("main", "footer") to its entries.
	Menus map[string][]MenuEntry `toml:"menus"`
	// Params is free-form data for templates (.Site.Params).
	Params map[string]any `toml:"params"`
	// Review sets how "Next review due" is worked out for pages that do
	// not give next_review.
	Review Review `toml:"review"`
	// Scan configures the identifier scan of the built site.
	Scan Scan `toml:"scan"`
	// Search configures the site search ([search]).
	Search Search `toml:"search"`
	// Content configures which files of content/ are published ([content]).
	Content Content `toml:"content"`
	// Disclosure is the disclosure-control rule every published figure
	// passes through ([disclosure]). Keys left out keep the NHS Digital
	// rule of anonymise.DefaultPolicy; the keys are the Policy's toml tags.
	Disclosure anonymise.Policy `toml:"disclosure"`
	// Licence is the licence of the site's content and data and its
	// copyright line ([licence]; publisher.go).
	Licence Licence `toml:"licence"`
	// Contents configures the "On this page" lists ([contents]).
	Contents Contents `toml:"contents"`
	// Preview is set by --preview, never by the file (publisher.go).
	Preview Preview `toml:"-"`

	// base is BaseURL parsed.
	base *url.URL
	// doc remembers where each key was written, for later checks.
	doc *tomldecode.Doc
}

// Review is the [review] table.
type Review struct {
	// Months is the time between reviews (default 12).
	Months int `toml:"months"`
}

// Scan is the [scan] table.
type Scan struct {
	// Allow lists exact values that may appear in the site although they
	// look like personal data, such as the public contact address.
	Allow []string `toml:"allow"`
	// Abbreviations are the site's short forms of organisation types and
	// what they stand for ("NHS FT" = "NHS Foundation Trust"): the scan
	// reads each short form as its long form, so that a provider named
	// with its type cut short is still found. They add to the scan's own
	// list (package scan, DefaultAbbreviations).
	Abbreviations map[string]string `toml:"abbreviations"`
}

// Search is the [search] table.
type Search struct {
	// Disabled leaves out the search page and its index, and with them the
	// header's search box: for a site that wants no search.
	Disabled bool `toml:"disabled"`
}

// Content is the [content] table.
type Content struct {
	// PublishTypes lists further kinds of file, by extension in lower case
	// without the dot ("docx"), that are published from content/ beside
	// the pages. Other files than pages, images, PDF, CSV and the like
	// (content.PublishedTypes) are left out with a warning.
	PublishTypes []string `toml:"publishTypes"`
}

// MenuEntry is one link in a menu. Exactly one of Page and URL is set: Page
// names a content file (relative to content/, e.g. "strategy/_index.md") and
// is resolved and checked by the build; URL is used as written.
type MenuEntry struct {
	Name   string `toml:"name,required"`
	Page   string `toml:"page"`
	URL    string `toml:"url"`
	Weight int    `toml:"weight"`
}

// Options are the command-line settings that override or complement the
// file.
type Options struct {
	// BaseURL, when not empty, replaces the file's baseURL (--baseURL).
	BaseURL string
	// Preview, when not empty, says what this build previews ("pull
	// request 42"): see Preview.
	Preview string
}

// Load reads site.toml from fsys (rooted at the site's source folder) and
// checks it. Problems are returned as diagnostics; the Config is nil only if
// the file could not be read or parsed at all.
func Load(fsys fs.FS, opts Options) (*Config, diag.List) {
	data, err := source.ReadText(fsys, FileName)
	if _, lerr := fs.Lstat(fsys, FileName); err != nil && lerr == nil {
		// It is there but cannot be read: a link out of the site, say.
		return nil, diag.List{source.Problem(fsys, FileName, err)}
	}
	if err != nil {
		return nil, diag.List{diag.Errorf(diag.Pos{File: FileName}, "cannot read the site configuration: this folder has no %s", FileName).
			WithHint("every site needs a site.toml at its root with at least title and baseURL; run plinth from the site's folder or pass --source")}
	}
	if blank(string(data)) {
		// Emptied by accident, most likely (a failed save, a bad merge):
		// one error, not a key missing twice and every page's e-mail
		// address reported because the allowed ones were in the file.
		return nil, diag.List{diag.Errorf(diag.Pos{File: FileName, Line: 1, Col: 1}, "%s is empty", FileName).
			WithHint("every site needs at least its title and address, like:\n  title = \"Quality standards\"\n  baseURL = \"https://example.org/\"\nif it held more, get it back from git: git checkout -- %s", FileName)}
	}
	src := diag.NewSource(FileName, data)
	c := &Config{Disclosure: anonymise.DefaultPolicy()}
	doc, diags := tomldecode.File(src, c)
	if doc == nil {
		return nil, diags
	}
	c.doc = doc
	c.Preview = Preview{About: opts.Preview, Published: c.BaseURL}
	if opts.BaseURL != "" {
		c.BaseURL = opts.BaseURL
	}
	diags.Append(c.check(fsys, opts))
	diags.Append(c.checkPublisher())
	diags.Append(c.checkText())
	return c, diags
}

func (c *Config) check(fsys fs.FS, opts Options) diag.List {
	var l diag.List
	if c.LanguageCode == "" {
		c.LanguageCode = "en-GB"
	}
	if c.Theme == "" {
		c.Theme = "plinth"
	}
	// The code goes into every page's lang attribute, where screen readers
	// choose their voice by it: a typo would be published unnoticed.
	if _, err := language.Parse(c.LanguageCode); err != nil && c.doc.Has("languageCode") {
		l.Add(c.doc.Errorf([]string{"languageCode"}, "%q is not a language code", c.LanguageCode).
			WithHint(`write a language tag such as languageCode = "en-GB" (British English) or "cy" (Welsh)`))
	}
	switch {
	case c.Review.Months == 0 && !c.doc.Has("review", "months"):
		c.Review.Months = 12
	case c.Review.Months < 1 || c.Review.Months > 120:
		l.Add(c.doc.Errorf([]string{"review", "months"}, "the review period must be between 1 and 120 months").
			WithHint("pages are usually reviewed every 12 to 36 months, like months = 12"))
	}
	if strings.TrimSpace(c.Title) == "" && c.doc.Has("title") {
		l.Add(c.doc.Errorf([]string{"title"}, "the site title is empty").WithHint(`write the site's name, like title = "Education quality standards"`))
	}
	if c.BaseURL != "" || c.doc.Has("baseURL") {
		base, problem := parseBaseURL(c.BaseURL)
		switch {
		case problem != "" && opts.BaseURL != "":
			l.Add(diag.Errorf(diag.Pos{File: "--baseURL"}, "%s", problem).
				WithHint("pass an absolute URL such as --baseURL https://example.org/quality/"))
		case problem != "":
			l.Add(c.doc.Errorf([]string{"baseURL"}, "%s", problem).
				WithHint(`write the address the site will be served from, like baseURL = "https://example.org/quality/"`))
		default:
			c.base = base
			c.BaseURL = base.String()
		}
		if problem != "" {
			// The build goes on to find other problems; a refused address
			// written into feeds and robots.txt would only bring more
			// errors (a user name read as an e-mail address in every
			// feed) and bury this one, so they get Base's stand-in.
			c.BaseURL = c.Base().String()
		}
	}
	if !validTheme(c.Theme) {
		l.Add(c.doc.Errorf([]string{"theme"}, "the theme name %q is not a plain folder name", c.Theme).
			WithHint("name a folder under themes/, like theme = \"plinth\""))
	} else if st, err := fs.Stat(fsys, path.Join("themes", c.Theme)); err != nil || !st.IsDir() {
		d := diag.Errorf(diag.Pos{File: FileName, Line: 1, Col: 1}, "the theme %q does not exist: there is no folder themes/%s", c.Theme, c.Theme)
		if c.doc.Has("theme") {
			d = c.doc.Errorf([]string{"theme"}, "the theme %q does not exist: there is no folder themes/%s", c.Theme, c.Theme)
		}
		l.Add(d.WithHint("check the spelling, or remove the theme line to use the default theme"))
	}
	for _, section := range slices.Sorted(maps.Keys(c.Permalinks)) {
		if problem := CheckPermalink(c.Permalinks[section]); problem != "" {
			l.Add(c.doc.Errorf([]string{"permalinks", section}, "permalink pattern for %q: %s", section, problem).
				WithHint(`a pattern starts and ends with "/" and may use %s, like "/%s/:slug/"`, strings.Join(permalinkTokens, ", "), section))
		}
	}
	for _, pr := range c.Disclosure.Validate() {
		// A problem with a key that was not written can only come from
		// another key (roundTo too large for the default suppressTo):
		// point at the [disclosure] table then.
		l.Add(c.doc.Errorf([]string{"disclosure", pr.Key}, "disclosure.%s %s", pr.Key, pr.Msg).WithHint("%s", pr.Hint))
	}
	for i, ext := range c.Content.PublishTypes {
		if !validExtension(ext) {
			l.Add(c.doc.Errorf([]string{"content", "publishTypes", fmt.Sprint(i)}, "%q is not a file extension", ext).
				WithHint(`write the extension in lower case without the dot, like publishTypes = ["docx"]`))
		}
	}
	for _, name := range slices.Sorted(maps.Keys(c.Menus)) {
		entries := c.Menus[name]
		if len(entries) > MaxMenuEntries {
			l.Add(c.doc.Errorf([]string{"menus", name, fmt.Sprint(MaxMenuEntries)}, "the menu %q has %d entries; a menu may have at most %d", name, len(entries), MaxMenuEntries).
				WithHint("a menu is shown on every page, so keep it to the links most readers need; link to the other pages from a section page instead"))
			entries = entries[:MaxMenuEntries]
		}
		for i, e := range entries {
			p := []string{"menus", name, fmt.Sprint(i)}
			if (e.Page == "") == (e.URL == "") {
				l.Add(c.doc.Errorf(p, "menu entry %q needs exactly one of page or url", e.Name).
					WithHint(`use page = "strategy/_index.md" for a page of this site, or url = "https://…" for another site`))
			} else if e.URL != "" && !menuURL(e.URL) {
				// A layout makes any other address a path of the site
				// ("/javascript:alert(7)"), and every page then reported
				// it as a broken link, the cause nowhere.
				l.Add(c.doc.Errorf(append(p, "url"), "menu entry %q: %q is not a web address", e.Name, e.URL).
					WithHint(`url is for another site's address, like url = "https://www.example.org/"; for a page of this site use page = "strategy/_index.md"`))
			}
		}
	}
	l.Append(c.checkAbbreviations())
	return l
}

// checkAbbreviations reports short forms the scan could not use: empty,
// without a letter or digit, longer than a name's type, on several lines,
// or standing for themselves.
func (c *Config) checkAbbreviations() diag.List {
	var l diag.List
	for _, short := range slices.Sorted(maps.Keys(c.Scan.Abbreviations)) {
		long := c.Scan.Abbreviations[short]
		at := []string{"scan", "abbreviations", short}
		hint := `write the short form as the key and what it stands for as the value, like "NHS FT" = "NHS Foundation Trust"`
		for _, v := range []string{short, long} {
			switch {
			case !strings.ContainsFunc(v, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }):
				l.Add(c.doc.Errorf(at, "the abbreviation %q = %q needs letters in both parts", short, long).WithHint("%s", hint))
			case strings.ContainsAny(v, "\n\r") || utf8.RuneCountInString(v) > 80:
				l.Add(c.doc.Errorf(at, "%q is too long for an abbreviation: write it on one line, in at most 80 characters", v).WithHint("%s", hint))
			default:
				continue
			}
			break
		}
		if strings.EqualFold(strings.TrimSpace(short), strings.TrimSpace(long)) {
			l.Add(c.doc.Errorf(at, "the abbreviation %q stands for itself", short).WithHint("%s", hint))
		}
	}
	return l
}

func parseBaseURL(s string) (*url.URL, string) {
	if s == "" {
		return nil, "baseURL is empty"
	}
	u, err := url.Parse(s)
	if err != nil {
		return nil, fmt.Sprintf("%q is not a valid URL", s)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return nil, fmt.Sprintf("%q is not an absolute http or https URL", s)
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return nil, fmt.Sprintf("%q must not have a query, fragment or user name", s)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	if path.Clean(u.Path) != strings.TrimSuffix(u.Path, "/") && u.Path != "/" {
		return nil, fmt.Sprintf("%q has a path that is not clean (no //, . or .. segments)", s)
	}
	// The path is written into every link, redirect and feed: keep it to
	// characters that need no escaping anywhere (RFC 3986's unreserved
	// ones), as a host's folder name would be.
	if i := strings.IndexFunc(u.Path, func(r rune) bool {
		return !(r == '/' || r == '-' || r == '.' || r == '_' || r == '~' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	}); i >= 0 {
		r, _ := utf8.DecodeRuneInString(u.Path[i:])
		return nil, fmt.Sprintf("%q has %q in its path; use letters, digits, hyphens, dots and underscores", s, r)
	}
	u.RawPath = ""
	return u, ""
}

// menuURL reports whether a menu's url is an address a reader's browser
// follows: http, https or mailto, or a path of this site (which the link
// check follows).
func menuURL(s string) bool {
	u, err := url.Parse(s)
	if err != nil {
		return false
	}
	switch u.Scheme {
	case "http", "https":
		return u.Host != ""
	case "mailto":
		return u.Opaque != ""
	case "":
		return u.Host == "" && strings.HasPrefix(s, "/") && !strings.HasPrefix(s, "//")
	}
	return false
}

// validExtension reports whether ext is a file extension as publishTypes
// lists them: lower-case letters and digits, not a page's.
func validExtension(ext string) bool {
	if ext == "" || ext == "md" || ext == "markdown" || len(ext) > 10 {
		return false
	}
	return strings.IndexFunc(ext, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') }) < 0
}

func validTheme(name string) bool {
	if name == "" || name == "." || name == ".." {
		return false
	}
	return !strings.ContainsAny(name, `/\`)
}

// Base returns the parsed base URL; its Path always ends with "/".
func (c *Config) Base() *url.URL {
	if c.base == nil {
		return &url.URL{Scheme: "http", Host: "localhost", Path: "/"}
	}
	u := *c.base
	return &u
}

// BasePath returns the path part of the base URL, such as "/" or
// "/quality/".
func (c *Config) BasePath() string { return c.Base().Path }

// Origin returns the scheme and host of the base URL
// ("https://example.org"), to which a site path is appended to make an
// absolute URL.
func (c *Config) Origin() string {
	b := c.Base()
	return b.Scheme + "://" + b.Host
}

// Doc returns the decoded file, for checks in other stages that need the
// position of a key (a menu entry naming a page that does not exist).
func (c *Config) Doc() *tomldecode.Doc { return c.doc }

// blank reports whether a TOML file holds nothing but blank lines and
// comments (and a byte-order mark).
func blank(data string) bool {
	for _, line := range strings.Split(strings.TrimPrefix(data, "\ufeff"), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			return false
		}
	}
	return true
}
