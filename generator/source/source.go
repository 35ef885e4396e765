// Package source opens a site's source folder for reading and walks its
// folders safely.
//
// Every read goes through an os.Root, which refuses paths and symbolic
// links that lead outside the site folder, so a link in content/ can never
// publish a file from elsewhere on the machine (~/.ssh, say). Walk adds the
// rules every folder shares: editor and system by-products are skipped, and
// symbolic links are followed only to files inside the site.
package source

import (
	"io/fs"
	"os"
	"path"
	"strings"

	"github.com/plinth-ssg/plinth/generator/diag"
)

// Open returns a read-only view of the folder dir, confined to it. Its
// reads keep folders open (see Close).
func Open(dir string) (fs.FS, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &siteFS{root: root, fs: root.FS().(interface {
		fs.StatFS
		fs.ReadFileFS
		fs.ReadDirFS
		fs.ReadLinkFS
	}), open: nonBlocking, openRoot: (*os.Root).OpenRoot}, nil
}

// Ignored reports whether a file or folder name is an editor's or system's
// by-product that must never be read as content or published: hidden
// files (LibreOffice's lock files .~lock.NAME# among them), backups
// (NAME~), Emacs's #NAME#, Microsoft Office's owner files (~$NAME),
// temporary files (NAME.tmp), Vim's swap files (NAME.swp) and the folder
// files of Windows.
func Ignored(name string) bool {
	lower := strings.ToLower(name)
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") ||
		strings.HasPrefix(name, "#") || strings.HasPrefix(name, "~$") ||
		strings.HasSuffix(lower, ".tmp") || strings.HasSuffix(lower, ".swp") ||
		lower == "thumbs.db" || lower == "desktop.ini"
}

// Walk calls fn for every regular file under dir (a slash path inside
// fsys), in lexical order, skipping ignored names. A symbolic link is passed
// to fn only if it resolves to a file inside the site; otherwise the
// refusal is added to diags. A missing dir is not an error: most folders of
// a site are optional. If fn returns fs.SkipDir for a folder's path, the
// folder is skipped; dirFn, if not nil, is called for each folder first.
func Walk(fsys fs.FS, dir string, diags *diag.List, dirFn func(p string) error, fn func(p string)) {
	if _, err := fs.Stat(fsys, dir); err != nil {
		return
	}
	_ = fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			diags.Add(Problem(fsys, p, err))
			return nil
		}
		if p != dir && Ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if linkOK(fsys, p, diags) {
				fn(p)
			}
			return nil
		}
		if d.IsDir() {
			if dirFn != nil && p != dir {
				return dirFn(p)
			}
			return nil
		}
		if d.Type().IsRegular() {
			fn(p)
		}
		return nil
	})
}

// linkOK turns os.Root's refusal of a link that leaves the site into a
// plain diagnostic, and refuses links to folders, which could loop.
func linkOK(fsys fs.FS, p string, diags *diag.List) bool {
	st, err := fs.Stat(fsys, p)
	if err != nil {
		diags.Add(Problem(fsys, p, err))
		return false
	}
	if st.IsDir() {
		diags.Add(diag.Errorf(diag.Pos{File: p}, "this symbolic link points to a folder; Plinth does not follow linked folders").
			WithHint("move or copy the folder into the site instead"))
		return false
	}
	return true
}

// Rel returns p relative to dir ("static/css/a.css", "static" → "css/a.css").
func Rel(dir, p string) string {
	return strings.TrimPrefix(p, path.Clean(dir)+"/")
}
