package dataset

import (
	"github.com/plinth-ssg/plinth/generator/diag"
)

// Set is everything Load found under data/.
type Set struct {
	// Regions and Professions are the reference data, in file order.
	Regions     []Region
	Professions []Profession
	// Tables are the public datasets, in manifest order.
	Tables []*Table
	// Private are the private datasets, in manifest order. Their rows
	// are reachable only through PrivateRows.
	Private []*PrivateTable
	// broken holds the data files whose loading reported an error.
	broken map[string]bool
}

// Broken reports whether loading the data file (a path such as
// "data/providers.csv") reported an error: its rows are incomplete or
// missing, so a check of another file against it fails for that reason,
// and such a failure is a knock-on (diag.Because) of the file's own
// errors rather than a problem of its own.
func (s *Set) Broken(file string) bool { return s != nil && s.broken[file] }

// Failed reports whether loading any data file, the manifest included,
// reported an error.
func (s *Set) Failed() bool { return s != nil && len(s.broken) > 0 }

// Table returns the public dataset called name, or nil.
func (s *Set) Table(name string) *Table {
	for _, t := range s.Tables {
		if t.Spec.Name == name {
			return t
		}
	}
	return nil
}

// PrivateTable returns the private dataset called name, or nil.
func (s *Set) PrivateTable(name string) *PrivateTable {
	for _, t := range s.Private {
		if t.spec.Name == name {
			return t
		}
	}
	return nil
}

// Region returns the region with the given key. The pseudo-region
// "national" is returned as a Region named "National" (England as a whole).
func (s *Set) Region(key string) (Region, bool) {
	if key == National {
		return Region{Key: National, Name: "National"}, true
	}
	for _, r := range s.Regions {
		if r.Key == key {
			return r, true
		}
	}
	return Region{}, false
}

// Profession returns the profession group with the given key.
func (s *Set) Profession(key string) (Profession, bool) {
	for _, p := range s.Professions {
		if p.Key == key {
			return p, true
		}
	}
	return Profession{}, false
}

// Table is a public dataset: its rows may be shown on the site as they are.
type Table struct {
	Spec   *Spec
	rows   []Row
	source *diag.Source
}

// Source returns the data file's text, so that a later stage that finds a
// problem in a cell can show its line.
func (t *Table) Source() *diag.Source { return t.source }

// Rows returns the rows in file order.
func (t *Table) Rows() []Row { return t.rows }

// Len returns the number of rows.
func (t *Table) Len() int { return len(t.rows) }

// Row is one row of a public dataset.
type Row struct {
	// Pos is where the row starts in its file.
	Pos    diag.Pos
	spec   *Spec
	values []Value
}

// Get returns the value of the named column; an unknown name gives an
// empty Value.
func (r Row) Get(column string) Value {
	if i := r.spec.columnIndex(column); i >= 0 {
		return r.values[i]
	}
	return Value{}
}

// Values returns the row's values in column order.
func (r Row) Values() []Value { return r.values }
