package pipeline

import (
	"fmt"
	"hash/maphash"
	"html/template"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"github.com/plinth-ssg/plinth/generator/actionplans"
	"github.com/plinth-ssg/plinth/generator/bundle"
	"github.com/plinth-ssg/plinth/generator/chart/svg"
	"github.com/plinth-ssg/plinth/generator/config"
	"github.com/plinth-ssg/plinth/generator/content"
	"github.com/plinth-ssg/plinth/generator/dataset"
	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/framework"
	"github.com/plinth-ssg/plinth/generator/gitinfo"
	"github.com/plinth-ssg/plinth/generator/markdown"
	"github.com/plinth-ssg/plinth/generator/output"
	"github.com/plinth-ssg/plinth/generator/render"
	"github.com/plinth-ssg/plinth/generator/scan"
	"github.com/plinth-ssg/plinth/generator/search"
	"github.com/plinth-ssg/plinth/generator/site"
	"github.com/plinth-ssg/plinth/generator/source"
	"github.com/plinth-ssg/plinth/generator/static"
)

// Cache carries work from one build to the next, for `plinth serve`. Every
// build still runs every stage, so the result is always the full build's;
// the cache only lets stages skip work whose inputs have not changed:
//
//   - content files whose size and modification time are unchanged are not
//     read or parsed again;
//   - a page's Markdown is not converted again if its body and every link
//     target in the site are unchanged;
//   - a page is not rendered again if nothing its layout can see changed:
//     the site epoch (configuration, layouts, assets, data, options, and
//     every page's front matter, address and place in the site) and the page's
//     own body. A layout that may show other pages' bodies (found by reading
//     its parse tree) depends on theirs, a page whose feature data (Extra)
//     says where it keeps what it made from other pages' bodies on those
//     its layout reads that way (site.DerivedData), and one whose data may
//     derive from other pages without saying so on every page's body;
//   - output files whose bytes are unchanged are not read again by the
//     checks (output.Cache), and links are checked again only where a
//     changed file can affect them;
//   - the front-end files are not bundled again while the assets/ folders
//     and the installed npm packages are unchanged;
//   - the layouts are not parsed again while their files are the same
//     (with a watcher, not even read while no change may touch them);
//   - the static files are not read again, with a watcher, while no
//     change may touch them;
//   - the git log is not read again while HEAD is the same commit, and
//     git is not asked for HEAD while the files that decide it are the
//     same;
//   - the action-plan figures are not made again while the data stages'
//     result is reused; a chart is not drawn again while its option is
//     unchanged, and the chart engine is not loaded again while the npm
//     packages are;
//   - the archetypes' placeholder sentences are not made again while the
//     archetypes are unchanged.
//
// The incremental-equals-full test in this package checks, over a series
// of edits, that a build with a cache gives the same bytes as one without.
type Cache struct {
	seed    maphash.Seed
	content *content.Cache
	scan    *scan.Cache
	search  *search.Cache
	output  *output.Cache
	git     *gitinfo.Cache
	charts  *svg.Cache
	layouts *render.LayoutCache

	mu       sync.Mutex
	markdown *markdown.Cache
	render   *render.Cache

	// bundled is the bundle stage's last result (bundlecache.go).
	bundled *bundled

	// data is the last result of the dataset and anonymise stages, by a
	// key of everything they read.
	data map[uint64]*dataEntry

	// staticFiles and staticDiags are the static files of the theme
	// named staticsTheme, kept with a watcher until a change that may
	// touch them (nil: none kept).
	staticFiles  []site.File
	staticDiags  diag.List
	staticsTheme string

	// placeholderMemo is the review stage's (review.Options.Placeholders)
	// for the archetypes whose key is placeholderKey.
	placeholderMemo map[string][]string
	placeholderKey  uint64

	// generated holds the site-wide files (sitemap, feed) of the last
	// build and the site epoch they were made for.
	generated      []site.File
	generatedEpoch uint64

	// watched is set by Watched; dirSums are the folder hashes kept
	// while no change under them is reported.
	watched bool
	dirSums map[string]uint64
	// layoutsSeen: the layouts were loaded without a diagnostic, and no
	// change that may touch them has been reported since.
	layoutsSeen bool

	// last is the last good build, pending the files changed since
	// (patch.go); rendered counts the pages the last patch rendered.
	last    *last
	pending []string
	reuse   Reuse // of a patched build

	// patched is set by a build made by patch.
	patched bool
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{
		seed: maphash.MakeSeed(), content: content.NewCache(), scan: scan.NewCache(), search: search.NewCache(), output: output.NewCache(),
		git: &gitinfo.Cache{}, charts: svg.Shared(), markdown: markdown.NewCache(), render: render.NewCache(), layouts: render.NewLayoutCache(),
	}
}

