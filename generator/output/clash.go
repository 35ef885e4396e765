package output

import (
	"path"

	"github.com/plinth-ssg/plinth/generator/diag"
)

// clashes refuses two files with the same path (a static file may not
// silently replace a page, nor a page a static file), and a file where
// another file needs a folder. Files are listed by path, then by group,
// and the earlier of two is named as the one already writing the path. A
// clash with an alias's redirect page is reported at the alias (see
// Options.Alias).
func (p *Pass) clashes() diag.List {
	var diags diag.List
	all := make([]claim, len(p.recs)) // in order (Pass.order)
	for i, r := range p.recs {
		all[i] = r.claim
	}
	out := all[:0:0]
	for i, f := range all {
		if i > 0 && all[i-1].path == f.path {
			prev := all[i-1]
			if f.source == "" || prev.source == "" {
				// A file the site makes itself (robots.txt, sitemap.xml,
				// a feed) is no line to point at: the file of the
				// editor's that takes its name is.
				mine := f
				if mine.source == "" {
					mine = prev
				}
				d := diag.Errorf(diag.Pos{File: orGenerated(mine.source)}, "%s would be written to %s, which the site makes itself", orGenerated(mine.source), f.path)
				diags.Add(p.atAlias(d, mine).WithHint("rename or remove %s: Plinth writes %s on its own", orGenerated(mine.source), f.path))
				continue
			}
			d := diag.Errorf(diag.Pos{File: f.source}, "%s would be written to %s, which %s also writes", f.source, f.path, prev.source)
			diags.Add(p.atAlias(d, f, prev).WithHint("rename or remove one of them"))
			continue
		}
		out = append(out, f)
	}
	// A file and a folder cannot share a name: an alias "/index.html/" or
	// a static file "guidance" beside the page guidance/index.html.
	dirs := map[string]claim{}
	for _, f := range out {
		for d := path.Dir(f.path); d != "."; d = path.Dir(d) {
			if _, ok := dirs[d]; ok {
				break
			}
			dirs[d] = f
		}
	}
	for _, f := range out {
		other, ok := dirs[f.path]
		if !ok {
			continue
		}
		at := f.source
		if at == "" {
			at = other.source
		}
		d := diag.Errorf(diag.Pos{File: orGenerated(at)}, "%s would be a file, but %s (from %s) needs a folder of that name", f.path, other.path, orGenerated(other.source))
		diags.Add(p.atAlias(d, f, other).WithHint("rename one of them (an alias or static file usually)"))
	}
	return diags
}

// atAlias moves d to the alias line of whichever of the clashing files is
// an alias's redirect page: the alias is what the editor just wrote, and
// the other file (an open-data file, say) comes from elsewhere.
func (p *Pass) atAlias(d diag.Diagnostic, claims ...claim) diag.Diagnostic {
	if p.opts.Alias == nil {
		return d
	}
	for _, c := range claims {
		if at, ok := p.opts.Alias(c.path, c.source); ok {
			at.Msg, at.Severity = d.Msg, d.Severity
			return at
		}
	}
	return d
}

func orGenerated(source string) string {
	if source == "" {
		return "(generated)"
	}
	return source
}
