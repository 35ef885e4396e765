// Package static reads the files copied to the output as they are: the
// theme's static/ folder, then the site's static/ folder, whose files win
// when both have the same path.
package static

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"unicode"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/site"
	"github.com/plinth-ssg/plinth/generator/source"
)

// Load returns the static files of the theme and the site, sorted by path.
// A file whose name cannot be published everywhere, or whose path differs
// from another's only in upper and lower case, is an error at the file.
func Load(fsys fs.FS, theme string) ([]site.File, diag.List) {
	var diags diag.List
	byPath := map[string]site.File{}
	byFolded := map[string]string{} // lower-case path → the source file that has it
	var order []string
	for _, dir := range []string{path.Join("themes", theme, "static"), "static"} {
		source.Walk(fsys, dir, &diags, nil, func(p string) {
			rel := source.Rel(dir, p)
			if problem := checkName(rel); problem != "" {
				diags.Add(diag.Errorf(diag.Pos{File: p}, "the name %q %s", rel, problem).
					WithHint("rename the file with letters, digits, spaces, - and _ (like annual-report-2026.pdf)"))
				return
			}
			data, err := source.ReadFile(fsys, p)
			if err != nil {
				diags.Add(source.Problem(fsys, p, err))
				return
			}
			folded := strings.ToLower(rel)
			if other, ok := byFolded[folded]; ok && byPath[rel].Source != other {
				// Windows, macOS and many hosts do not tell Logo.svg
				// from logo.svg: one would overwrite the other, which
				// one depending on the order they were copied.
				diags.Add(diag.Errorf(diag.Pos{File: p}, "%s and %s differ only in upper/lower case; on many hosts one would overwrite the other", p, other).
					WithHint("to replace the theme's file, give yours exactly its name; otherwise rename one of them"))
				return
			}
			byFolded[folded] = p
			if _, seen := byPath[rel]; !seen {
				order = append(order, rel)
			}
			byPath[rel] = site.File{Path: rel, Data: data, Source: p}
		})
	}
	slices.Sort(order)
	files := make([]site.File, 0, len(order))
	for _, rel := range order {
		files = append(files, byPath[rel])
	}
	return files, diags
}

// checkName returns why the path rel of a static file cannot be published
// as it is, or "". A control character (a line break pasted into a name)
// or one of the characters Windows keeps for itself cannot be checked out
// or uploaded from every computer, and a name ending in a dot or a space
// is changed by Windows; a space, by contrast, is common in the names of
// documents and works on every host.
func checkName(rel string) string {
	for _, seg := range strings.Split(rel, "/") {
		for _, r := range seg {
			switch {
			case unicode.IsControl(r) || r == '\u2028' || r == '\u2029':
				return fmt.Sprintf("contains the invisible character %U", r)
			case strings.ContainsRune(`<>:"|?*\`, r):
				return fmt.Sprintf("contains %q, which Windows does not allow in a file name", r)
			}
		}
		if problem := site.WindowsName(seg); problem != "" {
			return "has a part that " + problem
		}
	}
	return ""
}
