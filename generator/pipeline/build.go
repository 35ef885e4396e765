// Package pipeline runs Plinth's pipeline: it calls the stages in order and
// does nothing else.
//
//	config → content → git → framework → dataset → anonymise → feedback
//	       → assemble → review → chart → open data → bundle → layouts
//	       → markdown → search → static → render
//	       → output (policy, linkcheck, scan, search index) → publish
//
// Every stage returns diagnostics instead of stopping; the build collects
// them all, so one run reports every problem in the site. Each output file
// passes through the output stage once, as soon as it is final, into the
// publish stage's staging folder, which is swapped in only if no stage
// reported an error.
package pipeline

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path/filepath"
	"slices"
	"time"

	"github.com/plinth-ssg/plinth/generator/actionplans"
	"github.com/plinth-ssg/plinth/generator/anonymise"
	"github.com/plinth-ssg/plinth/generator/config"
	"github.com/plinth-ssg/plinth/generator/content"
	"github.com/plinth-ssg/plinth/generator/dataset"
	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/feed"
	"github.com/plinth-ssg/plinth/generator/feedback"
	"github.com/plinth-ssg/plinth/generator/framework"
	"github.com/plinth-ssg/plinth/generator/publish"
	"github.com/plinth-ssg/plinth/generator/redirects"
	"github.com/plinth-ssg/plinth/generator/render"
	"github.com/plinth-ssg/plinth/generator/review"
	"github.com/plinth-ssg/plinth/generator/scan"
	"github.com/plinth-ssg/plinth/generator/site"
	"github.com/plinth-ssg/plinth/generator/sitemap"
	"github.com/plinth-ssg/plinth/generator/source"
)

// Options are a build's settings, from the command line.
type Options struct {
	// Source is the site's folder; Destination the output folder.
	Source      string
	Destination string
	// BaseURL, if set, overrides site.toml's baseURL.
	BaseURL string
	// Preview, if set, makes the build a preview of what it names ("pull
	// request 42"): see config.Preview.
	Preview string
	// Drafts and Future include draft and not-yet-published pages.
	Drafts bool
	Future bool
	// Now decides which pages' publishDate has come and expiryDate passed.
	Now time.Time
	// BuildDate, if not zero, is SOURCE_DATE_EPOCH: the date shown as the
	// build date.
	BuildDate time.Time
	// Write publishes the output; false for `plinth check`.
	Write bool
	// Cache, if not nil, carries work over from the previous build with the
	// same cache (`plinth serve`); the output is the same either way.
	Cache *Cache
	// TemplateMetrics, if not nil, records the time spent in each layout.
	TemplateMetrics *render.Metrics
}

// Result describes a build.
type Result struct {
	// Files is the complete output, sorted by path, when the build keeps
	// it in memory (Write is false: `plinth check` and `plinth serve`). A
	// build that writes hands each file to the staging folder as soon as
	// it is final and keeps none, so that its memory does not grow with
	// the site's output.
	Files []site.File
	// Pages counts the rendered HTML pages (aliases included) and Copied
	// the files copied as they are (static files and page resources).
	Pages  int
	Copied int
	// Stages records how long each stage took, in pipeline order.
	Stages []Stage
	// Site is the assembled site (nil if the configuration was unusable).
	Site *site.Site
	// Disclosure says what disclosure control did to each published table
	// of counts, for the summary.
	Disclosure []anonymise.Report
}

// Stage is one stage's wall-clock time, for `plinth build --timings`.
type Stage struct {
	Name     string
	Duration time.Duration
}

// clock records stage durations.
type clock struct {
	last   time.Time
	stages []Stage
}

func newClock() *clock { return &clock{last: time.Now()} }

func (c *clock) lap(name string) {
	now := time.Now()
	c.stages = append(c.stages, Stage{name, now.Sub(c.last)})
	c.last = now
}

// assetEntries are the front-end files a theme may provide under assets/
// (or a site under its own assets/), built once per build by the bundle
// stage and referenced from layouts with the asset function. A feature's
// own script is an entry of its own, so that only its pages load it
// (js/yswd-filter.js: the "You said, we did" filter; js/search.js: the
// search page; js/charts.js: the action-plan charts; js/self-assessment.js
// and css/self-assessment.css: the providers' self-assessment).
var assetEntries = []string{"css/main.css", "js/main.js", "js/yswd-filter.js", "js/search.js", "js/charts.js", "js/self-assessment.js", "css/self-assessment.css"}

