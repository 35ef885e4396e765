package dataset

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/plinth-ssg/plinth/generator/diag"
)

// cellChecker turns the text of cells into typed values, reporting every
// bad cell. It is shared by the CSV and TOML loaders so that both say the
// same thing about the same mistake.
type cellChecker struct {
	spec *Spec
	refs *refs
	src  *diag.Source
	l    *diag.List
	keys map[string]keyUse // joined key values → first row using them
	// knockOns maps a broken reference file to the index in l of the
	// first cell that could not be checked against it; the others are
	// counted on it (diag.Diagnostic.Again).
	knockOns map[string]int
}

type keyUse struct {
	where string
	pos   diag.Pos
}

func newCellChecker(spec *Spec, r *refs, src *diag.Source, l *diag.List) *cellChecker {
	return &cellChecker{spec: spec, refs: r, src: src, l: l, keys: map[string]keyUse{}, knockOns: map[string]int{}}
}

// errorf reports a problem with a cell at pos, with the source line.
func (cc *cellChecker) errorf(pos diag.Pos, hint, format string, args ...any) {
	cc.l.Add(cc.src.At(pos, format, args...).WithHint("%s", hint))
}

// cell parses one cell of column c. where names the row for messages
// ("row 14").
func (cc *cellChecker) cell(c *Column, text string, pos diag.Pos, where string) (Value, bool) {
	text = strings.TrimSpace(text)
	if text == "" {
		if c.Required {
			hint := "every row needs a value in this column"
			if slices.Contains(cc.spec.Key, c.Name) {
				hint = "this column identifies the row, so it cannot be empty"
			}
			cc.errorf(pos, hint, "column %q in %s is empty", c.Name, where)
			return emptyValue(c.Type, pos), false
		}
		return emptyValue(c.Type, pos), true
	}
	fail := func(msg, hint string) (Value, bool) {
		cc.errorf(pos, hint, "column %q in %s: %s", c.Name, where, msg)
		return emptyValue(c.Type, pos), false
	}
	switch c.Type {
	case TypeInteger:
		n, msg, hint := parseInteger(text)
		if msg != "" {
			return fail(msg, hint)
		}
		if msg, hint := bounds(c, DecimalOf(n), text); msg != "" {
			return fail(msg, hint)
		}
		return intValue(n, text, pos), true
	case TypeDecimal:
		d, msg, hint := parseDecimal(text)
		if msg != "" {
			return fail(msg, hint)
		}
		if msg, hint := bounds(c, d, text); msg != "" {
			return fail(msg, hint)
		}
		return decimalValue(d, text, pos), true
	case TypeDate:
		d, err := ParseDate(text)
		if err != nil {
			return fail(fmt.Sprintf("%q is not a date", text), dateHint(text))
		}
		if d.Year < FirstYear || d.Year > LastYear {
			return fail(fmt.Sprintf("the year of %s is not a likely year", text),
				fmt.Sprintf("check the year: a date in a data file lies between %d and %d", FirstYear, LastYear))
		}
		return dateValue(d, text, pos), true
	}
	if !c.List {
		v, msg, hint := cc.item(c, text)
		if msg != "" && cc.knockOn(c, text, pos, where) {
			return emptyValue(c.Type, pos), false
		}
		if msg != "" {
			return fail(msg, hint)
		}
		return textValue(c.Type, v, pos), true
	}
	var items []string
	ok := true
	for _, part := range strings.Split(text, c.Separator) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue // "a;b;" is a common way to end a list
		}
		v, msg, hint := cc.item(c, part)
		switch {
		case msg != "" && cc.knockOn(c, part, pos, where):
			ok = false
		case msg != "":
			cc.errorf(pos, hint, "column %q in %s: %s", c.Name, where, msg)
			ok = false
		case slices.Contains(items, v):
			cc.errorf(pos, "list each value once", "column %q in %s: %q is listed twice", c.Name, where, part)
			ok = false
		default:
			items = append(items, v)
		}
	}
	if len(items) == 0 && ok && c.Required {
		cc.errorf(pos, "every row needs a value in this column", "column %q in %s is empty", c.Name, where)
		ok = false
	}
	return listValue(c.Type, items, pos), ok
}

// knockOn reports a reference that could not be found in a reference file
// (data/regions.toml, data/professions.toml) which has errors of its own,
// as a knock-on of those errors, and reports whether it did so.
func (cc *cellChecker) knockOn(c *Column, s string, pos diag.Pos, where string) bool {
	file := cc.refs.brokenFor(c.Type, s)
	if file == "" {
		return false
	}
	if i, ok := cc.knockOns[file]; ok {
		(*cc.l)[i] = (*cc.l)[i].Again()
		return true
	}
	cc.knockOns[file] = len(*cc.l)
	cc.l.Add(cc.src.At(pos, "column %q in %s: %q cannot be checked, because %s has errors", c.Name, where, s, file).
		WithHint("fix the errors in %s first", file).
		Because(file, "cells that use it"))
	return true
}

