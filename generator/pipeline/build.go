// Package pipeline runs Plinth's pipeline: it calls the stages in order and
// does nothing else.
//
//	config → content → framework → dataset → anonymise → feedback → assemble
//	       → review → chart → open data → markdown → search → bundle → render → static
//	       → policy → linkcheck → scan → publish
//
// Every stage returns diagnostics instead of stopping; the build collects
// them all, so one run reports every problem in the site. Files are written
// only if no stage reported an error, and then atomically.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"time"

	"github.com/plinth-ssg/plinth/generator/actionplans"
	"github.com/plinth-ssg/plinth/generator/anonymise"
	"github.com/plinth-ssg/plinth/generator/assemble"
	"github.com/plinth-ssg/plinth/generator/bundle"
	"github.com/plinth-ssg/plinth/generator/config"
	"github.com/plinth-ssg/plinth/generator/content"
	"github.com/plinth-ssg/plinth/generator/dataset"
	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/feed"
	"github.com/plinth-ssg/plinth/generator/feedback"
	"github.com/plinth-ssg/plinth/generator/framework"
	"github.com/plinth-ssg/plinth/generator/gitinfo"
	"github.com/plinth-ssg/plinth/generator/licence"
	"github.com/plinth-ssg/plinth/generator/linkcheck"
	"github.com/plinth-ssg/plinth/generator/markdown"
	"github.com/plinth-ssg/plinth/generator/opendata"
	"github.com/plinth-ssg/plinth/generator/policy"
	"github.com/plinth-ssg/plinth/generator/publish"
	"github.com/plinth-ssg/plinth/generator/redirects"
	"github.com/plinth-ssg/plinth/generator/render"
	"github.com/plinth-ssg/plinth/generator/review"
	"github.com/plinth-ssg/plinth/generator/scan"
	"github.com/plinth-ssg/plinth/generator/search"
	"github.com/plinth-ssg/plinth/generator/site"
	"github.com/plinth-ssg/plinth/generator/sitemap"
	"github.com/plinth-ssg/plinth/generator/source"
	"github.com/plinth-ssg/plinth/generator/static"
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
	// Files is the complete output, sorted by path.
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
// search page; js/charts.js: the action-plan charts).
var assetEntries = []string{"css/main.css", "js/main.js", "js/yswd-filter.js", "js/search.js", "js/charts.js"}

