package config

import (
	"net/url"
	"strings"

	"github.com/plinth-ssg/plinth/generator/diag"
)

// The Open Government Licence v3.0: what a public body's content and data
// are published under unless it says otherwise, and so the default.
const (
	OGLName = "Open Government Licence v3.0"
	OGLURL  = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
)

// Licence is the [licence] table: the licence the site's pages and open
// data are published under, and the copyright line of the footer. Keys
// left out keep the Open Government Licence v3.0.
type Licence struct {
	// Name and URL name the licence and where its terms are; both or
	// neither must be given.
	Name string `toml:"name"`
	URL  string `toml:"url"`
	// Copyright is the footer's copyright line, such as "© NHS England";
	// without it the footer says "©" and the site's title.
	Copyright string `toml:"copyright"`
}

// IsOGL reports whether the licence is the Open Government Licence v3.0,
// whose mark the default theme shows in the footer.
func (l Licence) IsOGL() bool { return l.URL == OGLURL }

// Contents is the [contents] table.
type Contents struct {
	// MinHeadings is how many level-2 headings a page needs for an "On
	// this page" list of them (default 3).
	MinHeadings int `toml:"minHeadings"`
}

// Preview describes a preview build, such as a pull request's site
// published for reviewers (plinth build --preview "pull request 42"):
// every page asks search engines not to index it, robots.txt turns them
// away, and the theme shows a banner saying what the site previews.
type Preview struct {
	// About says what the build previews; empty for the real site.
	About string
	// Published is the address of the real site, site.toml's baseURL,
	// which the banner links to.
	Published string
}

// On reports whether this build is a preview.
func (p Preview) On() bool { return p.About != "" }

const bothHint = `give both, like name = "Creative Commons Attribution 4.0" and url = "https://creativecommons.org/licenses/by/4.0/"; or remove both for the Open Government Licence v3.0`

// checkPublisher fills in the defaults of [licence] and [contents] and
// checks what the file gave.
func (c *Config) checkPublisher() diag.List {
	var l diag.List
	lic := &c.Licence
	switch {
	case lic.Name == "" && lic.URL == "":
		lic.Name, lic.URL = OGLName, OGLURL
	case lic.Name == "":
		l.Add(c.doc.Errorf([]string{"licence", "url"}, "[licence] gives the licence's address but not its name").WithHint("%s", bothHint))
	case lic.URL == "":
		l.Add(c.doc.Errorf([]string{"licence", "name"}, "[licence] gives the licence's name but not its address").WithHint("%s", bothHint))
	default:
		if u, err := url.Parse(lic.URL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			l.Add(c.doc.Errorf([]string{"licence", "url"}, "the licence's address %q is not an http or https address", lic.URL).
				WithHint("give the address of the licence's terms, starting with https://"))
		}
	}
	if strings.TrimSpace(lic.Copyright) == "" {
		lic.Copyright = "© " + c.Title
	}
	switch {
	case c.Contents.MinHeadings == 0 && !c.doc.Has("contents", "minHeadings"):
		c.Contents.MinHeadings = 3
	case c.Contents.MinHeadings < 2 || c.Contents.MinHeadings > 100:
		l.Add(c.doc.Errorf([]string{"contents", "minHeadings"}, "contents.minHeadings must be between 2 and 100").
			WithHint("a page with at least this many ## headings gets an \"On this page\" list; 3 is usual"))
	}
	return l
}
