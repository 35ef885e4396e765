package dataset

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/plinth-ssg/plinth/generator/diag"
)

// csvSpec is the dataset the CSV tests load: one column of each kind.
func csvSpec() *Spec {
	hundred := int64(100)
	return &Spec{
		Name: "t", File: "t.csv", Key: []string{"id"},
		Columns: []Column{
			{Name: "id", Type: TypeString, Required: true},
			{Name: "name", Type: TypeString, Required: true},
			{Name: "region", Type: TypeRegion, National: true},
			{Name: "professions", Type: TypeProfession, List: true, Separator: ";"},
			{Name: "due", Type: TypeDate},
			{Name: "percent", Type: TypeInteger, Max: &hundred},
			{Name: "score", Type: TypeDecimal},
			{Name: "status", Type: TypeEnum, Values: []string{"open", "closed"}},
		},
	}
}

func csvRefs() *refs {
	return newRefs([]Region{{Key: "london", Name: "London"}}, []Profession{{Key: "nursing", Name: "Nursing"}, {Key: "midwifery", Name: "Midwifery"}}, nil)
}

// TestCSVExportVariants loads the same data as Excel, LibreOffice and a
// text editor save it: with or without a BOM, CRLF or LF, every field
// quoted or only those that need it, blank rows and trailing blank lines.
func TestCSVExportVariants(t *testing.T) {
	lf := "id,name,region,professions,due,percent,score,status\n" +
		"1,\"St Ann's, Eastmere\",london,nursing;midwifery,2025-02-28,40,1.25,open\n" +
		"2,\"Says \"\"hi\"\"\nover two lines\",national,nursing,2025-03-01,100,0,closed\n"
	allQuoted := "\"id\",\"name\",\"region\",\"professions\",\"due\",\"percent\",\"score\",\"status\"\r\n" +
		"\"1\",\"St Ann's, Eastmere\",\"london\",\"nursing;midwifery\",\"2025-02-28\",\"40\",\"1.25\",\"open\"\r\n" +
		"\"2\",\"Says \"\"hi\"\"\r\nover two lines\",\"national\",\"nursing\",\"2025-03-01\",\"100\",\"0\",\"closed\"\r\n"
	variants := []struct {
		name string
		text string
	}{
		{"LF", lf},
		{"LF without final newline", strings.TrimSuffix(lf, "\n")},
		{"CRLF with BOM (Excel CSV UTF-8)", "\uFEFF" + strings.ReplaceAll(lf, "\n", "\r\n")},
		{"every field quoted, CRLF", allQuoted},
		{"blank exported rows and trailing lines", strings.Replace(lf, "\n1,", "\n,,,,,,,\n1,", 1) + ",,,,,,,\r\n\n\n"},
		{"spaces around values", strings.Replace(lf, ",london,", ", london ,", 1)},
		{"Excel's sep=, line, BOM and CRLF", "\uFEFFsep=,\r\n" + strings.ReplaceAll(lf, "\n", "\r\n")},
		{"empty columns after the data (Excel)", strings.ReplaceAll(strings.Replace(lf, "status\n", "status,,\n", 1), "\n2,", ",,\n2,")},
		{"CRLF and LF mixed", strings.Replace(lf, "open\n", "open\r\n", 1)},
	}
	var want string
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			var l diag.List
			rows := loadCSV(csvSpec(), []byte(v.text), csvRefs(), &l)
			if len(l) != 0 {
				t.Fatalf("unexpected diagnostics:\n%v", l)
			}
			var b strings.Builder
			for _, r := range rows {
				for _, val := range r.values {
					b.WriteString(val.Text() + "|")
				}
				b.WriteByte('\n')
			}
			if len(rows) != 2 {
				t.Fatalf("got %d rows, want 2:\n%s", len(rows), b.String())
			}
			if want == "" {
				want = b.String()
			}
			if b.String() != want {
				t.Errorf("values differ from the LF variant:\n%s\nwant:\n%s", b.String(), want)
			}
		})
	}
	if !strings.Contains(want, "Says \"hi\"\nover two lines") || !strings.Contains(want, "nursing; midwifery") {
		t.Errorf("values not parsed as expected:\n%s", want)
	}
}