// Run builds the site. It returns the output (also when Write is false) and
// every diagnostic; the build failed if the list has errors, and then
// nothing was written.
func Run(opts Options) (Result, diag.List) {
	var diags diag.List
	clk := newClock()
	cache := opts.Cache
	if cache != nil {
		cache.begin()
		defer cache.finish()
	}
	fsys, err := source.Open(opts.Source)
	if err == nil {
		// The bundler resolves imports on the real disk and needs an
		// absolute folder.
		opts.Source, err = filepath.Abs(opts.Source)
	}
	if err != nil {
		diags.Add(diag.Errorf(diag.Pos{File: opts.Source}, "cannot open the site folder: %v", err).
			WithHint("pass the folder that holds site.toml with --source"))
		return Result{}, diags
	}

	cfg, d := config.Load(fsys, config.Options{BaseURL: opts.BaseURL, Preview: opts.Preview})
	diags.Append(d)
	if cfg == nil {
		return Result{}, diags
	}

	clk.lap("config")

	loaded, d := content.Load(fsys, content.Options{Schemas: []content.Schema{framework.Schema, feedback.Schema}, Cache: cache.contentCache()})
	diags.Append(d)
	clk.lap("content")

	gitDates, err := cache.gitCache().Load(context.Background(), opts.Source)
	if errors.Is(err, gitinfo.ErrShallow) {
		diags.Add(diag.Warningf(diag.Pos{File: ".git"}, "%v", err))
	}
	clk.lap("git")

	asmOpts := assemble.Options{Drafts: opts.Drafts, Future: opts.Future, Now: opts.Now, BuildDate: opts.BuildDate, GitDates: gitDates}
	fw, d := framework.Build(cfg, loaded.Pages, asmOpts)
	diags.Append(d)
	loaded.Pages = fw.Pages
	if !cfg.Search.Disabled {
		loaded.Pages = search.AddPage(loaded.Pages)
	}
	clk.lap("framework")

	data, tables, d := loadData(fsys, cfg, fw.Framework, cache)
	diags.Append(d)
	scanner, d := identifierScanner(data, cfg.Scan.Allow, cache.scanCache())
	diags.Append(d)
	loaded.Pages = append(loaded.Pages, tables.Pages...)
	relateActions(fw.Framework, tables)
	clk.lap("dataset, anonymise")

	yswd, d := feedback.Build(cfg, data, loaded.Pages, feedback.Options{
		Framework: fw.Framework, Policy: cfg.Disclosure, Scanner: scanner, Publish: asmOpts,
	})
	diags.Append(d)
	loaded.Pages = yswd.Pages
	clk.lap("feedback")

	asm, d := assemble.Run(cfg, loaded, asmOpts)
	diags.Append(d)
	s := asm.Site
	s.Tables, s.TablesWithheld, s.PrivateDatasets = tables.Tables, tables.Withheld, privateNames(data)
	clk.lap("assemble")

	diags.Append(review.Check(s.Pages, review.Options{Now: opts.Now, FS: fsys, Archetypes: ArchetypeDirs(cfg)}))
	clk.lap("review")

	s.Figures, err = tables.Figures()
	if err != nil {
		diags.Add(diag.Errorf(diag.Pos{File: dataset.ManifestPath}, "cannot draw the action-plan charts: %v", err).
			WithHint("this is a fault in Plinth rather than in the data; please report it"))
	}
	clk.lap("chart")

	openData, err := opendata.Files(s.Tables, opendata.Options{Dir: actionplans.Section + "/data", Built: s.BuildDate,
		Origin: cfg.Origin(), BasePath: cfg.BasePath(), Source: dataset.ManifestPath,
		Licence: licence.Licence{Name: cfg.Licence.Name, URL: cfg.Licence.URL}, Copyright: cfg.Licence.Copyright})
	if err != nil {
		diags.Add(diag.Errorf(diag.Pos{File: dataset.ManifestPath}, "cannot write the open-data files: %v", err))
	}

	mdOpts, d := markdownOptions(opts.Source)
	diags.Append(d)
	conv := markdown.New(mdOpts)
	var mdMemo markdown.Memo
	if cache != nil {
		cache.setLinksEpoch(s, asm.Resources, asm.Excluded)
		mdMemo = cache
	}
	diags.Append(conv.Site(s, markdown.NewSiteLinks(s, asm.Resources, asm.Excluded), mdMemo))
	clk.lap("markdown")

	var index []site.File
	if !cfg.Search.Disabled {
		index, err = search.Index(s, fw.Framework, cache.searchCache())
		if err != nil {
			diags.Add(diag.Errorf(diag.Pos{File: "content"}, "cannot write the search index: %v", err))
		}
	}
	clk.lap("search")

	assets, d := cache.bundle(fsys, bundle.Options{SourceDir: opts.Source, Theme: cfg.Theme, Entries: assetEntries, Optional: true})
	diags.Append(d)
	// Without its stylesheet and script every page would fail on its
	// asset call, burying the one cause (usually a missing `npm ci`).
	bundled := !d.HasErrors()
	clk.lap("bundle")

	layouts, d := render.LoadLayouts(fsys, cfg.Theme, render.Funcs(s, conv.String, assets.Manifest))
	diags.Append(d)
	var pages []site.File
	if !d.HasErrors() && bundled {
		var memo render.Memo
		if cache != nil {
			// Pages embed the assets' URLs and integrity values, which
			// also change with node_modules, which inputsSum does not read.
			cache.setEpochs(s, cache.inputsSum(fsys, cfg.Theme, opts), cache.manifestSum(assets.Manifest))
			memo = renderMemo{cache}
		}
		pages, d = render.Pages(s, layouts, fsys, render.Options{Memo: memo, Metrics: opts.TemplateMetrics})
		diags.Append(d)
	}
	clk.lap("render")

	statics, d := static.Load(fsys, cfg.Theme)
	diags.Append(d)
	statics, redirectsFile := withRedirects(s, statics, fw.Redirects)
	generated, err := cache.generatedFiles(s, statics)
	if err != nil {
		diags.Add(diag.Errorf(diag.Pos{File: "site.toml"}, "%v", err))
	}

	files, d := merge(pages, asm.Resources, statics, generated, fw.Files, openData, yswd.Files, assets.Files, index, redirectsFile)
	diags.Append(d)
	clk.lap("static")

	diags.Append(policy.Check(files, policy.Options{BasePath: cfg.BasePath(), Cache: cache.policyCache()}))
	clk.lap("policy")

	if !diags.HasErrors() {
		diags.Append(linkcheck.Check(files, linkcheck.Site{Origin: cfg.Origin(), BasePath: cfg.BasePath(), Sources: sources(s), Cache: cache.linkCache()}))
		clk.lap("linkcheck")
	}
	diags.Append(scanner.Scan(search.ForScan(files), sources(s)))
	clk.lap("scan")
	res := Result{Files: files, Pages: len(pages), Copied: len(asm.Resources) + len(statics), Site: s, Disclosure: tables.Reports}
	if diags.HasErrors() || !opts.Write {
		res.Stages = clk.stages
		return res, diags
	}
	if err := publish.Write(publish.Options{Destination: opts.Destination, Source: opts.Source}, files); err != nil {
		diags.Add(diag.Errorf(diag.Pos{File: opts.Destination}, "%v", err))
	}
	clk.lap("publish")
	res.Stages = clk.stages
	return res, diags
}

