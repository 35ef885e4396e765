package pipeline

import (
	"fmt"
	"hash/maphash"
	"io/fs"
	"slices"

	"github.com/plinth-ssg/plinth/generator/bundle"
	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/site"
)

// bundled is the bundle stage's last result and what it was made from.
type bundled struct {
	key   uint64
	res   bundle.Result
	diags diag.List
}

// installedPackages is the file npm writes into node_modules at every
// install (npm ci included): its size and time stand for the installed
// packages, which are too many to read on every build.
const installedPackages = "node_modules/.package-lock.json"

// bundle runs the bundle stage, or, with a cache, reuses the last build's
// result when nothing it reads has changed: the site's and the theme's
// assets/ folders (every file's bytes), their layouts folders (whose
// classes decide what of the packages' stylesheets is kept), the installed
// npm packages, and the options (the classes content gives headings
// among them). Bundling the chart script (ECharts) costs several hundred
// milliseconds, which `plinth serve` would otherwise spend on every edit.
// Below this in-memory cache, the bundle stage keeps its results on disk
// in the site's .plinth-cache folder, for the next command-line build.
func (c *Cache) bundle(fsys fs.FS, opts bundle.Options) (bundle.Result, diag.List) {
	opts.CacheDir = bundle.SiteCacheDir(opts.SourceDir)
	if c == nil {
		return bundle.Build(opts)
	}
	var h maphash.Hash
	h.SetSeed(c.seed)
	maphash.WriteComparable(&h, c.treeSum(fsys, "assets", "themes/"+opts.Theme+"/assets", "layouts", "themes/"+opts.Theme+"/layouts"))
	if info, err := fs.Stat(fsys, installedPackages); err == nil {
		fmt.Fprintf(&h, "%d\x00%d\x00", info.Size(), info.ModTime().UnixNano())
	} else {
		h.WriteString("no packages\x00")
	}
	fmt.Fprintf(&h, "%s\x00%s\x00%q\x00%t\x00%s\x00%q\x00", opts.SourceDir, opts.Theme, opts.Entries, opts.Optional, opts.ChromaStyle, opts.ContentClasses)
	key := h.Sum64()
	c.mu.Lock()
	last := c.bundled
	c.mu.Unlock()
	if last != nil && last.key == key {
		return last.res, last.diags
	}
	res, diags := bundle.Build(opts)
	c.mu.Lock()
	c.bundled = &bundled{key: key, res: res, diags: diags}
	c.mu.Unlock()
	return res, diags
}

// contentClasses merges the classes the pages' Markdown gives headings
// (bundle.ContentClasses), sorted, for the bundle stage, which keeps the
// stylesheets' rules for them. A patch refuses an edit that changes a
// page's (patch.go), so that the stylesheet is always the full build's.
func contentClasses(pages []*site.Page) []string {
	var all []string
	for _, p := range pages {
		all = append(all, bundle.ContentClasses(p.Body)...)
	}
	slices.Sort(all)
	return slices.Compact(all)
}
