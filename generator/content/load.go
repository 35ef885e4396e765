// Package content reads content/ into pages: Markdown files with TOML front
// matter between "+++" lines, section pages (_index.md), page bundles
// (folders with index.md and their files) and the other files that sit
// beside them.
//
// It reads through an fs.FS rooted at the site's source folder and keeps
// every page's source text, so later stages can report problems at the
// file's own line and column. It assigns no URLs and drops no drafts: that
// is the assemble stage's job, once the whole tree is known.
package content

import (
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/parallel"
	"github.com/plinth-ssg/plinth/generator/site"
	"github.com/plinth-ssg/plinth/generator/source"
)

// Dir is the content folder, relative to the site's source folder.
const Dir = "content"

// Schema lets a feature declare extra front-matter keys for the files it
// owns. It is called with each content file's path relative to content/
// ("framework/2021/1-learning/1-3.md") and returns a pointer to a new struct
// to decode into, or nil if the feature does not own the file. The struct is
// stored in Page.Extra.
type Schema func(rel string) any

// Options control loading.
type Options struct {
	// Schemas are consulted in order; the first that owns a file wins.
	Schemas []Schema
	// Cache, if not nil, lets Load skip files unchanged since the last
	// load with the same cache (see Cache).
	Cache *Cache
	// PublishTypes are further extensions (lower case, no dot) of files
	// to publish beside the pages, besides PublishedTypes (site.toml's
	// [content] publishTypes).
	PublishTypes []string
	// FrontOnly keeps of each page's file only its front matter: the
	// page's Body is nil and its Source is cut before the body
	// (diag.Source.Keep), unless the feature that owns the page reads
	// its text as it builds (site.BodyUser); ReadBodies reads the bodies
	// again. A build that holds large datasets after loading the pages
	// sets it, so that the Markdown of every page is not held beside
	// them. It does nothing with a Cache, which keeps every page whole.
	FrontOnly bool
}

// Resource is a file under content/ that is not a page: a bundle's image or
// PDF, or a file sitting in a section folder. It is published at the same
// relative path unless its owner page is left out (a draft, say).
type Resource struct {
	site.File
	// Owner is the source file of the page that owns the resource: the
	// bundle's index.md, or the enclosing folder's _index.md (which may not
	// exist: then the resource is always published).
	Owner string
}

// Result is what Load found.
type Result struct {
	// Pages are the pages read from files, in path order.
	Pages []*site.Page
	// Resources are the non-page files, in path order.
	Resources []Resource
	// Failed are the Markdown files that could not be read as pages; their
	// problems are in the diagnostics. Links to them are not reported
	// again as broken: the one cause is enough.
	Failed []string
	// Cut are the sources of the pages whose bodies FrontOnly left
	// unread, for ReadBodies.
	Cut []*diag.Source
}

// FailedReason is why a page that could not be read is not published.
const FailedReason = "it has errors, reported with their own positions"

