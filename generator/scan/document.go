package scan

import (
	"archive/zip"
	"bytes"
	"io"
	"path"
	"slices"
	"strings"

	"github.com/plinth-ssg/plinth/generator/site"
)

// Documents. Files published as they are (from static/ or beside a page
// in content/) can be documents: PDFs, and office files (Word, Excel,
// PowerPoint, OpenDocument), which are zip packages of XML. The scanner
// reads their text like a page's; a document it cannot read is refused
// with a Hit of the pattern Unreadable, naming the file, since a document
// nobody checked must not be published.

// documentKinds names the documents the scanner reads, by extension.
var documentKinds = map[string]string{
	".pdf":  "PDF document",
	".docx": "Word document", ".xlsx": "Excel workbook", ".pptx": "PowerPoint presentation",
	".odt": "OpenDocument text", ".ods": "OpenDocument spreadsheet", ".odp": "OpenDocument presentation",
	".doc": "Word 97–2003 document", ".xls": "Excel 97–2003 workbook", ".ppt": "PowerPoint 97–2003 presentation",
}

// documentOf returns what kind of document a file is, or "".
func documentOf(name string) string { return documentKinds[strings.ToLower(path.Ext(name))] }

// maxPackagePart caps how much of one part of an office package is read.
const maxPackagePart = 64 << 20

// document scans a document's text, or reports it unreadable.
func (s *Scanner) document(f site.File, kind string) []Hit {
	var text []byte
	var err error
	markupText := false
	switch strings.ToLower(path.Ext(f.Path)) {
	case ".pdf":
		var t string
		t, err = pdfText(f.Data)
		text = []byte(t)
	case ".doc", ".xls", ".ppt":
		err = unreadable("Plinth cannot read the text of this older format")
	default:
		text, err = packageText(f.Data)
		markupText = true
	}
	if err != nil {
		return []Hit{{Path: f.Path, Source: f.Source, Document: kind, Text: err.Error(), Pattern: Unreadable, Count: 1}}
	}
	name := "text.txt"
	if markupText {
		name = "text.xml"
	}
	hits := s.File(site.File{Path: name, Data: text})
	for i := range hits {
		hits[i].Path, hits[i].Source, hits[i].Document = f.Path, f.Source, kind
	}
	return hits
}

// packageText returns the XML parts of an office package, one after the
// other, for reading as markup.
func packageText(data []byte) ([]byte, error) {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, unreadable("it is not a valid document package: %v", err)
	}
	files := slices.Clone(z.File)
	slices.SortFunc(files, func(a, b *zip.File) int { return strings.Compare(a.Name, b.Name) })
	var out bytes.Buffer
	for _, zf := range files {
		if !strings.HasSuffix(strings.ToLower(zf.Name), ".xml") {
			continue
		}
		r, err := zf.Open()
		if err != nil {
			return nil, unreadable("its part %s cannot be read: %v", zf.Name, err)
		}
		part, err := io.ReadAll(io.LimitReader(r, maxPackagePart+1))
		r.Close()
		if err != nil {
			return nil, unreadable("its part %s cannot be read: %v", zf.Name, err)
		}
		if len(part) > maxPackagePart {
			return nil, unreadable("its part %s is larger than %d MB", zf.Name, maxPackagePart>>20)
		}
		out.Write(part)
		out.WriteString("\n<br/>\n")
	}
	return out.Bytes(), nil
}
