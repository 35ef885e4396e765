package dataset

import "github.com/plinth-ssg/plinth/generator/diag"

// Spec describes one dataset as declared in data/datasets.toml. It holds
// the schema only, never data, so it is safe to show anywhere.
type Spec struct {
	// Name is the dataset's slug, used to refer to it from layouts and
	// charts.
	Name string
	// File is the data file's path relative to the data/ folder.
	File string
	// Title and Description say what the dataset holds, in plain words.
	Title       string
	Description string
	// Private marks raw data that may be published only after
	// aggregation and disclosure control.
	Private bool
	// Optional lets the file be empty or hold only its header row.
	Optional bool
	// Key names the columns whose values together identify a row; no two
	// rows may share them. It may be empty.
	Key []string
	// Columns are in the order declared.
	Columns []Column
	// Pos is the position of the dataset's [[dataset]] entry in the
	// manifest.
	Pos diag.Pos
}

// Path returns the data file's path relative to the site's source folder,
// as used in diagnostics (for example "data/actions.csv").
func (s *Spec) Path() string { return DataDir + "/" + s.File }

// Column returns the column called name.
func (s *Spec) Column(name string) (Column, bool) {
	if i := s.columnIndex(name); i >= 0 {
		return s.Columns[i], true
	}
	return Column{}, false
}

func (s *Spec) columnIndex(name string) int {
	for i, c := range s.Columns {
		if c.Name == name {
			return i
		}
	}
	return -1
}

func (s *Spec) columnNames() []string {
	names := make([]string, len(s.Columns))
	for i, c := range s.Columns {
		names[i] = c.Name
	}
	return names
}

// Column describes one column of a dataset.
type Column struct {
	// Name is the column's heading in a CSV file, or its key in a TOML
	// file.
	Name string
	// Type says what values the column holds.
	Type Type
	// Description says what the column means.
	Description string
	// Required means every row must have a value. Key columns are always
	// required.
	Required bool
	// Identifying marks values that identify an organisation, site or
	// person; they must never appear in the built site.
	Identifying bool
	// List lets one cell hold several values separated by Separator.
	List      bool
	Separator string
	// Values lists the allowed values of an enum column.
	Values []string
	// National lets a region column hold the pseudo-region "national".
	National bool
	// Min and Max bound the values of a numeric column when set.
	Min, Max *int64
	// Pos is the position of the column's entry in the manifest.
	Pos diag.Pos
}
