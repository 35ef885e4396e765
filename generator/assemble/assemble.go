// Package assemble turns the loaded pages into a site: it leaves out drafts
// and pages outside their publishing window, builds the section tree (adding
// list pages for folders without an _index.md), gives every page its URL and
// output path, orders children, links previous and next pages, makes the tag
// pages and the 404 page, resolves menus, and refuses two things claiming the
// same address.
package assemble

import (
	"cmp"
	"maps"
	"math"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/plinth-ssg/plinth/generator/config"
	"github.com/plinth-ssg/plinth/generator/content"
	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/site"
)

// Options control which pages are published and how they are dated.
type Options struct {
	// Publish decides which pages are left out (drafts, publish window).
	site.Publish
	// BuildDate, if not zero, is the date shown as the build date
	// (SOURCE_DATE_EPOCH); otherwise the newest content date is used.
	BuildDate time.Time
	// GitDates maps a source file to its last commit time, for pages
	// that give no review date; nil when there is no usable history.
	GitDates map[string]time.Time
}

// Result is the assembled site, the resource files that go with its pages,
// and the source files of pages left out (so that a link to a draft can be
// reported as such rather than as a missing file).
type Result struct {
	Site      *site.Site
	Resources []site.File
	Excluded  map[string]string // source file → reason ("draft", …)
}

// Run assembles the site. Pages whose URL is already set (by a feature that
// builds its own addresses) keep it.
func Run(cfg *config.Config, loaded content.Result, opts Options) (Result, diag.List) {
	var diags diag.List
	a := &assembler{cfg: cfg, opts: opts, sections: map[string]*site.Page{}, excluded: map[string]string{}}
	for _, f := range loaded.Failed {
		a.excluded[f] = content.FailedReason
	}

	pages := a.filter(loaded.Pages)
	diags.Append(a.futureDates(pages))
	for _, p := range pages {
		if p.IsSection() {
			if old, dup := a.sections[p.Path]; dup {
				// Only possible with a feature adding a section page.
				diags.Add(diag.Errorf(diag.Pos{File: p.File}, "two list pages for the folder %q (also %s)", p.Path, old.File))
				continue
			}
			a.sections[p.Path] = p
		}
	}
	a.ensureSections(pages)
	all := a.tree(pages)
	for _, p := range all {
		if p.URL == "" {
			a.setURL(p, &diags)
		}
	}
	all = append(all, a.taxonomies(all)...)
	if nf := a.notFound(all); nf != nil {
		all = append(all, nf)
	}
	for _, p := range all {
		if p.OutputPath == "" {
			p.OutputPath = OutputPath(p.URL)
		}
	}
	for _, p := range all {
		if problem := checkURL(p.URL); problem != "" {
			diags.Add(diag.Errorf(firstLine(p.File), "the page's address %q %s", p.URL, problem).
				WithHint("check the slug and the section's permalink pattern in site.toml"))
		}
	}
	a.order(all)
	origin := cfg.Origin()
	for _, p := range all {
		p.RelPermalink = cfg.BasePath() + strings.TrimPrefix(p.URL, "/")
		p.Permalink = origin + p.RelPermalink
		a.reviewDates(p)
	}

	drop, resources, d := checkCollisions(all, a.resources(loaded.Resources))
	diags.Append(d)
	all = slices.DeleteFunc(all, func(p *site.Page) bool { return drop[p] })
	for p := range drop {
		if p.File != "" {
			// Its clash is reported; links to it are not reported again.
			a.excluded[p.File] = content.FailedReason
		}
	}

	s := &site.Site{Config: cfg, Pages: all, Home: a.sections[""], BuildDate: a.buildDate(all)}
	s.Index()
	s.Taxonomies = a.terms
	s.Menus = a.menus(s, &diags)
	return Result{Site: s, Resources: resources, Excluded: a.excluded}, diags
}

type assembler struct {
	cfg      *config.Config
	opts     Options
	sections map[string]*site.Page
	excluded map[string]string
	terms    map[string][]site.Term
}

// filter leaves out drafts and pages a feature withheld (and everything
// under such a section), pages not yet published and pages that have
// expired.
func (a *assembler) filter(pages []*site.Page) []*site.Page {
	draftDirs := map[string]bool{}
	for _, p := range pages {
		if p.IsSection() && (p.Draft && !a.opts.Drafts || p.Withheld != "") {
			draftDirs[p.Path] = true
		}
	}
	var out []*site.Page
	for _, p := range pages {
		reason := a.opts.Excludes(p)
		if reason == "" && underAny(p.Path, draftDirs) {
			reason = "its section is a draft; build with --drafts to preview it"
		}
		if reason != "" {
			a.excluded[p.File] = reason
			continue
		}
		out = append(out, p)
	}
	return out
}

