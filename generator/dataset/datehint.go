package dataset

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// The ways dates are commonly mistyped or exported by spreadsheets.
var (
	dayFirst  = regexp.MustCompile(`^([0-9]{1,2})[/.\-]([0-9]{1,2})[/.\-]([0-9]{4})$`)
	yearFirst = regexp.MustCompile(`^([0-9]{4})[/.\-]([0-9]{1,2})[/.\-]([0-9]{1,2})$`)
	withTime  = regexp.MustCompile(`^([0-9]{4}-[0-9]{2}-[0-9]{2})[T ][0-9]`)
	// A spreadsheet that exports a date cell's number counts days from
	// 1899-12-30; 5-digit numbers cover 1927 to 2173.
	serial = regexp.MustCompile(`^[0-9]{5}$`)
)

const dateFormatHint = "write dates as YYYY-MM-DD"

// dateHint explains how to write s as a date, giving the corrected date
// when it can be worked out unambiguously.
func dateHint(s string) string {
	var y, m, d int
	if p := dayFirst.FindStringSubmatch(s); p != nil {
		d, m, y = atoi(p[1]), atoi(p[2]), atoi(p[3])
	} else if p := yearFirst.FindStringSubmatch(s); p != nil {
		y, m, d = atoi(p[1]), atoi(p[2]), atoi(p[3])
	} else if p := withTime.FindStringSubmatch(s); p != nil {
		if _, err := ParseDate(p[1]); err == nil {
			return fmt.Sprintf("%s without a time: %s", dateFormatHint, p[1])
		}
	} else if serial.MatchString(s) {
		day := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, atoi(s))
		return fmt.Sprintf("this looks like a spreadsheet's number for the date %s; format the column as text YYYY-MM-DD before saving",
			day.Format(time.DateOnly))
	}
	if m < 1 || m > 12 || y < 1 || d < 1 {
		return dateFormatHint + ", e.g. 2025-02-28"
	}
	month := time.Month(m)
	if last := daysIn(y, month); d > last {
		return fmt.Sprintf("%s, e.g. %s; %s %d has %d days", dateFormatHint,
			Date{Year: y, Month: month, Day: last}, month, y, last)
	}
	return fmt.Sprintf("%s: %s", dateFormatHint, Date{Year: y, Month: month, Day: d})
}

func atoi(s string) int {
	n, _ := strconv.Atoi(strings.TrimLeft(s, "0"))
	return n
}
