package pipeline

import (
	"context"
	"errors"
	"io/fs"
	"slices"

	"github.com/plinth-ssg/plinth/generator/actionplans"
	"github.com/plinth-ssg/plinth/generator/assemble"
	"github.com/plinth-ssg/plinth/generator/bundle"
	"github.com/plinth-ssg/plinth/generator/chart"
	"github.com/plinth-ssg/plinth/generator/config"
	"github.com/plinth-ssg/plinth/generator/content"
	"github.com/plinth-ssg/plinth/generator/dataset"
	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/feedback"
	"github.com/plinth-ssg/plinth/generator/framework"
	"github.com/plinth-ssg/plinth/generator/gitinfo"
	"github.com/plinth-ssg/plinth/generator/licence"
	"github.com/plinth-ssg/plinth/generator/markdown"
	"github.com/plinth-ssg/plinth/generator/opendata"
	"github.com/plinth-ssg/plinth/generator/output"
	"github.com/plinth-ssg/plinth/generator/publish"
	"github.com/plinth-ssg/plinth/generator/render"
	"github.com/plinth-ssg/plinth/generator/review"
	"github.com/plinth-ssg/plinth/generator/scan"
	"github.com/plinth-ssg/plinth/generator/search"
	"github.com/plinth-ssg/plinth/generator/site"
	"github.com/plinth-ssg/plinth/generator/source"
)

// run is one build on its way through the stages: each method below is
// one stage, in the order Run calls them, taking what earlier stages left
// here and leaving what it made. A stage reports its problems in diags
// and carries on; only an unusable configuration stops the build. A field
// that holds much and that no later stage reads is cleared by the stage
// that reads it last, so that the build's memory does not hold it to the
// end (the datasets' rows, the features' files).
type run struct {
	opts  Options
	cache *Cache // nil outside `plinth serve`
	clk   *clock
	diags diag.List
	// finish are the stage caches' Finish calls, made when Run returns.
	finish []func()

	fsys fs.FS
	cfg  *config.Config
	rule site.Publish

	loaded   content.Result
	gitDates gitinfo.Dates
	fw       framework.Result
	datasets *dataset.Set
	tables   actionplans.Result
	dataKey  uint64 // the tables' key in the cache
	scanner  *scan.Scanner
	yswd     feedback.Result
	asm      assemble.Result
	s        *site.Site
	files    []site.File // the features' and open data's files
	conv     *markdown.Converter
	assets   bundle.Result
	bundled  bool
	layout   *render.Layouts
	// layoutsOK is false when a layout failed to load: no page is then
	// rendered, which would only repeat that error on every page.
	layoutsOK bool
	srcs      *sourceFiles
	// release says the build renders each page once, so it lets go of
	// pages' Markdown and bodies as it goes (see memory.go).
	release bool
	links   *markdown.SiteLinks
	// renderMemo is the render cache (serve only), begun before the
	// generated files, which are keyed on its epoch.
	renderMemo render.Memo
	index      *search.Builder
	statics    []site.File
	stage      *publish.Stage
	out        *output.Pass
	// res describes the build, made once the checks are done.
	res Result

	// For patches (patch.go): the diagnostics of the review stage, of the
	// markdown stage, of every other stage before it, and where the review
	// stage's start in diags.
	reviewed, mdDiags, before diag.List
	reviewAt                  int
}

func (b *run) finishCaches() {
	for _, f := range slices.Backward(b.finish) {
		f()
	}
}

// config opens the site folder and reads site.toml; false if the build
// cannot go on.
func (b *run) config() bool {
	b.cache.begin()
	fsys, abs, d := openSite(b.opts.Source)
	b.diags.Append(d)
	if d.HasErrors() {
		return false
	}
	b.fsys, b.opts.Source = fsys, abs
	// The folders kept open for reading are closed with the build: a
	// later patch reads through the site folder, not a folder that may
	// have been replaced since.
	b.finish = append(b.finish, func() { source.Close(fsys) })
	cfg, d := config.Load(fsys, config.Options{BaseURL: b.opts.BaseURL, Preview: b.opts.Preview})
	b.diags.Append(d)
	if cfg == nil || d.HasErrors() {
		// Every later stage reads the configuration: building on with a
		// theme that is not there, or without the identifiers the scan
		// allows, would bury its error under their knock-ons.
		return false
	}
	b.cfg = cfg
	b.rule = site.Publish{Drafts: b.opts.Drafts, Future: b.opts.Future, Now: b.opts.Now}
	b.clk.lap("config")
	return true
}