// Load reads every file under content/. Problems are collected, never
// fatal: a file that cannot be read or parsed is reported and left out.
func Load(fsys fs.FS, opts Options) (Result, diag.List) {
	var (
		res   Result
		diags diag.List
	)
	if st, err := fs.Stat(fsys, Dir); err != nil || !st.IsDir() {
		diags.Add(diag.Errorf(diag.Pos{File: Dir}, "there is no content folder").
			WithHint("a site keeps its pages in a folder named content next to site.toml"))
		return res, diags
	}
	w := opts.Cache.lastWalk(fsys)
	if w == nil {
		w = walk(fsys)
		opts.Cache.storeWalk(w)
	}
	diags.Append(w.diags)
	mds, bundles := w.mds, w.bundles
	var others []string
	for _, p := range w.others {
		ok, warning := publishable(p, opts.PublishTypes)
		if warning != nil {
			diags.Add(*warning)
		}
		if ok {
			others = append(others, p)
		}
	}

	// Markdown files inside a bundle (other than its index.md) are the
	// bundle's resources, as in Hugo: they are copied, not rendered.
	var pages []string
	for _, p := range mds {
		if b := bundleOf(p, bundles); b != "" && p != bundles[b] {
			others = append(others, p)
			continue
		}
		if problem := site.CheckPageSegment(Stem(p)); problem != "" {
			diags.Add(badName(p, path.Base(p), problem, false))
			continue
		}
		pages = append(pages, p)
	}

	if opts.Cache != nil {
		opts.FrontOnly = false
	}
	opts.Cache.begin()
	defer opts.Cache.finish()
	loaded := make([]*site.Page, len(pages))
	perFile := make([]diag.List, len(pages))
	parallel.For(len(pages), func(i int) {
		e, info, ok := opts.Cache.lookup(fsys, pages[i])
		if ok {
			loaded[i], perFile[i] = copyPage(e.page), e.diags
			return
		}
		loaded[i], perFile[i] = loadPage(fsys, pages[i], opts)
		opts.Cache.store(pages[i], info, cached{page: loaded[i], diags: perFile[i]})
	})
	for i, p := range loaded {
		diags.Append(perFile[i])
		if p != nil {
			res.Pages = append(res.Pages, p)
			if opts.FrontOnly && p.Body == nil {
				res.Cut = append(res.Cut, p.Source)
			}
		} else {
			res.Failed = append(res.Failed, pages[i])
		}
	}

	slices.Sort(others)
	for _, p := range others {
		e, info, ok := opts.Cache.lookup(fsys, p)
		data := e.data
		if !ok {
			var err error
			if data, err = source.ReadFile(fsys, p); err != nil {
				diags.Add(source.Problem(fsys, p, err))
				continue
			}
			opts.Cache.store(p, info, cached{data: data})
		}
		rel := strings.TrimPrefix(p, Dir+"/")
		owner := path.Join(Dir, path.Dir(rel), "_index.md")
		if index, ok := w.sections[path.Dir(p)]; ok {
			owner = index
		}
		if b := bundleOf(p, bundles); b != "" {
			owner = bundles[b]
		}
		res.Resources = append(res.Resources, Resource{File: site.File{Path: rel, Data: data, Source: p}, Owner: owner})
	}
	return res, diags
}

// walk lists the files under content/: Markdown files, other files, and
// the folders that are bundles and sections, with their index files.
func walk(fsys fs.FS) *walked {
	w := &walked{bundles: map[string]string{}, sections: map[string]string{}}
	dirFn := func(p string) error {
		if problem := site.CheckSegment(path.Base(p)); problem != "" {
			w.diags.Add(badName(p, path.Base(p), problem, true))
			return fs.SkipDir
		}
		return nil
	}
	source.Walk(fsys, Dir, &w.diags, dirFn, func(p string) {
		if !IsMarkdown(p) {
			w.others = append(w.others, p)
			return
		}
		switch Stem(p) {
		case "index":
			w.bundles[path.Dir(p)] = p
		case "_index":
			w.sections[path.Dir(p)] = p
		}
		w.mds = append(w.mds, p)
	})
	// A folder is a section (_index.md) or a page bundle (index.md), not
	// both: as a bundle its _index.md would be a file to copy, and every
	// link to it broken. It stays a section, and index.md is left out.
	for dir, index := range w.bundles {
		if section, ok := w.sections[dir]; ok {
			w.diags.Add(diag.Errorf(diag.Pos{File: index, Line: 1, Col: 1}, "%s has both %s and %s; a folder is either a section or a page bundle, not both", dir, path.Base(index), path.Base(section)).
				WithHint("a section's own page is %s; rename %s to the name the page should have in the section (like overview.md)", path.Base(section), path.Base(index)))
			delete(w.bundles, dir)
			w.mds = slices.DeleteFunc(w.mds, func(p string) bool { return p == index })
		}
	}
	return w
}

// bundleOf returns the outermost bundle folder containing p, or "":
// everything inside a bundle, even another index.md, belongs to it.
func bundleOf(p string, bundles map[string]string) string {
	best := ""
	for dir := path.Dir(p); dir != "." && dir != Dir && dir != "/"; dir = path.Dir(dir) {
		if bundles[dir] != "" {
			best = dir
		}
	}
	return best
}

func badName(p, name, problem string, dir bool) diag.Diagnostic {
	what := "file"
	if dir {
		what = "folder"
	}
	return diag.Errorf(diag.Pos{File: p}, "the %s name %q %s", what, name, problem).
		WithHint("%s names become web addresses: use lower-case letters, digits and hyphens, like learner-wellbeing.md", what)
}
