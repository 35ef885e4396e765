// Package render runs the layouts over the site's pages and returns the
// output files, in memory.
//
// Layouts come from themes/<theme>/layouts/, overridden file by file by the
// site's layouts/ (see Layouts). Pages render in parallel on all cores; the
// output order and bytes do not depend on scheduling. A page whose layout
// fails to execute fails the build, with the layout file and line.
package render

import (
	"bytes"
	"cmp"
	"fmt"
	"html"
	"html/template"
	"io/fs"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/parallel"
	"github.com/plinth-ssg/plinth/generator/site"
)

// Context is what a layout sees as ".": the page's own fields and methods
// (.Title, .Content, .Pages, .RelPermalink …) and the site as .Site.
type Context struct {
	*site.Page
	Site *site.Site

	// The page's fields that layouts use most, copied from it by
	// newContext. text/template finds a field by name with reflect, which
	// for a field of an embedded struct (Page) runs a breadth-first
	// search that allocates, at every use of every field, on every page:
	// 1 to 2 µs a time. A field of Context itself is found at once. Only types whose methods are the same
	// whether or not the value is addressable are copied, so that a
	// layout sees exactly what it would through Page.
	Title, Description           string
	URL, RelPermalink, Permalink string
	Content                      template.HTML
	TOC                          []site.Heading
	Pages, Sections              []*site.Page
	Parent                       *site.Page
	Params                       map[string]any
	Tags                         []string
	WordCount                    int
	// Kind, Canonical and NoIndex are read by every page's <head>,
	// Prev and Next by every page's previous and next links.
	Kind       site.Kind
	Canonical  string
	NoIndex    bool
	Prev, Next *site.Page

	// contents records what the layout asked of Contents (contents.go).
	contents *contents
}

// newContext returns the Context of page p.
func newContext(p *site.Page, s *site.Site, st *contents) Context {
	return Context{
		Page: p, Site: s, contents: st,
		Title: p.Title, Description: p.Description,
		URL: p.URL, RelPermalink: p.RelPermalink, Permalink: p.Permalink,
		Content: p.Content, TOC: p.TOC,
		Pages: p.Pages, Sections: p.Sections, Parent: p.Parent,
		Params: p.Params, Tags: p.Tags, WordCount: p.WordCount,
		Kind: p.Kind, Canonical: p.Canonical, NoIndex: p.NoIndex, Prev: p.Prev, Next: p.Next,
	}
}

// Memo lets a caller reuse a page's output from an earlier build. Load
// and Store receive the page, the layout that renders it and whose bodies
// that layout may read besides the page's own; the caller decides from
// these (and what it knows changed) whether the old output is still
// exact. Both are called from several goroutines.
type Memo interface {
	Load(p *site.Page, layout string, reads Reads) ([]site.File, bool)
	Store(p *site.Page, layout string, reads Reads, files []site.File)
}

// Options are optional settings for Pages.
type Options struct {
	// Memo, if not nil, supplies outputs of earlier builds.
	Memo Memo
	// Metrics, if not nil, records how long each layout took.
	Metrics *Metrics
	// Emit, if not nil, receives each page's files (the page, then its
	// alias pages) as soon as they are rendered, with the page's index in
	// the site's pages, instead of Pages returning them: the build then
	// never holds every page at once. It is called from several
	// goroutines.
	Emit func(i int, p *site.Page, files []site.File)
	// Only, if not nil, renders only the pages it accepts (a patched
	// build renders the pages an edit can change).
	Only func(p *site.Page) bool
	// MaxPageBytes, if not zero, replaces MaxPageBytes (for tests).
	MaxPageBytes int
	// Release lets go of each page's rendered body (Content and TOC) as
	// soon as no page still to be rendered can show it, so that a build
	// never holds every page's body at once: the pages whose layouts show
	// other pages' bodies are rendered first, then the rest, each
	// releasing its own body once it is rendered and emitted. Only for a
	// build that renders its pages once (not `plinth serve`, which renders
	// them again from the bodies it keeps).
	Release bool
}

