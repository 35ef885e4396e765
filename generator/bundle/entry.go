package bundle

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"

	"github.com/plinth-ssg/plinth/generator/diag"
)

// entry is one entry point, found on disk.
type entry struct {
	// name is the logical name asked for, "css/main.css".
	name string
	// rel is the slash path of the file relative to the source folder, as
	// esbuild's metafile and messages name it.
	rel string
	// abs is the file's absolute path.
	abs string
}

// entryExts are the extensions an entry may have. The output has the same
// extension, which is what lets a template tell a stylesheet from a script.
var entryExts = []string{".css", ".js", ".mjs"}

// findEntries looks up each logical name in the site's assets/ and then in
// the theme's, reporting names that are malformed or (unless optional) found
// in neither.
func findEntries(src, theme string, names []string, optional bool, diags *diag.List) []entry {
	names = slices.Clone(names)
	slices.Sort(names)
	names = slices.Compact(names)
	if len(names) == 0 {
		diags.Errorf(diag.Pos{}, "internal error: no assets to bundle")
		return nil
	}
	roots := []string{"assets"}
	if theme != "" {
		if !filepath.IsLocal(theme) || path.Base(theme) != theme {
			diags.Errorf(diag.Pos{}, "the theme name %q is not a folder name", theme)
			return nil
		}
		roots = append(roots, path.Join("themes", theme, "assets"))
	}
	var out []entry
	for _, name := range names {
		if path.Clean(name) != name || !filepath.IsLocal(filepath.FromSlash(name)) || !slices.Contains(entryExts, path.Ext(name)) {
			diags.Errorf(diag.Pos{}, "internal error: %q is not a valid asset name (want a relative slash path ending in .css, .js or .mjs)", name)
			continue
		}
		e, ok := lookup(src, roots, name, optional, diags)
		if ok {
			out = append(out, e)
		}
	}
	return out
}

// lookup returns the first regular file called name under one of roots. A
// name found nowhere is an error unless optional.
func lookup(src string, roots []string, name string, optional bool, diags *diag.List) (entry, bool) {
	var looked []string
	for _, root := range roots {
		rel := path.Join(root, name)
		abs := filepath.Join(src, filepath.FromSlash(rel))
		info, err := os.Lstat(abs)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			looked = append(looked, rel)
			continue
		case err != nil:
			diags.Errorf(diag.Pos{File: rel}, "cannot read this asset: %v", err)
			return entry{}, false
		case info.Mode()&fs.ModeSymlink != 0:
			// Links could pull files from outside the site into the output.
			diags.Errorf(diag.Pos{File: rel}, "this asset is a symbolic link, which Plinth does not follow").
				Hint = "replace the link with a copy of the file"
			return entry{}, false
		case !info.Mode().IsRegular():
			diags.Errorf(diag.Pos{File: rel}, "this asset is a folder or a special file, not a file")
			return entry{}, false
		}
		return entry{name: name, rel: rel, abs: abs}, true
	}
	if optional {
		return entry{}, false
	}
	d := diags.Errorf(diag.Pos{File: looked[0]}, "the asset %q was not found", name)
	d.Hint = "Plinth looked for " + joinList(looked) + "; create the file or correct the name"
	return entry{}, false
}

// joinList lists paths for a hint: a, "a and b" or "a, b and c".
func joinList(paths []string) string {
	s := ""
	for i, p := range paths {
		switch {
		case i == 0:
		case i == len(paths)-1:
			s += " and "
		default:
			s += ", "
		}
		s += p
	}
	return s
}
