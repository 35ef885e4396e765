package content

import (
	"hash/maphash"
	"io/fs"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/parallel"
	"github.com/plinth-ssg/plinth/generator/site"
	"github.com/plinth-ssg/plinth/generator/source"
)

// ReadBodies reads again the bodies that Load left unread (Options.FrontOnly)
// of the pages that need them, putting back each file's whole Source, so
// that the body's problems are placed at the file's own lines. cut is
// Result.Cut. A file whose front matter or body is not what Load read
// (hashed then: Page.BodySum) has changed while the site was being built:
// the page is then left without its body and the file reported as an
// error, so that no build publishes a page made half from the old file
// and half from the new. A source no page needs (a draft's, say) is not
// read again.
func ReadBodies(fsys fs.FS, pages []*site.Page, cut []*diag.Source) diag.List {
	need := make(map[*diag.Source][]*site.Page, len(cut))
	for _, src := range cut {
		need[src] = nil
	}
	for _, p := range pages {
		// A feature's copy of a page shares its source and, as the
		// page would have, its body; a page a feature made with a
		// body of its own, or none, keeps it.
		if pp, ok := need[p.Source]; ok && p.Body == nil && p.File == p.Source.Name {
			need[p.Source] = append(pp, p)
		}
	}
	perFile := make([]diag.List, len(cut))
	parallel.For(len(cut), func(i int) {
		if pp := need[cut[i]]; len(pp) > 0 {
			perFile[i] = readBody(fsys, cut[i], pp)
		}
	})
	var diags diag.List
	for _, d := range perFile {
		diags.Append(d)
	}
	return diags
}

// readBody reads src's file again and gives its pages their body.
func readBody(fsys fs.FS, src *diag.Source, pages []*site.Page) diag.List {
	data, err := source.ReadText(fsys, src.Name)
	if err != nil {
		return diag.List{source.Problem(fsys, src.Name, err)}
	}
	for _, p := range pages {
		if p.BodyOffset > len(data) || maphash.Bytes(bodySeed, data[p.BodyOffset:]) != p.BodySum {
			return diag.List{changed(src.Name)}
		}
	}
	if !src.Restore(data) {
		return diag.List{changed(src.Name)}
	}
	for _, p := range pages {
		p.Body = data[p.BodyOffset:]
	}
	return nil
}

func changed(file string) diag.Diagnostic {
	return diag.Errorf(diag.Pos{File: file}, "this file changed while the site was being built").
		WithHint("build again once the file is saved; this build publishes nothing, so that no page mixes the old text with the new")
}