// Pages renders every page of s, plus a redirect page for every alias, and
// returns the files (none with Options.Emit). fsys is used only to quote
// the offending layout line in diagnostics.
func Pages(s *site.Site, layouts *Layouts, fsys fs.FS, opts Options) ([]site.File, diag.List) {
	memo := opts.Memo
	type result struct {
		files []site.File
		diags diag.List
	}
	results := make([]result, len(s.Pages))
	var pool = sync.Pool{New: func() any { return new(bytes.Buffer) }}
	page := func(i int) {
		p := s.Pages[i]
		r := &results[i]
		if opts.Only != nil && !opts.Only(p) {
			return
		}
		if opts.Emit != nil {
			defer func() {
				if len(r.files) > 0 {
					opts.Emit(i, p, r.files)
					r.files = nil
				}
			}()
		}
		c, layout := layouts.lookup(Candidates(p))
		if _, stopped := layouts.tooLarge.Load(layout); stopped && c != nil {
			return // the build has failed; the layout's error is reported
		}
		if memo != nil && c != nil {
			if files, ok := memo.Load(p, layout, c.reads); ok {
				r.files = files
				return
			}
			defer func() {
				if len(r.diags) == 0 {
					memo.Store(p, layout, c.reads, r.files)
				}
			}()
		}
		buf := pool.Get().(*bytes.Buffer)
		buf.Reset()
		defer pool.Put(buf)
		start := time.Now()
		d := renderPage(buf, s, p, layouts, fsys, cmp.Or(opts.MaxPageBytes, MaxPageBytes))
		if c != nil {
			opts.Metrics.add(layouts.Source(layout), time.Since(start))
		}
		if d != nil {
			r.diags.Add(*d)
			return
		}
		r.files = append(r.files, site.File{Path: p.OutputPath, Data: bytes.Clone(buf.Bytes()), Source: p.File})
		for _, alias := range p.Aliases {
			buf.Reset()
			if d := renderAlias(buf, s, p, alias, layouts, fsys); d != nil {
				r.diags.Add(*d)
				continue
			}
			out := strings.TrimPrefix(path.Clean(alias), "/") + "/index.html"
			r.files = append(r.files, site.File{Path: out, Data: bytes.Clone(buf.Bytes()), Source: p.File})
		}
	}
	if !opts.Release {
		parallel.For(len(s.Pages), page)
	} else {
		readers, rest := byBodyReads(s, layouts)
		parallel.For(len(readers), func(k int) { page(readers[k]) })
		parallel.For(len(rest), func(k int) {
			i := rest[k]
			page(i)
			// Every page that could show this body has been rendered.
			s.Pages[i].Content, s.Pages[i].TOC = "", nil
		})
	}
	var (
		files []site.File
		diags diag.List
	)
	for _, r := range results {
		files = append(files, r.files...)
		diags.Append(r.diags)
	}
	diags.Append(missingLayouts(s, layouts))
	return files, groupRepeats(diags)
}

// byBodyReads splits the pages' indexes into those whose layouts may show
// other pages' bodies and the rest, each in the site's order.
func byBodyReads(s *site.Site, layouts *Layouts) (readers, rest []int) {
	for i, p := range s.Pages {
		if layouts.Reads(p)&relations != 0 {
			readers = append(readers, i)
		} else {
			rest = append(rest, i)
		}
	}
	return readers, rest
}

// missingLayouts reports pages whose front matter names a layout that does
// not exist: the page would silently fall back to the usual one, which is
// rarely what the editor meant.
func missingLayouts(s *site.Site, layouts *Layouts) diag.List {
	var l diag.List
	for _, p := range s.Pages {
		if p.Layout == "" || p.File == "" || p.Front == nil || !p.Front.Has("layout") {
			continue
		}
		name := string(p.Layout) + ".html"
		if layouts.Has(p.Type+"/"+name) || layouts.Has(name) {
			continue
		}
		d := p.Front.Errorf([]string{"layout"}, "there is no layout %q: looked for layouts/%s/%s and layouts/%s (and the same in the theme)", p.Layout, p.Type, name, name)
		l.Add(d.WithHint("check the spelling, create the layout, or remove the layout line to use the usual one"))
	}
	return l
}

// groupRepeats reports an error that many pages hit in the same layout
// line once, naming the first page and how many others: one mistake in a
// layout otherwise fills the report with the same line.
func groupRepeats(l diag.List) diag.List {
	type key struct {
		pos diag.Pos
		msg string
	}
	count := map[key]int{}
	first := map[key]int{}
	var out diag.List
	for _, d := range l {
		msg, _, found := strings.Cut(d.Msg, " (while rendering ")
		if !found {
			out = append(out, d)
			continue
		}
		k := key{d.Pos, msg}
		if _, ok := first[k]; !ok {
			first[k] = len(out)
			out = append(out, d)
		}
		count[k]++
	}
	for k, n := range count {
		if n > 1 {
			d := &out[first[k]]
			d.Msg = strings.TrimSuffix(d.Msg, ")") + fmt.Sprintf(" and %d other pages)", n-1)
		}
	}
	return out
}

