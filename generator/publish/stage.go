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
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/plinth-ssg/plinth/generator/site"
)

// Stage is a build's output as it is written: each file goes into a
// staging folder beside the destination as soon as it is final, and Commit
// swaps the folder in once every check has passed (Abort gives up). The
// staging folder starts as the previous site (PrevSuffix); a file whose
// bytes the manifest of that site says it already holds (same hash, and
// on disk the same size, time and permissions as when it was written) is
// neither read nor written again, and one that changes is written anew
// and renamed into place (replaceFile).
//
// A Stage holds the lock on the destination's folder from Begin until
// Commit or Abort, which every Stage must reach.
type Stage struct {
	dest   string // the destination, absolute
	name   string // the destination as given, for messages
	parent string // the folder that holds it
	root   string // the staging folder
	dir    string // the site being made, inside root
	// claimed is set when dir is the previous site, claimed from beside
	// the destination (claimedName), rather than a site written afresh.
	claimed bool
	unlock  func()
	temps   atomic.Int64 // names replaceFile's new files

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

// Begin starts writing a build's output for the destination of opts. It
// waits for any other build publishing there to finish (see lock), and
// clears away what killed builds left (see recoverStale).
func Begin(opts Options) (*Stage, error) {
	if err := CheckDestination(opts); err != nil {
		return nil, err
	}
	dest, _ := filepath.Abs(opts.Destination)
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, failure(err, opts.Destination, parent, "cannot create the folder %s to publish into", parent)
	}
	unlock, locked, err := lock(parent)
	if err != nil {
		return nil, failure(err, opts.Destination, parent, "cannot open the folder %s, which holds %s", parent, opts.Destination)
	}
	if locked {
		recoverStale(dest)
	}
	root, err := os.MkdirTemp(parent, filepath.Base(dest)+stagingInfix)
	if err != nil {
		unlock()
		return nil, failure(err, opts.Destination, parent, "cannot write to the folder %s, which holds %s", parent, opts.Destination)
	}
	s := &Stage{dest: dest, name: opts.Destination, parent: parent, root: root, unlock: unlock, ready: make(chan struct{}),
		old: map[string]onDisk{}, written: map[string]manifest{}}
	prev := dest + PrevSuffix
	claimed := filepath.Join(root, claimedName)
	if st, err := os.Lstat(prev); err == nil && st.IsDir() && os.Rename(prev, claimed) == nil {
		// Claiming the previous site by renaming it means two builds at
		// once never update the same folder. Listing it runs while the
		// build goes on; the first write waits for it.
		s.dir, s.claimed = claimed, true
		s.known = readManifest(prev+ManifestSuffix, s.dir)
		go s.list()
		return s, nil
	}
	s.dir = filepath.Join(root, freshName)
	if err := os.Mkdir(s.dir, 0o755); err != nil {
		removeTree(root)
		unlock()
		return nil, failure(err, opts.Destination, parent, "cannot write to the folder %s, which holds %s", parent, opts.Destination)
	}
	close(s.ready)
	return s, nil
}

// fail describes a failed step of publishing in plain words (see Error).
func (s *Stage) fail(err error, format string, args ...any) error {
	return failure(err, s.name, s.parent, format, args...)
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
		s.listErr = s.fail(s.listErr, "cannot read the previous site kept beside %s", s.name)
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
		return s.fail(err, "cannot write %s into the new site beside %s", f.Path, s.name)
	}
	p := filepath.Join(s.dir, filepath.FromSlash(f.Path))
	write := writeFile
	if e, ok := s.old[f.Path]; ok {
		if e.regular {
			// A file of the previous site is never changed in place.
			write = func(p string, data []byte) (int64, error) {
				return replaceFile(p, data, s.temps.Add(1))
			}
		} else if err := os.RemoveAll(p); err != nil {
			// Not a plain file: start afresh.
			return s.fail(err, "cannot write %s into the new site beside %s", f.Path, s.name)
		}
	}
	mtime, err := write(p, f.Data)
	if err != nil {
		return s.record(f.Path, m, s.fail(err, "cannot write %s into the new site beside %s", f.Path, s.name))
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

// replaceFile gives p new contents as a new file: it writes them beside p
// and renames them over it, and returns the new file's modification time.
// The old file is never changed in place, so a copy of the site made with
// hard links (cp -al public snapshot), which shares the old file, keeps
// the old contents; and a build killed here leaves either the old file or
// the new one, never half of one. The temporary name holds a number unique
// in the build, so parallel writes never share one, and starts with a
// dot, which no output file's name does; a leftover is removed by the next
// build like any file it does not write.
func replaceFile(p string, data []byte, n int64) (int64, error) {
	tmp := filepath.Join(filepath.Dir(p), ".plinth-new-"+strconv.FormatInt(n, 10))
	mtime, err := writeFile(tmp, data)
	if err == nil {
		err = os.Rename(tmp, p)
	}
	if err != nil {
		_ = os.Remove(tmp)
		return 0, err
	}
	return mtime, nil
}

// writeFile writes data to a new file (or truncates one: only ever one
// that this build made) and returns its modification time, for the
// manifest.
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
// manifest beside the destination. If it fails before the swap, the
// previous site it claimed is kept, as by Abort.
func (s *Stage) Commit() error {
	<-s.ready
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done {
		return errors.New("the output was already published or abandoned")
	}
	s.done = true
	defer s.unlock()
	swapped := false
	defer func() {
		if !swapped {
			s.giveUp()
		}
	}()
	if s.listErr != nil {
		return s.listErr
	}
	if err := s.removeStale(); err != nil {
		return s.fail(err, "cannot remove old files from the new site beside %s", s.name)
	}
	next, err := folderID(s.dir)
	if err != nil {
		return s.fail(err, "cannot read the new site beside %s", s.name)
	}
	old, err := swap(s.dir, s.dest)
	if err != nil {
		return s.fail(err, "cannot put the new site in place of %s", s.name)
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
	defer s.unlock()
	s.giveUp()
}

// giveUp removes the staging folder, keeping a previous site it claimed
// (each of whose files is complete) for the next build; a site written
// afresh may be a fraction of one, which a full disk cannot spare, and
// one that could not be listed would fail the next build too.
func (s *Stage) giveUp() {
	if s.claimed && s.listErr == nil {
		keepPrevious(s.dir, s.dest+PrevSuffix)
	}
	removeTree(s.root)
}
