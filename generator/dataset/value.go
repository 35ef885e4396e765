package dataset

import (
	"strconv"
	"strings"

	"github.com/plinth-ssg/plinth/generator/diag"
)

// Value is one typed cell of a dataset. The zero Value is an empty cell.
// Which accessor is meaningful depends on the column's type: Int for
// integers, Decimal for decimals (and integers), Date for dates, Text for
// text, enum values and references, List for list columns.
type Value struct {
	// Pos is where the cell is in its data file.
	Pos diag.Pos

	typ   Type
	empty bool
	text  string // text, enum value or canonical reference; canonical form of numbers and dates
	num   int64
	dec   Decimal
	date  Date
	list  []string
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
		return strings.Join(v.list, "; ")
	}
	return v.text
}

// String is Text, so that a value prints as its content.
func (v Value) String() string { return v.Text() }

// Int returns an integer cell's value (0 for any other cell).
func (v Value) Int() int64 { return v.num }

// Decimal returns a decimal or integer cell's value.
func (v Value) Decimal() Decimal {
	if v.typ == TypeInteger {
		return DecimalOf(v.num)
	}
	return v.dec
}

// Date returns a date cell's value (the zero Date for any other cell).
func (v Value) Date() Date { return v.date }

// List returns the items of a list cell, in the order written. A single
// (non-list) reference or text cell returns a one-item list, an empty cell
// none.
func (v Value) List() []string {
	if v.list != nil {
		return append([]string(nil), v.list...)
	}
	if v.IsEmpty() {
		return nil
	}
	return []string{v.text}
}

func emptyValue(t Type, pos diag.Pos) Value { return Value{Pos: pos, typ: t, empty: true} }

func textValue(t Type, s string, pos diag.Pos) Value { return Value{Pos: pos, typ: t, text: s} }

func intValue(n int64, pos diag.Pos) Value {
	return Value{Pos: pos, typ: TypeInteger, num: n, text: strconv.FormatInt(n, 10)}
}

func decimalValue(d Decimal, pos diag.Pos) Value {
	return Value{Pos: pos, typ: TypeDecimal, dec: d, text: d.String()}
}

func dateValue(d Date, pos diag.Pos) Value {
	return Value{Pos: pos, typ: TypeDate, date: d, text: d.String()}
}

func listValue(t Type, items []string, pos diag.Pos) Value {
	if len(items) == 0 {
		return emptyValue(t, pos)
	}
	return Value{Pos: pos, typ: t, list: items}
}
