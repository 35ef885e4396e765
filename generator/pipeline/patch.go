package pipeline

import (
	"bytes"
	"io/fs"
	"slices"
	"strings"

	"github.com/plinth-ssg/plinth/generator/bundle"
	"github.com/plinth-ssg/plinth/generator/content"
	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/framework"
	"github.com/plinth-ssg/plinth/generator/markdown"
	"github.com/plinth-ssg/plinth/generator/output"
	"github.com/plinth-ssg/plinth/generator/render"
	"github.com/plinth-ssg/plinth/generator/review"
	"github.com/plinth-ssg/plinth/generator/search"
	"github.com/plinth-ssg/plinth/generator/site"
)

// last is what a Cache keeps of the last good build, so that an edit to
// the text of a few pages patches it instead of running every stage:
// each stage's result, and the diagnostics in four parts (those of the
// review stage, the Markdown stage and the checks over the output can
// change with a page's text; none of the others can).
type last struct {
	opts    Options
	fsys    fs.FS
	s       *site.Site
	fw      *framework.Framework
	conv    *markdown.Converter
	links   *markdown.SiteLinks
	layouts *render.Layouts
	// readers are the pages whose layouts show other pages' bodies,
	// found at the first patch: patches change only bodies, so they stay
	// right until the next full build.
	readers *render.Readers
	out     *output.Pass
	index   *search.Builder
	res     Result

	fixed, review, markdown, checks diag.List
}

// remember keeps a build for patching, if it succeeded in memory (`plinth
// serve` builds into memory; a build that writes publishes through the
// staging folder, which a patch does not reopen).
func (c *Cache) remember(l *last, diags diag.List) {
	if c == nil {
		return
	}
	c.last, c.pending = nil, nil
	if diags.HasErrors() || l.opts.Write || l.layouts == nil {
		return
	}
	c.last = l
}

