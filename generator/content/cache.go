package content

import (
	"io/fs"
	"strings"
	"sync"
	"time"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/site"
)

// Cache keeps what Load read, so that `plinth serve` rebuilding after one
// edit re-reads and re-parses only the files whose size or modification time
// changed. Pages are stored as they were parsed and handed out as copies, so
// later stages may set URLs and links on their copy without touching the
// cached one. A Cache is safe for concurrent use.
type Cache struct {
	// Trust, when set, means the caller reports every change with Forget
	// (a file watcher does), so an entry is reused without asking the file
	// system for the file's size and time: on a site of thousands of pages
	// those checks cost more than the rest of a small rebuild.
	Trust bool

	mu    sync.Mutex
	files map[string]cached
	used  map[string]bool

	// walk is the last walk of content/, reused in Trust mode until a
	// change could have added or removed a file.
	walk      *walked
	rewalk    bool
	forgotten []string
}

// walked is what walking content/ found.
type walked struct {
	mds, others []string
	// bundles and sections map a folder to its index.md or _index.md.
	bundles, sections map[string]string
	diags             diag.List
}

type cached struct {
	size  int64
	mod   time.Time
	page  *site.Page // pristine; nil for a resource or a failed page
	data  []byte     // a resource's bytes
	diags diag.List
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{files: map[string]cached{}} }

// lookup returns the cached entry for p if the file has not changed.
func (c *Cache) lookup(fsys fs.FS, p string) (cached, fs.FileInfo, bool) {
	if c == nil {
		return cached{}, nil, false
	}
	if c.Trust {
		c.mu.Lock()
		e, ok := c.files[p]
		c.used[p] = true
		c.mu.Unlock()
		if ok {
			return e, nil, true
		}
	}
	info, err := fs.Stat(fsys, p)
	if err != nil {
		return cached{}, nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.used[p] = true
	e, ok := c.files[p]
	if !ok || e.size != info.Size() || !e.mod.Equal(info.ModTime()) {
		return cached{}, info, false
	}
	return e, info, true
}

// store keeps e for p, with a copy of its page: the caller goes on to use
// the page it passes.
func (c *Cache) store(p string, info fs.FileInfo, e cached) {
	if c == nil || info == nil {
		return
	}
	e.size, e.mod, e.page = info.Size(), info.ModTime(), copyPage(e.page)
	c.mu.Lock()
	c.files[p] = e
	c.mu.Unlock()
}

// begin starts a load; finish forgets the files the load did not see
// (deleted or renamed), so the cache never outgrows the site.
func (c *Cache) begin() {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.used = map[string]bool{}
	c.mu.Unlock()
}

func (c *Cache) finish() {
	if c == nil {
		return
	}
	c.mu.Lock()
	for p := range c.files {
		if !c.used[p] {
			delete(c.files, p)
		}
	}
	c.mu.Unlock()
}

// copyPage returns a copy of a pristine page for one build.
func copyPage(p *site.Page) *site.Page {
	if p == nil {
		return nil
	}
	q := *p
	return &q
}

// Forget drops the named files (slash paths relative to the site folder),
// so the next load reads them again even if their size and modification
// time look unchanged: file systems record modification times only to a few
// milliseconds, and an editor can save twice within that.
func (c *Cache) Forget(paths []string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	for _, p := range paths {
		if !strings.HasPrefix(p, Dir+"/") {
			continue
		}
		if _, known := c.files[p]; !known {
			c.rewalk = true // a new file or a folder
		}
		delete(c.files, p)
		c.forgotten = append(c.forgotten, p)
	}
	c.mu.Unlock()
}

// lastWalk returns the previous walk if, in Trust mode, nothing can have
// been added or removed since.
func (c *Cache) lastWalk(fsys fs.FS) *walked {
	if c == nil || !c.Trust || c.walk == nil || c.rewalk {
		return nil
	}
	for _, p := range c.forgotten {
		if _, err := fs.Stat(fsys, p); err != nil {
			return nil // deleted or renamed away
		}
	}
	return c.walk
}

func (c *Cache) storeWalk(w *walked) {
	if c == nil {
		return
	}
	c.walk, c.rewalk, c.forgotten = w, false, nil
}

// Reload reads one page's file again (a slash path under content/), keeps
// it for later loads, and returns a copy: a rebuild that patches the last
// build after an edit to that page's text reads only that file. It returns
// nil if the file is not a usable page.
func (c *Cache) Reload(fsys fs.FS, file string, opts Options) (*site.Page, diag.List) {
	info, err := fs.Stat(fsys, file)
	if err != nil {
		return nil, diag.List{diag.Errorf(diag.Pos{File: file}, "cannot read: %v", err)}
	}
	p, diags := loadPage(fsys, file, opts)
	c.store(file, info, cached{page: p, diags: diags})
	return p, diags
}