func renderPage(buf *bytes.Buffer, s *site.Site, p *site.Page, layouts *Layouts, fsys fs.FS, limit int) *diag.Diagnostic {
	names := Candidates(p)
	c, layout := layouts.lookup(names)
	if c == nil {
		d := diag.Errorf(diag.Pos{File: p.File, Line: 1, Col: 1}, "no layout can render this page (kind %s%s)", p.Kind, typeNote(p)).
			WithHint("add one of these files under layouts/: %s", strings.Join(names, ", "))
		if p.File == "" {
			d.Pos = diag.Pos{File: "layouts"}
		}
		if layouts.missingTheme != "" {
			// (A generated page is named, so that the count is of pages.)
			what := "this page"
			if p.File == "" {
				what = "the page " + p.URL
			}
			d.Msg = fmt.Sprintf("no layout can render %s, because the theme %q named in site.toml does not exist", what, layouts.missingTheme)
			d = d.WithHint("correct the theme in site.toml").Because("site.toml", "pages")
		}
		return &d
	}
	st := &contents{}
	w := &capWriter{buf: buf, limit: limit}
	err := c.tmpl.ExecuteTemplate(w, c.entry, newContext(p, s, st))
	if err == nil && !w.over && st.needsSecondPass(buf.Bytes(), s.Config.Contents.MinHeadings) {
		buf.Reset()
		w = &capWriter{buf: buf, limit: limit}
		err = c.tmpl.ExecuteTemplate(w, c.entry, newContext(p, s, st))
	}
	if w.over && len(p.Content) > limit/16 && p.File != "" {
		// The page's own text is what is large (a document pasted
		// whole), not a loop in the layout: the layout's line and a
		// hint about loops sent the editor to the theme.
		d := diag.Errorf(diag.Pos{File: p.File, Line: 1, Col: 1}, "this page's text makes %s of HTML, and with the layout around it the page passed %d MB, so it was not made", sizeOf(len(p.Content)), limit>>20).
			WithHint("split the text into several pages, such as a section with a page for each part: no page readers can use is this long")
		return &d
	}
	if w.over {
		// Pages render in parallel, so which one passed the limit first
		// varies: the report names none, and is the same every time.
		layouts.tooLarge.Store(layout, true)
		d := layouts.describeTooLarge(w, c.tmpl, layout, fsys)
		return &d
	}
	if err != nil {
		d := layouts.templateError(err, fsys)
		d.Msg = fmt.Sprintf("%s (while rendering %s)", d.Msg, describe(p))
		return &d
	}
	return nil
}

func typeNote(p *site.Page) string {
	if p.Layout != "" {
		return fmt.Sprintf(", layout %q", p.Layout)
	}
	if p.Type != "" {
		return fmt.Sprintf(", type %q", p.Type)
	}
	return ""
}

func describe(p *site.Page) string {
	if p.File != "" {
		return p.File
	}
	return p.URL
}

// Candidates lists the layouts that may render p, best first: the
// front-matter layout, then by kind, each first under the page's type
// folder.
func Candidates(p *site.Page) []string {
	var kinds []string
	switch p.Kind {
	case site.KindHome:
		kinds = []string{"home", "section", "list"}
	case site.KindSection:
		kinds = []string{"section", "list"}
	case site.KindTaxonomy:
		kinds = []string{"taxonomy", "list"}
	case site.KindTerm:
		kinds = []string{"term", "list"}
	case site.Kind404:
		kinds = []string{"404"}
	case site.KindPage:
		kinds = []string{"page", "single"}
	default:
		kinds = []string{string(p.Kind)}
	}
	var out []string
	add := func(name string) {
		if p.Type != "" {
			out = append(out, p.Type+"/"+name+".html")
		}
		out = append(out, name+".html")
	}
	if p.Layout != "" {
		add(string(p.Layout))
	}
	for _, k := range kinds {
		add(k)
	}
	return out
}

// renderAlias writes the page served at an old address: the theme's
// alias.html if it has one (rendered with a page whose Canonical is the
// target), otherwise a minimal page that redirects with a meta refresh and a
// link. No script is needed, so the site's Content-Security-Policy holds.
func renderAlias(buf *bytes.Buffer, s *site.Site, target *site.Page, alias string, layouts *Layouts, fsys fs.FS) *diag.Diagnostic {
	if c, _ := layouts.lookup([]string{"alias.html"}); c != nil {
		p := &site.Page{Kind: "alias", URL: path.Clean(alias) + "/", Canonical: target.URL, NoIndex: true, Extra: target}
		p.Title = target.Title
		p.RelPermalink = s.Config.BasePath() + strings.TrimPrefix(p.URL, "/")
		p.Permalink = s.Config.Origin() + p.RelPermalink
		if err := c.tmpl.ExecuteTemplate(buf, c.entry, newContext(p, s, nil)); err != nil {
			d := layouts.templateError(err, fsys)
			return &d
		}
		return nil
	}
	to := html.EscapeString(target.RelPermalink)
	fmt.Fprintf(buf, `<!DOCTYPE html>
<html lang="%s">
<head>
<meta charset="utf-8">
<title>%s</title>
<link rel="canonical" href="%s">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url=%s">
</head>
<body>
<main id="maincontent">
<h1>This page has moved</h1>
<p><a href="%s">Go to %s</a>.</p>
</main>
</body>
</html>
`, html.EscapeString(s.Config.LanguageCode), html.EscapeString(target.Title), html.EscapeString(target.Permalink), to, to, html.EscapeString(target.Title))
	return nil
}

// sizeOf writes a number of bytes in KB or MB, for messages.
func sizeOf(n int) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d MB", n>>20)
}