// item checks one value of a text, enum or reference column, returning its
// canonical form or a message and hint.
func (cc *cellChecker) item(c *Column, s string) (canonical, msg, hint string) {
	switch c.Type {
	case TypeEnum:
		if slices.Contains(c.Values, s) {
			return s, "", ""
		}
		return "", fmt.Sprintf("%q is not one of the allowed values", s),
			didYouMean(s, c.Values) + "the allowed values are: " + strings.Join(c.Values, ", ")
	case TypeRegion:
		if cc.refs.regions[s] || (c.National && s == National) {
			return s, "", ""
		}
		keys := cc.refs.regionKeys
		if c.National {
			keys = append([]string{National}, keys...)
		}
		return "", fmt.Sprintf("%q is not a region", s), refHint(s, keys, cc.refs.regionNames, c, RegionsPath)
	case TypeProfession:
		if cc.refs.professions[s] {
			return s, "", ""
		}
		return "", fmt.Sprintf("%q is not a profession", s), refHint(s, cc.refs.profKeys, cc.refs.profNames, c, ProfessionsPath)
	case TypeStandard:
		canonical, msg, hint := cc.refs.standard(s)
		return canonical, msg, hint
	}
	return s, "", ""
}

// refHint explains how to write a region or profession key.
func refHint(s string, keys []string, names map[string]string, c *Column, file string) string {
	if key, ok := names[fold(s)]; ok {
		return fmt.Sprintf("write the key %q rather than the name", key)
	}
	if s == National {
		return fmt.Sprintf("this column does not accept %q; the keys are: %s", National, strings.Join(keys, ", "))
	}
	if len(keys) == 0 {
		return fmt.Sprintf("there is no list to check against: %s is missing or empty", file)
	}
	return didYouMean(s, keys) + fmt.Sprintf("the keys are: %s (listed in %s)", strings.Join(keys, ", "), file)
}

// checkKey reports a row whose key repeats an earlier row's.
func (cc *cellChecker) checkKey(values []Value, where string) {
	if len(cc.spec.Key) == 0 {
		return
	}
	var joined, shown []string
	var first diag.Pos
	for i, name := range cc.spec.Key {
		v := values[cc.spec.columnIndex(name)]
		if v.IsEmpty() {
			return // already reported as empty or malformed
		}
		if i == 0 {
			first = v.Pos
		}
		joined = append(joined, v.Text())
		shown = append(shown, fmt.Sprintf("%s %q", name, v.Text()))
	}
	k := strings.Join(joined, "\x00")
	if prev, dup := cc.keys[k]; dup {
		cc.errorf(first, fmt.Sprintf("the first is at %s; each row needs its own %s", prev.pos, strings.Join(cc.spec.Key, " and ")),
			"duplicate key: %s has the same %s as %s", where, strings.Join(shown, " and "), prev.where)
		return
	}
	cc.keys[k] = keyUse{where: where, pos: first}
}

func bounds(c *Column, d Decimal, text string) (msg, hint string) {
	if c.Min != nil && d.Cmp(DecimalOf(*c.Min)) < 0 {
		return fmt.Sprintf("%s is less than the smallest allowed value, %d", text, *c.Min), rangeHint(c)
	}
	if c.Max != nil && d.Cmp(DecimalOf(*c.Max)) > 0 {
		return fmt.Sprintf("%s is more than the largest allowed value, %d", text, *c.Max), rangeHint(c)
	}
	return "", ""
}

func rangeHint(c *Column) string {
	switch {
	case c.Min != nil && c.Max != nil:
		return fmt.Sprintf("values in this column go from %d to %d", *c.Min, *c.Max)
	case c.Min != nil:
		return fmt.Sprintf("values in this column are at least %d", *c.Min)
	default:
		return fmt.Sprintf("values in this column are at most %d", *c.Max)
	}
}

func parseInteger(s string) (n int64, msg, hint string) {
	n, err := strconv.ParseInt(strings.TrimPrefix(s, "+"), 10, 64)
	if err == nil && !strings.HasPrefix(s, "+-") {
		return n, "", ""
	}
	msg = fmt.Sprintf("%q is not a whole number", s)
	if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
		return 0, msg, "the number is too large"
	}
	return 0, msg, numberHint(s, "write a whole number, like 42")
}

func parseDecimal(s string) (d Decimal, msg, hint string) {
	d, err := ParseDecimal(s)
	if err == nil {
		return d, "", ""
	}
	msg = fmt.Sprintf("%q is not a number", s)
	if err != errDecimalSyntax {
		return Decimal{}, msg, "write at most 18 digits"
	}
	switch {
	case strings.HasPrefix(s, ".") || strings.HasPrefix(s, "-."):
		return Decimal{}, msg, "write a 0 before the decimal point, like 0.5"
	case strings.Count(s, ",") == 1 && !strings.Contains(s, ".") && len(s)-strings.Index(s, ",") != 4:
		return Decimal{}, msg, "use a full stop for the decimal point, like 1.5"
	}
	return Decimal{}, msg, numberHint(s, "write a number, like 12 or 12.5")
}

// numberHint recognises the usual ways a number is mistyped.
func numberHint(s, fallback string) string {
	digitsOnly := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' || r == '.' || r == '-' {
			return r
		}
		return -1
	}, s)
	switch {
	case strings.HasSuffix(s, "%"):
		return fmt.Sprintf("write the number without the %% sign, like %s", strings.TrimSpace(strings.TrimSuffix(s, "%")))
	case strings.ContainsAny(s, ", ") && digitsOnly != "" && strings.Trim(s, "0123456789., -") == "":
		return fmt.Sprintf("write numbers without commas or spaces, like %s", digitsOnly)
	case strings.Contains(fallback, "whole") && digitsOnly != "" && strings.Contains(s, ".") && strings.Trim(s, "0123456789.-") == "":
		return "this column takes whole numbers only, like 12"
	}
	return fallback
}
