package dataset

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/source"
)

// utf8BOM is the byte-order mark Excel writes at the start of "CSV UTF-8".
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// maxProblems is how many problems one CSV file may report before
// checking stops. Far more than anyone reads (the build prints 50), it
// keeps a file that is wrong on every line, or a header of 100,000
// columns, from costing minutes and gigabytes to describe.
const maxProblems = 200

// MaxRows is the most rows of data one CSV file may have. A national
// body's action plans run to thousands a year, and the 50,000-page
// benchmark site has 150,000 actions, built in proportion; a file of a
// million rows (210 MB, the wrong export, say a whole database) took a
// build 186 s and 2.5 GB before it published, and one of a million "You
// said, we did" entries ran for minutes towards a page each. Past the
// limit the file is refused at the first row too many, within seconds.
const MaxRows = 500_000

// rowLimit is MaxRows, lowered by tests so that they need not write half
// a million rows to reach it.
var rowLimit = MaxRows

// csvFile is one CSV data file being loaded.
type csvFile struct {
	spec  *Spec
	src   *diag.Source
	lines int
	l     *diag.List
	cc    *cellChecker
	// first is the length of l before this file's problems.
	first int
	// named is the number of header columns up to the last one with a
	// name: spreadsheets often save empty columns after the data, which
	// are ignored while their cells are empty.
	named int
}

// full reports whether the file has reported maxProblems problems.
func (f *csvFile) full() bool { return len(*f.l)-f.first >= maxProblems }

// loadCSV parses a CSV data file against its spec and returns its rows.
// Problems are added to l; rows with problems are left out.
//
// encoding/csv does the parsing (quotes, embedded commas and newlines, CRLF
// or LF), and its FieldPos gives each cell's line and byte column, which
// diag.Source turns into a character column.
func loadCSV(spec *Spec, text []byte, r *refs, l *diag.List) []loadedRow {
	name := spec.Path()
	// The BOM is invisible in editors, so columns are counted without it.
	text = bytes.TrimPrefix(text, utf8BOM)
	src := diag.NewSource(name, text)
	if d, bad := source.NotUTF8(src, 0, len(text)); bad {
		l.Add(d.WithHint(saveAsHint))
		return nil
	}
	f := &csvFile{spec: spec, src: src, lines: bytes.Count(text, []byte("\n")) + 1, l: l, cc: newCellChecker(spec, r, src, l), first: len(*l)}
	return f.read(text)
}

const saveAsHint = `in Excel use File > Save As > "CSV UTF-8 (Comma delimited)"; in LibreOffice tick "Edit filter settings" and choose "Unicode (UTF-8)"`

// pos converts a line and 1-based byte column from encoding/csv into a
// position, clamped into the file so that every diagnostic points inside
// it.
func (f *csvFile) pos(line, byteCol int) diag.Pos {
	line = min(max(line, 1), f.lines)
	start := f.src.LineStart(line)
	byteCol = min(max(byteCol, 1), f.src.LineLen(line)+1)
	return f.src.Pos(start + byteCol - 1)
}

