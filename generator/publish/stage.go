package publish

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/plinth-ssg/plinth/generator/site"
)

// Stage is a build's output as it is written: each file goes into a
// staging folder beside the destination as soon as it is final, and Commit
// swaps the folder in once every check has passed (Abort gives up). The
// staging folder starts as the previous site (PrevSuffix); a file whose
// bytes the manifest of that site says it already holds (same hash, and
// on disk the same size, time and permissions as when it was written) is
// neither read nor written again.
type Stage struct {
	dest string // the destination, absolute
	root string // the staging folder
	dir  string // the site being made, inside root

	// ready is closed once the claimed previous site has been listed.
	ready   chan struct{}
	listErr error
	old     map[string]onDisk   // what the claimed previous site holds
	known   map[string]manifest // its manifest, if it describes it

	// made holds a *folder for each folder this build made or found, so
	// that writers make each folder once, and different ones at once.
	made sync.Map

	mu      sync.Mutex
	written map[string]manifest // this build's files
	wrote   int                 // files actually written
	done    bool
}

// folder is one folder of the staging site, made once.
type folder struct {
	once sync.Once
	err  error
}

// onDisk is one entry of the claimed previous site.
type onDisk struct {
	dir     bool
	regular bool
	size    int64
	mode    fs.FileMode
	mtime   int64
}

// Begin starts writing a build's output for the destination of opts.
func Begin(opts Options) (*Stage, error) {
	if err := CheckDestination(opts); err != nil {
		return nil, err
	}
	dest, _ := filepath.Abs(opts.Destination)
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return nil, err
	}
	root, err := os.MkdirTemp(filepath.Dir(dest), filepath.Base(dest)+".plinth-staging-")
	if err != nil {
		return nil, fmt.Errorf("cannot create a staging folder beside %s: %w", opts.Destination, err)
	}
	s := &Stage{dest: dest, root: root, dir: filepath.Join(root, "site"), ready: make(chan struct{}),
		old: map[string]onDisk{}, written: map[string]manifest{}}
	prev := dest + PrevSuffix
	if st, err := os.Lstat(prev); err == nil && st.IsDir() && os.Rename(prev, s.dir) == nil {
		// Claiming the previous site by renaming it means two builds at
		// once never update the same folder. Listing it runs while the
		// build goes on; the first write waits for it.
		s.known = readManifest(prev+ManifestSuffix, s.dir)
		go s.list()
		return s, nil
	}
	if err := os.Mkdir(s.dir, 0o755); err != nil {
		removeTree(root)
		return nil, err
	}
	close(s.ready)
	return s, nil
}

// list records what the claimed previous site holds.
func (s *Stage) list() {
	defer close(s.ready)
	s.listErr = filepath.WalkDir(s.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == s.dir {
			return nil
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, s.dir+string(filepath.Separator)))
		e := onDisk{dir: d.IsDir(), regular: d.Type().IsRegular()}
		if e.regular {
			info, err := d.Info()
			if err != nil {
				return err
			}
			e.size, e.mode, e.mtime = info.Size(), info.Mode().Perm(), info.ModTime().UnixNano()
		}
		s.old[rel] = e
		return nil
	})
	if s.listErr != nil {
		s.listErr = fmt.Errorf("cannot read the previous site: %w", s.listErr)
	}
}

// Write writes one file into the staging folder, unless the previous site
// already holds exactly its bytes. Its path must be local (checked). It
// may be called from several goroutines.
func (s *Stage) Write(f site.File) error {
	if err := checkPaths([]site.File{f}); err != nil {
		return err
	}
	<-s.ready
	if s.listErr != nil {
		return s.listErr
	}
	sum := sha256.Sum256(f.Data)
	m := manifest{size: int64(len(f.Data))}
	copy(m.hash[:], sum[:])
	if e, ok := s.old[f.Path]; ok && e.regular && e.mode == 0o644 && e.size == m.size {
		if k, ok := s.known[f.Path]; ok && k.hash == m.hash && k.size == e.size && k.mtime == e.mtime {
			m.mtime = e.mtime
			return s.record(f.Path, m, nil)
		}
	}
	if err := s.prepare(f.Path); err != nil {
		return err
	}
	p := filepath.Join(s.dir, filepath.FromSlash(f.Path))
	if e, ok := s.old[f.Path]; ok && (!e.regular || e.mode != 0o644) {
		// Someone changed it, or it is not a plain file: start afresh.
		if err := os.RemoveAll(p); err != nil {
			return err
		}
	}
	mtime, err := writeFile(p, f.Data)
	if err != nil {
		return s.record(f.Path, m, fmt.Errorf("cannot write %s: %w", f.Path, err))
	}
	m.mtime = mtime
	s.mu.Lock()
	s.wrote++
	s.mu.Unlock()
	return s.record(f.Path, m, nil)
}

// Wrote returns how many files were written so far; the others were
// already in the staging folder with the right bytes.
func (s *Stage) Wrote() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.wrote
}

// record notes a file of this build.
func (s *Stage) record(name string, m manifest, err error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err == nil {
		s.written[name] = m
	}
	return err
}

