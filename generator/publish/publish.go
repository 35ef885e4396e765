// Package publish writes the built files to the destination folder
// atomically: everything is written to a staging folder beside the
// destination and only then swapped into place. A build that fails never
// reaches this stage, and a crash while writing leaves the previous site
// untouched; readers never see a half-written site.
//
// The new files are not flushed to disk before the swap: the guarantee is
// that the published folder is always one complete build, not that it
// survives a power cut (the site can always be built again from git), and
// flushing a whole file system on a busy machine can take seconds.
//
// The previous site is kept beside the destination and updated into the
// next one (see PrevSuffix), so a rebuild writes only the files that
// changed.
//
// On Linux the swap is one renameat2(RENAME_EXCHANGE) call, which exchanges
// the two folders in a single step. Elsewhere (or on file systems that do
// not support it) the old folder is renamed aside and the new one renamed
// into place, leaving a moment in which the destination does not exist but
// never one in which it is incomplete.
package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/plinth-ssg/plinth/generator/parallel"
	"github.com/plinth-ssg/plinth/generator/site"
)

// Options describe where to publish.
type Options struct {
	// Destination is the output folder (public/ by default).
	Destination string
	// Source is the site's source folder; the destination may not be the
	// source itself, contain it, or lie inside one of its input folders.
	Source string
}

// inputDirs are the source folders a destination may never replace.
var inputDirs = []string{"content", "data", "layouts", "themes", "static", "assets", "node_modules", "generator", "cmd", ".git"}

// CheckDestination refuses destinations that would destroy the site's own
// files if swapped away: the source folder, a folder containing it, or one
// of its input folders.
func CheckDestination(opts Options) error {
	dest, err := filepath.Abs(opts.Destination)
	if err != nil {
		return err
	}
	src, err := filepath.Abs(opts.Source)
	if err != nil {
		return err
	}
	if dest == src || isWithin(src, dest) {
		return fmt.Errorf("the destination %s is the site folder or contains it; publishing would replace the site's own files (choose a folder such as public)", opts.Destination)
	}
	for _, d := range inputDirs {
		in := filepath.Join(src, d)
		if dest == in || isWithin(dest, in) {
			return fmt.Errorf("the destination %s is inside the site's %s folder; publishing would replace source files (choose a folder such as public)", opts.Destination, d)
		}
	}
	if st, err := os.Lstat(dest); err == nil {
		if st.Mode()&fs.ModeSymlink != 0 {
			return fmt.Errorf("the destination %s is a symbolic link; point --destination at a real folder", opts.Destination)
		}
		if !st.IsDir() {
			return fmt.Errorf("the destination %s exists and is not a folder", opts.Destination)
		}
	}
	return nil
}

// isWithin reports whether p lies strictly inside dir.
func isWithin(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != "." && filepath.IsLocal(rel)
}

// PrevSuffix names the folder beside the destination that keeps the
// previous site after a swap ("public.plinth-prev"). The next build starts
// from it rather than from nothing: most files of a rebuild are unchanged,
// and updating a copy of the site writes only what changed instead of
// creating every file and folder again and deleting the old site. It is
// never served, and it is made to match the new build exactly (extra files
// removed, changed files rewritten, anything that is not a plain file or
// folder deleted) before it is swapped in.
const PrevSuffix = ".plinth-prev"

// stagingInfix names the staging folders a build makes beside the
// destination ("public.plinth-staging-123456").
const stagingInfix = ".plinth-staging-"

// Write publishes files to opts.Destination. Every file path is checked to
// be local (no "..", not absolute) before anything is written.
//
// Builds that publish to the same place take turns (see lock). A build
// that was killed while publishing leaves the published site complete (the
// swap is one step) and its staging folder behind; the next build clears
// that folder away and keeps what it holds of the previous site as the
// starting point for the next update.
func Write(opts Options, files []site.File) error {
	if err := CheckDestination(opts); err != nil {
		return err
	}
	if err := checkPaths(files); err != nil {
		return err
	}
	dest, _ := filepath.Abs(opts.Destination)
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return failure(err, opts.Destination, parent, "cannot create the folder %s to publish into", parent)
	}
	unlock, locked, err := lock(parent)
	if err != nil {
		return failure(err, opts.Destination, parent, "cannot open the folder %s, which holds %s", parent, opts.Destination)
	}
	defer unlock()
	if locked {
		recoverStale(dest)
	}
	stage, err := os.MkdirTemp(parent, filepath.Base(dest)+stagingInfix)
	if err != nil {
		return failure(err, opts.Destination, parent, "cannot write to the folder %s, which holds %s", parent, opts.Destination)
	}
	prev := dest + PrevSuffix
	// The new site is the previous one, claimed from beside the
	// destination and updated, or else written afresh.
	claimed := filepath.Join(stage, claimedName)
	site := filepath.Join(stage, "site")
	// The staging folder is removed on every path out, unless it became
	// the destination; a claimed previous site goes back beside the
	// destination, as the next build's starting point.
	swapped := false
	defer func() {
		if !swapped {
			keepPrevious(claimed, prev)
			removeTree(stage)
		}
	}()
	var werr error
	if st, err := os.Lstat(prev); err == nil && st.IsDir() && os.Rename(prev, claimed) == nil {
		// Claiming the previous site by renaming it means two builds at
		// once never update the same folder.
		site = claimed
		werr = update(site, files)
	} else {
		werr = writeAll(site, files)
	}
	if werr != nil {
		return failure(werr, opts.Destination, parent, "cannot write the new site beside %s", opts.Destination)
	}
	old, err := swap(site, dest)
	if err != nil {
		return failure(err, opts.Destination, parent, "cannot put the new site in place of %s", opts.Destination)
	}
	swapped = true
	if old != "" {
		// Keep the previous site for the next build to update. Failing to
		// keep it costs the next build time, not correctness.
		if err := os.Rename(old, prev); err != nil {
			removeTree(old)
		}
	}
	removeTree(stage)
	return nil
}

