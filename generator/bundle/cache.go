package bundle

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/plinth-ssg/plinth/generator/parallel"
	"github.com/plinth-ssg/plinth/generator/site"
)

// CacheFolder is the folder, inside a site's source folder, that holds what
// Plinth keeps between builds. It sits beside the site's own folders rather
// than in the user's cache folder so that it goes wherever the site goes
// and is deleted with it (the test suite's temporary sites leave nothing
// behind in the home folder), and a CI job can keep it between runs by
// naming one path. Its leading dot keeps it out of everything Plinth reads
// as the site (content, assets, static files) and out of `plinth serve`'s
// watch; .gitignore names it.
const CacheFolder = ".plinth-cache"

// SiteCacheDir returns the folder in which bundles of the site in src are
// kept, for Options.CacheDir.
func SiteCacheDir(src string) string { return filepath.Join(src, CacheFolder, "bundle") }

// Cache entries. One file per request (the program, the esbuild version,
// the theme, the entries and their files, the highlighting stylesheet),
// holding the inputs esbuild read with the SHA-256 of each, and the built
// files. An entry is used only when every input still has the same bytes.
const (
	// entryMagic starts every entry file; it names the format, so that a
	// file of another format is never decoded as an entry.
	entryMagic = "plinth bundle cache 2\n"
	// entryExt ends the name of every entry file.
	entryExt = ".bundle"
	// keepEntries is how many entries a site's cache folder keeps, the
	// most recently used; every new Plinth binary (or test binary) makes
	// a new one.
	keepEntries = 8
	// settleTime guards against storing a bundle made from a file that was
	// being edited: if any input was modified less than this before the
	// bundle began (or after), esbuild may have read other bytes than the
	// ones hashed afterwards, so the result is not stored. It is two
	// seconds because that is the coarsest modification-time resolution
	// among common file systems (FAT); the next build stores it.
	settleTime = 2 * time.Second
)

// resolutionFiles are files that esbuild reads, in the folder of every
// module and each folder above it, to decide how imports resolve and how
// files are read, without their appearing among the metafile's inputs.
var resolutionFiles = []string{"package.json", "tsconfig.json", "jsconfig.json"}

// installRecord is the file npm rewrites in node_modules at every install:
// a package added anywhere, even one no input comes from yet, changes it.
const installRecord = "node_modules/.package-lock.json"

// entry file contents, encoded with gob after entryMagic and followed by
// the SHA-256 of everything before it.
type cacheEntry struct {
	// Inputs are every file whose bytes (or absence) the bundle depends
	// on, in a fixed order.
	Inputs []cachedInput
	// Listing is listingSum of the assets folders when the bundle began.
	Listing [sha256.Size]byte
	// Files are the built files, sorted by path.
	Files []cachedFile
	// Manifest maps each entry's logical name to its built file's path.
	Manifest map[string]string
	// Own are the classes the site's own stylesheets name (ownClasses),
	// which pruning keeps.
	Own []string
}

type cachedInput struct {
	// Path is the file's slash path relative to the source folder (it
	// may start with ../ when node_modules is a link to elsewhere).
	Path string
	// Absent records a file that must still not exist.
	Absent bool
	// Sum is the SHA-256 of the file's bytes.
	Sum [sha256.Size]byte
}

type cachedFile struct {
	Path, Source string
	Data         []byte
}

// diskCache is one request's place in a site's cache folder.
type diskCache struct {
	dir   string   // the cache folder
	src   string   // the absolute source folder
	roots []string // the assets folders, slash paths relative to src
	name  string   // the entry file's name
	// listing is listingSum when the request was made.
	listing [sha256.Size]byte
	// start is when bundling began.
	start time.Time
}

// openCache returns the cache for a request, or false when there is none:
// no CacheDir, or a program that cannot be identified.
func openCache(opts Options, l layout, entries []entry, chromaCSS string) (*diskCache, bool) {
	if opts.CacheDir == "" {
		return nil, false
	}
	program, ok := programID()
	if !ok {
		return nil, false
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s%s\x00%s\x00%s\x00%q\x00%t\x00", entryMagic, program, esbuildVersion(), runtime.Version(), l.theme, opts.Optional)
	for _, e := range entries {
		fmt.Fprintf(h, "%s\x00%s\x00", e.name, e.rel)
	}
	fmt.Fprintf(h, "%d\x00%s", len(chromaCSS), chromaCSS)
	roots := []string{"assets"}
	if l.theme != "" {
		roots = append(roots, path.Join("themes", l.theme, "assets"))
	}
	c := &diskCache{dir: opts.CacheDir, src: l.src, roots: roots, start: time.Now(),
		name: hex.EncodeToString(h.Sum(nil)[:16]) + entryExt}
	c.listing = c.listingSum()
	return c, true
}

// listingSum hashes the names of every file and folder in the assets
// folders. A file added there can change how an import resolves (a site
// file overrides the theme's file of the same name) without any input
// changing.
func (c *diskCache) listingSum() [sha256.Size]byte {
	h := sha256.New()
	for _, root := range c.roots {
		fmt.Fprintf(h, "root %s\x00", root)
		_ = filepath.WalkDir(filepath.Join(c.src, filepath.FromSlash(root)), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				fmt.Fprintf(h, "unreadable %s\x00", p)
				return nil
			}
			fmt.Fprintf(h, "%s\x00%v\x00", p, d.Type())
			return nil
		})
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
}