func TestCSVEncoding(t *testing.T) {
	tests := []struct {
		name string
		text string
		want string
	}{
		{"UTF-16", "\xFF\xFEi\x00d\x00", "data/t.csv:1:1: this file is saved as UTF-16 (little-endian) text, not UTF-8"},
		{"Windows-1252", "id,name\n1,Caf\xe9 Nero\n", `data/t.csv:2:6: this file is not saved as UTF-8: the character here is "é" in the Windows-1252 ("ANSI") encoding`},
		{"Excel's sep=; line", "sep=;\r\nid;name\r\n", `data/t.csv:1:1: the first line "sep=;" says the values are separated by ";", but this file must use commas`},
		{"semicolons (Excel in a European locale)", "id;name;region\n1;x;london\n", `data/t.csv:1:1: the header row is a single column "id;name;region"`},
		{"a thousands separator", "id,name,percent\n1,x,\"1,234\"\n", `data/t.csv:2:5: column "percent" in row 2: "1,234" is not a whole number`},
		{"a whole number written 12.0", "id,name,percent\n1,x,12.0\n", `data/t.csv:2:5: column "percent" in row 2: "12.0" is not a whole number`},
		{"BOM does not count as a column", "\uFEFFid,nme\n", "data/t.csv:1:4: unexpected column \"nme\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l diag.List
			loadCSV(csvSpec(), []byte(tt.text), csvRefs(), &l)
			l.Sort()
			var got []string
			for _, d := range l {
				got = append(got, d.Error())
			}
			if !strings.Contains(strings.Join(got, "\n"), tt.want) {
				t.Errorf("diagnostics:\n%s\nwant one of them to be %q", strings.Join(got, "\n"), tt.want)
			}
		})
	}
}

// FuzzCSV feeds arbitrary bytes to the CSV loader: it must not panic, and
// every diagnostic must point inside the file.
func FuzzCSV(f *testing.F) {
	f.Add([]byte("id,name,region,professions,due,percent,score,status\n1,x,london,nursing,2025-01-01,5,1.5,open\n"))
	f.Add([]byte("\uFEFFid,name\r\n\"1\",\"a\"\"b\"\r\n"))
	f.Add([]byte("id\n\"unterminated\n"))
	f.Add([]byte("a;b\n1;2"))
	f.Add([]byte("id,name\n1,x,y\n\n,,\n2\n"))
	f.Add([]byte("id,id,\xff\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var l diag.List
		rows := loadCSV(csvSpec(), data, csvRefs(), &l)
		text := strings.TrimPrefix(string(data), "\uFEFF")
		lines := strings.Split(text, "\n")
		for _, d := range l {
			if d.Pos.File != "data/t.csv" {
				t.Fatalf("diagnostic in the wrong file: %v", d)
			}
			if d.Pos.Line < 1 || d.Pos.Line > len(lines) {
				t.Fatalf("line %d outside the file's %d lines: %v", d.Pos.Line, len(lines), d)
			}
			line := strings.TrimSuffix(lines[d.Pos.Line-1], "\r")
			if d.Pos.Col < 1 || (utf8.ValidString(line) && d.Pos.Col > utf8.RuneCountInString(line)+1) {
				t.Fatalf("column %d outside line %d %q: %v", d.Pos.Col, d.Pos.Line, line, d)
			}
		}
		for _, r := range rows {
			if len(r.values) != len(csvSpec().Columns) {
				t.Fatalf("row at %v has %d values, want one per column", r.pos, len(r.values))
			}
		}
	})
}

// TestCSVTooManyProblems: a file wrong everywhere reports maxProblems
// problems and a last one saying checking stopped, however large it is; a
// file with fewer problems reports every one.
func TestCSVTooManyProblems(t *testing.T) {
	header := "id,name,region,professions,due,percent,score,status"
	good := "1,A,london,nursing,2025-02-28,40,1.25,open"
	var extra strings.Builder
	for i := range 100000 {
		extra.WriteString(",c")
		extra.WriteString(strings.Repeat("x", i%7))
	}
	tests := []struct {
		name      string
		text      string
		problems  int
		stopped   bool
		stopAtRow int
	}{
		{"100,000 unknown columns", header + extra.String() + "\n" + good + "\n", maxProblems + 1, true, 1},
		{"every row short", header + "\n" + strings.Repeat("1,A\n", 5000), maxProblems + 1, true, maxProblems + 1},
		{"fewer problems than the limit", header + "\n" + strings.Repeat("1,A\n", maxProblems-1), maxProblems - 1, false, 0},
		{"one huge cell", header + "\n" + strings.Replace(good, "open", strings.Repeat("o", 5<<20), 1) + "\n", 1, false, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var l diag.List
			loadCSV(csvSpec(), []byte(tc.text), csvRefs(), &l)
			if len(l) != tc.problems {
				t.Fatalf("%d problems, want %d", len(l), tc.problems)
			}
			last := l[len(l)-1]
			if stopped := strings.Contains(last.Msg, "checking stopped"); stopped != tc.stopped {
				t.Fatalf("last problem %q; stopped = %t, want %t", last.Msg, stopped, tc.stopped)
			}
			if tc.stopped && last.Pos.Line != tc.stopAtRow {
				t.Errorf("stopped at line %d, want %d", last.Pos.Line, tc.stopAtRow)
			}
			for _, d := range l {
				if len(d.LineText) > 2000 {
					t.Errorf("%s keeps %d bytes of its line", d.Pos, len(d.LineText))
				}
			}
		})
	}
}

