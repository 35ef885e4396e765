package pipeline

import (
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/site"
)

// merge joins the output of every stage into one list sorted by path, and
// refuses two files with the same path: a static file may not silently
// replace a page, nor a page a static file. A clash with an alias's
// redirect page is reported at the alias, found with aliasAt.
func merge(aliasAt func(site.File) (diag.Diagnostic, bool), groups ...[]site.File) ([]site.File, diag.List) {
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
			d := diag.Errorf(diag.Pos{File: orGenerated(f.Source)}, "%s would be written to %s, which %s also writes", orGenerated(f.Source), f.Path, orGenerated(prev.Source))
			diags.Add(atAlias(d, aliasAt, f, prev).WithHint("rename or remove one of them"))
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
		d := diag.Errorf(diag.Pos{File: orGenerated(at)}, "%s would be a file, but %s (from %s) needs a folder of that name", f.Path, other.Path, orGenerated(other.Source))
		diags.Add(atAlias(d, aliasAt, f, other).WithHint("rename one of them (an alias or static file usually)"))
	}
	return out, diags
}

// atAlias moves d to the alias line of whichever of the clashing files is
// an alias's redirect page: the alias is what the editor just wrote, and
// the other file (an open-data file, say) comes from elsewhere.
func atAlias(d diag.Diagnostic, aliasAt func(site.File) (diag.Diagnostic, bool), files ...site.File) diag.Diagnostic {
	if aliasAt == nil {
		return d
	}
	for _, f := range files {
		if at, ok := aliasAt(f); ok {
			at.Msg, at.Severity = d.Msg, d.Severity
			return at
		}
	}
	return d
}

// aliasesOf returns the function that finds the alias line in front
// matter that made an output file, if the file is an alias's redirect
// page.
func aliasesOf(s *site.Site) func(site.File) (diag.Diagnostic, bool) {
	return func(f site.File) (diag.Diagnostic, bool) {
		p := s.GetPage(f.Source)
		if p == nil || p.Front == nil {
			return diag.Diagnostic{}, false
		}
		for i, a := range p.Aliases {
			if strings.TrimPrefix(path.Clean(a), "/")+"/index.html" == f.Path {
				return p.Front.Errorf([]string{"aliases", strconv.Itoa(i)}, ""), true
			}
		}
		return diag.Diagnostic{}, false
	}
}

func orGenerated(source string) string {
	if source == "" {
		return "(generated)"
	}
	return source
}