func (f *csvFile) read(text []byte) []loadedRow {
	cr := csv.NewReader(bytes.NewReader(text))
	cr.FieldsPerRecord = -1 // field counts are checked here, with a better message
	var (
		header     []int // column index of each field, or -1
		headerN    int
		headerLine int
		rows       []loadedRow
		sawRow     bool
		dataRows   int
		line       int // of the last record read
	)
	for {
		if f.full() {
			f.l.Add(diag.Errorf(diag.Pos{File: f.spec.Path(), Line: line}, "%s has at least %d problems, so checking stopped here", f.spec.Path(), maxProblems).
				WithHint("fix the problems listed (often one mistake, like a missing column, causes many) and build again"))
			return rows
		}
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			f.parseError(err)
			if header == nil {
				return nil // without a header nothing can be checked
			}
			continue
		}
		line, _ = cr.FieldPos(0)
		if header == nil && line == 1 && len(rec) <= 2 && strings.HasPrefix(strings.ToLower(rec[0]), "sep=") {
			// Excel writes (and reads) a first line "sep=," naming the
			// separator; the header comes after it. Read as the header,
			// it gave an error for every column.
			if sep := strings.Join(rec, ",")[len("sep="):]; sep != "," {
				f.l.Add(f.src.At(f.pos(1, 1), "the first line %q says the values are separated by %q, but this file must use commas", strings.Join(rec, ","), sep).
					WithHint("%s", saveAsHint))
				return nil
			}
			continue
		}
		if header == nil {
			header = f.header(rec, cr)
			headerN, headerLine = len(rec), line
			if header == nil {
				return nil
			}
			continue
		}
		if blank(rec) {
			continue // spreadsheets export emptied rows as ",,,,"
		}
		sawRow = true
		if dataRows++; dataRows > rowLimit {
			f.l.Add(f.src.At(f.pos(line, 1), "%s has more than %d rows of data; Plinth reads data files of up to %d rows", f.spec.Path(), rowLimit, rowLimit).
				WithHint("a file this long is most likely the wrong export (a whole database rather than this dataset's rows): check what was saved over %s", f.spec.Path()))
			return nil
		}
		if len(rec) != headerN && !f.trailingBlank(rec) {
			f.fieldCount(rec, cr, line, headerN)
			continue
		}
		if !f.unnamedEmpty(rec, cr, line) {
			continue
		}
		rec = rec[:min(len(rec), f.named)]
		if vals, ok := f.row(rec, cr, header, line); ok {
			rows = append(rows, loadedRow{pos: f.pos(line, 1), values: vals})
		}
	}
	switch {
	case header == nil && !f.spec.Optional:
		f.l.Add(diag.Errorf(f.pos(1, 1), "%s is empty", f.spec.Path()).WithHint(
			"add a header row naming the columns (%s) and at least one row of data, or declare the dataset optional = true in %s",
			strings.Join(f.spec.columnNames(), ", "), ManifestPath))
	case header != nil && !sawRow && !f.spec.Optional:
		f.l.Add(f.src.At(f.pos(headerLine, 1), "%s has a header row but no data", f.spec.Path()).WithHint(
			"add at least one row of data, or declare the dataset optional = true in %s", ManifestPath))
	}
	return rows
}

// trailingBlank reports whether a row whose number of cells differs from
// the header's has every named column and nothing but empty cells after
// them, as spreadsheets write when empty columns follow the data.
func (f *csvFile) trailingBlank(rec []string) bool {
	return len(rec) >= f.named && blank(rec[f.named:])
}

// unnamedEmpty reports whether the cells of the row under the empty
// headings after the last named column are empty, reporting the first
// that is not.
func (f *csvFile) unnamedEmpty(rec []string, cr *csv.Reader, line int) bool {
	for i := f.named; i < len(rec); i++ {
		if strings.TrimSpace(rec[i]) != "" {
			f.l.Add(f.src.At(f.pos(cr.FieldPos(i)), "row %d has a value in column %d, which has no heading", line, i+1).
				WithHint("give the column a heading in the header row, or delete the value"))
			return false
		}
	}
	return true
}

func blank(rec []string) bool {
	for _, s := range rec {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}

// parseError translates encoding/csv's error into plain words at its
// position (taken from the error's fields, not its text).
func (f *csvFile) parseError(err error) {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		f.l.Errorf(diag.Pos{File: f.spec.Path()}, "cannot read the file: %v", err)
		return
	}
	p := f.pos(pe.Line, pe.Column)
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		f.l.Add(f.src.At(p, "a double quote \" appears inside a value that does not start with one").
			WithHint(`put the whole value in double quotes and double each quote inside it, like "He said ""yes"""`))
	case errors.Is(pe.Err, csv.ErrQuote):
		start := f.pos(pe.StartLine, 1)
		f.l.Add(f.src.At(start, "a value starting in row %d opens a double quote \" that is never closed properly", pe.StartLine).
			WithHint(`end the value with a closing double quote followed by a comma or the end of the line; a quote inside a quoted value is written twice ("")`))
	default:
		f.l.Add(f.src.At(p, "this line cannot be read as CSV: %v", pe.Err))
	}
}