// TestCSVKnockOnsCounted: when the regions file is broken, every region
// cell of a large file is a knock-on of it: one diagnostic counts them
// all, so they neither fill the per-file cap nor cost a diagnostic each.
func TestCSVKnockOnsCounted(t *testing.T) {
	r := newRefs(nil, nil, nil)
	r.brokenRegions = true
	spec := &Spec{Name: "t", File: "t.csv", Columns: []Column{{Name: "site", Type: TypeString, Required: true}, {Name: "region", Type: TypeRegion}}}
	text := "site,region\n" + strings.Repeat("A,london\n", 5000)
	var l diag.List
	loadCSV(spec, []byte(text), r, &l)
	if len(l) != 1 || l[0].Cause != RegionsPath {
		t.Fatalf("got %d diagnostics, want one knock-on: %v", len(l), l)
	}
	if e, _ := l.Count(); e != 5000 {
		t.Errorf("Count() = %d, want 5000", e)
	}
}

// TestCSVStandardKnockOns: a standard reference to an edition left out for
// the errors of its _index.md is a knock-on of that file, counted on one
// diagnostic; a reference to a standard that does not exist is still an
// error of its own.
func TestCSVStandardKnockOns(t *testing.T) {
	const index = "content/framework/2021/_index.md"
	resolve := func(ref string) (string, bool, string, string) {
		if strings.HasPrefix(ref, "2021:") {
			return "", false, "correct that file first", index
		}
		return "", false, "the editions are 2019", ""
	}
	r := newRefs(nil, nil, resolve)
	spec := &Spec{Name: "t", File: "t.csv", Columns: []Column{{Name: "site", Type: TypeString, Required: true}, {Name: "standard", Type: TypeStandard}}}
	text := "site,standard\n" + strings.Repeat("A,2021:1.3\n", 300) + "B,2019:9.9\n"
	var l diag.List
	loadCSV(spec, []byte(text), r, &l)
	if len(l) != 2 || l[0].Cause != index || l[1].Cause != "" || !strings.Contains(l[1].Msg, `"2019:9.9" is not a standard`) {
		t.Fatalf("got %d diagnostics, want a knock-on of %s and the 2019 error: %v", len(l), index, l)
	}
	if e, _ := l.Count(); e != 301 {
		t.Errorf("Count() = %d, want 301", e)
	}
}

// TestCSVTooManyRows: a file of more than MaxRows rows of data is refused
// at the first row past the limit, with no rows loaded; blank rows do not
// count, and a file at the limit loads.
func TestCSVTooManyRows(t *testing.T) {
	defer func(n int) { rowLimit = n }(rowLimit)
	rowLimit = 1000
	header := "id,name,region,professions,due,percent,score,status\n"
	rows := func(n int) string {
		var b strings.Builder
		b.WriteString(header)
		for i := range n {
			fmt.Fprintf(&b, "%d,A,london,nursing,2025-02-28,40,1.25,open\n", i)
			if i == 10 {
				b.WriteString(",,,,,,,\n")
			}
		}
		return b.String()
	}
	tests := []struct {
		name string
		rows int
		want string // the one problem, or ""
	}{
		{"at the limit", rowLimit, ""},
		{"one too many", rowLimit + 1, fmt.Sprintf("data/t.csv:%d:1: data/t.csv has more than 1000 rows of data", rowLimit+3)},
		{"far more", 3 * rowLimit, fmt.Sprintf("data/t.csv:%d:1: data/t.csv has more than 1000 rows of data", rowLimit+3)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var l diag.List
			got := loadCSV(csvSpec(), []byte(rows(tc.rows)), csvRefs(), &l)
			switch {
			case tc.want == "" && (len(l) != 0 || len(got) != tc.rows):
				t.Fatalf("%d rows and problems %v, want %d rows", len(got), l, tc.rows)
			case tc.want != "" && (len(l) != 1 || !strings.HasPrefix(l[0].Error(), tc.want) || got != nil):
				t.Fatalf("%d rows and problems %v, want none and %q", len(got), l, tc.want)
			}
		})
	}
}
