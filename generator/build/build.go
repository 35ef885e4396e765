// Package build runs Plinth's pipeline: it calls the stages in order and
// does nothing else.
//
//	config → content → framework → assemble → markdown → render → static → publish
//
// Every stage returns diagnostics instead of stopping; the build collects
// them all, so one run reports every problem in the site. Files are written
// only if no stage reported an error, and then atomically.
package build

import (
	"fmt"
	"time"

	"github.com/plinth-ssg/plinth/generator/assemble"
	"github.com/plinth-ssg/plinth/generator/config"
	"github.com/plinth-ssg/plinth/generator/content"
	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/framework"
	"github.com/plinth-ssg/plinth/generator/markdown"
	"github.com/plinth-ssg/plinth/generator/publish"
	"github.com/plinth-ssg/plinth/generator/render"
	"github.com/plinth-ssg/plinth/generator/site"
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
}

// Result describes a build.
type Result struct {
	// Files is the complete output, sorted by path.
	Files []site.File
	// Pages counts the rendered HTML pages (aliases included) and Copied
	// the files copied as they are (static files and page resources).
	Pages  int
	Copied int
}

// reservedIDs are element IDs the layouts use; headings never take them.
var reservedIDs = []string{"maincontent", "contents", "search", "top", "header", "footer", "menu", "breadcrumbs"}

// Run builds the site. It returns the output (also when Write is false) and
// every diagnostic; the build failed if the list has errors, and then
// nothing was written.
func Run(opts Options) (Result, diag.List) {
	var diags diag.List
	fsys, err := source.Open(opts.Source)
	if err != nil {
		diags.Add(diag.Errorf(diag.Pos{File: opts.Source}, "cannot open the site folder: %v", err).
			WithHint("pass the folder that holds site.toml with --source"))
		return Result{}, diags
	}

	cfg, d := config.Load(fsys, config.Options{BaseURL: opts.BaseURL})
	diags.Append(d)
	if cfg == nil {
		return Result{}, diags
	}

	loaded, d := content.Load(fsys, content.Options{Schemas: []content.Schema{framework.Schema}})
	diags.Append(d)

	asmOpts := assemble.Options{Drafts: opts.Drafts, Future: opts.Future, Now: opts.Now, BuildDate: opts.BuildDate}
	fw, d := framework.Build(cfg, loaded.Pages, asmOpts)
	diags.Append(d)
	loaded.Pages = fw.Pages

	asm, d := assemble.Run(cfg, loaded, asmOpts)
	diags.Append(d)
	s := asm.Site

	conv := markdown.New(markdown.Options{ReservedIDs: reservedIDs})
	diags.Append(conv.Site(s, markdown.NewSiteLinks(s, asm.Resources, asm.Excluded)))

	layouts, d := render.LoadLayouts(fsys, cfg.Theme, render.Funcs(s, conv.String))
	diags.Append(d)
	var pages []site.File
	if !d.HasErrors() {
		pages, d = render.Pages(s, layouts, fsys)
		diags.Append(d)
	}

	statics, d := static.Load(fsys, cfg.Theme)
	diags.Append(d)
	generated, err := generatedFiles()
	if err != nil {
		diags.Add(diag.Errorf(diag.Pos{}, "%v", err))
	}

	files, d := merge(pages, asm.Resources, statics, generated, fw.Files)
	diags.Append(d)
	res := Result{Files: files, Pages: len(pages), Copied: len(asm.Resources) + len(statics)}
	if diags.HasErrors() || !opts.Write {
		return res, diags
	}
	if err := publish.Write(publish.Options{Destination: opts.Destination, Source: opts.Source}, files); err != nil {
		diags.Add(diag.Errorf(diag.Pos{File: opts.Destination}, "%v", err))
	}
	return res, diags
}

// generatedFiles are the files the generator makes that no stage owns yet:
// the syntax-highlighting stylesheet.
func generatedFiles() ([]site.File, error) {
	css, err := markdown.Stylesheet("")
	if err != nil {
		return nil, fmt.Errorf("cannot generate the code highlighting stylesheet: %w", err)
	}
	return []site.File{{Path: "css/syntax.css", Data: []byte(css)}}, nil
}
