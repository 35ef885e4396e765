package dataset

import (
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"

	"github.com/plinth-ssg/plinth/generator/diag"
)

// PrivateTable is a private (raw) dataset. It deliberately offers nothing a
// template could use to show its rows: it prints as a placeholder, refuses
// JSON marshalling and exposes only its Spec. The aggregation code reads it
// with PrivateRows.
type PrivateTable struct {
	spec *Spec
	rows []PrivateRow
}

// Spec returns the dataset's declaration (its schema, no data).
func (t *PrivateTable) Spec() *Spec { return t.spec }

func (t *PrivateTable) placeholder() string {
	return fmt.Sprintf("[private dataset %q: rows withheld]", t.spec.Name)
}

// String returns a placeholder, never the data.
func (t *PrivateTable) String() string { return t.placeholder() }

// GoString returns a placeholder, so that %#v does not print the rows.
func (t *PrivateTable) GoString() string { return t.placeholder() }

// Format prints a placeholder for every verb, so that no fmt verb (%v,
// %+v, %#v, %s, %q) reaches the unexported rows through reflection.
func (t *PrivateTable) Format(f fmt.State, verb rune) { fmt.Fprint(f, t.placeholder()) }

// errPrivate is returned by every attempt to serialise private data.
var errPrivate = errors.New("a private dataset cannot be published; aggregate it through package anonymise")

// MarshalJSON always fails: private rows must not reach a JSON file or a
// <script> block.
func (t *PrivateTable) MarshalJSON() ([]byte, error) { return nil, errPrivate }

// MarshalText always fails, for the same reason.
func (t *PrivateTable) MarshalText() ([]byte, error) { return nil, errPrivate }

// PrivateRow is one row of a private dataset, seen only inside PrivateRows.
type PrivateRow struct {
	pos    diag.Pos
	spec   *Spec
	values []Value
}

// Pos returns where the row starts in its file.
func (r PrivateRow) Pos() diag.Pos { return r.pos }

// Get returns the value of the named column; an unknown name gives an
// empty Value.
func (r PrivateRow) Get(column string) Value {
	if i := r.spec.columnIndex(column); i >= 0 {
		return r.values[i]
	}
	return Value{}
}

// PrivateRows yields the rows of a private dataset in file order.
//
// It is the only way to read private rows, and only package anonymise (the
// aggregation and disclosure-control stage) may call it; a test in this
// package fails if any other package does. It is a function rather than a
// method so that no template can reach it through a PrivateTable value.
func PrivateRows(t *PrivateTable) iter.Seq[PrivateRow] {
	return func(yield func(PrivateRow) bool) {
		for _, r := range t.rows {
			if !yield(r) {
				return
			}
		}
	}
}

// Identifier is one identifying value from a private dataset, with where it
// was written, for the identifier scan of the built site.
type Identifier struct {
	Text   string
	Origin diag.Pos
	// Dataset and Column say which declaration made the value
	// identifying.
	Dataset, Column string
}

// Identifiers lists the distinct values of every identifying column of
// every private dataset, each with the first position it was written at,
// sorted by text. List cells contribute each item.
func Identifiers(s *Set) []Identifier {
	first := map[string]Identifier{}
	for _, t := range s.Private {
		for ci, c := range t.spec.Columns {
			if !c.Identifying {
				continue
			}
			for _, r := range t.rows {
				v := r.values[ci]
				for _, text := range v.List() {
					id := Identifier{Text: text, Origin: v.Pos, Dataset: t.spec.Name, Column: c.Name}
					if prev, ok := first[text]; !ok || id.Origin.Compare(prev.Origin) < 0 {
						first[text] = id
					}
				}
			}
		}
	}
	out := make([]Identifier, 0, len(first))
	for _, id := range first {
		out = append(out, id)
	}
	slices.SortFunc(out, func(a, b Identifier) int { return strings.Compare(a.Text, b.Text) })
	return out
}
