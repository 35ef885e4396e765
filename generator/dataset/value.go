package dataset

import (
	"strconv"
	"strings"
	"time"

	"github.com/plinth-ssg/plinth/generator/diag"
)

// Value is one typed cell of a dataset. The zero Value is an empty cell.
// Which accessor is meaningful depends on the column's type: Int for
// integers, Decimal for decimals (and integers), Date for dates, Text for
// text, enum values and references, List for list columns.
//
// A large dataset holds millions of values (150,000 rows of 14 columns in
// the 50,000-page benchmark), so a value is kept small: the number, the
// decimal's digits and the date share one field, the rare list is held
// by pointer, and the canonical text is the cell's own text whenever the
// two are the same.
type Value struct {
	// Pos is where the cell is in its data file.
	Pos diag.Pos

	typ   Type
	text  string    // text, enum value or canonical reference; canonical form of numbers and dates
	num   int64     // an integer; a decimal's units; a date as YYYYMMDD
	list  *[]string // a list cell's items
	scale uint8     // a decimal's digits after the point
	empty bool
}

// Type returns the column type the value was parsed as.
func (v Value) Type() Type { return v.typ }

// IsEmpty reports whether the cell was left empty.
func (v Value) IsEmpty() bool { return v.empty || v.typ == "" }

// Text returns the value as text: the text itself, the enum value, the
// reference key (standards in canonical EDITION:ID form), or the number or
// date in canonical form. List values are joined with "; ".
func (v Value) Text() string {
	if v.list != nil {
		return strings.Join(*v.list, "; ")
	}
	return v.text
}

// String is Text, so that a value prints as its content.
func (v Value) String() string { return v.Text() }

// Int returns an integer cell's value (0 for any other cell).
func (v Value) Int() int64 { return v.num }

// Decimal returns a decimal or integer cell's value.
func (v Value) Decimal() Decimal {
	switch v.typ {
	case TypeInteger:
		return DecimalOf(v.num)
	case TypeDecimal:
		return Decimal{units: v.num, scale: v.scale}
	}
	return Decimal{}
}

// Date returns a date cell's value (the zero Date for any other cell).
func (v Value) Date() Date {
	if v.typ != TypeDate || v.empty {
		return Date{}
	}
	return Date{Year: int(v.num / 10000), Month: time.Month(v.num / 100 % 100), Day: int(v.num % 100)}
}

// List returns the items of a list cell, in the order written. A single
// (non-list) reference or text cell returns a one-item list, an empty cell
// none.
func (v Value) List() []string {
	if v.list != nil {
		return append([]string(nil), *v.list...)
	}
	if v.IsEmpty() {
		return nil
	}
	return []string{v.text}
}

func emptyValue(t Type, pos diag.Pos) Value { return Value{Pos: pos, typ: t, empty: true} }

func textValue(t Type, s string, pos diag.Pos) Value { return Value{Pos: pos, typ: t, text: s} }

// The constructors take the cell's text as written, which is kept as the
// canonical text when it is already canonical, rather than a copy.

func intValue(n int64, written string, pos diag.Pos) Value {
	return Value{Pos: pos, typ: TypeInteger, num: n, text: canonical(written, strconv.FormatInt(n, 10))}
}

func decimalValue(d Decimal, written string, pos diag.Pos) Value {
	return Value{Pos: pos, typ: TypeDecimal, num: d.units, scale: d.scale, text: canonical(written, d.String())}
}

func dateValue(d Date, written string, pos diag.Pos) Value {
	return Value{Pos: pos, typ: TypeDate, num: int64(d.Year)*10000 + int64(d.Month)*100 + int64(d.Day), text: canonical(written, d.String())}
}

func listValue(t Type, items []string, pos diag.Pos) Value {
	if len(items) == 0 {
		return emptyValue(t, pos)
	}
	return Value{Pos: pos, typ: t, list: &items}
}

// canonical returns written if it is the canonical form, else the form.
func canonical(written, form string) string {
	if written == form {
		return written
	}
	return form
}
