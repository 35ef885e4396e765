package dataset

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/tomldecode"
)

// RowTable is the name of the array of tables that holds the rows of a
// TOML dataset: each row is a [[row]] entry whose keys are column names.
const RowTable = "row"

type rowsTOML struct {
	Row []map[string]any `toml:"row"`
}

// loadTOML parses a TOML data file against its spec and returns its rows.
// TOML values are turned into text first and then checked exactly as CSV
// cells are, so that both formats accept and reject the same things; a
// TOML date, number or array is accepted where the column expects one.
func loadTOML(spec *Spec, text []byte, r *refs, l *diag.List) []loadedRow {
	src := diag.NewSource(spec.Path(), text)
	var rf rowsTOML
	doc, diags := tomldecode.File(src, &rf)
	l.Append(diags)
	if doc == nil {
		return nil
	}
	cc := newCellChecker(spec, r, src, l)
	names := spec.columnNames()
	var rows []loadedRow
	for i, raw := range rf.Row {
		idx := strconv.Itoa(i)
		where := fmt.Sprintf("row %d", i+1)
		rowPos := doc.KeyPos(RowTable, idx)
		ok := true
		for _, k := range slices.Sorted(maps.Keys(raw)) {
			if spec.columnIndex(k) < 0 {
				l.Add(src.At(doc.KeyPos(RowTable, idx, k), "unexpected column %q in %s", k, where).
					WithHint("%sthe columns of %q are: %s; declare new columns in %s", didYouMean(k, names), spec.Name, strings.Join(names, ", "), ManifestPath))
				ok = false
			}
		}
		vals := make([]Value, len(spec.Columns))
		for ci := range spec.Columns {
			c := &spec.Columns[ci]
			rv, present := raw[c.Name]
			pos := rowPos
			if present {
				pos = doc.ValuePos(RowTable, idx, c.Name)
			}
			text, msg, hint := tomlText(c, rv)
			if msg != "" {
				l.Add(src.At(pos, "column %q in %s: %s", c.Name, where, msg).WithHint("%s", hint))
				vals[ci], ok = emptyValue(c.Type, pos), false
				continue
			}
			v, good := cc.cell(c, text, pos, where)
			vals[ci] = v
			ok = ok && good
		}
		cc.checkKey(vals, where)
		if ok {
			rows = append(rows, loadedRow{pos: rowPos, values: vals})
		}
	}
	if len(rf.Row) == 0 && !spec.Optional {
		l.Add(diag.Errorf(doc.Start(), "%s has no rows", spec.Path()).WithHint(
			"add rows as [[%s]] entries with one key per column, or declare the dataset optional = true in %s", RowTable, ManifestPath))
	}
	return rows
}

// tomlText turns a parsed TOML value into the text a CSV cell would hold.
func tomlText(c *Column, v any) (text, msg, hint string) {
	switch x := v.(type) {
	case nil:
		return "", "", ""
	case string:
		return x, "", ""
	case int64:
		return strconv.FormatInt(x, 10), "", ""
	case float64:
		if math.IsInf(x, 0) || math.IsNaN(x) {
			return "", "expected a number, but found " + tomldecode.Describe(v), "write an ordinary number, like 12.5"
		}
		// The shortest text that reads back as the same float is what
		// the editor most likely typed.
		return strconv.FormatFloat(x, 'f', -1, 64), "", ""
	case time.Time:
		if x.Hour() != 0 || x.Minute() != 0 || x.Second() != 0 || x.Nanosecond() != 0 {
			return "", "expected a date without a time, but found a date and time", "write the date alone, like 2025-02-28"
		}
		return x.Format(time.DateOnly), "", ""
	case []any:
		if !c.List {
			return "", fmt.Sprintf("expected one value, but found %s", tomldecode.Describe(v)),
				"write a single value, or declare the column list = true in " + ManifestPath
		}
		parts := make([]string, 0, len(x))
		for _, e := range x {
			s, msg, hint := tomlText(&Column{Type: c.Type}, e)
			if msg != "" {
				return "", msg, hint
			}
			if strings.Contains(s, c.Separator) {
				return "", fmt.Sprintf("the list item %q contains the separator %q", s, c.Separator), "write each item as its own string in the list"
			}
			parts = append(parts, s)
		}
		return strings.Join(parts, c.Separator), "", ""
	}
	return "", "expected a value, but found " + tomldecode.Describe(v), `write text in "double quotes", a number or a date`
}
