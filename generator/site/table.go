package site

import (
	"fmt"

	"github.com/plinth-ssg/plinth/generator/anonymise"
)

// PublicTable is a table of figures the site publishes: an anonymise.Table,
// whose every figure has been through disclosure control, with the name
// layouts use for it and its open-data files. It is the only form in which
// data from a private dataset reaches a layout; its fields and methods lead
// to published figures, labels and addresses only.
type PublicTable struct {
	*anonymise.Table
	// Name is the table's stable name: the argument of the layouts' table
	// function and the base name of its files ("actions-by-status").
	Name string
	// Subject is the title without its split by region ("Actions by
	// status"), for a page about one region.
	Subject string
	// Files are the table's open-data downloads (CSV, then JSON), set by
	// the open-data stage.
	Files []Download
}

// Download is one file a reader can download.
type Download struct {
	// Format is the file format as readers know it: "CSV" or "JSON".
	Format string
	// URL is the file's address relative to the base URL, like Page.URL
	// ("/action-plans/data/actions-by-status.csv"); layouts link with
	// relURL.
	URL string
	// Size is the file's size in bytes.
	Size int
}

// SizeText is the size for people: "850 bytes", "2 KB", "1.4 MB".
func (d Download) SizeText() string {
	switch {
	case d.Size < 1000:
		return fmt.Sprintf("%d bytes", d.Size)
	case d.Size < 1_000_000:
		return fmt.Sprintf("%d KB", (d.Size+500)/1000)
	}
	return fmt.Sprintf("%.1f MB", float64(d.Size)/1e6)
}

// ForColumn returns the column labelled label (a region's name) beside the
// totals, as a table titled "Subject, label", for a page about that column's
// subject. It is an error if the table has no such column.
func (t *PublicTable) ForColumn(label string) (*anonymise.Table, error) {
	j := t.Column(label)
	if j < 0 {
		return nil, fmt.Errorf("the table %q has no column %q", t.Name, label)
	}
	subject := t.Subject
	if subject == "" {
		subject = t.Title()
	}
	return t.ColumnTable(j, subject+", "+label), nil
}