// claimedName is the folder in a staging folder that holds the claimed
// previous site: before the swap, updated or being updated into the new
// one; after it, the site the swap replaced. Either way each of its files
// is complete, so it is worth keeping. (A site being written afresh, in
// "site", is not: it may be a fraction of one.)
const claimedName = "previous"

// keepPrevious moves a previous site claimed into a staging folder back
// beside the destination, unless another is there already. Its files are
// each complete (updates write a new file and rename it into place), if
// not all of one build, which the next update sorts out.
func keepPrevious(claimed, prev string) {
	if _, err := os.Lstat(claimed); err != nil {
		return
	}
	if _, err := os.Lstat(prev); errors.Is(err, fs.ErrNotExist) {
		_ = os.Rename(claimed, prev)
	}
}

// recoverStale clears away what builds that were killed while publishing
// to dest left beside it. It runs under the lock, so no other build is
// publishing there: every staging folder is stale. A destination moved
// aside by a swap that did not finish (see swap) is put back first.
func recoverStale(dest string) {
	parent, base := filepath.Split(dest)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	prev := dest + PrevSuffix
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), base+stagingInfix) {
			continue
		}
		stage := filepath.Join(parent, e.Name())
		for _, name := range []string{"site" + asideSuffix, claimedName + asideSuffix} {
			// A whole published site that swap moved aside.
			aside := filepath.Join(stage, name)
			if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
				_ = os.Rename(aside, dest)
			}
			keepPrevious(aside, prev)
		}
		keepPrevious(filepath.Join(stage, claimedName), prev)
		removeTree(stage)
	}
}

// checkPaths refuses any path that could leave the output folder.
func checkPaths(files []site.File) error {
	for _, f := range files {
		if !filepath.IsLocal(filepath.FromSlash(f.Path)) || strings.Contains(f.Path, "\\") || f.Path == "" {
			return fmt.Errorf("refusing to write %q: not a path inside the output folder (from %s)", f.Path, f.Source)
		}
	}
	return nil
}

// removeTree deletes a folder, its top-level entries in parallel: removing
// thousands of small files is bound by system calls, not by the disk.
func removeTree(dir string) {
	entries, _ := os.ReadDir(dir)
	parallel.For(len(entries), func(i int) {
		_ = os.RemoveAll(filepath.Join(dir, entries[i].Name()))
	})
	_ = os.RemoveAll(dir)
}

// writeAll writes the files into a new folder. Every path was checked to
// be local, and the folder is inside a staging folder this process just
// created, holding only folders it made, so no path can lead outside it;
// plain writes by full path are then safe, and several times faster than
// resolving each path through an os.Root on a site of thousands of files.
func writeAll(dir string, files []site.File) error {
	if err := os.Mkdir(dir, 0o755); err != nil {
		return err
	}
	stage := dir
	dirs := map[string]bool{}
	for _, f := range files {
		if d := path.Dir(f.Path); d != "." {
			dirs[d] = true
		}
	}
	for d := range dirs {
		if err := os.MkdirAll(filepath.Join(stage, filepath.FromSlash(d)), 0o755); err != nil {
			return fmt.Errorf("cannot create folder %s: %w", d, err)
		}
	}
	errs := make([]error, len(files))
	parallel.For(len(files), func(i int) {
		p := filepath.Join(stage, filepath.FromSlash(files[i].Path))
		if err := os.WriteFile(p, files[i].Data, 0o644); err != nil {
			errs[i] = fmt.Errorf("cannot write %s: %w", files[i].Path, err)
		}
	})
	return errors.Join(errs...)
}

// asideSuffix names the folder, beside the new site in its staging
// folder, where swap moves the destination when it cannot exchange them.
const asideSuffix = "-old"

// swap puts stage at dest and returns the folder now holding the previous
// site ("" if there was none), for the caller to delete.
func swap(stage, dest string) (string, error) {
	if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
		return "", os.Rename(stage, dest)
	}
	if err := exchange(stage, dest); err == nil {
		return stage, nil
	}
	aside := stage + asideSuffix
	if err := os.Rename(dest, aside); err != nil {
		return "", err
	}
	if err := os.Rename(stage, dest); err != nil {
		// Put the previous site back rather than leave nothing.
		_ = os.Rename(aside, dest)
		return "", err
	}
	return aside, nil
}