// patch rebuilds after edits that changed only the text of pages (their
// front matter is byte for byte the same), which the watcher reported
// through Changed, and from whose text no feature makes anything (their
// Extra is nil or says so, site.BodyUser) but the framework from its
// standards' words (framework.Framework.Reword, which says when the edit
// changes more than its derived values). It
// reads those files again, converts their Markdown, brings the
// framework's derived values and open data up to date, renders the pages,
// those whose layouts show their text (render.Readers) and, after a
// standard's edit, those whose layouts show what the framework made from
// it (Layouts.DerivedReaders), passes
// the new output through the checks (output.Pass, whose per-file results
// and link checks are kept), and patches the search index (the shards
// and document files that the edits changed, and the manifest). Anything else, including an edit that
// brings a problem, is rebuilt by Run from the start (with the caches), so
// the result is always the full build's; TestIncrementalEqualsFull checks
// that it is.
func (c *Cache) patch(opts Options) (Result, diag.List, bool) {
	if c == nil {
		return Result{}, nil, false
	}
	l, changed := c.last, c.pending
	c.last, c.pending = nil, nil
	if l == nil || !c.watched || !sameBuild(l.opts, opts) {
		return Result{}, nil, false
	}
	c.patched, c.reuse = true, Reuse{Patched: true}
	if len(changed) == 0 {
		c.last = l // nothing changed: the last build stands
		return l.res, slices.Concat(l.fixed, l.review, l.markdown, l.checks), true
	}
	var pages, edited []*site.Page
	for _, file := range changed {
		p := l.s.GetPage(file)
		if !strings.HasPrefix(file, content.Dir+"/") || !strings.HasSuffix(file, ".md") || p == nil || p.File != file || usesBody(p) && !isStandard(p) {
			return Result{}, nil, false
		}
		q, d := c.content.Reload(l.fsys, file, content.Options{Schemas: schemas})
		if q == nil || len(d) > 0 || !bytes.Equal(front(q), front(p)) || slices.Contains(pages, p) ||
			!slices.Equal(bundle.ContentClasses(q.Body), bundle.ContentClasses(p.Body)) {
			// A class given a heading decides what the stylesheet keeps.
			return Result{}, nil, false
		}
		pages, edited = append(pages, p), append(edited, q)
	}
	var md diag.List
	converted := c.markdown.Converted()
	for i, p := range pages {
		q := edited[i]
		p.Source, p.Body, p.BodyOffset, p.BodySum = q.Source, q.Body, q.BodyOffset, q.BodySum
		md.Append(l.conv.Page(p, l.links, c.markdown))
	}
	if md.HasErrors() {
		return Result{}, nil, false
	}
	c.reuse.Converted = c.markdown.Converted() - converted
	if l.readers == nil {
		l.readers = l.layouts.Readers(l.s)
	}
	redo := map[*site.Page]bool{}
	for _, p := range pages {
		redo[p] = true
		for _, q := range l.readers.Of(p) {
			redo[q] = true
		}
	}
	if standards := slices.DeleteFunc(slices.Clone(pages), func(p *site.Page) bool { return !isStandard(p) }); len(standards) > 0 {
		files, ok := l.fw.Reword(l.s.Config, standards)
		if !ok {
			return Result{}, nil, false
		}
		for _, q := range l.layouts.DerivedReaders(l.s, standards) {
			redo[q] = true
		}
		l.out.Update(output.Features, files)
	}
	c.reuse.Rendered = len(redo)
	_, d := render.Pages(l.s, l.layouts, l.fsys, render.Options{Emit: l.out.Page, Only: func(p *site.Page) bool { return redo[p] }})
	if d.HasErrors() {
		return Result{}, nil, false
	}
	if l.index != nil {
		made, err := l.index.Files()
		if err != nil {
			return Result{}, nil, false
		}
		c.reuse.Documents = len(made.Documents)
		l.out.Drop(output.Index)
		l.out.Add(output.Index, made.Index)
		if made.Regrouped {
			l.out.Drop(output.Documents)
			l.out.Add(output.Documents, made.Documents)
		} else {
			l.out.Update(output.Documents, made.Documents)
		}
	}
	checks := l.out.Finish(false)
	if checks.HasErrors() {
		return Result{}, nil, false
	}
	// The review and Markdown stages' diagnostics: the edited pages'
	// replace theirs.
	editedFile := func(d diag.Diagnostic) bool {
		return slices.ContainsFunc(pages, func(p *site.Page) bool { return d.Pos.File == p.File })
	}
	l.review = slices.DeleteFunc(slices.Clone(l.review), editedFile)
	l.review.Append(review.Check(pages, reviewOptions(l.opts, l.fsys, l.s.Config)))
	l.markdown = slices.DeleteFunc(slices.Clone(l.markdown), editedFile)
	l.markdown.Append(md)
	l.checks = checks
	l.res.Files = l.out.Files()
	l.res.Stages = nil
	c.last = l
	return l.res, slices.Concat(l.fixed, l.review, l.markdown, l.checks), true
}

// usesBody reports whether a feature may make something from p's text.
func usesBody(p *site.Page) bool {
	if p.Extra == nil {
		return false
	}
	u, ok := p.Extra.(site.BodyUser)
	return !ok || u.UsesBody()
}

// isStandard reports whether p is a standard's page, whose words the
// framework compares (framework.Framework.Reword).
func isStandard(p *site.Page) bool {
	_, ok := p.Extra.(*framework.Standard)
	return ok
}

// front is a page file's front matter as written.
func front(p *site.Page) []byte {
	if p.Source == nil || p.BodyOffset > len(p.Source.Text) {
		return nil
	}
	return p.Source.Text[:p.BodyOffset]
}

// sameBuild reports whether two builds have the same settings.
func sameBuild(a, b Options) bool {
	return a.Source == b.Source && a.Destination == b.Destination && a.BaseURL == b.BaseURL && a.Preview == b.Preview && a.Drafts == b.Drafts &&
		a.Future == b.Future && a.Now.Equal(b.Now) && a.BuildDate.Equal(b.BuildDate) && a.Write == b.Write
}