// load returns the cached bundle, if the entry is whole and every input
// still has the bytes it had when the entry was stored. An entry that is
// missing, damaged, or of another format is a miss, never an error.
func (c *diskCache) load(entries []entry) (Result, []string, bool) {
	file := filepath.Join(c.dir, c.name)
	data, err := os.ReadFile(file)
	if err != nil {
		return Result{}, nil, false
	}
	e, ok := decodeEntry(data)
	if !ok || e.Listing != c.listing {
		return Result{}, nil, false
	}
	paths := make([]string, len(e.Inputs))
	for i, in := range e.Inputs {
		paths[i] = in.Path
	}
	for i, now := range c.hashInputs(paths) {
		if now == nil || *now != e.Inputs[i] {
			return Result{}, nil, false
		}
	}
	res, ok := e.result(entries)
	if !ok {
		return Result{}, nil, false
	}
	// Using an entry marks it recently used, for trim.
	now := time.Now()
	_ = os.Chtimes(file, now, now)
	return res, e.Own, true
}

// decodeEntry checks an entry file's format and checksum and decodes it.
func decodeEntry(data []byte) (cacheEntry, bool) {
	if len(data) < len(entryMagic)+sha256.Size || !bytes.HasPrefix(data, []byte(entryMagic)) {
		return cacheEntry{}, false
	}
	body, sum := data[:len(data)-sha256.Size], data[len(data)-sha256.Size:]
	if want := sha256.Sum256(body); !bytes.Equal(sum, want[:]) {
		return cacheEntry{}, false
	}
	var e cacheEntry
	if err := gob.NewDecoder(bytes.NewReader(body[len(entryMagic):])).Decode(&e); err != nil {
		return cacheEntry{}, false
	}
	return e, true
}

// result checks a decoded entry as Build checks esbuild's output (every
// file under assets/, every requested entry present) and turns it into a
// Result, computing the integrity values from the bytes.
func (e cacheEntry) result(entries []entry) (Result, bool) {
	out := Result{Manifest: Manifest{}, Cached: true}
	paths := map[string][]byte{}
	for _, f := range e.Files {
		if !strings.HasPrefix(f.Path, outAssets+"/") || !filepath.IsLocal(filepath.FromSlash(f.Path)) || paths[f.Path] != nil {
			return Result{}, false
		}
		paths[f.Path] = f.Data
		out.Files = append(out.Files, site.File{Path: f.Path, Data: f.Data, Source: f.Source})
	}
	for _, en := range entries {
		p, ok := e.Manifest[en.name]
		data, found := paths[p]
		if !ok || !found {
			return Result{}, false
		}
		out.Manifest[en.name] = Asset{URL: p, Integrity: Integrity(data)}
	}
	if p, ok := e.Manifest[NoticesName]; ok {
		data, found := paths[p]
		if !found {
			return Result{}, false
		}
		out.Manifest[NoticesName] = Asset{URL: p, Integrity: Integrity(data)}
	}
	if len(out.Manifest) != len(e.Manifest) {
		return Result{}, false
	}
	slices.SortFunc(out.Files, func(a, b site.File) int { return strings.Compare(a.Path, b.Path) })
	return out, true
}

// store writes the entry for a bundle esbuild has just made from inputs
// (the metafile's input paths and the licence files the notices copy,
// relative to the source folder). Failing to store is not an error: the
// next build bundles again. It stores nothing
// when an input is a kind of file it cannot check, or was modified while
// the bundle was made (see settleTime).
func (c *diskCache) store(inputs []string, res Result, own []string) {
	e := cacheEntry{Listing: c.listing, Manifest: map[string]string{}, Own: own}
	files, ok := c.dependencies(inputs)
	if !ok {
		return
	}
	for _, in := range c.hashInputs(files) {
		if in == nil {
			return
		}
		e.Inputs = append(e.Inputs, *in)
	}
	for _, f := range res.Files {
		e.Files = append(e.Files, cachedFile{Path: f.Path, Source: f.Source, Data: f.Data})
	}
	for name, a := range res.Manifest {
		e.Manifest[name] = a.URL
	}
	var body bytes.Buffer
	body.WriteString(entryMagic)
	if err := gob.NewEncoder(&body).Encode(e); err != nil {
		return
	}
	sum := sha256.Sum256(body.Bytes())
	body.Write(sum[:])
	if err := writeAtomic(c.dir, c.name, body.Bytes()); err != nil {
		return
	}
	trim(c.dir)
}