func underAny(p string, dirs map[string]bool) bool {
	for d := range dirs {
		if d == "" || p == d || strings.HasPrefix(p, d+"/") {
			return true
		}
	}
	return false
}

// ensureSections adds a list page for every folder that holds pages but has
// no _index.md, and for the home page if content/_index.md is missing.
func (a *assembler) ensureSections(pages []*site.Page) {
	var need []string
	for _, p := range pages {
		for dir := parentPath(p); ; dir = parentDir(dir) {
			need = append(need, dir)
			if dir == "" {
				break
			}
		}
	}
	need = append(need, "")
	for _, dir := range need {
		if _, ok := a.sections[dir]; ok {
			continue
		}
		p := &site.Page{Kind: site.KindSection, Path: dir}
		p.Section, _, _ = strings.Cut(dir, "/")
		p.Type = p.Section
		p.Title = humanise(path.Base(dir))
		if dir == "" {
			p.Kind, p.Title = site.KindHome, a.cfg.Title
		}
		a.sections[dir] = p
	}
}

// parentPath is the folder whose list page lists p.
func parentPath(p *site.Page) string {
	if p.Kind == site.KindHome {
		return ""
	}
	return parentDir(p.Path)
}

func parentDir(p string) string {
	d := path.Dir(p)
	if d == "." || d == "/" {
		return ""
	}
	return d
}

// tree links every page to its parent section and returns all pages,
// section pages included.
func (a *assembler) tree(pages []*site.Page) []*site.Page {
	var all []*site.Page
	for _, p := range pages {
		if !p.IsSection() {
			all = append(all, p)
		}
	}
	for _, dir := range slices.Sorted(maps.Keys(a.sections)) {
		all = append(all, a.sections[dir])
	}
	for _, p := range all {
		if p.Kind == site.KindHome {
			continue
		}
		parent := a.sections[parentPath(p)]
		p.Parent = parent
		switch {
		case p.Unlisted:
		case p.IsSection():
			parent.Sections = append(parent.Sections, p)
		default:
			parent.Pages = append(parent.Pages, p)
		}
	}
	return all
}

// setURL gives a page its address: "/" for home, the folder path for a
// section, and for a page the section's permalink pattern or its folder plus
// its slug (or file name).
func (a *assembler) setURL(p *site.Page, diags *diag.List) {
	switch {
	case p.Kind == site.KindHome:
		p.URL = "/"
		return
	case p.IsSection():
		p.URL = "/" + p.Path + "/"
		return
	}
	name := path.Base(p.Path)
	slug := name
	if p.Slug != "" {
		slug = string(p.Slug)
	}
	dir := parentDir(p.Path)
	if pattern, ok := a.cfg.Permalinks[p.Section]; ok {
		v := config.PermalinkValues{Section: p.Section, Sections: dir, Slug: slug, Filename: name}
		if p.Date.IsSet() {
			v.Year, v.Month, v.Day = p.Date.Format("2006"), p.Date.Format("01"), p.Date.Format("02")
		}
		p.URL = config.ExpandPermalink(pattern, v)
		return
	}
	if dir == "" {
		p.URL = "/" + slug + "/"
		return
	}
	p.URL = "/" + dir + "/" + slug + "/"
}

// checkURL returns why a page URL is unsafe or malformed, or "". Every
// address is checked, including those set by features, so that no path can
// reach outside the output folder.
func checkURL(u string) string {
	if !strings.HasPrefix(u, "/") {
		return "does not start with /"
	}
	trimmed := strings.Trim(u, "/")
	if trimmed == "" {
		return ""
	}
	for _, seg := range strings.Split(trimmed, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return "has an empty, . or .. segment"
		}
		if strings.ContainsAny(seg, `\?#%`) {
			return "contains a character that is not allowed in a path"
		}
	}
	return ""
}