// header maps the header row onto the declared columns, reporting unknown,
// duplicate and missing columns. It returns nil if the file cannot be read
// further.
func (f *csvFile) header(rec []string, cr *csv.Reader) []int {
	names := f.spec.columnNames()
	if len(rec) == 1 && len(names) > 1 && strings.Contains(rec[0], ";") {
		l, c := cr.FieldPos(0)
		f.l.Add(f.src.At(f.pos(l, c), "the header row is a single column %q", rec[0]).
			WithHint("this file seems to use semicolons between values; save it as comma-separated CSV (in Excel: CSV UTF-8; in LibreOffice: field delimiter \",\")"))
		return nil
	}
	index := make([]int, len(rec))
	seen := make([]bool, len(f.spec.Columns))
	line, _ := cr.FieldPos(0)
	f.named = len(rec)
	for f.named > 0 && strings.TrimSpace(rec[f.named-1]) == "" {
		f.named--
	}
	for i, raw := range rec {
		name := strings.TrimSpace(raw)
		index[i] = -1
		if i >= f.named {
			continue // an empty column after the data, as Excel saves it
		}
		ci := f.spec.columnIndex(name)
		// The position is worked out only for a problem, and problems stop
		// being described once the file has too many, so that a header of
		// very many columns is read in one pass.
		bad := name == "" || ci < 0 || seen[ci]
		if bad && f.full() {
			continue
		}
		var p diag.Pos
		if bad {
			p = f.pos(cr.FieldPos(i))
		}
		switch {
		case name == "":
			f.l.Add(f.src.At(p, "column %d of the header row has no name", i+1).
				WithHint("every column needs a heading; delete the column if it is not needed"))
		case ci < 0:
			hint := didYouMean(name, names) + fmt.Sprintf("the columns of %q are: %s; declare new columns in %s", f.spec.Name, strings.Join(names, ", "), ManifestPath)
			f.l.Add(f.src.At(p, "unexpected column %q", name).WithHint("%s", hint))
		case seen[ci]:
			f.l.Add(f.src.At(p, "the column %q appears twice in the header row", name).WithHint("delete or rename one of them"))
		default:
			seen[ci] = true
			index[i] = ci
		}
	}
	for ci, ok := range seen {
		if !ok {
			f.l.Add(f.src.At(f.pos(line, 1), "the header row has no column %q", names[ci]).
				WithHint("add a column headed %q (it may be left empty where the manifest allows)", names[ci]))
		}
	}
	return index
}

func (f *csvFile) fieldCount(rec []string, cr *csv.Reader, line, want int) {
	if len(rec) > want {
		l, c := cr.FieldPos(want)
		f.l.Add(f.src.At(f.pos(l, c), "row %d has %d values but the header row has %d columns", line, len(rec), want).
			WithHint(`a value that contains a comma must be in double quotes, like "Leeds, West Yorkshire"; otherwise delete the extra values`))
		return
	}
	f.l.Add(f.src.At(f.pos(line, 1), "row %d has %d values but the header row has %d columns", line, len(rec), want).
		WithHint("every row needs a place for each column; leave a value empty by writing nothing between two commas"))
}

func (f *csvFile) row(rec []string, cr *csv.Reader, header []int, line int) ([]Value, bool) {
	vals := make([]Value, len(f.spec.Columns))
	where := fmt.Sprintf("row %d", line)
	ok := true
	for i, text := range rec {
		ci := header[i]
		if ci < 0 {
			continue
		}
		l, c := cr.FieldPos(i)
		v, good := f.cc.cell(&f.spec.Columns[ci], text, f.pos(l, c), where)
		vals[ci] = v
		ok = ok && good
	}
	for ci := range vals {
		if vals[ci].typ == "" { // column missing from the header: reported there
			vals[ci] = emptyValue(f.spec.Columns[ci].Type, f.pos(line, 1))
			ok = false
		}
	}
	f.cc.checkKey(vals, where)
	return vals, ok
}
