// Package opendata writes every published table as open data: a CSV file of
// the figures as the page shows them, and a JSON file of the same figures
// with their metadata (title, source, period, the date the site was built
// and the disclosure method), described by a JSON Schema written beside
// them.
//
// It reads published tables only (site.PublicTable, whose figures come out
// of package anonymise), so it cannot write a raw count. Output is in memory
// and deterministic: the build date is the site's BuildDate, never the wall
// clock, and everything is written in table order.
//
// # CSV
//
// RFC 4180, UTF-8 without a byte-order mark, CRLF line ends. The first row
// is the header: the row heading, each column label, then the totals
// column's label (England). Then one row per table row and the totals row.
// A figure is written without thousands separators or % sign; a hidden
// figure is written [c], the Government Statistical Service symbol. A
// percentage table's first heading says that its figures are percentages.
// The metadata and notes are in the JSON file, so that the CSV stays one
// rectangle that any tool can read; its licence is in the CSVW metadata
// file beside it (NAME.csv-metadata.json, see package licence). A label that a spreadsheet would take
// for a formula (it begins with =, +, -, @, a tab or a carriage return) is
// written after an apostrophe, so that opening the download cannot run
// anything (OWASP's advice on CSV injection); the JSON keeps it as it is.
//
// # JSON
//
// One object per file, described by table.schema.json: the metadata (the
// licence among it), the notes, the column labels, and the rows, each with its label, its values
// in column order and its total. A value is a number, or the string "[c]".
package opendata

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"path"
	"time"

	"github.com/plinth-ssg/plinth/generator/internal/csvcell"

	"github.com/plinth-ssg/plinth/generator/anonymise"
	"github.com/plinth-ssg/plinth/generator/licence"
	"github.com/plinth-ssg/plinth/generator/site"
)

// SchemaFile is the name of the JSON Schema written beside the files.
const SchemaFile = "table.schema.json"

// Options configure Files.
type Options struct {
	// Dir is the output folder, relative to the output root
	// ("action-plans/data").
	Dir string
	// Built is the site's build date (site.Site.BuildDate).
	Built time.Time
	// Origin and BasePath make the schema's absolute address for $schema
	// (config.Config's Origin and BasePath).
	Origin, BasePath string
	// Source is the source file named in the files' diagnostics (the
	// manifest that declares the data).
	Source string
	// Licence is the licence every file names, and Copyright the site's
	// copyright line (config.Licence).
	Licence   licence.Licence
	Copyright string
}

// Files writes every table as CSV and JSON, and sets each table's Files
// (CSV first) to the downloads. It returns the files, the schema included,
// in table order.
func Files(tables []*site.PublicTable, opts Options) ([]site.File, error) {
	if len(tables) == 0 {
		return nil, nil
	}
	schemaURL := opts.Origin + opts.BasePath + path.Join(opts.Dir, SchemaFile)
	out := []site.File{{Path: path.Join(opts.Dir, SchemaFile), Data: []byte(schema), Source: opts.Source}}
	for _, t := range tables {
		if !validName(t.Name) {
			return nil, fmt.Errorf("table %q: %q is not a usable file name", t.Title(), t.Name)
		}
		c := CSV(t.Table)
		j, err := JSON(t, schemaURL, opts.Built, opts.Licence)
		if err != nil {
			return nil, err
		}
		base := path.Join(opts.Dir, t.Name)
		t.Files = []site.Download{
			{Format: "CSV", URL: "/" + base + ".csv", Size: len(c)},
			{Format: "JSON", URL: "/" + base + ".json", Size: len(j)},
		}
		out = append(out,
			site.File{Path: base + ".csv", Data: c, Source: opts.Source},
			site.File{Path: base + ".csv" + licence.MetadataSuffix, Data: licence.CSVMetadata(base+".csv", t.Title(), opts.Licence, opts.Copyright), Source: opts.Source},
			site.File{Path: base + ".json", Data: j, Source: opts.Source})
	}
	return out, nil
}