func (c *Cache) sum(b []byte) uint64 { return maphash.Bytes(c.seed, b) }

// writeStrings feeds a hash without fmt, which matters when every page
// of a large site is hashed on every rebuild.
func writeStrings(h *maphash.Hash, ss ...string) {
	for _, s := range ss {
		h.WriteString(s)
		h.WriteByte(0)
	}
}

// Reuse says how much of the last build was made again rather than taken
// from the cache, for tests and --timings.
type Reuse struct {
	// Patched reports a build made by patching the one before (an edit to
	// the text of pages; see patch.go).
	Patched bool
	// Converted counts the pages whose Markdown was converted, and
	// Rendered the pages rendered; the others' were reused.
	Converted, Rendered int
	// Documents counts, in a patched build, the search index's document
	// files made again (the shards and manifest always are).
	Documents int
}

// LastReuse returns what the last build with the cache made again.
func (c *Cache) LastReuse() Reuse {
	if c.patched {
		return c.reuse
	}
	return Reuse{Converted: c.markdown.Converted(), Rendered: c.render.Rendered()}
}

// treeSum hashes every file under the given folders of fsys (paths and
// bytes), for inputs the cache cannot see through a stage: data files and
// assets.
//
// With a watcher (Watched), each folder's hash is kept until a change
// under it is reported, so a rebuild after editing a page reads none of
// them.
func (c *Cache) treeSum(fsys fs.FS, dirs ...string) uint64 {
	var h maphash.Hash
	h.SetSeed(c.seed)
	for _, dir := range dirs {
		maphash.WriteComparable(&h, c.dirSum(fsys, dir))
	}
	return h.Sum64()
}

func (c *Cache) dirSum(fsys fs.FS, dir string) uint64 {
	if sum, ok := c.dirSums[dir]; ok && c.watched {
		return sum
	}
	var h maphash.Hash
	h.SetSeed(c.seed)
	_ = fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		data, err := source.ReadFile(fsys, p)
		if err == nil {
			fmt.Fprintf(&h, "%s\x00%d\x00", p, c.sum(data))
		}
		return nil
	})
	sum := h.Sum64()
	if c.dirSums == nil {
		c.dirSums = map[string]uint64{}
	}
	c.dirSums[dir] = sum
	return sum
}

// contentCache, linkCache and scanCache return the stage caches, or nil
// when there is no cache.
func (c *Cache) gitCache() *gitinfo.Cache {
	if c == nil {
		return nil
	}
	return c.git
}

func (c *Cache) contentCache() *content.Cache {
	if c == nil {
		return nil
	}
	return c.content
}

func (c *Cache) outputCache() *output.Cache {
	if c == nil {
		return nil
	}
	return c.output
}

func (c *Cache) searchCache() *search.Cache {
	if c == nil {
		return nil
	}
	return c.search
}

func (c *Cache) chartCache() *svg.Cache {
	if c == nil {
		return nil
	}
	return c.charts
}

func (c *Cache) scanCache() *scan.Cache {
	if c == nil {
		return nil
	}
	return c.scan
}

// inputsSum hashes the inputs a layout can see that are not pages: the
// configuration, layouts, assets and data, and the build's options.
func (c *Cache) inputsSum(fsys fs.FS, theme string, opts Options) uint64 {
	var h maphash.Hash
	h.SetSeed(c.seed)
	fmt.Fprintf(&h, "%d\x00%t\x00%t\x00%s\x00%s\x00%s\x00", c.treeSum(fsys, "site.toml", "layouts", "themes/"+theme+"/layouts",
		"assets", "themes/"+theme+"/assets", "data"), opts.Drafts, opts.Future, opts.BaseURL, opts.BuildDate, opts.Preview)
	return h.Sum64()
}