// writeFile writes data to a new or truncated file and returns its
// modification time, for the manifest.
func writeFile(p string, data []byte) (int64, error) {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return 0, err
	}
	_, err = f.Write(data)
	var info fs.FileInfo
	if err == nil {
		info, err = f.Stat()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, err
	}
	return info.ModTime().UnixNano(), nil
}

// prepare makes the folders a file needs, removing any old file that
// stands where one of them must be. Each folder is made once, by whichever
// writer needs it first; writers needing other folders do not wait.
func (s *Stage) prepare(name string) error {
	var dirs []string
	for d := path.Dir(name); d != "."; d = path.Dir(d) {
		dirs = append(dirs, d)
	}
	for i := len(dirs) - 1; i >= 0; i-- {
		d := dirs[i]
		v, ok := s.made.Load(d)
		if !ok {
			v, _ = s.made.LoadOrStore(d, &folder{})
		}
		f := v.(*folder)
		f.once.Do(func() { f.err = s.makeFolder(d) })
		if f.err != nil {
			return fmt.Errorf("cannot write %s: %w", name, f.err)
		}
	}
	return nil
}

// makeFolder makes one folder of the staging site.
func (s *Stage) makeFolder(d string) error {
	s.mu.Lock()
	_, isFile := s.written[d]
	s.mu.Unlock()
	if isFile {
		return fmt.Errorf("%s is a file of this build", d)
	}
	p := filepath.Join(s.dir, filepath.FromSlash(d))
	if e, ok := s.old[d]; ok {
		if e.dir {
			return nil
		}
		// An old file (or link) where this build needs a folder.
		if err := os.RemoveAll(p); err != nil {
			return err
		}
	}
	if err := os.Mkdir(p, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("cannot create folder %s: %w", d, err)
	}
	return nil
}

// Read returns a file of this build.
func (s *Stage) Read(name string) ([]byte, error) {
	if !filepath.IsLocal(filepath.FromSlash(name)) {
		return nil, fmt.Errorf("%s is not a path inside the output folder", name)
	}
	return os.ReadFile(filepath.Join(s.dir, filepath.FromSlash(name)))
}

// Commit removes whatever the previous site held that this build did not
// write, swaps the staging folder into the destination, keeps the site it
// replaced for the next build (PrevSuffix), and records this build's
// manifest beside the destination.
func (s *Stage) Commit() error {
	<-s.ready
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done {
		return errors.New("the output was already published or abandoned")
	}
	s.done = true
	swapped := false
	defer func() {
		if !swapped {
			removeTree(s.root)
		}
	}()
	if s.listErr != nil {
		return s.listErr
	}
	if err := s.removeStale(); err != nil {
		return err
	}
	next, err := folderID(s.dir)
	if err != nil {
		return err
	}
	old, err := swap(s.dir, s.dest)
	if err != nil {
		return fmt.Errorf("cannot swap the new site into %s: %w", s.dest, err)
	}
	swapped = true
	prev := s.dest + PrevSuffix
	_ = os.Remove(prev + ManifestSuffix)
	if old != "" {
		// Keep the previous site for the next build to update, with its
		// manifest. Failing to keep either costs the next build time, not
		// correctness.
		if err := os.Rename(old, prev); err != nil {
			removeTree(old)
		} else {
			_ = os.Rename(s.dest+ManifestSuffix, prev+ManifestSuffix)
		}
	}
	removeTree(s.root)
	return writeManifest(s.dest+ManifestSuffix, next, s.written)
}

// removeStale deletes what the previous site held that this build did not
// write: files, folders no file needs, and anything that is not a plain
// file or folder (a symbolic link is never published).
func (s *Stage) removeStale() error {
	need := map[string]bool{}
	for name := range s.written {
		for d := path.Dir(name); d != "." && !need[d]; d = path.Dir(d) {
			need[d] = true
		}
	}
	var remove []string
	for name := range s.old {
		// What this build wrote or kept is a plain file now, and what it
		// needs as a folder is one (prepare saw to both).
		if _, ok := s.written[name]; ok || need[name] {
			continue
		}
		remove = append(remove, name)
	}
	// Shallowest first: removing a folder takes what it held.
	slices.SortFunc(remove, func(a, b string) int {
		return strings.Count(a, "/") - strings.Count(b, "/")
	})
	for _, name := range remove {
		if err := os.RemoveAll(filepath.Join(s.dir, filepath.FromSlash(name))); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// Abort gives the build's output up: the destination is untouched, and the
// previous site, part-updated, is kept for the next build, whose manifest
// check catches every file this build rewrote or removed.
func (s *Stage) Abort() {
	<-s.ready
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done {
		return
	}
	s.done = true
	prev := s.dest + PrevSuffix
	if len(s.old) > 0 && s.listErr == nil {
		if _, err := os.Lstat(prev); errors.Is(err, fs.ErrNotExist) && os.Rename(s.dir, prev) == nil {
			removeTree(s.root)
			return
		}
	}
	removeTree(s.root)
}
