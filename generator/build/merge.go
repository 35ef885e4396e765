package build

import (
	"slices"
	"strings"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/site"
)

// merge joins the output of every stage into one list sorted by path, and
// refuses two files with the same path: a static file may not silently
// replace a page, nor a page a static file.
func merge(groups ...[]site.File) ([]site.File, diag.List) {
	var (
		all   []site.File
		diags diag.List
	)
	for _, g := range groups {
		all = append(all, g...)
	}
	slices.SortStableFunc(all, func(a, b site.File) int { return strings.Compare(a.Path, b.Path) })
	out := all[:0]
	for i, f := range all {
		if i > 0 && all[i-1].Path == f.Path {
			prev := all[i-1]
			diags.Add(diag.Errorf(diag.Pos{File: orGenerated(f.Source)}, "%s would be written to %s, which %s also writes", orGenerated(f.Source), f.Path, orGenerated(prev.Source)).
				WithHint("rename or remove one of them"))
			continue
		}
		out = append(out, f)
	}
	return out, diags
}

func orGenerated(source string) string {
	if source == "" {
		return "(generated)"
	}
	return source
}
