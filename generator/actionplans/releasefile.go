package actionplans

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/plinth-ssg/plinth/generator/anonymise"
	"github.com/plinth-ssg/plinth/generator/dataset"
	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/source"
	"github.com/plinth-ssg/plinth/generator/tomldecode"
)

// Release files. `plinth release` writes the action-plan tables the site
// publishes as data/releases/DATE.toml, DATE being the date the figures
// describe (the latest last_updated of the actions). A release holds the
// published figures only, exactly as the site shows them ([c] for a hidden
// one): never a count the rule hides. It is committed with the data, read
// back by every later build, and never rewritten: the file carries a
// checksum of its own text, and a release whose text no longer matches it
// stops the build.
//
//	date = "2026-06-30"
//	checksum = "sha256:…"
//	source = "Action-plan progress (synthetic)"
//	period = "Actions opened from October 2024 to June 2026, …"
//	disclosureRules = 2
//
//	[[table]]
//	name = "actions-by-status"
//	title = "Actions by status and region"
//	rowHeading = "Status"
//	columnHeading = "Region"
//	columns = ["London", "South East", …]
//	totalColumn = "England"
//	totalRow = "Total"
//	rows = [
//	  ["Not started", "45", "[c]", …, "120"],
//	  …
//	]
//	totals = ["250", …, "3,000"]
//
// Each row is its label, a figure for each column and the row's total;
// totals are the column totals and the grand total.
//
// disclosureRules is the version of the rules that decided which figures
// are hidden (anonymise.Rules), inside the checksummed text so that it
// cannot be changed. Every later build checks the release under that
// version: a pattern published already cannot be hidden differently, so
// checking it under newer rules could only stop the site from building.
// A release without it was written before rules had versions: version 1.

// ReleasesDir is the folder of the release files.
const ReleasesDir = dataset.ReleasesDir

// releaseTables are the tables a release holds, in file order: every table
// of counts. (The percentages are worked out again from two of them.)
var releaseTables = []string{ByStatus, ByQuarter, CompleteByQuarter, ByDomain, ByProfession, ByStandard, ProvidersByPlan}

// Release is one release read back from its file.
type Release struct {
	// Date is the date the figures describe; Path the file.
	Date dataset.Date
	Path string
	// Source and Period describe the figures, as the tables' notes did.
	Source, Period string
	// Rules is the version of the disclosure rules the release was made
	// under, and is checked under.
	Rules anonymise.Rules
	// tables are the release's tables by name.
	tables map[string]*releasedTable
}

// releasedTable is one table of a release: labels and figures, each
// figure with its position in the file.
type releasedTable struct {
	name                      string
	meta                      anonymise.Meta
	rows, cols                []string
	figures                   []figure // (rows+1) × (cols+1), totals last
	pos                       diag.Pos
	rowTotalLabel, totalLabel string
}

// figure is one published figure: a count, or hidden.
type figure struct {
	v      int
	hidden bool
	pos    diag.Pos
}

type releaseTOML struct {
	Date     string `toml:"date,required"`
	Checksum string `toml:"checksum,required"`
	Source   string `toml:"source"`
	Period   string `toml:"period"`
	// Rules is 0 when the file does not say (version 1).
	Rules  int         `toml:"disclosureRules"`
	Tables []tableTOML `toml:"table"`
}

type tableTOML struct {
	Name          string     `toml:"name,required"`
	Title         string     `toml:"title,required"`
	RowHeading    string     `toml:"rowHeading"`
	ColumnHeading string     `toml:"columnHeading"`
	Columns       []string   `toml:"columns,required"`
	TotalColumn   string     `toml:"totalColumn,required"`
	TotalRow      string     `toml:"totalRow,required"`
	Rows          [][]string `toml:"rows,required"`
	Totals        []string   `toml:"totals,required"`
}