// dependencies returns, sorted, every file the bundle depends on: the
// inputs esbuild names, the resolution files in their folders and every
// folder above, and npm's install record. It reports false when an input
// is neither a file on disk nor Plinth's own virtual stylesheet, or was
// modified too recently to trust.
func (c *diskCache) dependencies(inputs []string) ([]string, bool) {
	set := map[string]bool{installRecord: true}
	dirs := map[string]bool{}
	for _, in := range inputs {
		if in == chromaModule {
			continue // its text is part of the entry's name
		}
		abs := filepath.Join(c.src, filepath.FromSlash(in))
		info, err := os.Stat(abs)
		if err != nil || !info.Mode().IsRegular() || info.ModTime().After(c.start.Add(-settleTime)) {
			return nil, false
		}
		set[filepath.ToSlash(in)] = true
		for dir := filepath.Dir(abs); !dirs[dir]; dir = filepath.Dir(dir) {
			dirs[dir] = true
			if filepath.Dir(dir) == dir {
				break
			}
		}
	}
	for dir := range dirs {
		for _, name := range resolutionFiles {
			rel, err := filepath.Rel(c.src, filepath.Join(dir, name))
			if err != nil {
				return nil, false
			}
			set[filepath.ToSlash(rel)] = true
		}
	}
	return slices.Sorted(func(yield func(string) bool) {
		for p := range set {
			if !yield(p) {
				return
			}
		}
	}), true
}

// hashInputs reads the files at the slash paths relative to the source
// folder, on all cores (the chart library alone is some 600 files), and
// returns each one's SHA-256 or absence, or nil for a file it cannot read.
func (c *diskCache) hashInputs(paths []string) []*cachedInput {
	out := make([]*cachedInput, len(paths))
	parallel.For(len(paths), func(i int) {
		in := &cachedInput{Path: paths[i]}
		f, err := os.Open(filepath.Join(c.src, filepath.FromSlash(paths[i])))
		if errors.Is(err, fs.ErrNotExist) {
			in.Absent = true
			out[i] = in
			return
		}
		if err != nil {
			return
		}
		defer f.Close()
		h := sha256.New()
		if _, err := io.Copy(h, f); err != nil {
			return
		}
		h.Sum(in.Sum[:0])
		out[i] = in
	})
	return out
}

// writeAtomic writes data to dir/name through a temporary file and a
// rename, so that a reader sees the old entry or the new one, never part
// of one. It does not sync: after a crash the checksum turns a torn entry
// into a miss.
func writeAtomic(dir, name string, data []byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, name+".tmp-*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(0o644) // as readable as the site's other files
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), filepath.Join(dir, name))
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// trim keeps the keepEntries most recently used entries in dir, and
// removes temporary files an interrupted build left more than an hour ago.
func trim(dir string) {
	items, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	type aged struct {
		name string
		mod  time.Time
	}
	var entries []aged
	for _, it := range items {
		info, err := it.Info()
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		switch {
		case strings.HasSuffix(it.Name(), entryExt):
			entries = append(entries, aged{it.Name(), info.ModTime()})
		case strings.Contains(it.Name(), entryExt+".tmp-") && time.Since(info.ModTime()) > time.Hour:
			os.Remove(filepath.Join(dir, it.Name()))
		}
	}
	slices.SortFunc(entries, func(a, b aged) int { return b.mod.Compare(a.mod) })
	for _, e := range entries[min(keepEntries, len(entries)):] {
		os.Remove(filepath.Join(dir, e.name))
	}
}

// programID names the running program for the cache key, so that a
// different Plinth (whose plugins may treat files differently) never uses
// another's entries: a released or cleanly built binary by its module
// version, any other (a development or test binary) by its executable's
// path, size and modification time, since hashing its 30 MB would cost
// more than the rest of a cache hit; rebuilding a binary gives it a new
// modification time.
var programID = sync.OnceValues(func() (string, bool) {
	if bi, ok := debug.ReadBuildInfo(); ok {
		v := bi.Main.Version
		if v != "" && v != "(devel)" && !strings.HasSuffix(v, "+dirty") {
			return bi.Main.Path + "@" + v, true
		}
	}
	exe, err := os.Executable()
	if err != nil {
		return "", false
	}
	info, err := os.Stat(exe)
	if err != nil {
		return "", false
	}
	return fmt.Sprintf("executable %s %d %d", exe, info.Size(), info.ModTime().UnixNano()), true
})

// esbuildVersion returns the version of the esbuild module built in, or ""
// in a test binary, which records no dependencies (its executable's hash,
// in programID, then stands for it).
func esbuildVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == "github.com/evanw/esbuild" {
				if d.Replace != nil {
					return d.Replace.Path + "@" + d.Replace.Version
				}
				return d.Version
			}
		}
	}
	return ""
}