// Run builds the site. It returns the output (also when Write is false) and
// every diagnostic; the build failed if the list has errors, and then
// nothing was written.
func Run(opts Options) (Result, diag.List) {
	if res, diags, ok := opts.Cache.patch(opts); ok {
		return res, diags
	}
	b := &run{opts: opts, cache: opts.Cache, clk: newClock()}
	defer b.finishCaches()
	if !b.config() {
		return Result{}, b.diags
	}
	b.content()
	b.git()
	b.framework()
	b.data()
	b.feedback()
	b.assemble()
	b.bodies()
	b.review()
	b.charts()
	b.openData()
	b.bundle()
	b.layouts()
	b.markdown()
	b.search()
	b.outputs()
	b.render()
	b.searchIndex()
	b.checks()
	return b.publish()
}

// ArchetypeDirs are the folders `plinth new` reads archetypes from, the
// site's own first; the review stage reads the same ones to recognise
// their placeholder text.
func ArchetypeDirs(cfg *config.Config) []string {
	return []string{"archetypes", "themes/" + cfg.Theme + "/archetypes"}
}

// reviewOptions are the review stage's settings: the build's day and the
// archetypes.
func reviewOptions(opts Options, fsys fs.FS, cfg *config.Config) review.Options {
	return review.Options{Now: opts.Now, FS: fsys, Archetypes: ArchetypeDirs(cfg)}
}

// begin starts the publish stage for a build that writes its output: the
// staging folder the files go into as they are made. Without Write (or
// when the destination is refused) the files are kept in memory.
func begin(opts Options) (*publish.Stage, diag.List) {
	var diags diag.List
	if !opts.Write {
		return nil, nil
	}
	stage, err := publish.Begin(publish.Options{Destination: opts.Destination, Source: opts.Source})
	if err != nil {
		diags.Add(publishError(opts, err))
		return nil, diags
	}
	return stage, nil
}

// commit swaps the staging folder in when the build succeeded, and gives
// it up otherwise.
func commit(stage *publish.Stage, opts Options, failed bool) diag.List {
	var diags diag.List
	switch {
	case stage == nil:
	case failed:
		stage.Abort()
	default:
		if err := stage.Commit(); err != nil {
			diags.Add(publishError(opts, err))
		}
	}
	return diags
}

// publishError reports a failure to publish at the destination, with the
// hint of a publish.Error (a full or read-only disk, say).
func publishError(opts Options, err error) diag.Diagnostic {
	d := diag.Errorf(diag.Pos{File: opts.Destination}, "%v", err)
	if pe := (*publish.Error)(nil); errors.As(err, &pe) {
		d = d.WithHint("%s", pe.Hint())
	}
	return d
}

// identifierScanner prepares the search for the identifying values of the
// private datasets and for personal-data patterns. Features that publish
// free text check their cells with it; the last check before anything is
// published runs it over every output file.
func identifierScanner(data *dataset.Set, opts scan.Options, cache *scan.Cache) (*scan.Scanner, diag.List) {
	if cache != nil {
		if s, d, ok := cache.Reuse(data, opts); ok {
			return s, slices.Clone(d)
		}
	}
	var terms []scan.Term
	if data != nil {
		for _, id := range dataset.Identifiers(data) {
			terms = append(terms, scan.Term{Text: id.Text, Origin: id.Origin})
		}
	}
	var (
		scanner *scan.Scanner
		diags   diag.List
	)
	if cache != nil {
		scanner, diags = cache.Scanner(terms, opts)
		cache.Remember(data, opts)
	} else {
		scanner, diags = scan.New(terms, opts)
	}
	// The cache keeps its warnings; the build's list must not share them.
	return scanner, slices.Clone(diags)
}

// scanOptions are the identifier scan's settings from site.toml, the
// abbreviations in a fixed order.
func scanOptions(cfg *config.Config) scan.Options {
	opts := scan.Options{Allow: cfg.Scan.Allow}
	for _, short := range slices.Sorted(maps.Keys(cfg.Scan.Abbreviations)) {
		opts.Abbreviations = append(opts.Abbreviations, scan.Abbreviation{Short: short, Long: cfg.Scan.Abbreviations[short]})
	}
	return opts
}

