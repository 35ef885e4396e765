package source

import (
	"io/fs"
	"os"
	"path"
	"sync"
	"syscall"
)

// folders keeps the site's folders open, as roots of their own, while a
// build reads the files in them.
//
// Why: os.Root (Go 1.26, on Linux) resolves a path one component at a
// time, opening and closing each folder on the way, so reading
// content/area/topic/page.md costs four opens and four closes. A cold
// build of 2,074 pages reads about 4,100 such files (each page twice:
// front matter, then body); with each folder opened once, a read is one
// open and one close, and the build's opens fell from 20,009 to 7,900
// (closes from 19,673 to 7,563). A folder is opened in its parent's root
// (one open, not one per folder on the way) and listed through its own
// root, which the reads of its files then use: 7,603 opens, 7,265 closes.
// Of the two ways considered, this one was
// kept over asking Linux to resolve the whole path beneath the site in
// one call (openat2 with RESOLVE_BENEATH): that would save as much, but
// works on Linux alone, needs the site's folder as a bare descriptor
// beside the os.Root, and follows the kernel's rules for links rather
// than os.Root's; a sub-root is os.Root on every system.
//
// Why the guarantees stay those of the site root: a sub-root confines
// every path to its folder, which lies inside the site, and never
// resolves .. above it, so whatever it opens the site root opens by the
// same path. What it refuses (a link to
// a sibling folder, ../ that climbs out of the folder, a missing file) is
// tried again through the site root, so a file is read, or refused with
// an error, exactly as the site root alone would. The one difference is
// in time: a folder stays open until Close, so a folder moved elsewhere
// during the build is still read from; os.Root already behaves so for the
// site folder itself. Close ends that window at the end of each build,
// and reads after Close (`plinth serve` patches with the last build's
// view) go through the site root alone, never through a folder that may
// have been replaced since.
type folders struct {
	mu     sync.Mutex
	closed bool
	open   map[string]*os.Root // nil: the folder could not be opened; use the site root
	order  []string            // the keys of open, oldest first, for eviction
}

// maxFolders bounds the descriptors kept open: a build reads pages in
// path order, so a few folders at a time are in use, and a site of
// 50,000 pages in 10,000 folders must not run out of descriptors.
const maxFolders = 128

// nonBlocking opens a file for reading without waiting on a named pipe:
// O_NONBLOCK makes opening one return at once, where a plain open would
// wait for a writer, and has no effect on reading a regular file.
func nonBlocking(r *os.Root, name string) (*os.File, error) {
	return r.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}

// openFile opens the file name (a valid fs path) of the site for
// reading, through its folder's root if it can, else through the site
// root, whose outcome then stands.
func (s *siteFS) openFile(name string) (*os.File, error) {
	if dir, base := path.Split(name); dir != "" {
		if r := s.folder(dir[:len(dir)-1]); r != nil {
			if f, err := s.open(r, base); err == nil {
				return f, nil
			}
		}
	}
	return s.open(s.root, name)
}

// folder returns the root of the site's folder dir, opening it on first
// use, or nil if it cannot be opened or the cache is closed.
func (s *siteFS) folder(dir string) *os.Root {
	c := &s.folders
	c.mu.Lock()
	r, ok := c.open[dir]
	closed := c.closed
	c.mu.Unlock()
	if ok || closed {
		return r
	}
	// Opened outside the lock: two readers may open the same folder at
	// once, and the second keeps the first's.
	r = s.openFolder(dir)
	c.mu.Lock()
	defer c.mu.Unlock()
	if kept, ok := c.open[dir]; ok || c.closed {
		if r != nil {
			r.Close()
		}
		return kept
	}
	if c.open == nil {
		c.open = map[string]*os.Root{}
	}
	if len(c.order) == maxFolders {
		// A reader still using the evicted root finishes its read (os.Root
		// closes its descriptor after the last operation), and one that
		// starts on it after this gets os.ErrClosed and goes on through the
		// site root.
		if old := c.open[c.order[0]]; old != nil {
			old.Close()
		}
		delete(c.open, c.order[0])
		c.order = c.order[1:]
	}
	c.open[dir] = r
	c.order = append(c.order, dir)
	return r
}

// openFolder opens the folder dir as a root: by its name in its parent
// folder's root, one open, where the site root would open every folder
// on the way again; through the site root, whose outcome then stands, if
// the parent's root refuses it (a link to a folder elsewhere in the site)
// or dir is at the top. It returns nil if dir cannot be opened.
func (s *siteFS) openFolder(dir string) *os.Root {
	if parent, base := path.Split(dir); parent != "" {
		if p := s.folder(parent[:len(parent)-1]); p != nil {
			if r, err := s.openRoot(p, base); err == nil {
				return r
			}
		}
	}
	r, err := s.openRoot(s.root, dir)
	if err != nil {
		return nil
	}
	return r
}

// ReadDir lists the folder name through its own root, kept open for the
// files in it that the build reads next, or else through the site root,
// whose answer then stands.
func (s *siteFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if name != "." && fs.ValidPath(name) {
		if r := s.folder(name); r != nil {
			if entries, err := r.FS().(fs.ReadDirFS).ReadDir("."); err == nil {
				return entries, nil
			}
		}
	}
	return s.fs.ReadDir(name)
}

// Close closes the folders that the view Open returned keeps open for
// reading, and makes later reads go through the site folder alone. A
// build calls it when it has read its sources. It does nothing to any
// other fs.FS.
func Close(fsys fs.FS) {
	s, ok := fsys.(*siteFS)
	if !ok {
		return
	}
	c := &s.folders
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, r := range c.open {
		if r != nil {
			r.Close()
		}
	}
	c.open, c.order, c.closed = nil, nil, true
}
