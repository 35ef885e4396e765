// Package dataset loads the typed tables under a site's data/ folder.
//
// The manifest data/datasets.toml declares every dataset: its file (CSV or
// TOML), title, key columns and columns with their types, whether each column
// is required or identifying, and whether the dataset is private (raw,
// provider-level data) or public. docs/datasets.md describes the format for
// the people who edit it.
//
// Load reads the manifest, the reference data (data/regions.toml and
// data/professions.toml) and every declared file from an fs.FS rooted at the
// site's source folder. It reports every problem it finds in one run, each as
// a diag.Diagnostic at the file, line and column where it can be fixed, with
// the offending line attached and a hint in plain words. It never writes.
//
// Every cell is parsed into a typed Value (whole number, exact decimal, civil
// date, enum value, region, profession or standard reference, or a list of
// references) that remembers its position, so that later checks can point
// back at the cell.
//
// # Private data
//
// A private dataset is loaded into a PrivateTable, a type distinct from the
// public Table. A PrivateTable prints as a placeholder, refuses to be
// marshalled to JSON and has no method that returns its rows: the rows are
// reachable only through the package function PrivateRows, which only the
// aggregation code (package anonymise) may call. Identifying columns are
// allowed only in private datasets; Identifiers lists their values for the
// identifier scan of the built site (package scan).
package dataset
