package scan

import (
	"archive/zip"
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
	"testing"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/site"
)

// makePDF returns a one-page PDF showing text, its content stream
// inflated or not.
func makePDF(text string, flate bool) []byte {
	content := []byte("BT /F1 12 Tf 72 720 Td (" + strings.NewReplacer("(", `\(`, ")", `\)`).Replace(text) + ") Tj ET")
	dict := fmt.Sprintf("<< /Length %d >>", len(content))
	if flate {
		var b bytes.Buffer
		w := zlib.NewWriter(&b)
		w.Write(content)
		w.Close()
		content = b.Bytes()
		dict = fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>", len(content))
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	b.WriteString("1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n")
	b.WriteString("2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n")
	b.WriteString("3 0 obj << /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj\n")
	b.WriteString("4 0 obj " + dict + "\nstream\n")
	b.Write(content)
	b.WriteString("\nendstream\nendobj\n")
	b.WriteString("5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj\n")
	b.WriteString("trailer << /Root 1 0 R >>\n%%EOF\n")
	return b.Bytes()
}

// makeDocx returns a minimal Word package whose document says text.
func makeDocx(text string) []byte {
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	w, _ := z.Create("word/document.xml")
	fmt.Fprintf(w, `<?xml version="1.0"?><w:document><w:body><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:body></w:document>`, text)
	z.Close()
	return b.Bytes()
}

// TestScanDisguises plants the six disguises of issue 17, and near misses
// that must not be reported.
func TestScanDisguises(t *testing.T) {
	origin := func(line int) diag.Pos { return diag.Pos{File: "data/providers.csv", Line: line, Col: 7} }
	s, warnings := New([]Term{
		{Text: "Ivywick and Stavewick NHS Trust", Origin: origin(2)},
		{Text: "Quillton and Kestby NHS Trust", Origin: origin(3)},
		{Text: "Netherby General Hospital NHS Foundation Trust", Origin: origin(4)},
		{Text: "ZA006", Origin: origin(5)},
		{Text: "ZA010", Origin: origin(6)},
		{Text: "ZA013", Origin: origin(7)},
		{Text: "University of Dunden", Origin: origin(8)},
		{Text: "Brackwick Mental Health", Origin: origin(9)},
	}, Options{Abbreviations: []Abbreviation{{Short: "MH", Long: "Mental Health"}}})
	if len(warnings) > 0 {
		t.Fatal(warnings)
	}
	tests := []struct {
		name, path string
		data       []byte
		want       string // "text@line" of each hit, "|"-separated
	}{
		{"& for and", "a/index.html", []byte("<p>Learners at Ivywick &amp; Stavewick NHS Trust said</p>"), "Ivywick & Stavewick NHS Trust@2"},
		{"Cyrillic letter", "a/index.html", []byte("<p>Quіllton and Kestby NHS Trust</p>"), "Quіllton and Kestby NHS Trust@3"},
		{"Cyrillic and Greek letters", "a/index.html", []byte("<p>Nеthеrby Gеnеrαl Hospital NHS Foundation Trust</p>"), "Nеthеrby Gеnеrαl Hospital NHS Foundation Trust@4"},
		{"fullwidth code", "a/index.html", []byte("<p>Provider ＺＡ００６ was late.</p>"), "ＺＡ００６@5"},
		{"code with a space", "a/index.html", []byte("<p>ZA 010 replied.</p>"), "ZA 010@6"},
		{"code with dots", "a/index.html", []byte("<p>Z.A.0.1.3 replied.</p>"), "Z.A.0.1.3@7"},
		{"code with a hyphen", "data.json", []byte(`{"p":"za-010"}`), "za-010@6"},
		{"NHS FT", "a/index.html", []byte("<p>Netherby General Hospital NHS FT</p>"), "Netherby General Hospital NHS FT@4"},
		{"FT alone", "a/index.html", []byte("<p>Netherby General Hospital FT</p>"), "Netherby General Hospital FT@4"},
		{"NHS Trust for a foundation trust", "a/index.html", []byte("<p>Netherby General Hospital NHS Trust</p>"), "Netherby General Hospital NHS Trust@4"},
		{"Univ.", "a/index.html", []byte("<p>Univ. of Dunden</p>"), "Univ. of Dunden@8"},
		{"the site's own abbreviation", "a/index.html", []byte("<p>Brackwick MH</p>"), "Brackwick MH@9"},
		{"zero for o, one for l", "a/index.html", []byte("<p>Qui11ton and Kestby NHS Trust</p>"), "Qui11ton and Kestby NHS Trust@3"},
		{"PDF", "static/report.pdf", makePDF("Staff at Netherby General Hospital NHS Foundation Trust agreed.", false), "Netherby General Hospital NHS Foundation Trust@4"},
		{"inflated PDF", "static/report.pdf", makePDF("ZA 010 agreed.", true), "ZA 010@6"},
		{"Word document", "files/notes.docx", makeDocx("Ivywick and Stavewick NHS Trust"), "Ivywick and Stavewick NHS Trust@2"},
		{"near misses", "a/index.html", []byte("<p>ZA0101, pizza 010, ZA to 010, Ivywick and Stavewickshire, soft FTP, a Netherby General Hospital visit</p>"), ""},
		{"a code across a line break", "a/index.html", []byte("<p>Z.\n    A 0 1 0</p>"), "Z. A 0 1 0@6"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, h := range s.File(site.File{Path: tt.path, Data: tt.data, Source: "content/a.md"}) {
				got = append(got, fmt.Sprintf("%s@%d", h.Text, h.Origin.Line))
			}
			if g := strings.Join(got, "|"); g != tt.want {
				t.Errorf("hits %q, want %q", g, tt.want)
			}
		})
	}
}

// TestScanUnreadableDocuments: a document whose text cannot be read is
// reported, naming the file, never passed unchecked.
func TestScanUnreadableDocuments(t *testing.T) {
	s, _ := New(nil, Options{})
	tests := []struct {
		name, path string
		data       []byte
		want       string
	}{
		{"encrypted PDF", "static/a.pdf", append(makePDF("x", false), []byte("trailer << /Encrypt 6 0 R >>")...), "it is encrypted"},
		{"not a PDF", "static/b.pdf", []byte("GIF89a"), "it does not start as a PDF file does"},
		{"unknown filter", "static/c.pdf", []byte("%PDF-1.4\n4 0 obj << /Filter /LZWDecode >>\nstream\nxx\nendstream\nendobj\n"), "the filter /LZWDecode"},
		{"two-byte font without a map", "static/d.pdf", []byte("%PDF-1.4\n5 0 obj << /Type /Font /Encoding /Identity-H >> endobj\n"), "no ToUnicode map"},
		{"old Word format", "static/e.doc", []byte("\xd0\xcf\x11\xe0"), "older format"},
		{"broken package", "static/f.xlsx", []byte("PK not really"), "not a valid document package"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits := s.File(site.File{Path: strings.TrimPrefix(tt.path, "static/"), Data: tt.data, Source: tt.path})
			if len(hits) != 1 || hits[0].Pattern != Unreadable || !strings.Contains(hits[0].Text, tt.want) {
				t.Fatalf("hits %+v, want one saying %q", hits, tt.want)
			}
			d := hits[0].Diagnostic()
			if d.Pos.File != tt.path || !strings.Contains(d.Msg, " (made from "+tt.path+") cannot be checked") {
				t.Errorf("diagnostic %s", d.Error())
			}
		})
	}
}