// content reads the Markdown files and their front matter; a build
// reads most pages' bodies later (bodies, in memory.go).
func (b *run) content() {
	loaded, d := content.Load(b.fsys, content.Options{Schemas: schemas, Cache: b.cache.contentCache(),
		PublishTypes: b.cfg.Content.PublishTypes, FrontOnly: b.cache == nil})
	b.diags.Append(d)
	b.loaded = loaded
	b.clk.lap("content")
}

// git reads each page's last change from the history, if there is one.
func (b *run) git() {
	dates, err := b.cache.gitCache().Load(context.Background(), b.opts.Source)
	if errors.Is(err, gitinfo.ErrShallow) {
		b.diags.Add(diag.Warningf(diag.Pos{File: ".git"}, "%v", err))
	}
	b.gitDates = dates
	b.clk.lap("git")
}

// framework builds the editions of the Quality Framework from their pages,
// and adds the search page.
func (b *run) framework() {
	fw, d := framework.Build(b.cfg, b.loaded.Pages, b.rule, b.loaded.Failed)
	b.diags.Append(d)
	b.fw = fw
	b.loaded.Pages = fw.Pages
	if !b.cfg.Search.Disabled {
		b.loaded.Pages = search.AddPage(b.loaded.Pages)
	}
	b.clk.lap("framework")
}

// data reads the datasets, publishes their tables through disclosure
// control, and prepares the identifier scan from the private ones.
func (b *run) data() {
	data, tables, key, d := loadData(b.fsys, b.cfg, b.fw.Framework, b.cache)
	b.diags.Append(d)
	scanner, d := identifierScanner(data, scanOptions(b.cfg), b.cache.scanCache())
	b.diags.Append(d)
	b.loaded.Pages = append(b.loaded.Pages, tables.Pages...)
	tables.Relate(b.fw.Framework)
	b.datasets, b.tables, b.dataKey, b.scanner = data, tables, key, scanner
	b.clk.lap("dataset, anonymise")
}

// feedback makes the "You said, we did" pages.
func (b *run) feedback() {
	yswd, d := feedback.Build(b.cfg, b.datasets, b.loaded.Pages, feedback.Options{
		Framework: b.fw.Framework, Policy: b.cfg.Disclosure, Scanner: b.scanner, Publish: b.rule,
	})
	b.diags.Append(d)
	b.yswd = yswd
	b.loaded.Pages = yswd.Pages
	b.clk.lap("feedback")
}

// assemble makes the site from every page: addresses, sections, menus.
func (b *run) assemble() {
	asm, d := assemble.Run(b.cfg, b.loaded, assemble.Options{Publish: b.rule, BuildDate: b.opts.BuildDate, GitDates: b.gitDates})
	b.diags.Append(d)
	b.asm, b.s = asm, asm.Site
	b.s.Tables, b.s.TablesWithheld, b.s.PrivateDatasets = b.tables.Tables, b.tables.Withheld, privateNames(b.datasets)
	// No later stage reads the datasets' rows (millions of cells in a
	// large action plan): let them go rather than hold them to the end.
	b.datasets, b.gitDates = nil, nil
	b.clk.lap("assemble")
}

// review checks the pages' text for placeholders and overdue reviews.
func (b *run) review() {
	b.reviewAt = len(b.diags)
	opts := reviewOptions(b.opts, b.fsys, b.cfg)
	opts.Placeholders = b.cache.placeholders(b.fsys, b.cfg)
	b.reviewed = review.Check(b.s.Pages, opts)
	b.diags.Append(b.reviewed)
	b.clk.lap("review")
}

