// Package static reads the files copied to the output as they are: the
// theme's static/ folder, then the site's static/ folder, whose files win
// when both have the same path.
package static

import (
	"io/fs"
	"path"
	"slices"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/site"
	"github.com/plinth-ssg/plinth/generator/source"
)

// Load returns the static files of the theme and the site, sorted by path.
func Load(fsys fs.FS, theme string) ([]site.File, diag.List) {
	var diags diag.List
	byPath := map[string]site.File{}
	var order []string
	for _, dir := range []string{path.Join("themes", theme, "static"), "static"} {
		source.Walk(fsys, dir, &diags, nil, func(p string) {
			data, err := source.ReadFile(fsys, p)
			if err != nil {
				diags.Add(source.Problem(fsys, p, err))
				return
			}
			rel := source.Rel(dir, p)
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