// ArchetypeDirs are the folders `plinth new` reads archetypes from, the
// site's own first; the review stage reads the same ones to recognise
// their placeholder text.
func ArchetypeDirs(cfg *config.Config) []string {
	return []string{"archetypes", "themes/" + cfg.Theme + "/archetypes"}
}

// identifierScanner prepares the search for the identifying values of the
// private datasets and for personal-data patterns. Features that publish
// free text check their cells with it; the last check before anything is
// published runs it over every output file.
func identifierScanner(data *dataset.Set, allow []string, cache *scan.Cache) (*scan.Scanner, diag.List) {
	if cache != nil {
		if s, d, ok := cache.Reuse(data, allow); ok {
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
		scanner, diags = cache.Scanner(terms, allow)
		cache.Remember(data, allow)
	} else {
		scanner, diags = scan.New(terms, allow)
	}
	// The cache keeps its warnings; the build's list must not share them.
	return scanner, slices.Clone(diags)
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
// framework's standards are unchanged: parsing tens of thousands of rows
// and auditing every table need not happen after an edit to a page.
func loadData(fsys fs.FS, cfg *config.Config, fw *framework.Framework, cache *Cache) (*dataset.Set, actionplans.Result, diag.List) {
	key := uint64(0)
	if cache != nil {
		key = cache.dataKey(fsys, cfg, fw)
		if e, ok := cache.data[key]; ok {
			cache.used["data"] = true
			return e.set, e.tables.copyPages(), e.diags
		}
	}
	var diags diag.List
	data, d := dataset.Load(fsys, dataset.Options{Standards: standardResolver(fw)})
	diags.Append(d)
	tables, d := actionplans.Run(cfg.Disclosure, data, actionplans.Options{Domain: domainResolver(fw), Standard: standardNamer(fw)})
	diags.Append(d)
	if cache != nil {
		cache.data = map[uint64]dataEntry{key: {set: data, tables: cachedTables(tables), diags: diags}}
		cache.used["data"] = true
		return data, cachedTables(tables).copyPages(), diags
	}
	return data, tables, diags
}

// sources looks up the text of a page's source file, for positions.
func sources(s *site.Site) func(string) *diag.Source {
	return func(file string) *diag.Source {
		if p := s.GetPage(file); p != nil {
			return p.Source
		}
		return nil
	}
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