// charts draws the action-plan figures.
func (b *run) charts() {
	var err error
	b.s.Figures, err = b.cache.figures(b.dataKey, func() ([]*site.Figure, error) { return b.tables.Figures(b.cfg.Disclosure) })
	if err == nil {
		err = chart.Draw(b.s.Figures, b.cache.chartCache())
	}
	if err != nil {
		b.diags.Add(diag.Errorf(diag.Pos{File: dataset.ManifestPath}, "cannot draw the action-plan charts: %v", err).
			WithHint("this is a fault in Plinth rather than in the data; please report it"))
	}
	b.clk.lap("chart")
}

// openData writes the published tables as CSV and JSON, with the
// features' own files.
func (b *run) openData() {
	cfg := b.cfg
	files, err := opendata.Files(b.s.Tables, opendata.Options{Dir: actionplans.Section + "/data", Built: b.s.BuildDate,
		Origin: cfg.Origin(), BasePath: cfg.BasePath(), Source: dataset.ManifestPath,
		Licence: licence.Licence{Name: cfg.Licence.Name, URL: cfg.Licence.URL}, Copyright: cfg.Licence.Copyright})
	if err != nil {
		b.diags.Add(diag.Errorf(diag.Pos{File: dataset.ManifestPath}, "cannot write the open-data files: %v", err))
	}
	b.files = slices.Concat(b.fw.Files, files, b.yswd.Files)
	b.clk.lap("open data")
}

// bundle builds the stylesheets and scripts (from the on-disk cache when
// no input changed).
func (b *run) bundle() {
	assets, d := b.cache.bundle(b.fsys, bundle.Options{SourceDir: b.opts.Source, Theme: b.cfg.Theme, Entries: assetEntries, Optional: true,
		ContentClasses: contentClasses(b.s.Pages)})
	b.diags.Append(d)
	// Without its stylesheet and script every page would fail on its
	// asset call, burying the one cause (usually a missing `npm ci`).
	b.assets, b.bundled = assets, !d.HasErrors()
	b.clk.lap("bundle")
}

// layouts loads the layouts: before the output pass starts, which reports
// a problem in a page's markup at the layout line that wrote it, and
// before the Markdown is converted, which a build lets go of unless a
// layout shows it.
func (b *run) layouts() {
	mdOpts, d := markdownOptions(b.opts.Source)
	b.diags.Append(d)
	b.conv = markdown.New(mdOpts)
	layouts, d := b.cache.loadLayouts(b.fsys, b.cfg.Theme, render.Funcs(b.s, b.conv.String, b.assets.Manifest))
	b.diags.Append(d)
	b.layout, b.layoutsOK = layouts, !d.HasErrors()
	b.srcs = &sourceFiles{s: b.s, fsys: b.fsys}
	b.release = b.cache == nil && !layouts.RawBody()
	b.clk.lap("layouts")
}

// markdown converts every page's body.
func (b *run) markdown() {
	var memo markdown.Memo
	if mc := b.cache.markdownCache(); mc != nil {
		mc.Begin(b.s, b.asm.Resources, b.asm.Excluded)
		b.finish = append(b.finish, mc.Finish)
		memo = mc
	}
	var converted func(*site.Page)
	if b.release {
		converted = b.srcs.dropMarkdown()
	}
	b.links = markdown.NewSiteLinks(b.s, b.asm.Resources, b.asm.Excluded)
	b.mdDiags = b.conv.Site(b.s, b.links, memo, converted)
	// The stages before markdown but review, for patches (review reads
	// pages' text, so a patch checks the edited pages again).
	b.before = slices.Concat(b.diags[:b.reviewAt], b.diags[b.reviewAt+len(b.reviewed):])
	b.diags.Append(b.mdDiags)
	b.clk.lap("markdown")
}

// search prepares the search index, which the output pass fills.
func (b *run) search() {
	if !b.cfg.Search.Disabled {
		synonyms, d := search.LoadSynonyms(b.fsys)
		b.diags.Append(d)
		b.index = search.NewBuilder(b.s, search.Options{Facets: b.fw.Framework.SearchFacets(),
			Pages: []search.Describe{feedback.SearchEntry, actionplans.SearchEntry}, Synonyms: synonyms, Cache: b.cache.searchCache()})
	}
	b.clk.lap("search")
}

