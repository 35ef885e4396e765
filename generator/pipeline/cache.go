package pipeline

import (
	"fmt"
	"hash/maphash"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/plinth-ssg/plinth/generator/actionplans"
	"github.com/plinth-ssg/plinth/generator/bundle"
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
//     its parse tree), a page whose feature data (Extra) may derive from
//     other pages, and a generated page also depend on every page's body;
//   - output files whose bytes are unchanged are not read again by the
//     checks (output.Cache), and links are checked again only where a
//     changed file can affect them;
//   - the front-end files are not bundled again while the assets/ folders
//     and the installed npm packages are unchanged;
//   - the git log is not read again while HEAD is the same commit.
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

	mu  sync.Mutex
	md  map[string]mdEntry
	out map[string]outEntry

	// bundled is the bundle stage's last result (bundlecache.go).
	bundled *bundled

	// data is the last result of the dataset and anonymise stages, by a
	// key of everything they read.
	data map[uint64]dataEntry

	// generated holds the site-wide files (sitemap, feed) of the last
	// build and the site epoch they were made for.
	generated      []site.File
	generatedEpoch uint64

	// watched is set by Watched; dirSums are the folder hashes kept
	// while no change under them is reported.
	watched bool
	dirSums map[string]uint64

	// last is the last good build, pending the files changed since
	// (patch.go); rendered counts the pages the last patch rendered.
	last    *last
	pending []string
	reuse   Reuse

	// The current build's epochs, set before the stages that use them.
	linksEpoch  uint64
	siteEpoch   uint64
	bodiesEpoch uint64
	used        map[string]bool
}

type mdEntry struct {
	body, links uint64
	res         markdown.Result
	diags       diag.List
}

type outEntry struct {
	key   uint64
	files []site.File
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{
		seed: maphash.MakeSeed(), content: content.NewCache(), scan: scan.NewCache(), search: search.NewCache(), output: output.NewCache(),
		git: &gitinfo.Cache{}, md: map[string]mdEntry{}, out: map[string]outEntry{},
	}
}

// identity names a page across builds.
func identity(p *site.Page) string { return p.File + "\x00" + p.URL }

func (c *Cache) sum(b []byte) uint64 { return maphash.Bytes(c.seed, b) }

// bodySum is the page's body hash: the one content.Load computed, or (for
// generated pages) a fresh one.
func (c *Cache) bodySum(p *site.Page) uint64 {
	if p.BodySum != 0 || p.File != "" {
		return p.BodySum
	}
	return c.sum(p.Body)
}

// Load implements markdown.Memo.
func (c *Cache) Load(p *site.Page) (markdown.Result, diag.List, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.md[identity(p)]
	if !ok || e.links != c.linksEpoch || e.body != c.bodySum(p) {
		return markdown.Result{}, nil, false
	}
	c.used["md\x00"+identity(p)] = true
	return e.res, e.diags, true
}

// Store implements markdown.Memo.
func (c *Cache) Store(p *site.Page, r markdown.Result, d diag.List) {
	body := c.bodySum(p)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.reuse.Converted++
	c.md[identity(p)] = mdEntry{body: body, links: c.linksEpoch, res: r, diags: d}
	c.used["md\x00"+identity(p)] = true
}

// renderMemo adapts the cache to render.Memo (whose method names clash
// with markdown.Memo's).
type renderMemo struct{ c *Cache }

func (m renderMemo) key(p *site.Page, layout string, reads render.Reads) uint64 {
	c := m.c
	var h maphash.Hash
	h.SetSeed(c.seed)
	writeUint(&h, c.siteEpoch)
	h.WriteString(layout)
	writeUint(&h, c.bodySum(p))
	if p.File == "" {
		// A generated page's content comes from a feature, not a body.
		h.WriteString(string(p.Content))
	}
	switch {
	case reads&render.ReadsAny != 0 || p.Extra != nil:
		// Feature data (Extra) may be derived from other pages' bodies.
		writeUint(&h, c.bodiesEpoch)
	case reads != 0:
		// The bodies of the related pages the layout shows.
		var related []*site.Page
		if reads&render.ReadsParent != 0 && p.Parent != nil {
			related = append(related, p.Parent)
		}
		if reads&render.ReadsChildren != 0 {
			related = append(append(related, p.Pages...), p.Sections...)
		}
		if reads&render.ReadsNeighbours != 0 {
			related = append(related, p.Prev, p.Next)
		}
		for _, q := range related {
			if q != nil {
				writeUint(&h, c.bodySum(q))
			}
		}
	}
	return h.Sum64()
}

// writeUint and writeStrings feed a hash without fmt, which matters when
// every page of a large site is hashed on every rebuild.
func writeUint(h *maphash.Hash, v uint64) {
	var b [8]byte
	for i := range b {
		b[i] = byte(v >> (8 * i))
	}
	h.Write(b[:])
}

