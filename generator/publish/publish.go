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

// Write publishes files to opts.Destination. Every file path must be local
// (no "..", not absolute); all writes go through an os.Root of the staging
// folder, which also refuses any path that would leave it.
func Write(opts Options, files []site.File) error {
	if err := CheckDestination(opts); err != nil {
		return err
	}
	dest, _ := filepath.Abs(opts.Destination)
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return err
	}
	stage, err := os.MkdirTemp(filepath.Dir(dest), filepath.Base(dest)+".plinth-staging-")
	if err != nil {
		return fmt.Errorf("cannot create a staging folder beside %s: %w", opts.Destination, err)
	}
	// The staging folder is removed on every path out, unless it became
	// the destination.
	swapped := false
	defer func() {
		if !swapped {
			os.RemoveAll(stage)
		}
	}()
	if err := os.Chmod(stage, 0o755); err != nil {
		return err
	}
	if err := writeAll(stage, files); err != nil {
		return err
	}
	old, err := swap(stage, dest)
	if err != nil {
		return fmt.Errorf("cannot swap the new site into %s: %w", opts.Destination, err)
	}
	swapped = true
	if old != "" {
		// The previous site is out of service now; failing to delete it
		// leaves a stray folder, not a broken site.
		removeTree(old)
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

// writeAll writes the files into the staging folder. Every path is checked
// to be local (no "..", not absolute) before anything is written, and the
// staging folder was just created by this process and holds only folders it
// made, so no path can lead outside it; plain writes by full path are then
// safe, and several times faster than resolving each path through an
// os.Root on a site of thousands of files.
func writeAll(stage string, files []site.File) error {
	dirs := map[string]bool{}
	for _, f := range files {
		if !filepath.IsLocal(filepath.FromSlash(f.Path)) || strings.Contains(f.Path, "\\") || f.Path == "" {
			return fmt.Errorf("refusing to write %q: not a path inside the output folder (from %s)", f.Path, f.Source)
		}
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

// swap puts stage at dest and returns the folder now holding the previous
// site ("" if there was none), for the caller to delete.
func swap(stage, dest string) (string, error) {
	if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
		return "", os.Rename(stage, dest)
	}
	if err := exchange(stage, dest); err == nil {
		return stage, nil
	}
	aside := stage + "-old"
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
