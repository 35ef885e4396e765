package tomldecode

import (
	"regexp"
	"strconv"
	"time"

	"github.com/plinth-ssg/plinth/generator/diag"
)

// slashDate matches a key set to a bare date written the way people write
// dates in letters and spreadsheets (29/11/2026, 29.11.2026, 2026/11/29),
// which TOML cannot read: its dates are 2026-11-29.
var slashDate = regexp.MustCompile(`^\s*([A-Za-z0-9_-]+)\s*=\s*(([0-9]{1,2})[/.]([0-9]{1,2})[/.]([0-9]{4})|([0-9]{4})[/.]([0-9]{1,2})[/.]([0-9]{1,2}))\s*(#.*)?$`)

// dateMistake turns a syntax error on a line such as
// "reviewed = 29/11/2026" into a diagnostic about the date, at the date,
// with the date rewritten as TOML wants it. It reports false for any
// other line.
func dateMistake(src *diag.Source, line int) (diag.Diagnostic, bool) {
	text := src.Line(line)
	m := slashDate.FindStringSubmatchIndex(text)
	if m == nil {
		return diag.Diagnostic{}, false
	}
	group := func(i int) string {
		if m[2*i] < 0 {
			return ""
		}
		return text[m[2*i]:m[2*i+1]]
	}
	key, written := group(1), group(2)
	d, mo, y := group(3), group(4), group(5)
	if d == "" {
		y, mo, d = group(6), group(7), group(8)
	}
	at := src.Pos(src.LineStart(line) + m[4])
	diagnostic := src.At(at, "the date %s is not written as YYYY-MM-DD", written)
	day, _ := strconv.Atoi(d)
	month, _ := strconv.Atoi(mo)
	year, _ := strconv.Atoi(y)
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if month < 1 || month > 12 || day < 1 || t.Day() != day {
		return diagnostic.WithHint("write dates as YYYY-MM-DD (year, month, day) without quotes, like %s = 2026-11-29", key), true
	}
	return diagnostic.WithHint("write dates as YYYY-MM-DD (year, month, day) without quotes: %s = %s", key, t.Format(time.DateOnly)), true
}

// isoDate matches a date written as TOML writes dates, at the start of a
// value, possibly followed by a time.
var isoDate = regexp.MustCompile(`^([0-9]{4})-([0-9]{2})-([0-9]{2})`)

// noSuchDate turns TOML's "invalid datetime" at a value such as
// 2026-02-30, well written but not a day of the calendar, into a
// diagnostic that says which part is wrong. It reports false for any
// other value.
func noSuchDate(src *diag.Source, at diag.Pos, offset int) (diag.Diagnostic, bool) {
	text := src.Line(at.Line)
	col := offset - src.LineStart(at.Line)
	if col < 0 || col > len(text) {
		return diag.Diagnostic{}, false
	}
	m := isoDate.FindStringSubmatch(text[col:])
	if m == nil {
		return diag.Diagnostic{}, false
	}
	year, _ := strconv.Atoi(m[1])
	month, _ := strconv.Atoi(m[2])
	day, _ := strconv.Atoi(m[3])
	if month < 1 || month > 12 {
		return src.At(at, "%s is not a date: there is no month %d", m[0], month).
			WithHint("dates are written YYYY-MM-DD (year, month, day), like 2026-11-29; check that the month comes before the day"), true
	}
	// The day after the month's last is the first of the next month.
	last := time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	if day < 1 || day > last {
		return src.At(at, "%s is not a date: %s %d has %d days", m[0], time.Month(month), year, last).
			WithHint("check the day; dates are written YYYY-MM-DD (year, month, day), like 2026-11-29"), true
	}
	return diag.Diagnostic{}, false
}