// privateNames lists the private datasets by name, so that a layout asking
// for one can be told why it cannot have it.
func privateNames(data *dataset.Set) []string {
	var names []string
	if data != nil {
		for _, t := range data.Private {
			names = append(names, t.Spec().Name)
		}
	}
	return names
}

// loadData reads the datasets and publishes their tables through
// disclosure control (the dataset and anonymise stages). With a cache, the
// last result is reused when the data files, the disclosure rule and the
// framework's standards' IDs, titles and domains are unchanged: parsing
// tens of thousands of rows and auditing every table need not happen
// after an edit to a page, or to a standard's words. It returns the
// result's key in the cache (0 without one), under which the chart stage
// keeps the figures made from it.
func loadData(fsys fs.FS, cfg *config.Config, fw *framework.Framework, cache *Cache) (*dataset.Set, actionplans.Result, uint64, diag.List) {
	key := uint64(0)
	if cache != nil {
		key = cache.dataKey(fsys, cfg, fw)
		if e, ok := cache.data[key]; ok {
			return e.set, e.tables.copyPages(), key, e.diags
		}
	}
	var diags diag.List
	data, d := dataset.Load(fsys, dataset.Options{Standards: standardResolver(fw)})
	diags.Append(d)
	releases, d := actionplans.LoadReleases(fsys, cfg.Disclosure)
	diags.Append(d)
	apOpts := actionplans.FrameworkOptions(fw)
	apOpts.Releases = releases
	tables, d := actionplans.Run(cfg.Disclosure, data, apOpts)
	diags.Append(d)
	if cache != nil {
		cache.data = map[uint64]*dataEntry{key: {set: data, tables: cachedTables(tables), diags: diags}}
		return data, cachedTables(tables).copyPages(), key, diags
	}
	return data, tables, key, diags
}

// generatedFiles are the site-wide files made from the whole site: the
// sitemap, robots.txt (unless static/ has one) and the feed of updates.
func generatedFiles(s *site.Site, statics []site.File) ([]site.File, error) {
	files, err := sitemap.Files(s)
	if err != nil {
		return nil, fmt.Errorf("cannot write the sitemap: %w", err)
	}
	if !slices.ContainsFunc(statics, func(f site.File) bool { return f.Path == "robots.txt" }) {
		files = append(files, sitemap.Robots(s))
	}
	updates, err := feed.Updates(s, 50).Atom(s.Config.LanguageCode)
	if err != nil {
		return nil, fmt.Errorf("cannot write the feed: %w", err)
	}
	return append(files, site.File{Path: feed.UpdatesPath, Data: updates}), nil
}

// withRedirects takes a _redirects file out of the static files, if the
// site or theme has one, and returns the site's _redirects: that file's
// rules, then the features' rules, then the aliases (see package
// redirects). One writer, so no feature overwrites another's rules.
func withRedirects(s *site.Site, statics []site.File, rules []site.Redirect) ([]site.File, []site.File) {
	var own []byte
	statics = slices.DeleteFunc(statics, func(f site.File) bool {
		if f.Path == redirects.Path {
			own = f.Data
			return true
		}
		return false
	})
	f, ok := redirects.File(s.Config.BasePath(), own, rules, s.Pages)
	if !ok {
		return statics, nil
	}
	return statics, []site.File{f}
}

// schemas are the front-matter schemas of the features whose pages are
// Markdown files: the framework's and "You said, we did"'s.
var schemas = []content.Schema{framework.Schema, feedback.Schema}

// openSite opens the site folder and returns it with its absolute path
// (the bundler resolves imports on the real disk and needs one), or the
// diagnostic saying why it cannot be opened.
func openSite(folder string) (fs.FS, string, diag.List) {
	fsys, err := source.Open(folder)
	abs := folder
	if err == nil {
		abs, err = filepath.Abs(folder)
	}
	if err != nil {
		var l diag.List
		l.Add(diag.Errorf(diag.Pos{File: folder}, "cannot open the site folder: %v", err).
			WithHint("pass the folder that holds site.toml with --source"))
		return nil, "", l
	}
	return fsys, abs, nil
}