// outputs starts the output pass (and the publish stage's staging folder
// it writes into) and hands it every file that is not a rendered page.
func (b *run) outputs() {
	if rc := b.cache.renderCache(); rc != nil {
		// Pages embed the assets' URLs and integrity values, which also
		// change with node_modules, which inputsSum does not read. The
		// site-wide generated files are keyed on the same epoch.
		rc.Begin(b.s, b.cache.inputsSum(b.fsys, b.cfg.Theme, b.opts), b.cache.manifestSum(b.assets.Manifest), b.cache.markdownCache().Epoch())
		b.finish = append(b.finish, rc.Finish)
		b.renderMemo = rc
	}
	statics, d := b.cache.statics(b.fsys, b.cfg.Theme)
	b.diags.Append(d)
	statics, redirectsFile := withRedirects(b.s, statics, b.fw.Redirects)
	generated, err := b.cache.generatedFiles(b.s, statics)
	if err != nil {
		b.diags.Add(diag.Errorf(diag.Pos{File: "site.toml"}, "%v", err))
	}
	stage, d := begin(b.opts)
	b.diags.Append(d)
	var sink output.Sink // nil keeps the files in memory
	if stage != nil {
		sink = stage
	}
	cfg := b.cfg
	out := output.New(output.Options{Origin: cfg.Origin(), BasePath: cfg.BasePath(), Sources: b.srcs.lookup, Scanner: b.scanner,
		Search: b.index, Sink: sink, Destination: b.opts.Destination, Cache: b.cache.outputCache(),
		Locate: b.layout.Locate, Alias: aliasesOf(b.s), Shared: []*diag.Source{cfg.Doc().Src()}})
	out.Add(output.Resources, b.asm.Resources)
	out.Add(output.Statics, statics)
	out.Add(output.Generated, generated)
	out.Add(output.Features, b.files)
	b.files = nil // written, or kept by the output pass when it keeps files
	out.Add(output.Assets, b.assets.Files)
	out.Add(output.Redirects, redirectsFile)
	b.statics, b.stage, b.out = statics, stage, out
	b.clk.lap("static")
}

// render renders every page into the output pass.
func (b *run) render() {
	if b.layoutsOK && b.bundled {
		_, d := render.Pages(b.s, b.layout, b.fsys, render.Options{Memo: b.renderMemo, Metrics: b.opts.TemplateMetrics, Emit: b.out.Page, Release: b.release})
		b.diags.Append(d)
	}
	b.clk.lap("render")
}

// searchIndex writes the search index from what the output pass read.
func (b *run) searchIndex() {
	if b.index != nil {
		made, err := b.index.Files()
		if err != nil {
			b.diags.Add(diag.Errorf(diag.Pos{File: "content"}, "cannot write the search index: %v", err))
		}
		b.out.Add(output.Index, made.Index)
		b.out.Add(output.Documents, made.Documents)
		b.index.Sweep()
	}
	b.clk.lap("search index")
}

// checks finishes the output pass: the policy, link and identifier checks
// over every file.
func (b *run) checks() {
	after := slices.Clone(b.diags[len(b.before)+len(b.reviewed)+len(b.mdDiags):]) // the stages after markdown but the checks
	checks := b.out.Finish(b.diags.HasErrors())
	b.diags.Append(checks)
	b.res = Result{Files: b.out.Files(), Pages: b.out.Count(output.Pages), Copied: len(b.asm.Resources) + len(b.statics),
		Site: b.s, Disclosure: b.tables.Reports}
	b.cache.remember(&last{opts: b.opts, fsys: b.fsys, s: b.s, fw: b.fw.Framework, conv: b.conv, links: b.links, layouts: b.layout, out: b.out, index: b.index,
		res: b.res, fixed: slices.Concat(b.before, after), review: b.reviewed, markdown: b.mdDiags, checks: checks}, b.diags)
	b.clk.lap("checks")
}

// publish swaps the staging folder in if the build succeeded.
func (b *run) publish() (Result, diag.List) {
	res := b.res
	b.diags.Append(commit(b.stage, b.opts, b.diags.HasErrors()))
	b.clk.lap("publish")
	res.Stages = b.clk.stages
	return res, b.diags
}
