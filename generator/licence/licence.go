// Package licence names the licence that a site's open data is published
// under, in the files themselves: a field of every JSON file, and for a
// CSV file, whose rows leave no room for it, a metadata file beside it in
// the W3C's CSV on the Web vocabulary (CSVW).
//
// CSVW's rule for finding a CSV file's metadata is to append
// "-metadata.json" to its address (standards.csv has
// standards.csv-metadata.json), so tools that read CSVW find the licence
// without being told where to look, and people find it by the same name.
package licence

import (
	"bytes"
	"encoding/json"
	"path"
)

// Licence is a licence as open data names it.
type Licence struct {
	// Name is the licence's name ("Open Government Licence v3.0") and URL
	// the address of its terms.
	Name string `json:"name"`
	URL  string `json:"url"`
}

// MetadataSuffix is what CSVW appends to a CSV file's name to find its
// metadata.
const MetadataSuffix = "-metadata.json"

// CSVMetadata returns the CSVW metadata of the CSV file at csvPath (a
// slash path): its title, its licence (dc:license, as CSVW's examples
// write it) and its copyright line (dc:rights). Put it at
// csvPath + MetadataSuffix.
func CSVMetadata(csvPath, title string, l Licence, copyright string) []byte {
	doc := struct {
		Context string `json:"@context"`
		URL     string `json:"url"`
		Title   string `json:"dc:title"`
		License struct {
			ID   string `json:"@id"`
			Name string `json:"dc:title"`
		} `json:"dc:license"`
		Rights string `json:"dc:rights,omitempty"`
	}{Context: "http://www.w3.org/ns/csvw", URL: path.Base(csvPath), Title: title, Rights: copyright}
	doc.License.ID, doc.License.Name = l.URL, l.Name
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	_ = enc.Encode(doc) // strings only: it cannot fail
	return b.Bytes()
}