// OutputPath returns the file that serves a URL: pretty URLs ending in "/"
// become folder/index.html.
func OutputPath(url string) string {
	p := strings.TrimPrefix(url, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	return p
}

// order sorts each section's children for display and links previous and
// next pages within a section.
func (a *assembler) order(all []*site.Page) {
	for _, p := range all {
		sortForDisplay(p.Pages)
		sortForDisplay(p.Sections)
		for i, c := range p.Pages {
			if i > 0 {
				c.Prev = p.Pages[i-1]
			}
			if i+1 < len(p.Pages) {
				c.Next = p.Pages[i+1]
			}
		}
	}
}

// sortForDisplay sorts by weight (pages without a weight after those with
// one), then title ignoring case, then URL, so the order is total. The
// lower-cased titles are computed once per page, not once per comparison.
func sortForDisplay(pages []*site.Page) {
	if len(pages) < 2 {
		return
	}
	type key struct {
		weight int
		title  string
		p      *site.Page
	}
	keys := make([]key, len(pages))
	for i, p := range pages {
		w := p.Weight
		if w == 0 {
			w = math.MaxInt // unweighted pages go last
		}
		keys[i] = key{w, strings.ToLower(p.Title), p}
	}
	slices.SortFunc(keys, func(x, y key) int {
		if c := cmp.Compare(x.weight, y.weight); c != 0 {
			return c
		}
		if c := strings.Compare(x.title, y.title); c != 0 {
			return c
		}
		return strings.Compare(x.p.URL, y.p.URL)
	})
	for i, k := range keys {
		pages[i] = k.p
	}
}

// reviewDates sets the dates shown as "Page last reviewed" and "Next review
// due" (NHS.UK's convention): front matter first, then git.
func (a *assembler) reviewDates(p *site.Page) {
	var git site.Date
	if t, ok := a.opts.GitDates[p.File]; ok {
		git = site.Date{Time: time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)}
	}
	switch {
	case p.Lastmod.IsSet():
		p.Modified = p.Lastmod
	case git.IsSet():
		p.Modified = git
	default:
		p.Modified = p.Date
	}
	switch {
	case p.Reviewed.IsSet():
		p.LastReviewed = p.Reviewed
	case p.Lastmod.IsSet():
		p.LastReviewed = p.Lastmod
	default:
		p.LastReviewed = git
	}
	switch {
	case p.NextReview.IsSet():
		p.NextReviewDue = p.NextReview
	case p.LastReviewed.IsSet():
		p.NextReviewDue = site.Date{Time: p.LastReviewed.AddDate(0, a.cfg.Review.Months, 0)}
	}
}

// buildDate is SOURCE_DATE_EPOCH when given, otherwise the newest date or
// lastmod in the content, so that the date shown never depends on when the
// build ran. A date more than a day after the build (see futureDates) does
// not count: a lastmod typed 2062 made 2062 the date of the site's feed
// and open data, without a word.
func (a *assembler) buildDate(all []*site.Page) time.Time {
	if !a.opts.BuildDate.IsZero() {
		return a.opts.BuildDate.UTC()
	}
	var newest time.Time
	for _, p := range all {
		for _, d := range []site.Date{p.Date, p.Lastmod} {
			if d.After(newest) && !a.tooLate(d) {
				newest = d.Time
			}
		}
	}
	return newest
}

// futureSlack is how far after the build a date may be before it is taken
// for a typo: a day, since a page dated tomorrow in one time zone may be
// today in another.
const futureSlack = 24 * time.Hour

// tooLate reports whether d is more than futureSlack after the build's
// clock (never, when the build has no clock).
func (a *assembler) tooLate(d site.Date) bool {
	return !a.opts.Now.IsZero() && d.After(a.opts.Now.Add(futureSlack))
}

// futureDates warns, at the value, about a date or lastmod more than a
// day after the build: almost always a mistyped year. The page keeps the
// date as written, as Hugo does with lastmod; unlike Hugo, a date to come
// does not hold the page back (publishDate does), so the hint says so.
func (a *assembler) futureDates(pages []*site.Page) diag.List {
	var l diag.List
	today := a.opts.Now.Format("2 January 2006")
	for _, p := range pages {
		if p.Front == nil {
			continue
		}
		for _, k := range []struct {
			key, hint string
			d         site.Date
		}{
			{"date", "date is when the page was first published: check the year. To publish the page only from a later day, write publishDate instead (Plinth publishes a page with a date to come at once, showing that date)", p.Date},
			{"lastmod", "lastmod is when the page last changed: check the year, or leave lastmod out to use the date of the file's last commit", p.Lastmod},
		} {
			if k.d.IsSet() && a.tooLate(k.d) && p.Front.Has(k.key) {
				l.Add(diag.Warningf(p.Front.ValuePos(k.key), "%s is %s, after today (%s); the page shows it as written", k.key, k.d.Format("2 January 2006"), today).
					WithLine(p.Front.Src().Line(p.Front.ValuePos(k.key).Line)).WithHint("%s", k.hint))
			}
		}
	}
	return l
}

// humanise turns a folder name into a title: "action-plans" → "Action
// plans".
func humanise(name string) string {
	name = strings.NewReplacer("-", " ", "_", " ").Replace(name)
	if name == "" {
		return name
	}
	return strings.ToUpper(name[:1]) + name[1:]
}
