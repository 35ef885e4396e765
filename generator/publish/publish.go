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
// Files are written as soon as each is final (Begin, Stage.Write), so a
// build never holds its whole output in memory, and the staging folder is
// swapped in only when every check has passed (Stage.Commit). The
// previous site is kept beside the destination and updated into the next
// one (see PrevSuffix), and a manifest of hashes beside each published
// folder (ManifestSuffix) tells which files already hold the right bytes,
// so an unchanged rebuild reads no old file and writes none. A file of the
// previous site that changes is written anew and renamed into place, never
// changed in place (see replaceFile).
//
// Builds that publish to the same place take turns, from Begin to Commit
// or Abort (see lock). A build killed while publishing leaves the
// published site complete (the swap is one step) and its staging folder
// behind; the next build clears that folder away, keeping the previous
// site it holds (see recoverStale). Failures are said in plain words,
// naming the destination rather than the staging folders (Error).
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
// of its input folders; and a file, a symbolic link or a folder of files
// Plinth did not publish. The error is an *Error, with advice.
func CheckDestination(opts Options) error {
	dest, err := filepath.Abs(opts.Destination)
	if err != nil {
		return err
	}
	src, err := filepath.Abs(opts.Source)
	if err != nil {
		return err
	}
	elsewhere := "publish into a folder of its own, such as public (the default), with --destination"
	if dest == src || isWithin(src, dest) {
		return &Error{Msg: fmt.Sprintf("the destination %s is the site folder or contains it, so publishing would replace the site's own files", opts.Destination), Advice: elsewhere}
	}
	for _, d := range inputDirs {
		in := filepath.Join(src, d)
		if dest == in || isWithin(dest, in) {
			return &Error{Msg: fmt.Sprintf("the destination %s is inside the site's %s folder, so publishing would replace source files", opts.Destination, d), Advice: elsewhere}
		}
	}
	if st, err := os.Lstat(dest); err == nil {
		if st.Mode()&fs.ModeSymlink != 0 {
			return &Error{Msg: fmt.Sprintf("the destination %s is a symbolic link", opts.Destination), Advice: "point --destination at a real folder: publishing swaps the folder itself, which a link would not follow"}
		}
		if !st.IsDir() {
			return &Error{Msg: fmt.Sprintf("the destination %s is a file, not a folder", opts.Destination), Advice: "choose a folder (one that does not exist yet is made), such as public, with --destination"}
		}
		if name := foreignEntry(dest); name != "" {
			return &Error{Msg: fmt.Sprintf("the destination %s already holds files that Plinth did not publish there (%s, for one); publishing replaces the whole folder, and the next build would delete them", opts.Destination, name),
				Advice: fmt.Sprintf("choose an empty or new folder, or delete %s first if it holds only an old build", opts.Destination)}
		}
	}
	return nil
}

// Preflight checks, before anything is built, that the build could
// publish to opts.Destination: CheckDestination, then that the folder
// which is to hold the destination exists, is a folder, and takes a new
// folder (the staging folder is made there). A build takes seconds to
// minutes on a large site; a destination it could never publish to should
// be said at once. Unlike Begin, Preflight does not make missing parent
// folders: a mistyped absolute --destination would otherwise create
// folders anywhere the user may write.
func Preflight(opts Options) error {
	if err := CheckDestination(opts); err != nil {
		return err
	}
	dest, err := filepath.Abs(opts.Destination)
	if err != nil {
		return err
	}
	parent := filepath.Dir(dest)
	st, err := os.Stat(parent)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &Error{Msg: fmt.Sprintf("the folder %s, which would hold the destination %s, does not exist", parent, opts.Destination),
			Advice: "check the path for a typing mistake, or make that folder first: Plinth makes only the destination folder itself"}
	case err != nil:
		return failure(err, opts.Destination, parent, "cannot open the folder %s, which would hold %s", parent, opts.Destination)
	case !st.IsDir():
		return &Error{Msg: fmt.Sprintf("%s, which would hold the destination %s, is a file, not a folder", parent, opts.Destination),
			Advice: "choose a destination inside a folder, such as public, with --destination"}
	}
	// The staging folder's own name, so that a probe left by a killed
	// process is cleared by the next build (recoverStale).
	probe, err := os.MkdirTemp(parent, filepath.Base(dest)+stagingInfix)
	if err != nil {
		return failure(err, opts.Destination, parent, "cannot write to the folder %s, which holds %s", parent, opts.Destination)
	}
	return os.Remove(probe)
}

// foreignEntry returns the name of an entry of the folder dest when dest
// holds files but no build of Plinth published it: neither its manifest
// nor the previous site is beside it. Publishing swaps the folder away and
// keeps it as the next build's staging folder, which that build empties,
// so a mistyped --destination (a folder of documents, a checkout of the
// hosting branch with its .git) would be lost a build later.
func foreignEntry(dest string) string {
	for _, beside := range []string{dest + ManifestSuffix, dest + PrevSuffix} {
		if _, err := os.Lstat(beside); err == nil {
			return ""
		}
	}
	f, err := os.Open(dest)
	if err != nil {
		return ""
	}
	defer f.Close()
	names, _ := f.Readdirnames(1)
	if len(names) == 0 {
		return ""
	}
	return names[0]
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

// claimedName is the folder in a staging folder that holds the claimed
// previous site: before the swap, updated or being updated into the new
// one; after it, the site the swap replaced. Either way each of its files
// is complete, so it is worth keeping. (A site being written afresh, in
// freshName, is not: it may be a fraction of one.)
const claimedName = "previous"

// freshName is the folder in a staging folder where a site is written
// afresh, when there is no previous site to update.
const freshName = "site"

// asideSuffix names the folder, beside the new site in its staging
// folder, where swap moves the destination when it cannot exchange them.
const asideSuffix = "-old"

// Write publishes files to opts.Destination at once (Begin, a Write of
// each file, Commit). Every file path is checked to be local (no "..",
// not absolute) before anything is written.
func Write(opts Options, files []site.File) error {
	if err := checkPaths(files); err != nil {
		return err
	}
	s, err := Begin(opts)
	if err != nil {
		return err
	}
	errs := make([]error, len(files))
	parallel.For(len(files), func(i int) { errs[i] = s.Write(files[i]) })
	if err := errors.Join(errs...); err != nil {
		s.Abort()
		return err
	}
	return s.Commit()
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

// keepPrevious moves a previous site claimed into a staging folder back
// beside the destination, unless another is there already. Its files are
// each complete (changed files are written anew and renamed into place),
// if not all of one build, which the next build's manifest check sorts
// out.
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
// aside by a swap that did not finish (see swap) is put back first, and a
// claimed previous site is kept; a site being written afresh is not.
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
		for _, name := range []string{freshName + asideSuffix, claimedName + asideSuffix} {
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
	// Half a manifest, which writeManifest had not yet renamed.
	_ = os.Remove(dest + ManifestSuffix + ".tmp")
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