// manifestSum hashes the bundle's manifest: every built asset's name, URL
// and integrity value.
func (c *Cache) manifestSum(m bundle.Manifest) uint64 {
	var h maphash.Hash
	h.SetSeed(c.seed)
	names := make([]string, 0, len(m))
	for name := range m {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		fmt.Fprintf(&h, "%s\x00%s\x00%s\x00", name, m[name].URL, m[name].Integrity)
	}
	return h.Sum64()
}

// Watched tells the cache that every change will be reported through
// Changed (by a file watcher), so unchanged files need not even be checked
// on disk. After a watcher error, when a change may have been missed, start
// again with a new cache.
func (c *Cache) Watched() {
	c.content.Trust = true
	c.watched = true
}

// Changed tells the cache which files changed since the last build (slash
// paths relative to the site folder), as a file watcher reports them.
func (c *Cache) Changed(paths []string) {
	if c == nil {
		return
	}
	c.pending = append(c.pending, paths...)
	c.content.Forget(paths)
	if slices.ContainsFunc(paths, mayTouchLayouts) {
		c.layoutsSeen = false
	}
	if slices.ContainsFunc(paths, mayTouchStatics) {
		c.staticFiles = nil
	}
	for dir := range c.dirSums {
		for _, p := range paths {
			if p == dir || strings.HasPrefix(p, dir+"/") || strings.HasPrefix(dir, p+"/") {
				delete(c.dirSums, dir)
				break
			}
		}
	}
}

// generatedFiles returns the site-wide generated files, reusing the last
// build's when the render cache's site epoch (every page's address, dates
// and settings, and the other inputs) and the static files they depend on
// are unchanged.
func (c *Cache) generatedFiles(s *site.Site, statics []site.File) ([]site.File, error) {
	if c == nil {
		return generatedFiles(s, statics)
	}
	var h maphash.Hash
	h.SetSeed(c.seed)
	maphash.WriteComparable(&h, c.render.Epoch())
	for _, f := range statics {
		if f.Path == "robots.txt" {
			h.WriteByte(1)
		}
	}
	key := h.Sum64()
	if c.generated != nil && key == c.generatedEpoch {
		return c.generated, nil
	}
	files, err := generatedFiles(s, statics)
	if err == nil {
		c.generated, c.generatedEpoch = files, key
	}
	return files, err
}

type dataEntry struct {
	set    *dataset.Set
	tables cachedTables
	diags  diag.List
	// figures are the charts made from the tables (nil until the chart
	// stage has made them without an error).
	figures []*site.Figure
}

// figures returns the action-plan charts' figures, undrawn, made by
// make: the last ones made from the data stages' result kept under key,
// if there are any. Figures are made only from the published tables, the
// pages of regions and domains and the disclosure rule, all of which the
// data key covers; making them (the chart options, encoded and checked)
// is most of the chart stage's time. Each build gets its own copies,
// since the chart stage draws into them.
func (c *Cache) figures(key uint64, make func() ([]*site.Figure, error)) ([]*site.Figure, error) {
	if c == nil {
		return make()
	}
	e := c.data[key]
	if e == nil || e.figures == nil {
		figs, err := make()
		if e != nil && err == nil {
			e.figures = copyFigures(figs)
		}
		return figs, err
	}
	return copyFigures(e.figures), nil
}

func copyFigures(figs []*site.Figure) []*site.Figure {
	out := make([]*site.Figure, len(figs))
	for i, f := range figs {
		g := *f
		out[i] = &g
	}
	return out
}

// cachedTables is the anonymise stage's result as kept in the cache: its
// pages are handed to each build as copies, because assemble sets their
// addresses and links.
type cachedTables actionplans.Result

func (t cachedTables) copyPages() actionplans.Result {
	r := actionplans.Result(t)
	r.Pages = make([]*site.Page, len(t.Pages))
	for i, p := range t.Pages {
		q := *p
		q.Pages, q.Sections = slices.Clip(q.Pages), slices.Clip(q.Sections)
		r.Pages[i] = &q
	}
	return r
}