// LoadReleases reads every release under data/releases, oldest first, and
// checks each strictly: its name and date, its checksum, its tables and
// every figure (one the policy could have published). Problems are errors
// at their line and column.
func LoadReleases(fsys fs.FS, p anonymise.Policy) ([]*Release, diag.List) {
	var l diag.List
	entries, err := fs.ReadDir(fsys, ReleasesDir)
	if err != nil {
		return nil, nil // no releases yet
	}
	var out []*Release
	for _, e := range entries {
		name := path.Join(ReleasesDir, e.Name())
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if e.IsDir() {
			// A folder was passed over without a word, even one named
			// like a release (2026-09-30.toml), whose figures were then
			// never checked nor kept.
			l.Add(diag.Errorf(diag.Pos{File: name}, "%s is a folder, but the folder %s holds only the release files that `plinth release` writes", name, ReleasesDir).
				WithHint("a release is one file, such as %s/2026-09-30.toml; move the folder out of %s", ReleasesDir, ReleasesDir))
			continue
		}
		if path.Ext(name) != ".toml" {
			l.Add(diag.Errorf(diag.Pos{File: name}, "%s is not a release: the folder %s holds only the release files that `plinth release` writes", name, ReleasesDir).
				WithHint("move the file out of %s", ReleasesDir))
			continue
		}
		data, err := source.ReadText(fsys, name)
		if err != nil {
			l.Add(source.Problem(fsys, name, err))
			continue
		}
		if r := readRelease(diag.NewSource(name, data), p, &l); r != nil {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b *Release) int { return a.Date.Compare(b.Date) })
	return out, l
}

// readRelease reads one release file; it returns nil if it has errors.
func readRelease(src *diag.Source, p anonymise.Policy, l *diag.List) *Release {
	var f releaseTOML
	doc, d := tomldecode.File(src, &f)
	l.Append(d)
	if doc == nil || d.HasErrors() {
		return nil
	}
	errs := len(*l)
	bad := func(at []string, hint, format string, args ...any) {
		l.Add(doc.Errorf(at, format, args...).WithHint("%s", hint))
	}
	r := &Release{Path: src.Name, Source: f.Source, Period: f.Period, tables: map[string]*releasedTable{}}
	date, err := dataset.ParseDate(f.Date)
	switch {
	case err != nil:
		bad([]string{"date"}, "write the date the figures describe, as YYYY-MM-DD", "%v", err)
	case path.Base(src.Name) != date.String()+".toml":
		bad([]string{"date"}, fmt.Sprintf("a release is named after its date: rename the file %s.toml", date), "the release's date %s does not match its file name %s", date, path.Base(src.Name))
	}
	r.Date = date
	r.Rules = anonymise.Rules1
	if doc.Has("disclosureRules") {
		r.Rules = anonymise.Rules(f.Rules)
		switch {
		case f.Rules > int(anonymise.LatestRules):
			bad([]string{"disclosureRules"}, fmt.Sprintf("a newer version of Plinth made this release: update Plinth to that version or a later one and build again. Do not change the number: a release is never edited (git checkout -- %s restores it)", src.Name),
				"this release was made under version %d of the disclosure rules, but this version of Plinth knows versions %s only, so it cannot check the release", f.Rules, knownRules())
		case !anonymise.KnownRules(r.Rules):
			bad([]string{"disclosureRules"}, fmt.Sprintf("restore the file from version control (git checkout -- %s): a release is never edited", src.Name),
				"there is no version %d of the disclosure rules: the versions are %s", f.Rules, knownRules())
		}
	}
	if want := checksum(src.Text); f.Checksum != want {
		bad([]string{"checksum"}, "a release is never rewritten: restore the file from version control (git checkout -- "+src.Name+"). To publish corrected figures, make a new release",
			"this release has been changed since `plinth release` wrote it (its checksum no longer matches its text)")
	}
	for i, t := range f.Tables {
		at := func(keys ...string) []string { return append([]string{"table", strconv.Itoa(i)}, keys...) }
		if !slices.Contains(releaseTables, t.Name) {
			bad(at("name"), "the tables of a release are "+strings.Join(releaseTables, ", "), "%q is not a table a release holds", t.Name)
			continue
		}
		if _, dup := r.tables[t.Name]; dup {
			bad(at("name"), "remove one of them", "the table %q appears twice", t.Name)
			continue
		}
		rt := &releasedTable{name: t.Name, rows: make([]string, 0, len(t.Rows)), cols: t.Columns, pos: doc.KeyPos(at()...),
			rowTotalLabel: t.TotalColumn, totalLabel: t.TotalRow}
		rt.meta = anonymise.Meta{Title: t.Title, Source: f.Source, Period: f.Period, RowHeading: t.RowHeading,
			ColumnHeading: t.ColumnHeading, TotalLabel: t.TotalRow, RowTotalLabel: t.TotalColumn}
		width := len(t.Columns) + 1
		rt.figures = make([]figure, (len(t.Rows)+1)*width)
		national := func(col int) bool { return col == len(t.Columns) || t.Name == ByStandard }
		// read reads the figures of row i, cells[j] being element
		// first+j of the list at keys.
		read := func(i int, cells []string, keys []string, first int) {
			for j, text := range cells {
				fig, ok := parseFigure(text)
				pos := doc.ValuePos(append(keys, strconv.Itoa(first+j))...)
				switch {
				case !ok:
					l.Add(src.At(pos, "%q is not a figure: a release holds whole numbers and %s", text, anonymise.SymbolConfidential).
						WithHint("restore the file from version control: a release is never edited"))
				case !fig.hidden && !p.Publishable(fig.v, national(j)):
					l.Add(src.At(pos, "%d is not a figure the disclosure rule publishes (counts from %d to %d are hidden; others are rounded to the nearest %d)", fig.v, p.SuppressFrom, p.SuppressTo, p.RoundTo).
						WithHint("restore the file from version control: a release is never edited"))
				}
				fig.pos = pos
				rt.figures[i*width+j] = fig
			}
		}
		for k, row := range t.Rows {
			keys := at("rows", strconv.Itoa(k))
			if len(row) != width+1 {
				bad(keys, fmt.Sprintf("write the row's label, then %d figures and the total", len(t.Columns)),
					"this row has %d values, but a table with %d columns needs %d: its label, a figure for each column and its total", len(row), len(t.Columns), width+1)
				continue
			}
			rt.rows = append(rt.rows, row[0])
			read(len(rt.rows)-1, row[1:], keys, 1)
		}
		if len(t.Totals) != width {
			bad(at("totals"), fmt.Sprintf("write %d figures: one for each column, then the grand total", width), "the totals have %d figures, but the table needs %d", len(t.Totals), width)
		} else {
			// Shift the totals row into place after the rows read.
			rt.figures = rt.figures[:(len(rt.rows)+1)*width]
			read(len(rt.rows), t.Totals, at("totals"), 0)
		}
		r.tables[t.Name] = rt
	}
	for _, name := range releaseTables {
		if _, ok := r.tables[name]; !ok && len(*l) == errs {
			bad([]string{"date"}, "restore the file from version control: a release is never edited", "the release lacks the table %q", name)
		}
	}
	if len(*l) > errs {
		return nil
	}
	return r
}

