package dataset

import (
	"bytes"
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/source"
)

// Options configure Load.
type Options struct {
	// Standards checks standard references. When nil, any reference of
	// the right form (EDITION:ID or ID) is accepted as written.
	Standards StandardResolver
}

// Load reads data/datasets.toml, the reference data and every declared
// dataset from fsys, which is rooted at the site's source folder. It
// returns what it could load together with every problem found; a dataset
// whose file has problems is left out of the Set only if the file could
// not be read at all, otherwise its good rows are kept so that later stages
// can report further problems. The caller decides whether to stop: any
// error in the list means the build must not publish.
func Load(fsys fs.FS, opts Options) (*Set, diag.List) {
	var l diag.List
	set := &Set{}
	regions, haveRegions := loadRegions(fsys, &l)
	profs, haveProfs := loadProfessions(fsys, &l)
	set.Regions, set.Professions = regions, profs
	specs, mentioned, manifestRead := loadManifest(fsys, &l)
	requireReference(specs, TypeRegion, RegionsPath, haveRegions, &l)
	requireReference(specs, TypeProfession, ProfessionsPath, haveProfs, &l)
	r := newRefs(regions, profs, opts.Standards)
	r.brokenRegions, r.brokenProfs = brokenFiles(l)[RegionsPath], brokenFiles(l)[ProfessionsPath]
	for _, spec := range specs {
		text, err := source.ReadText(fsys, spec.Path())
		if err != nil {
			l.Add(source.Problem(fsys, spec.Path(), err))
			continue
		}
		var rows []loadedRow
		if path.Ext(spec.File) == ".toml" {
			rows = loadTOML(spec, text, r, &l)
		} else {
			rows = loadCSV(spec, text, r, &l)
		}
		if spec.Private {
			t := &PrivateTable{spec: spec}
			for _, r := range rows {
				t.rows = append(t.rows, PrivateRow{pos: r.pos, spec: spec, values: r.values})
			}
			set.Private = append(set.Private, t)
		} else {
			// The BOM is left out as the CSV loader leaves it out, so
			// that positions agree with the text.
			t := &Table{Spec: spec, source: diag.NewSource(spec.Path(), bytes.TrimPrefix(text, utf8BOM))}
			for _, r := range rows {
				t.rows = append(t.rows, Row{Pos: r.pos, spec: spec, values: r.values})
			}
			set.Tables = append(set.Tables, t)
		}
	}
	if manifestRead {
		// (Otherwise every data file would seem undeclared.)
		warnUndeclared(fsys, mentioned, &l)
	}
	set.broken = brokenFiles(l)
	return set, l
}

// brokenFiles lists the files that l reports an error in.
func brokenFiles(l diag.List) map[string]bool {
	broken := map[string]bool{}
	for _, d := range l {
		if d.Severity == diag.Error {
			broken[d.Pos.File] = true
		}
	}
	return broken
}

// loadedRow is a row as the CSV and TOML loaders return it.
type loadedRow struct {
	pos    diag.Pos // the start of the row: column 1 of its line, or its [[row]] header
	values []Value  // in the spec's column order
}

// requireReference reports columns of type t when the reference file they
// need is missing.
func requireReference(specs []*Spec, t Type, file string, have bool, l *diag.List) {
	if have {
		return
	}
	for _, s := range specs {
		for _, c := range s.Columns {
			if c.Type == t {
				l.Add(diag.Errorf(c.Pos, "the column %q of dataset %q refers to %s, which does not exist", c.Name, s.Name, file).
					WithHint("restore %s, or change the column's type", file))
			}
		}
	}
}

// ReadElsewhere are the files of the data folder that later stages read
// themselves, so they are not datasets: the search's synonyms
// (search.SynonymsPath).
var ReadElsewhere = []string{DataDir + "/search-synonyms.toml"}

// warnUndeclared warns about data files the manifest does not mention:
// they are ignored, which is rarely what the editor intended.
func warnUndeclared(fsys fs.FS, mentioned []string, l *diag.List) {
	declared := slices.Concat([]string{ManifestPath, RegionsPath, ProfessionsPath}, ReadElsewhere, mentioned)
	_ = fs.WalkDir(fsys, DataDir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() && p == ReleasesDir {
			return fs.SkipDir // the action-plan releases, read by package actionplans
		}
		if err == nil && d.IsDir() && p != DataDir && looksLikeData(p) {
			// A folder named like a data file was passed over without a
			// word, and the files in it were never read.
			l.Add(diag.Warningf(diag.Pos{File: p}, "%s is a folder, not a data file, so nothing in it is read", p).
				WithHint("a data file (.csv or .toml) is a file listed in %s; rename the folder, or move its files into data/ and list them", ManifestPath))
			return fs.SkipDir
		}
		if err != nil || d.IsDir() || slices.Contains(declared, p) {
			return nil
		}
		if looksLikeData(p) {
			l.Add(diag.Warningf(diag.Pos{File: p}, "%s is not declared in %s, so it is ignored", p, ManifestPath).
				WithHint("add a [[dataset]] entry for it, or move it out of the data/ folder"))
		}
		return nil
	})
}

// looksLikeData reports whether the name p ends like a data file.
func looksLikeData(p string) bool {
	ext := strings.ToLower(path.Ext(p))
	return ext == ".csv" || ext == ".toml"
}

// ReleasesDir is the folder of the action-plan releases (package
// actionplans reads them): not datasets, so not declared in the manifest.
const ReleasesDir = DataDir + "/releases"

func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }

// isLink reports whether name is a symbolic link (which a read refuses if
// it leads out of the site).
func isLink(fsys fs.FS, name string) bool {
	st, err := fs.Lstat(fsys, name)
	return err == nil && st.Mode()&fs.ModeSymlink != 0
}
