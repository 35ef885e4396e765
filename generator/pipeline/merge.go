package pipeline

import (
	"path"
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
	// A file and a folder cannot share a name: an alias "/index.html/" or
	// a static file "guidance" beside the page guidance/index.html.
	dirs := map[string]site.File{}
	for _, f := range out {
		for d := path.Dir(f.Path); d != "."; d = path.Dir(d) {
			if _, ok := dirs[d]; ok {
				break
			}
			dirs[d] = f
		}
	}
	for _, f := range out {
		other, ok := dirs[f.Path]
		if !ok {
			continue
		}
		at := f.Source
		if at == "" {
			at = other.Source
		}
		diags.Add(diag.Errorf(diag.Pos{File: orGenerated(at)}, "%s would be a file, but %s (from %s) needs a folder of that name", f.Path, other.Path, orGenerated(other.Source)).
			WithHint("rename one of them (an alias or static file usually)"))
	}
	return out, diags
}

func orGenerated(source string) string {
	if source == "" {
		return "(generated)"
	}
	return source
}
