package pipeline

import (
	"io/fs"
	"sync"
	"sync/atomic"

	"github.com/plinth-ssg/plinth/generator/content"
	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/site"
	"github.com/plinth-ssg/plinth/generator/source"
)

// A build that writes its output renders each page once, so it need not
// hold every page's Markdown and rendered body to the end: at 50,000 pages
// they are about 200 and 240 MB. The Markdown is read only once the
// datasets are let go of (bodies) and goes once converted (here); the
// rendered bodies go as pages are rendered (render.Options.Release).
// `plinth serve` keeps both, since its patches convert and render pages
// again from them.

// bodies reads again the pages' Markdown that the content stage left
// unread (content.Options.FrontOnly): the datasets, which are as large,
// are let go of by now (assemble), so the two are never held together.
// Only the pages of the site are read: a draft's body is not needed.
func (b *run) bodies() {
	if len(b.loaded.Cut) > 0 {
		b.diags.Append(content.ReadBodies(b.fsys, b.s.Pages, b.loaded.Cut))
		b.loaded.Cut = nil
	}
	b.clk.lap("bodies")
}

// sourceFiles looks up the text of a page's source file, for the positions
// of problems the output checks find in what the page's body became. A
// source whose body was let go of (dropMarkdown) is read again from the
// site's folder, once per file.
type sourceFiles struct {
	s    *site.Site
	fsys fs.FS
	// dropped holds the sources dropMarkdown cuts, each with the pages
	// that share it and how much of it they keep.
	dropped map[*diag.Source]*share
	again   sync.Map // file → *diag.Source read again
}

// share is a source file and the pages made from it: the front matter
// before the furthest body is kept once the last of them is converted.
type share struct {
	keep  int
	pages atomic.Int32
}

// lookup is the output stage's Sources function.
func (f *sourceFiles) lookup(file string) *diag.Source {
	p := f.s.GetPage(file)
	if p == nil || p.Source == nil {
		return nil
	}
	if _, ok := f.dropped[p.Source]; !ok {
		return p.Source
	}
	if src, ok := f.again.Load(file); ok {
		return src.(*diag.Source)
	}
	data, err := source.ReadText(f.fsys, file)
	if err != nil {
		return p.Source // the front matter's positions are still right
	}
	src, _ := f.again.LoadOrStore(file, diag.NewSource(file, data))
	return src.(*diag.Source)
}

// dropMarkdown prepares to let go of every page's Markdown as soon as it
// is converted, keeping of each source file only the front matter before
// its body: later stages report problems in the front matter (an alias, a
// layout) at its lines, and a problem in the body is placed by reading
// the file again (lookup). It returns what the markdown stage calls with
// each page it has converted, from several goroutines; a source that
// several pages share is cut only after the last of them.
func (f *sourceFiles) dropMarkdown() func(*site.Page) {
	shares := map[*diag.Source]*share{}
	for _, p := range f.s.Pages {
		if p.Source == nil {
			continue
		}
		sh := shares[p.Source]
		if sh == nil {
			sh = &share{}
			shares[p.Source] = sh
		}
		sh.keep = max(sh.keep, p.BodyOffset)
		sh.pages.Add(1)
	}
	f.dropped = shares
	return func(p *site.Page) {
		p.Body = nil
		if sh := shares[p.Source]; sh != nil && sh.pages.Add(-1) == 0 {
			p.Source.Keep(sh.keep)
		}
	}
}
