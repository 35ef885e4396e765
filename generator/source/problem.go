package source

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/plinth-ssg/plinth/generator/diag"
)

// Problem turns an error from reading the file p of the site (through the
// fs.FS that Open returns) into a diagnostic at p in plain words, with a
// hint: a symbolic link that leads out of the site, a file that does not
// exist or may not be read, a folder where a file should be. Editors never
// see Go's "openat …: path escapes from parent".
func Problem(fsys fs.FS, p string, err error) diag.Diagnostic {
	msg, hint := explain(fsys, p, err)
	return diag.Errorf(diag.Pos{File: p}, "%s", msg).WithHint("%s", hint)
}

func explain(fsys fs.FS, p string, err error) (msg, hint string) {
	if st, lerr := fs.Lstat(fsys, p); lerr == nil && st.Mode()&fs.ModeSymlink != 0 {
		target, rerr := fs.ReadLink(fsys, p)
		switch {
		case rerr != nil:
		case path.IsAbs(target) || strings.HasPrefix(target, `\`) || filepath.IsAbs(target):
			return fmt.Sprintf("%s is a symbolic link to %s; Plinth follows only relative links, so that none can lead outside the site folder", p, target),
				"copy the file into the site folder, or make the link relative (ln -s ../shared/file.csv) if the file is inside the site"
		case !fs.ValidPath(path.Join(path.Dir(p), target)):
			return fmt.Sprintf("%s is a symbolic link to %s, outside the site folder; Plinth reads only files inside the site", p, target),
				"copy the file into the site folder instead of linking to it"
		}
		if _, serr := fs.Stat(fsys, p); serr != nil {
			return fmt.Sprintf("%s is a symbolic link to a file that does not exist", p),
				"point the link at a file inside the site folder, or replace it with the file itself"
		}
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Sprintf("%s does not exist", p), "check the spelling of the name, and that the file is inside the site folder"
	case errors.Is(err, fs.ErrPermission):
		return fmt.Sprintf("%s cannot be read: permission denied", p),
			"make the file readable by the user who runs plinth (on Linux or macOS: chmod a+r " + p + ")"
	case errors.Is(err, errNotRegular):
		return fmt.Sprintf("%s is not a plain file (it is a named pipe, a device or a socket), so Plinth does not read it", p),
			"replace it with an ordinary file, or remove it from the site folder"
	case errors.Is(err, syscall.EISDIR):
		return fmt.Sprintf("%s is a folder, not a file", p), "rename the folder, or put the file's contents in a file of that name"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err // the operation and full path say nothing to an editor
	}
	return fmt.Sprintf("%s cannot be read: %v", p, err), "check that the file is a plain file inside the site folder that you may read"
}
