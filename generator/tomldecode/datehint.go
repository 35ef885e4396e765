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