func writeStrings(h *maphash.Hash, ss ...string) {
	for _, s := range ss {
		h.WriteString(s)
		h.WriteByte(0)
	}
}

func (m renderMemo) Load(p *site.Page, layout string, reads render.Reads) ([]site.File, bool) {
	k := m.key(p, layout, reads)
	c := m.c
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.out[p.URL]
	if !ok || e.key != k {
		return nil, false
	}
	c.used["out\x00"+p.URL] = true
	return e.files, true
}

func (m renderMemo) Store(p *site.Page, layout string, reads render.Reads, files []site.File) {
	k := m.key(p, layout, reads)
	c := m.c
	c.mu.Lock()
	defer c.mu.Unlock()
	c.reuse.Rendered++
	c.out[p.URL] = outEntry{key: k, files: files}
	c.used["out\x00"+p.URL] = true
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
}

// LastReuse returns what the last build with the cache made again.
func (c *Cache) LastReuse() Reuse {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.reuse
}

// begin starts a build: nothing is marked used yet.
func (c *Cache) begin() {
	c.mu.Lock()
	c.reuse = Reuse{}
	c.used = map[string]bool{}
	c.siteEpoch = 0
	c.mu.Unlock()
}

// finish drops entries the build did not use (deleted or renamed pages),
// so the cache never outgrows the site.
func (c *Cache) finish() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.md {
		if !c.used["md\x00"+k] {
			delete(c.md, k)
		}
	}
	for k := range c.out {
		if !c.used["out\x00"+k] {
			delete(c.out, k)
		}
	}
}

// setLinksEpoch records everything a Markdown link can resolve to: every
// page's source file and address, the published files and the left-out
// pages.
func (c *Cache) setLinksEpoch(s *site.Site, resources []site.File, excluded map[string]string) {
	var h maphash.Hash
	h.SetSeed(c.seed)
	fmt.Fprintf(&h, "%s\x00", s.Config.BaseURL)
	for _, p := range s.Pages {
		fmt.Fprintf(&h, "%s\x00%s\x00%s\x00", p.File, p.Path, p.URL)
	}
	for _, r := range resources {
		fmt.Fprintf(&h, "%s\x00", r.Path)
	}
	for _, k := range slices.Sorted(maps.Keys(excluded)) {
		fmt.Fprintf(&h, "%s\x00%s\x00", k, excluded[k])
	}
	c.linksEpoch = h.Sum64()
}

// setEpochs records what every layout can see besides page bodies (the
// site epoch) and every page's body (the bodies epoch). extra holds the
// other inputs: configuration, layouts, assets, data, options.
func (c *Cache) setEpochs(s *site.Site, extra ...uint64) {
	var h, b maphash.Hash
	h.SetSeed(c.seed)
	b.SetSeed(c.seed)
	fmt.Fprintf(&h, "%v\x00%d\x00%s\x00", extra, c.linksEpoch, s.BuildDate)
	for _, p := range s.Pages {
		writeUint(&h, p.Sum(c.seed))
		b.WriteString(p.URL)
		writeUint(&b, c.bodySum(p))
	}
	c.siteEpoch = h.Sum64()
	c.bodiesEpoch = b.Sum64()
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
		writeUint(&h, c.dirSum(fsys, dir))
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
		data, err := fs.ReadFile(fsys, p)
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
	fmt.Fprintf(&h, "%d\x00%t\x00%t\x00%s\x00%s\x00", c.treeSum(fsys, "site.toml", "layouts", "themes/"+theme+"/layouts",
		"assets", "themes/"+theme+"/assets", "data"), opts.Drafts, opts.Future, opts.BaseURL, opts.BuildDate)
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
// build's when the site epoch (every page's address, dates and settings)
// and the static files they depend on are unchanged.
func (c *Cache) generatedFiles(s *site.Site, statics []site.File) ([]site.File, error) {
	if c == nil {
		return generatedFiles(s, statics)
	}
	var h maphash.Hash
	h.SetSeed(c.seed)
	writeUint(&h, c.siteEpoch)
	for _, f := range statics {
		if f.Path == "robots.txt" {
			h.WriteByte(1)
		}
	}
	key := h.Sum64()
	if c.siteEpoch != 0 && c.generated != nil && key == c.generatedEpoch {
		return c.generated, nil
	}
	files, err := generatedFiles(s, statics)
	if err == nil && c.siteEpoch != 0 {
		c.generated, c.generatedEpoch = files, key
	}
	return files, err
}

type dataEntry struct {
	set    *dataset.Set
	tables cachedTables
	diags  diag.List
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
	writeUint(&h, c.treeSum(fsys, "data"))
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