func validName(name string) bool {
	if name == "" {
		return false
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// CSV writes a table's figures as CSV.
func CSV(t *anonymise.Table) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	first := t.Meta().RowHeading
	if first == "" {
		first = "Row"
	}
	if t.Kind() == anonymise.KindPercentage {
		first += " (figures are percentages)"
	}
	header := []string{csvcell.Guard(first)}
	for _, l := range t.ColumnLabels() {
		header = append(header, csvcell.Guard(l))
	}
	if t.HasRowTotals() {
		header = append(header, csvcell.Guard(t.RowTotalLabel()))
	}
	_ = w.Write(header) // a bytes.Buffer does not fail
	row := func(r anonymise.Row) {
		rec := []string{csvcell.Guard(r.Label)}
		for _, c := range r.Cells {
			rec = append(rec, c.Plain())
		}
		if t.HasRowTotals() {
			rec = append(rec, r.Total.Plain())
		}
		_ = w.Write(rec)
	}
	for _, r := range t.Rows() {
		row(r)
	}
	if r, ok := t.TotalRow(); ok {
		if !t.HasRowTotals() {
			r.HasTotal = false
		}
		row(r)
	}
	w.Flush()
	return buf.Bytes()
}

// document is the JSON file; schema.go describes it for readers.
type document struct {
	Schema        string          `json:"$schema"`
	Name          string          `json:"name"`
	Title         string          `json:"title"`
	Source        string          `json:"source,omitempty"`
	Period        string          `json:"period,omitempty"`
	Built         string          `json:"built"`
	Licence       licence.Licence `json:"licence"`
	Disclosure    string          `json:"disclosure"`
	Unit          string          `json:"unit"`
	Suppressed    string          `json:"suppressedSymbol"`
	Notes         []string        `json:"notes"`
	RowHeading    string          `json:"rowHeading,omitempty"`
	ColumnHeading string          `json:"columnHeading,omitempty"`
	Columns       []string        `json:"columns"`
	TotalColumn   string          `json:"totalColumn,omitempty"`
	Rows          []row           `json:"rows"`
	TotalRow      *row            `json:"totalRow,omitempty"`
}

type row struct {
	Label  string  `json:"label"`
	Values []value `json:"values"`
	Total  *value  `json:"total,omitempty"`
}

// value is a published figure: a number, or "[c]".
type value struct{ c anonymise.Cell }

func (v value) MarshalJSON() ([]byte, error) {
	if v.c.Suppressed() {
		return json.Marshal(anonymise.SymbolConfidential)
	}
	return []byte(v.c.Plain()), nil
}

// JSON writes a table's figures and metadata as JSON.
func JSON(t *site.PublicTable, schemaURL string, built time.Time, lic licence.Licence) ([]byte, error) {
	m := t.Meta()
	unit := map[anonymise.Kind]string{anonymise.KindCount: "count", anonymise.KindPercentage: "percent", anonymise.KindAverage: "average"}[t.Kind()]
	d := document{
		Schema: schemaURL, Name: t.Name, Title: t.Title(), Source: m.Source, Period: m.Period,
		Built: built.UTC().Format("2006-01-02"), Licence: lic, Disclosure: t.Method(), Unit: unit,
		Suppressed: anonymise.SymbolConfidential, Notes: t.Footnotes(),
		RowHeading: m.RowHeading, ColumnHeading: m.ColumnHeading, Columns: t.ColumnLabels(),
	}
	if d.Notes == nil {
		d.Notes = []string{}
	}
	if t.HasRowTotals() {
		d.TotalColumn = t.RowTotalLabel()
	}
	conv := func(r anonymise.Row, withTotal bool) row {
		out := row{Label: r.Label, Values: []value{}}
		for _, c := range r.Cells {
			out.Values = append(out.Values, value{c})
		}
		if withTotal && r.HasTotal {
			out.Total = &value{r.Total}
		}
		return out
	}
	d.Rows = []row{}
	for _, r := range t.Rows() {
		d.Rows = append(d.Rows, conv(r, true))
	}
	if r, ok := t.TotalRow(); ok {
		tr := conv(r, t.HasRowTotals())
		d.TotalRow = &tr
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	// Labels are plain text; escaping <, > and & as \u003c keeps nothing
	// safer in a downloaded file and makes it harder to read.
	enc.SetEscapeHTML(false)
	if err := enc.Encode(d); err != nil {
		return nil, fmt.Errorf("table %q: %w", t.Name, err)
	}
	return buf.Bytes(), nil
}