// dataKey hashes what the data stages read: the data files, the
// disclosure rule, and the framework's editions and standards (which
// standard references resolve, and to which domain).
func (c *Cache) dataKey(fsys fs.FS, cfg *config.Config, fw *framework.Framework) uint64 {
	var h maphash.Hash
	h.SetSeed(c.seed)
	maphash.WriteComparable(&h, c.treeSum(fsys, "data"))
	fmt.Fprintf(&h, "%+v\x00", cfg.Disclosure)
	if fw != nil {
		if in := fw.InForce(); in != nil {
			writeStrings(&h, "in force", in.Key)
		}
		for _, e := range fw.Editions {
			writeStrings(&h, e.Key, string(e.Status))
			for _, s := range e.Standards {
				domain := ""
				if s.Domain != nil {
					domain = fmt.Sprint(s.Domain.Number, s.Domain.Title)
				}
				writeStrings(&h, s.ID.String(), s.Title, domain)
			}
		}
	}
	return h.Sum64()
}

// placeholders returns the review stage's memo of archetypes'
// placeholder sentences, emptied when the archetypes folders (or the
// theme, which names one of them) have changed since the last build.
func (c *Cache) placeholders(fsys fs.FS, cfg *config.Config) map[string][]string {
	if c == nil {
		return nil
	}
	var h maphash.Hash
	h.SetSeed(c.seed)
	dirs := ArchetypeDirs(cfg)
	writeStrings(&h, dirs...)
	maphash.WriteComparable(&h, c.treeSum(fsys, dirs...))
	if key := h.Sum64(); c.placeholderMemo == nil || key != c.placeholderKey {
		c.placeholderMemo, c.placeholderKey = map[string][]string{}, key
	}
	return c.placeholderMemo
}

// markdownCache and renderCache return the stages' caches, or nil.
func (c *Cache) markdownCache() *markdown.Cache {
	if c == nil {
		return nil
	}
	return c.markdown
}

// loadLayouts loads the layouts through the cache, if there is one. With
// a watcher, the layout files are not even read while no change that may
// touch them has been reported since they were last loaded.
func (c *Cache) loadLayouts(fsys fs.FS, theme string, funcs template.FuncMap) (*render.Layouts, diag.List) {
	if c == nil {
		return render.LoadLayouts(fsys, theme, funcs)
	}
	if c.watched && c.layoutsSeen {
		if l, ok := c.layouts.Unchanged(theme, funcs); ok {
			return l, nil
		}
	}
	l, d := c.layouts.Load(fsys, theme, funcs)
	c.layoutsSeen = len(d) == 0
	return l, d
}

// mayTouchLayouts reports whether a change to the path (relative to the
// site folder) may change the layouts: anything not in a folder of
// another kind (content, data, assets, static, archetypes) or site.toml,
// which the layout cache's key covers through the theme's name.
func mayTouchLayouts(p string) bool {
	return !inFolder(p, "content", "data", "assets", "static", "archetypes", "site.toml")
}

// mayTouchStatics is mayTouchLayouts for the static files.
func mayTouchStatics(p string) bool {
	return !inFolder(p, "content", "data", "assets", "layouts", "archetypes", "site.toml")
}

// inFolder reports whether the path is one of the site folder's entries
// named, or inside one.
func inFolder(p string, tops ...string) bool {
	top, _, _ := strings.Cut(p, "/")
	return slices.Contains(tops, top)
}

// statics loads the static files of the theme and the site. With a
// watcher, the last build's are given again (a copy of the list, which
// the build changes) while no change that may touch them has been
// reported and the theme is the same.
func (c *Cache) statics(fsys fs.FS, theme string) ([]site.File, diag.List) {
	if c == nil {
		return static.Load(fsys, theme)
	}
	if !c.watched || c.staticsTheme != theme || c.staticFiles == nil {
		c.staticFiles, c.staticDiags = static.Load(fsys, theme)
		c.staticsTheme = theme
	}
	return slices.Clone(c.staticFiles), slices.Clone(c.staticDiags)
}

func (c *Cache) renderCache() *render.Cache {
	if c == nil {
		return nil
	}
	return c.render
}

// begin starts a full build (not a patch).
func (c *Cache) begin() {
	if c != nil {
		c.patched = false
	}
}