// knownRules lists the versions of the disclosure rules this Plinth
// knows, for messages: "1 and 2", or "1 to 3".
func knownRules() string {
	sep := " to "
	if anonymise.LatestRules == anonymise.Rules1+1 {
		sep = " and "
	}
	return fmt.Sprint(anonymise.Rules1) + sep + fmt.Sprint(anonymise.LatestRules)
}

// parseFigure reads "45", "1,235" or "[c]".
func parseFigure(s string) (figure, bool) {
	if s == anonymise.SymbolConfidential {
		return figure{hidden: true}, true
	}
	n, err := strconv.Atoi(strings.ReplaceAll(s, ",", ""))
	if err != nil || n < 0 || strings.HasPrefix(s, "+") {
		return figure{}, false
	}
	return figure{v: n}, true
}

// checksumKey starts the line that holds the checksum.
const checksumKey = "checksum = "

// checksum is the digest of a release's text without its checksum line,
// read as its lines: a byte-order mark, CRLF line endings and a last line
// without its newline do not count. git for Windows checks text files out
// with CRLF endings (core.autocrlf), and editors save them with a mark:
// the digest of the bytes failed every build of such a checkout with
// "this release has been changed", though no figure had. A file written
// by plinth release (LF, no mark) has the same digest as before.
func checksum(text []byte) string {
	var kept []byte
	for line := range strings.Lines(string(text[diag.SkipBOM(text):])) {
		if !strings.HasPrefix(line, checksumKey) {
			line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
			kept = append(append(kept, line...), '\n')
		}
	}
	sum := sha256.Sum256(kept)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// earlier returns a table of the release as anonymise reads an earlier
// release's table.
func (rt *releasedTable) earlier() *anonymise.Counts {
	c := anonymise.NewEarlier(rt.meta.Title, rt.rows, rt.cols, anonymise.AllMargins)
	c.Meta = rt.meta
	width := len(rt.cols) + 1
	for k, f := range rt.figures {
		i, j := k/width, k%width
		if i == len(rt.rows) {
			i = anonymise.Total
		}
		if j == len(rt.cols) {
			j = anonymise.Total
		}
		c.Show(i, j, f.v, f.hidden)
	}
	return c
}

// Format writes the published count tables of res as the release of date:
// the text of data/releases/DATE.toml. It holds published figures only.
// It fails if res has no tables (they were withheld).
func Format(res Result) ([]byte, error) {
	if len(res.Tables) == 0 || res.AsAt.IsZero() {
		return nil, fmt.Errorf("there are no action-plan figures to release")
	}
	byName := map[string]*anonymise.Table{}
	for _, t := range res.Tables {
		byName[t.Name] = t.Table
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# The action-plan figures published as at %s: the tables the site showed,\n", longDate(res.AsAt))
	b.WriteString("# exactly as shown ([c] for a hidden figure). Written by `plinth release`.\n")
	b.WriteString("# Never edit this file: later builds read it back, keep these figures hidden\n")
	b.WriteString("# where they were hidden, and stop if it has changed (docs/datasets.md).\n")
	if strings.Contains(strings.ToLower(res.Source), "synthetic") {
		b.WriteString("# SYNTHETIC: made from made-up sample data about fictional providers.\n")
	}
	fmt.Fprintf(&b, "date = %s\n", tomlString(res.AsAt.String()))
	fmt.Fprintf(&b, "source = %s\n", tomlString(res.Source))
	fmt.Fprintf(&b, "period = %s\n", tomlString(res.Period))
	rules := res.Rules
	if rules == 0 {
		rules = anonymise.LatestRules
	}
	fmt.Fprintf(&b, "disclosureRules = %d\n", rules)
	for _, name := range releaseTables {
		t := byName[name]
		if t == nil {
			return nil, fmt.Errorf("the table %q is missing", name)
		}
		m := t.Meta()
		fmt.Fprintf(&b, "\n[[table]]\nname = %s\ntitle = %s\n", tomlString(name), tomlString(m.Title))
		fmt.Fprintf(&b, "rowHeading = %s\ncolumnHeading = %s\n", tomlString(m.RowHeading), tomlString(m.ColumnHeading))
		fmt.Fprintf(&b, "columns = %s\n", tomlList(t.ColumnLabels()))
		fmt.Fprintf(&b, "totalColumn = %s\ntotalRow = %s\n", tomlString(t.RowTotalLabel()), tomlString(t.TotalLabel()))
		b.WriteString("rows = [\n")
		for _, r := range t.Rows() {
			fmt.Fprintf(&b, "  %s,\n", tomlList(append([]string{r.Label}, figures(r)...)))
		}
		b.WriteString("]\n")
		foot, _ := t.TotalRow()
		fmt.Fprintf(&b, "totals = %s\n", tomlList(figures(foot)))
	}
	text := b.String()
	// The checksum goes after the date, over the text without it.
	i := strings.Index(text, "\nsource = ") + 1
	text = text[:i] + checksumKey + tomlString(checksum([]byte(text))) + "\n" + text[i:]
	return []byte(text), nil
}

// figures returns a row's figures and its total as written in a release.
func figures(r anonymise.Row) []string {
	var out []string
	for _, c := range r.Cells {
		out = append(out, c.Plain())
	}
	return append(out, r.Total.Plain())
}

// tomlString writes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\u%04X", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func tomlList(items []string) string {
	quoted := make([]string, len(items))
	for i, s := range items {
		quoted[i] = tomlString(s)
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}

// FileName is the release file of the figures as at date.
func FileName(date dataset.Date) string { return ReleasesDir + "/" + date.String() + ".toml" }
