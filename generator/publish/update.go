package publish

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/plinth-ssg/plinth/generator/parallel"
	"github.com/plinth-ssg/plinth/generator/site"
)

// update makes the folder dir (a copy of an earlier build) hold exactly
// files: anything that is not a plain file or folder is removed, files and
// folders the new build does not have are removed, a file where a folder
// must be (or the reverse) is replaced, and each file is rewritten only if
// its bytes or permissions differ. Unchanged files keep their modification
// time, which also spares tools that copy the site elsewhere (rsync).
func update(dir string, files []site.File) error {
	want := make(map[string]int, len(files)) // file → index
	dirs := map[string]bool{}
	for i, f := range files {
		want[f.Path] = i
		for d := path.Dir(f.Path); d != "."; d = path.Dir(d) {
			if dirs[d] {
				break
			}
			dirs[d] = true
		}
	}
	type existing struct {
		size int64
		mode fs.FileMode
	}
	have := map[string]existing{}
	var remove []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == dir {
			return nil
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, dir+string(filepath.Separator)))
		switch {
		case d.IsDir():
			if !dirs[rel] {
				remove = append(remove, p)
				return filepath.SkipDir
			}
		case d.Type().IsRegular():
			if _, ok := want[rel]; !ok {
				remove = append(remove, p)
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return err
			}
			have[rel] = existing{info.Size(), info.Mode().Perm()}
		default: // symbolic links and anything else never belong here
			remove = append(remove, p)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("cannot read the previous site: %w", err)
	}
	// Remove deepest first, so a folder goes after what it held.
	slices.SortFunc(remove, func(a, b string) int {
		return strings.Count(b, string(filepath.Separator)) - strings.Count(a, string(filepath.Separator))
	})
	for _, p := range remove {
		if err := os.RemoveAll(p); err != nil {
			return err
		}
	}
	for d := range dirs {
		if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(d)), 0o755); err != nil {
			return fmt.Errorf("cannot create folder %s: %w", d, err)
		}
	}
	errs := make([]error, len(files))
	parallel.For(len(files), func(i int) {
		f := files[i]
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		e, existed := have[f.Path]
		if existed && e.size == int64(len(f.Data)) && e.mode == 0o644 {
			if old, err := os.ReadFile(p); err == nil && bytes.Equal(old, f.Data) {
				return
			}
		}
		var err error
		if existed {
			err = replaceFile(p, f.Data, i)
		} else {
			err = os.WriteFile(p, f.Data, 0o644)
		}
		if err != nil {
			errs[i] = fmt.Errorf("cannot write %s: %w", f.Path, err)
		}
	})
	return errors.Join(errs...)
}

// replaceFile gives p new contents as a new file: it writes them beside p
// and renames them over it. The old file is never changed in place, so a
// copy of the site made with hard links (cp -al public snapshot), which
// shares the old file, keeps the old contents; and a build killed here
// leaves either the old file or the new one, never half of one. The
// temporary name holds the file's index in the build, so parallel writes
// never share one, and starts with a dot, which no output file's name
// does; a leftover is removed by the next update like any file not in the
// build.
func replaceFile(p string, data []byte, index int) error {
	tmp := filepath.Join(filepath.Dir(p), ".plinth-new-"+strconv.Itoa(index))
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		_ = os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, p); err != nil {
		_ = os.Remove(tmp)
		return err
	}
	return nil
}
